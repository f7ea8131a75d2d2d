// UTF-8 decoding and repair (base/utf8.h) on arbitrary bytes. Checks the
// contracts the later stages rely on: the repaired text is valid UTF-8, a
// second repair changes nothing, valid input is copied unchanged, and the
// byte -> code point index agrees with a direct count.
#include <cstdlib>
#include <string>

#include "base/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string out;
  size_t bad = sitrep::RepairUtf8(in, &out);
  if (bad == 0 && out != in) std::abort();
  std::string again;
  if (sitrep::RepairUtf8(out, &again) != 0 || again != out) std::abort();

  size_t pos = 0, decoded = 0;
  while (pos < out.size()) {
    size_t before = pos;
    if (sitrep::DecodeUtf8(out, &pos) < 0) std::abort();
    if (pos <= before || pos > out.size()) std::abort();
    ++decoded;
  }
  if (decoded != sitrep::CountCodePoints(out)) std::abort();

  sitrep::CodePointIndex index(out);
  size_t cp = 0;
  pos = 0;
  while (pos < out.size()) {
    if (index.ToCodePoint(pos) != static_cast<int64_t>(cp)) std::abort();
    sitrep::DecodeUtf8(out, &pos);
    ++cp;
  }
  if (index.ToCodePoint(out.size()) != static_cast<int64_t>(cp)) std::abort();

  // Decoding the raw input never reads past its end either.
  pos = 0;
  while (pos < in.size()) {
    size_t before = pos;
    sitrep::DecodeUtf8(in, &pos);
    if (pos <= before || pos > in.size()) std::abort();
  }
  return 0;
}
