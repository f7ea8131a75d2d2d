#include "tools/mention_command.h"

#include <iostream>

#include "ingest/reader.h"

namespace sitrep::cli {

void AddMentionOptions(CLI::App* cmd, MentionFlags* f) {
  cmd->add_option("inputs", f->inputs,
                  "JSON Lines files, .txt files, folders of these, or '-' (default: standard input)");
  cmd->add_option("-o,--output", f->output, "write here instead of standard output");
  cmd->add_option("--date", f->date, "publication date (YYYY-MM-DD or YYYY-MM) anchoring plain-text inputs");
  f->pipeline.AddTo(cmd);
}

nlohmann::json SpanJson(const Document& doc, Span span) {
  nlohmann::json j;
  j["doc"] = doc.id;
  j["start"] = doc.Cp(span.begin);
  j["end"] = doc.Cp(span.end);
  j["text"] = std::string(doc.Slice(span));
  return j;
}

int RunMentionCommand(const std::string& name, const std::string& what, const MentionFlags& f,
                      const MentionEmitter& emit, const std::function<std::string()>& summary_tail) {
  ReaderOptions ropt;
  if (!f.pipeline.ReaderOptionsFor(f.date, &ropt)) return 2;
  OutputFile out;
  if (!out.Open(f.output)) {
    Report(f.output, "cannot write the output file");
    return 2;
  }
  size_t processed = 0, found = 0, failed = 0;
  auto sink = [&](RawDocument&& raw) {
    auto doc = AnalyzeDocument(raw, f.pipeline.max_bytes);
    if (!doc.ok()) {
      Report(raw.origin, doc.status().message() + "; skipped");
      ++failed;
      return;
    }
    ++processed;
    found += emit(**doc, out.stream());
  };
  ReadStats stats = ReadInputs(f.inputs, ropt, sink, Report);
  out.stream().flush();
  std::cerr << "sitrep " << name << ": " << processed << " document(s) read, " << found << " " << what
            << ", " << stats.skipped + failed << " skipped" << (summary_tail ? summary_tail() : "") << "\n";
  return processed == 0 ? 2 : 0;
}

}  // namespace sitrep::cli
