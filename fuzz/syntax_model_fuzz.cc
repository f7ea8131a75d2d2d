// The syntax model loader (syntax/syntax_model.h) on an arbitrary body:
// the file's hash is computed over the input as a model file would carry
// it, so the body's parser and the tables' checks are what is exercised.
// A body that loads must tag and parse a sentence without going out of
// bounds; heads stay inside the sentence. Each body is read as every
// format this build reads (they differ in the parser's feature-set field).
#include <cstdlib>

#include "syntax/syntax_model.h"

namespace {

void Check(const std::string& body, uint32_t format) {
  auto model = sitrep::SyntaxModel::FromBody(body, 0, "fuzz.bin", format);
  if (!model.ok()) return;
  static const std::vector<std::string> kWords = {"Les", "forces", "ont", "frappé", "Alep", "hier",
                                                  "and", "the", "army", "said", "3", "."};
  std::vector<sitrep::WordAnalysis> out;
  (*model)->Analyze(kWords, &out);
  if (out.size() != kWords.size()) std::abort();
  for (const auto& w : out) {
    if (w.head < -1 || w.head >= static_cast<int>(kWords.size())) std::abort();
    (void)(*model)->FeatsName(w.feats);
    (void)(*model)->LabelName(w.label);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string body(reinterpret_cast<const char*>(data), size);
  for (uint32_t format = sitrep::kOldestSyntaxFormatVersion; format <= sitrep::kSyntaxFormatVersion; ++format)
    Check(body, format);
  return 0;
}
