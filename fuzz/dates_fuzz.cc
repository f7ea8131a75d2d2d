// The date finder with the date resolver (mentions/date_finder.h,
// resolve/date_resolver.h) on arbitrary text and anchors: spans lie in the
// document, and a resolved interval is a real calendar range (start <= end,
// both valid days) or unknown.
#include <cstdlib>
#include <memory>

#include "base/dates.h"
#include "fuzz/fuzz_util.h"
#include "mentions/date_finder.h"
#include "text/document.h"

namespace {

bool RealDay(const sitrep::Ymd& d) {
  return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 && d.d >= 1 && d.d <= 31;
}

const sitrep::DateFinder& Loaded() {
  static std::vector<std::string> warnings;
  static const std::unique_ptr<sitrep::DateFinder> finder =
      sitrep::fuzz::Must(sitrep::DateFinder::Create(sitrep::fuzz::LexiconDir(), &warnings), "dates");
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
  const sitrep::DateFinder* finder = &Loaded();
  auto analyzed = sitrep::AnalyzeDocument(sitrep::fuzz::DocumentFromInput(data, size), 1u << 20);
  if (!analyzed.ok()) return 0;
  const sitrep::Document& doc = **analyzed;
  for (const auto& m : finder->Find(doc)) {
    if (m.span.end > doc.text.size() || m.span.begin > m.span.end) std::abort();
    if (m.toks.end > doc.tokens.size() || m.toks.begin > m.toks.end) std::abort();
    const auto& iv = m.interval;
    if (iv.precision == sitrep::DatePrecision::kUnknown) continue;
    if (!RealDay(iv.start) || !RealDay(iv.end) || iv.end < iv.start) std::abort();
  }
  return 0;
}
