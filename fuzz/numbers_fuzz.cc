// The number finder (mentions/number_finder.h) on arbitrary text: every
// count's span lies in the document, and low <= best <= high (when high is set).
#include <cstdlib>
#include <memory>

#include "fuzz/fuzz_util.h"
#include "mentions/number_finder.h"
#include "text/document.h"

namespace {

const sitrep::NumberFinder& Loaded() {
  static std::vector<std::string> warnings;
  static const std::unique_ptr<sitrep::NumberFinder> finder =
      sitrep::fuzz::Must(sitrep::NumberFinder::Create(sitrep::fuzz::LexiconDir(), &warnings), "numbers");
  return *finder;
}

}  // namespace

// Loads the data before the first input, so that loading is not timed as
// one (libFuzzer's -timeout).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)Loaded();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const sitrep::NumberFinder* finder = &Loaded();
  auto analyzed = sitrep::AnalyzeDocument(sitrep::fuzz::DocumentFromInput(data, size), 1u << 20);
  if (!analyzed.ok()) return 0;
  const sitrep::Document& doc = **analyzed;
  for (const auto& n : finder->Find(doc)) {
    if (n.toks.end > doc.tokens.size() || n.toks.begin >= n.toks.end) std::abort();
    if (n.span.end > doc.text.size() || n.span.begin > n.span.end) std::abort();
    if (n.value.low > n.value.best || (n.value.high && n.value.best > *n.value.high)) std::abort();
  }
  return 0;
}
