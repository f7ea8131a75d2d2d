// Each subcommand lives in its own file and registers itself here, so the
// CLI's main() never changes when a subcommand is added.
#ifndef SITREP_TOOLS_COMMAND_H_
#define SITREP_TOOLS_COMMAND_H_

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "ingest/reader.h"
#include "sitrep/pipeline.h"

namespace sitrep::cli {

// `sitrep --help` lists the subcommands by task, in this order (each
// subcommand sets its group with CLI::App::group()).
inline constexpr const char* kGroupExtract = "Extract events from articles";
inline constexpr const char* kGroupStore = "Store, query and serve events";
inline constexpr const char* kGroupStages = "Look at one stage's findings";
inline constexpr const char* kGroupData = "Build the data (gazetteer, syntax models)";

// Adds the subcommand to `app`; its callback stores the process exit status in *exit_code.
using CommandSetup = std::function<void(CLI::App& app, int* exit_code)>;

struct CommandRegistration {
  CommandRegistration(int order, CommandSetup setup);
};

std::vector<std::pair<int, CommandSetup>>& Commands();

// "sitrep: <origin>: <reason>" on standard error.
void Report(const std::string& origin, const std::string& reason);

// Options every pipeline-running subcommand shares.
struct PipelineFlags {
  std::string data_dir, gazetteer;
  size_t max_bytes = 10u << 20;
  bool background = false;  // keep events recalled as context
  void AddTo(CLI::App* cmd);
  // Reader options from these flags and --date; reports a bad date and returns false.
  bool ReaderOptionsFor(const std::string& date, ReaderOptions* out) const;
  // Creates the pipeline; reports the reason and returns null on failure.
  std::unique_ptr<Pipeline> CreatePipeline(bool require_gazetteer = false) const;
};

// Writes to --output when given, else standard output.
class OutputFile {
 public:
  bool Open(const std::string& path);
  std::ostream& stream();
  ~OutputFile();

 private:
  struct Impl;
  Impl* impl_ = nullptr;
};

}  // namespace sitrep::cli

#endif  // SITREP_TOOLS_COMMAND_H_
