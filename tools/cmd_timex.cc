// sitrep timex [INPUT...]: one JSON line per time expression, with its
// resolved interval: {"doc","start","end","text","date":{"start","end","precision"}}
// (code point offsets into the text as given).
#include <iostream>
#include <nlohmann/json.hpp>

#include "mentions/date_finder.h"
#include "pipeline/pipeline_impl.h"
#include "text/document.h"
#include "tools/mention_command.h"

namespace sitrep::cli {
namespace {

nlohmann::json DateJson(const DateInterval& iv) {
  nlohmann::json d;
  d["start"] = iv.start.valid() ? nlohmann::json(iv.start.ToString()) : nlohmann::json(nullptr);
  d["end"] = iv.end.valid() ? nlohmann::json(iv.end.ToString()) : nlohmann::json(nullptr);
  d["precision"] = DatePrecisionName(iv.precision);
  return d;
}

int RunTimex(const MentionFlags& f) {
  std::vector<std::string> warnings;
  auto finder = DateFinder::Create(ResolveDataDir(f.pipeline.data_dir) + "/lexicons", &warnings);
  if (!finder.ok()) {
    Report("setup", finder.status().message());
    return 2;
  }
  for (const auto& w : warnings) Report("data", w);
  return RunMentionCommand("timex", "time expression(s)", f, [&](const Document& doc, std::ostream& out) {
    auto mentions = (*finder)->Find(doc);
    for (const auto& m : mentions) {
      nlohmann::json j = SpanJson(doc, m.span);
      j["date"] = DateJson(m.interval);
      j["rule"] = m.rule;
      out << j.dump() << '\n';
    }
    return mentions.size();
  });
}

CommandRegistration reg(42, [](CLI::App& app, int* exit_code) {
  auto f = std::make_shared<MentionFlags>();
  auto* cmd = app.add_subcommand(
      "timex", "Write the time expressions of articles, resolved to dates (JSON Lines)");
  cmd->group(kGroupStages);
  AddMentionOptions(cmd, f.get());
  cmd->callback([f, exit_code] { *exit_code = RunTimex(*f); });
});

}  // namespace
}  // namespace sitrep::cli
