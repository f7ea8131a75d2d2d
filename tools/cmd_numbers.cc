// sitrep numbers [INPUT...]: one JSON line per count, for debugging the
// number finder: {"doc","start","end","text","low","best","high","noun","class","rule"}
// (code point offsets into the text as given).
#include <iostream>
#include <nlohmann/json.hpp>

#include "ingest/reader.h"
#include "mentions/number_finder.h"
#include "pipeline/pipeline_impl.h"
#include "text/document.h"
#include "tools/command.h"

namespace sitrep::cli {
namespace {

struct NumbersFlags {
  std::vector<std::string> inputs;
  std::string output, date;
  PipelineFlags pipeline;
};

int RunNumbers(const NumbersFlags& f) {
  ReaderOptions ropt;
  ropt.max_document_bytes = f.pipeline.max_bytes;
  if (!f.date.empty() && !ParsePubDate(f.date, &ropt.date)) {
    Report("--date", "'" + f.date + "' is not YYYY-MM-DD or YYYY-MM");
    return 2;
  }
  std::vector<std::string> warnings;
  auto finder = NumberFinder::Create(ResolveDataDir(f.pipeline.data_dir) + "/lexicons", &warnings);
  if (!finder.ok()) {
    Report("setup", finder.status().message());
    return 2;
  }
  for (const auto& w : warnings) Report("data", w);
  OutputFile out;
  if (!out.Open(f.output)) {
    Report(f.output, "cannot write the output file");
    return 2;
  }
  size_t processed = 0, found = 0;
  auto sink = [&](RawDocument&& raw) {
    auto doc = AnalyzeDocument(raw, f.pipeline.max_bytes);
    if (!doc.ok()) {
      Report(raw.origin, doc.status().message() + "; skipped");
      return;
    }
    ++processed;
    for (const auto& m : (*finder)->Find(**doc)) {
      nlohmann::json j;
      j["doc"] = (*doc)->id;
      j["start"] = (*doc)->Cp(m.span.begin);
      j["end"] = (*doc)->Cp(m.span.end);
      j["text"] = std::string((*doc)->Slice(m.span));
      j["low"] = m.value.low;
      j["best"] = m.value.best;
      j["high"] = m.value.high ? nlohmann::json(*m.value.high) : nlohmann::json(nullptr);
      j["noun"] = std::string((*doc)->Slice(m.noun));
      j["class"] = m.noun_class;
      j["rule"] = m.rule;
      out.stream() << j.dump() << '\n';
      ++found;
    }
  };
  ReadStats stats = ReadInputs(f.inputs, ropt, sink, Report);
  out.stream().flush();
  std::cerr << "sitrep numbers: " << processed << " document(s) read, " << found << " count(s), "
            << stats.skipped << " skipped\n";
  return processed == 0 ? 2 : 0;
}

CommandRegistration reg(41, [](CLI::App& app, int* exit_code) {
  auto f = std::make_shared<NumbersFlags>();
  auto* cmd = app.add_subcommand(
      "numbers", "Write the counts found in articles with the noun they count (JSON Lines)");
  cmd->add_option(
      "inputs", f->inputs,
      "JSON Lines files, .txt files, folders of these, or '-' (default: standard input)");
  cmd->add_option("-o,--output", f->output, "write here instead of standard output");
  cmd->add_option("--date", f->date,
                  "publication date (YYYY-MM-DD or YYYY-MM) anchoring plain-text inputs");
  f->pipeline.AddTo(cmd);
  cmd->callback([f, exit_code] { *exit_code = RunNumbers(*f); });
});

}  // namespace
}  // namespace sitrep::cli
