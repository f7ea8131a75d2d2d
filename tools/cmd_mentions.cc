// sitrep mentions [INPUT...]: every mention the finders read, one JSON line
// each, for debugging the events stage: {"doc","kind","start","end","text",
// ...kind-specific fields, "rule"} (code point offsets into the text as given).
// Kinds: trigger, actor, source, place, number, date.
#include <iostream>
#include <nlohmann/json.hpp>

#include "ingest/reader.h"
#include "pipeline/pipeline_impl.h"
#include "text/document.h"
#include "tools/command.h"

namespace sitrep::cli {
namespace {

struct MentionsFlags {
  std::vector<std::string> inputs;
  std::string output, date;
  PipelineFlags pipeline;
};

int RunMentions(const MentionsFlags& f) {
  ReaderOptions ropt;
  ropt.max_document_bytes = f.pipeline.max_bytes;
  if (!f.date.empty() && !ParsePubDate(f.date, &ropt.date)) {
    Report("--date", "'" + f.date + "' is not YYYY-MM-DD or YYYY-MM");
    return 2;
  }
  PipelineOptions popt;
  popt.data_dir = f.pipeline.data_dir;
  popt.gazetteer_path = f.pipeline.gazetteer;
  popt.max_document_bytes = f.pipeline.max_bytes;
  auto pipeline = Pipeline::Create(popt);
  if (!pipeline.ok()) {
    Report("setup", pipeline.status().message());
    return 2;
  }
  const PipelineImpl& p = (*pipeline)->impl();
  OutputFile out;
  if (!out.Open(f.output)) {
    Report(f.output, "cannot write the output file");
    return 2;
  }
  size_t processed = 0, found = 0;
  auto sink = [&](RawDocument&& raw) {
    auto analyzed = AnalyzeDocument(raw, f.pipeline.max_bytes);
    if (!analyzed.ok()) {
      Report(raw.origin, analyzed.status().message() + "; skipped");
      return;
    }
    const Document& doc = **analyzed;
    ++processed;
    auto emit = [&](const char* kind, Span span, const std::string& rule, nlohmann::json j) {
      j["doc"] = doc.id;
      j["kind"] = kind;
      j["start"] = doc.Cp(span.begin);
      j["end"] = doc.Cp(span.end);
      j["text"] = std::string(doc.Slice(span));
      j["rule"] = rule;
      out.stream() << j.dump() << '\n';
      ++found;
    };
    for (const auto& t : p.triggers->Find(doc))
      emit("trigger", t.span, t.rule,
           {{"type", t.event_type + "/" + t.sub_event_type}, {"weak", t.weak}, {"modifier", t.modifier}});
    for (const auto& a : p.actors->Find(doc))
      emit("actor", a.span, a.rule, {{"id", a.id}, {"actor_kind", a.kind}, {"air", a.air}});
    for (const auto& s : p.sources->Find(doc))
      emit("source", s.span.empty() ? s.cue : s.span, s.rule,
           {{"id", s.id}, {"cue", std::string(doc.Slice(s.cue))}, {"cue_kind", s.cue_kind}});
    auto dates = p.dates->Find(doc);
    if (p.places)
      for (const auto& pl : p.places->Find(doc, nullptr, nullptr, BudgetLimits{}.candidates_per_place_name, &dates))
        emit("place", pl.span, pl.rule,
             {{"name", pl.name}, {"admin1", pl.admin1}, {"country", pl.country}, {"feature", pl.feature}});
    for (const auto& n : p.numbers->Find(doc))
      emit("number", n.span, n.rule, {{"best", n.value.best}, {"class", n.noun_class}});
    for (const auto& d : dates)
      emit("date", d.span, d.rule, {{"start", d.interval.start.valid() ? d.interval.start.ToString() : ""}});
  };
  ReadStats stats = ReadInputs(f.inputs, ropt, sink, Report);
  out.stream().flush();
  std::cerr << "sitrep mentions: " << processed << " document(s) read, " << found << " mention(s), "
            << stats.skipped << " skipped\n";
  return processed == 0 ? 2 : 0;
}

CommandRegistration reg(44, [](CLI::App& app, int* exit_code) {
  auto f = std::make_shared<MentionsFlags>();
  auto* cmd = app.add_subcommand(
      "mentions", "Write every trigger, actor, source, place, count and date the finders read (JSON Lines)");
  cmd->group(kGroupStages);
  cmd->add_option(
      "inputs", f->inputs,
      "JSON Lines files, .txt files, folders of these, or '-' (default: standard input)");
  cmd->add_option("-o,--output", f->output, "write here instead of standard output");
  cmd->add_option("--date", f->date,
                  "publication date (YYYY-MM-DD or YYYY-MM) anchoring plain-text inputs");
  f->pipeline.AddTo(cmd);
  cmd->callback([f, exit_code] { *exit_code = RunMentions(*f); });
});

}  // namespace
}  // namespace sitrep::cli
