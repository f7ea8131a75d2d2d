// The place finder (mentions/place_finder.h) over the compiled gazetteer on
// arbitrary text: spans lie in the document and every coordinate is on the
// globe. Needs build/gazetteer.bin (or $SITREP_GAZETTEER).
#include <cmath>
#include <cstdlib>
#include <memory>

#include "fuzz/fuzz_util.h"
#include "gazetteer/gazetteer.h"
#include "mentions/place_finder.h"
#include "text/document.h"

namespace {

std::string GazetteerPath() {
  if (const char* env = std::getenv("SITREP_GAZETTEER"); env && *env) return env;
  return std::string(SITREP_SOURCE_DIR) + "/build/gazetteer.bin";
}

const sitrep::PlaceFinder& Loaded() {
  static std::vector<std::string> warnings;
  static const std::unique_ptr<sitrep::Gazetteer> gazetteer =
      sitrep::fuzz::Must(sitrep::Gazetteer::Load(GazetteerPath()), "gazetteer");
  static const std::unique_ptr<sitrep::PlaceFinder> finder = sitrep::fuzz::Must(
      sitrep::PlaceFinder::Create(*gazetteer, sitrep::fuzz::LexiconDir(), &warnings), "places");
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
  const sitrep::PlaceFinder* finder = &Loaded();
  auto analyzed = sitrep::AnalyzeDocument(sitrep::fuzz::DocumentFromInput(data, size), 1u << 20);
  if (!analyzed.ok()) return 0;
  const sitrep::Document& doc = **analyzed;
  for (const auto& p : finder->Find(doc)) {
    if (p.span.end > doc.text.size() || p.span.begin > p.span.end) std::abort();
    if (p.toks.end > doc.tokens.size() || p.toks.begin > p.toks.end) std::abort();
    if (!(std::fabs(p.lat) <= 90) || !(std::fabs(p.lon) <= 180)) std::abort();
  }
  return 0;
}
