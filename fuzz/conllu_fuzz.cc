// The CoNLL-U reader (syntax/conllu.h) on arbitrary bytes: it either fails
// with "origin...: reason" or reads sentences whose heads are "_" or point at words
// of their sentence, and what it reads writes back and reads again the same.
#include <cstdlib>
#include <sstream>

#include "syntax/conllu.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  auto read = sitrep::ReadConllu(in, "fuzz.conllu");
  if (!read.ok()) {
    if (read.status().message().rfind("fuzz.conllu:", 0) != 0) std::abort();
    return 0;
  }
  std::ostringstream out;
  for (const auto& s : *read) {
    for (const auto& w : s.words)
      if (w.head < -1 || w.head > static_cast<int>(s.words.size())) std::abort();  // -1 is "_"
    sitrep::WriteConllu(s, out);
  }
  std::istringstream back(out.str());
  auto again = sitrep::ReadConllu(back, "again");
  if (!again.ok() || again->size() != read->size()) std::abort();
  for (size_t i = 0; i < read->size(); ++i)
    if ((*again)[i].words.size() != (*read)[i].words.size()) std::abort();
  return 0;
}
