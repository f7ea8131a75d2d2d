// sitrep extract [INPUT...]: articles in, codebook events (JSON Lines) out.
#include <iostream>

#include "ingest/reader.h"
#include "pipeline/batch.h"
#include "sitrep/pipeline.h"
#include "tools/command.h"

namespace sitrep::cli {
namespace {

struct ExtractFlags {
  std::vector<std::string> inputs;
  std::string output, date;
  bool explain = false, quiet = false;
  unsigned threads = 0;
  PipelineFlags pipeline;
};

int RunExtract(const ExtractFlags& f) {
  ReaderOptions ropt;
  if (!f.pipeline.ReaderOptionsFor(f.date, &ropt)) return 2;
  auto pipeline = f.pipeline.CreatePipeline();
  if (!pipeline) return 2;
  OutputFile out;
  if (!out.Open(f.output)) {
    Report(f.output, "cannot write the output file");
    return 2;
  }
  size_t processed = 0, failed = 0, events = 0;
  auto on_result = [&](const RawDocument& raw, const StatusOr<DocumentResult>& r) {
    if (!r.ok()) {
      Report(raw.origin, r.status().message() + "; skipped");
      ++failed;
      return;
    }
    ++processed;
    for (const auto& w : r->warnings) {
      if (w.rfind("malformed UTF-8", 0) == 0 && raw.origin.find(':') != std::string::npos) continue;  // reader said it
      if (!f.quiet) Report(raw.origin, w);
    }
    for (const auto& e : r->events) out.stream() << EventToJson(e, f.explain) << '\n';
    events += r->events.size();
  };
  ReadStats stats;
  {
    BatchRunner runner(*pipeline, f.threads, on_result);
    stats = ReadInputs(f.inputs, ropt, [&](RawDocument&& raw) { runner.Submit(std::move(raw)); }, Report);
    runner.Finish();
  }
  out.stream().flush();
  std::cerr << "sitrep extract: " << processed << " document(s) read, " << events << " event(s), "
            << (stats.skipped + failed) << " skipped\n";
  if (processed == 0) {
    Report("extract", "no document could be processed. Give JSON Lines ({\"id\", \"text\", \"date\"} per line), "
                      ".txt files or folders of them, or pipe them on standard input; see 'sitrep extract --help'");
    return 2;
  }
  return 0;
}

CommandRegistration reg(10, [](CLI::App& app, int* exit_code) {
  auto f = std::make_shared<ExtractFlags>();
  auto* cmd = app.add_subcommand("extract", "Read articles and write codebook events as JSON Lines");
  cmd->group(kGroupExtract);
  cmd->add_option("inputs", f->inputs,
                  "JSON Lines files ({\"id\",\"text\",\"date\",\"lang\",\"url\",\"outlet\"}), .txt files, "
                  "folders of these, or '-' (default: standard input)");
  cmd->add_option("-o,--output", f->output, "write events here instead of standard output");
  cmd->add_option("--date", f->date, "publication date (YYYY-MM-DD or YYYY-MM) anchoring plain-text inputs");
  cmd->add_flag("--explain", f->explain, "add to each event why it exists (trigger, rules)");
  cmd->add_flag("-q,--quiet", f->quiet, "do not report per-document warnings");
  cmd->add_option("-j,--threads", f->threads, "worker threads (default: one per core); output order never changes");
  f->pipeline.AddTo(cmd);
  cmd->callback([f, exit_code] { *exit_code = RunExtract(*f); });
});

}  // namespace
}  // namespace sitrep::cli
