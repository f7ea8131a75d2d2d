// sitrep numbers [INPUT...]: one JSON line per count, for debugging the
// number finder: {"doc","start","end","text","low","best","high","noun","class","rule"}
// (code point offsets into the text as given).
#include <iostream>
#include <nlohmann/json.hpp>

#include "mentions/number_finder.h"
#include "pipeline/pipeline_impl.h"
#include "text/document.h"
#include "tools/mention_command.h"

namespace sitrep::cli {
namespace {

int RunNumbers(const MentionFlags& f) {
  std::vector<std::string> warnings;
  auto finder = NumberFinder::Create(ResolveDataDir(f.pipeline.data_dir) + "/lexicons", &warnings);
  if (!finder.ok()) {
    Report("setup", finder.status().message());
    return 2;
  }
  for (const auto& w : warnings) Report("data", w);
  return RunMentionCommand("numbers", "count(s)", f, [&](const Document& doc, std::ostream& out) {
    auto mentions = (*finder)->Find(doc);
    for (const auto& m : mentions) {
      nlohmann::json j = SpanJson(doc, m.span);
      j["low"] = m.value.low;
      j["best"] = m.value.best;
      j["high"] = m.value.high ? nlohmann::json(*m.value.high) : nlohmann::json(nullptr);
      j["noun"] = std::string(doc.Slice(m.noun));
      j["class"] = m.noun_class;
      j["rule"] = m.rule;
      out << j.dump() << '\n';
    }
    return mentions.size();
  });
}

CommandRegistration reg(43, [](CLI::App& app, int* exit_code) {
  auto f = std::make_shared<MentionFlags>();
  auto* cmd = app.add_subcommand(
      "numbers", "Write the counts found in articles with the noun they count (JSON Lines)");
  cmd->group(kGroupStages);
  AddMentionOptions(cmd, f.get());
  cmd->callback([f, exit_code] { *exit_code = RunNumbers(*f); });
});

}  // namespace
}  // namespace sitrep::cli
