// Shared by the libFuzzer targets of this folder (see fuzz/README.md): the
// data folder, and how a fuzz input becomes a RawDocument.
#ifndef SITREP_FUZZ_FUZZ_UTIL_H_
#define SITREP_FUZZ_FUZZ_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sitrep/document.h"
#include "sitrep/status.h"

namespace sitrep::fuzz {

// The project's data/ folder ($SITREP_DATA, else the source tree's).
inline std::string DataDir() {
  if (const char* env = std::getenv("SITREP_DATA"); env && *env) return env;
  return std::string(SITREP_SOURCE_DIR) + "/data";
}

inline std::string LexiconDir() { return DataDir() + "/lexicons"; }

// A loader the target cannot do without failed: say why and stop (this is
// set-up, not a finding).
template <typename T>
T Must(StatusOr<T> v, const char* what) {
  if (!v.ok()) {
    std::fprintf(stderr, "fuzz set-up: %s: %s\n", what, v.status().message().c_str());
    std::abort();
  }
  return std::move(v).value();
}

// The first byte chooses the declared language (none, fr, en) and whether
// the document has a publication date (day, month or none); the rest is
// the text. So one corpus exercises both languages and all anchor kinds.
inline RawDocument DocumentFromInput(const uint8_t* data, size_t size) {
  RawDocument doc;
  doc.id = "fuzz";
  doc.origin = "fuzz:1";
  if (size == 0) return doc;
  uint8_t mode = data[0];
  static const char* kLang[] = {"", "fr", "en", "fr"};
  doc.lang = kLang[mode & 3];
  switch ((mode >> 2) & 3) {
    case 0: doc.date = {2024, 2, 29}; break;
    case 1: doc.date = {2023, 12, 0}; break;
    case 2: doc.date = {2019, 1, 1}; break;
    default: break;  // no date: relative expressions stay unknown
  }
  doc.bytes.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  return doc;
}

}  // namespace sitrep::fuzz

#endif  // SITREP_FUZZ_FUZZ_UTIL_H_
