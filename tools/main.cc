// The sitrep command line: a thin layer over the public API. Exceptions stop
// here; every subcommand reports errors as messages and exit codes.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>

#include "sitrep/pipeline.h"
#include "tools/command.h"

namespace sitrep::cli {

std::vector<std::pair<int, CommandSetup>>& Commands() {
  static std::vector<std::pair<int, CommandSetup>> commands;
  return commands;
}

CommandRegistration::CommandRegistration(int order, CommandSetup setup) {
  Commands().emplace_back(order, std::move(setup));
}

void Report(const std::string& origin, const std::string& reason) {
  std::cerr << "sitrep: " << origin << ": " << reason << "\n";
}

void PipelineFlags::AddTo(CLI::App* cmd) {
  cmd->add_option("--data", data_dir, "data folder with lexicons/ (default: $SITREP_DATA or the source tree's data/)");
  cmd->add_option("--gazetteer", gazetteer, "compiled gazetteer (default: $SITREP_GAZETTEER or build/gazetteer.bin)");
  cmd->add_option("--max-bytes", max_bytes, "skip documents larger than this many bytes")->capture_default_str();
  cmd->add_flag("--background", background,
                "also give events the text recalls as context (an earlier attack), marked \"background\": true");
}

bool PipelineFlags::ReaderOptionsFor(const std::string& date, ReaderOptions* out) const {
  out->max_document_bytes = max_bytes;
  if (!date.empty() && !ParsePubDate(date, &out->date)) {
    Report("--date", "'" + date + "' is not YYYY-MM-DD or YYYY-MM");
    return false;
  }
  return true;
}

std::unique_ptr<Pipeline> PipelineFlags::CreatePipeline(bool require_gazetteer) const {
  PipelineOptions popt;
  popt.data_dir = data_dir;
  popt.gazetteer_path = gazetteer;
  popt.max_document_bytes = max_bytes;
  popt.require_gazetteer = require_gazetteer;
  popt.keep_background = background;
  auto pipeline = Pipeline::Create(popt);
  if (!pipeline.ok()) {
    Report("setup", pipeline.status().message());
    return nullptr;
  }
  return std::move(pipeline).value();
}

struct OutputFile::Impl {
  std::ofstream file;
};

bool OutputFile::Open(const std::string& path) {
  if (path.empty() || path == "-") return true;
  impl_ = new Impl;
  impl_->file.open(path, std::ios::binary | std::ios::trunc);
  return impl_->file.good();
}

std::ostream& OutputFile::stream() { return impl_ ? static_cast<std::ostream&>(impl_->file) : std::cout; }

OutputFile::~OutputFile() { delete impl_; }

}  // namespace sitrep::cli

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  CLI::App app{
      "sitrep: turns news reports about armed conflict into an evidence-backed event dataset\n"
      "(ACLED-compatible events; every figure says who claimed it and points back to its words).\n"
      "Place data: GeoNames (CC BY 4.0), Natural Earth."};
  app.set_version_flag("--version", [] {
    // Loading the pipeline tells which data is in use (lexicons hash, gazetteer format and hash).
    std::string data;
    auto p = sitrep::Pipeline::Create({});
    data = p.ok() ? (*p)->DataVersion() : "data unavailable: " + p.status().message();
    return std::string("sitrep ") + SITREP_VERSION + "\npipeline: " + sitrep::Pipeline::Version() +
           "\noutput schema: sitrep.event/1\ndata: " + data;
  });
  app.footer("Run 'sitrep COMMAND --help' for a command's options. docs/ describes the outputs.");
  app.require_subcommand(1);
  int exit_code = 0;
  auto& commands = sitrep::cli::Commands();
  std::sort(commands.begin(), commands.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [order, setup] : commands) setup(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "sitrep: " << e.what() << "\n";
    return 1;
  }
  return exit_code;
}
