// The stages the pipeline owns, in the order Run() calls them. Only this
// file and pipeline.cc know that order.
#ifndef SITREP_PIPELINE_PIPELINE_IMPL_H_
#define SITREP_PIPELINE_PIPELINE_IMPL_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "events/assembler.h"
#include "mentions/actor_finder.h"
#include "mentions/source_finder.h"
#include "gazetteer/gazetteer.h"
#include "mentions/place_finder.h"
#include "mentions/date_finder.h"
#include "mentions/number_finder.h"
#include "mentions/trigger_finder.h"
#include "sitrep/pipeline.h"
#include "syntax/syntax_model.h"

namespace sitrep {

class PipelineImpl {
 public:
  PipelineOptions options;
  std::string data_dir;
  std::string data_version;
  std::vector<std::string> load_warnings;  // malformed lexicon rows, missing optional data
  std::unique_ptr<TriggerFinder> triggers;
  std::unique_ptr<ActorFinder> actors;
  std::unique_ptr<SourceFinder> sources;
  std::unique_ptr<Gazetteer> gazetteer;  // null when none was found (then no places)
  std::unique_ptr<PlaceFinder> places;   // null without a gazetteer
  std::unique_ptr<NumberFinder> numbers;
  std::unique_ptr<DateFinder> dates;
  std::unique_ptr<EventAssembler> assembler;
  // Tagger/lemmatiser/parser per language ("fr", "en"), from
  // <data_dir>/models/<lang>/syntax.bin; const and shared by all threads.
  std::map<std::string, std::unique_ptr<SyntaxModel>, std::less<>> syntax;
};

// Where the data folder is: the option, else $SITREP_DATA, else the source
// tree's data/ recorded at build time.
std::string ResolveDataDir(const std::string& option);

// Where the compiled gazetteer is: the option, else $SITREP_GAZETTEER, else
// the source tree's build/gazetteer.bin.
std::string ResolveGazetteerPath(const std::string& option);

}  // namespace sitrep

#endif  // SITREP_PIPELINE_PIPELINE_IMPL_H_
