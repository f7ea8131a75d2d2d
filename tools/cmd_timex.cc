// sitrep timex [INPUT...]: one JSON line per time expression, with its
// resolved interval: {"doc","start","end","text","date":{"start","end","precision"}}
// (code point offsets into the text as given).
#include <iostream>
#include <nlohmann/json.hpp>

#include "ingest/reader.h"
#include "mentions/date_finder.h"
#include "pipeline/pipeline_impl.h"
#include "text/document.h"
#include "tools/command.h"

namespace sitrep::cli {
namespace {

struct TimexFlags {
  std::vector<std::string> inputs;
  std::string output, date;
  PipelineFlags pipeline;
};

nlohmann::json DateJson(const DateInterval& iv) {
  nlohmann::json d;
  d["start"] = iv.start.valid() ? nlohmann::json(iv.start.ToString()) : nlohmann::json(nullptr);
  d["end"] = iv.end.valid() ? nlohmann::json(iv.end.ToString()) : nlohmann::json(nullptr);
  d["precision"] = DatePrecisionName(iv.precision);
  return d;
}

int RunTimex(const TimexFlags& f) {
  ReaderOptions ropt;
  ropt.max_document_bytes = f.pipeline.max_bytes;
  if (!f.date.empty() && !ParsePubDate(f.date, &ropt.date)) {
    Report("--date", "'" + f.date + "' is not YYYY-MM-DD or YYYY-MM");
    return 2;
  }
  std::vector<std::string> warnings;
  auto finder = DateFinder::Create(ResolveDataDir(f.pipeline.data_dir) + "/lexicons", &warnings);
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
      j["date"] = DateJson(m.interval);
      j["rule"] = m.rule;
      out.stream() << j.dump() << '\n';
      ++found;
    }
  };
  ReadStats stats = ReadInputs(f.inputs, ropt, sink, Report);
  out.stream().flush();
  std::cerr << "sitrep timex: " << processed << " document(s) read, " << found
            << " time expression(s), " << stats.skipped << " skipped\n";
  return processed == 0 ? 2 : 0;
}

CommandRegistration reg(40, [](CLI::App& app, int* exit_code) {
  auto f = std::make_shared<TimexFlags>();
  auto* cmd = app.add_subcommand(
      "timex", "Write the time expressions of articles, resolved to dates (JSON Lines)");
  cmd->add_option(
      "inputs", f->inputs,
      "JSON Lines files, .txt files, folders of these, or '-' (default: standard input)");
  cmd->add_option("-o,--output", f->output, "write here instead of standard output");
  cmd->add_option("--date", f->date,
                  "publication date (YYYY-MM-DD or YYYY-MM) anchoring plain-text inputs");
  f->pipeline.AddTo(cmd);
  cmd->callback([f, exit_code] { *exit_code = RunTimex(*f); });
});

}  // namespace
}  // namespace sitrep::cli
