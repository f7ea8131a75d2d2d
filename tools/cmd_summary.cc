// sitrep summary EVENTS.jsonl...: the events that `extract` wrote, as the
// same terminal table as `sitrep query`, with counts by event type.
#include <fstream>
#include <iostream>
#include <map>

#include "store/event_codec.h"
#include "tools/command.h"
#include "tools/event_table.h"

namespace sitrep::cli {
namespace {

int RunSummary(const std::vector<std::string>& inputs) {
  std::vector<StoredEvent> events;
  std::map<std::string, int> by_type;
  for (const auto& path : inputs) {
    std::ifstream in(path);
    if (!in) {
      Report(path, "cannot open");
      return 2;
    }
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      auto e = EventFromJson(line);
      if (!e.ok()) {
        Report(path + ":" + std::to_string(n), e.status().message() + "; skipped");
        continue;
      }
      by_type[e->event_type]++;
      events.push_back({std::move(e).value(), "", {}});
    }
  }
  WriteTable(events, std::cout);
  for (const auto& [type, count] : by_type) std::cout << "  " << type << ": " << count << "\n";
  return 0;
}

CommandRegistration reg(11, [](CLI::App& app, int* exit_code) {
  auto inputs = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand("summary", "Print events (JSON Lines from 'extract') as a table");
  cmd->group(kGroupExtract);
  cmd->add_option("events", *inputs, "event JSON Lines files")->required();
  cmd->callback([inputs, exit_code] { *exit_code = RunSummary(*inputs); });
});

}  // namespace
}  // namespace sitrep::cli
