// sitrep summary EVENTS.jsonl: a terminal table of extracted events.
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "tools/command.h"

namespace sitrep::cli {
namespace {

std::string Str(const nlohmann::json& j) { return j.is_string() ? j.get<std::string>() : "-"; }

std::string CountStr(const nlohmann::json& c) {
  if (!c.is_object()) return "-";
  std::string s = std::to_string(c.value("best", 0));
  if (c.contains("high") && c["high"].is_null()) s += "+";
  return s;
}

std::string Clip(std::string s, size_t n) {
  // Cut on a UTF-8 boundary.
  if (s.size() <= n) return s;
  size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

int RunSummary(const std::vector<std::string>& inputs) {
  size_t n = 0;
  std::map<std::string, int> by_type;
  std::cout << std::left << std::setw(12) << "date" << std::setw(28) << "type" << std::setw(22)
            << "place" << std::setw(22) << "actors" << std::setw(7) << "dead" << "sources\n";
  for (const auto& path : inputs) {
    std::ifstream in(path);
    if (!in) {
      Report(path, "cannot open");
      return 2;
    }
    std::string line;
    while (std::getline(in, line)) {
      auto e = nlohmann::json::parse(line, nullptr, false);
      if (e.is_discarded() || !e.is_object()) continue;
      ++n;
      by_type[Str(e["event_type"])]++;
      std::string actors = (e["actor1"].is_object() ? Str(e["actor1"]["id"]) : "?") + " > " +
                           (e["actor2"].is_object() ? Str(e["actor2"]["id"]) : "?");
      std::string sources;
      for (const auto& c : e["claims"]) sources += (sources.empty() ? "" : ",") + Str(c["source"]);
      std::string place = Str(e["location"]["name"]);
      if (place == "-" && e["location"]["country"].is_string()) place = Str(e["location"]["country"]);
      std::cout << std::setw(12) << Str(e["date"]["start"]) << std::setw(28)
                << Clip(Str(e["sub_event_type"]), 26) << std::setw(22) << Clip(place, 20)
                << std::setw(22) << actors << std::setw(7) << CountStr(e["fatalities"])
                << (sources.empty() ? "-" : sources) << "\n";
    }
  }
  std::cout << n << " event(s):";
  for (const auto& [t, c] : by_type) std::cout << "  " << t << " " << c;
  std::cout << "\n";
  return 0;
}

CommandRegistration reg(90, [](CLI::App& app, int* exit_code) {
  auto inputs = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand("summary", "Print events (JSON Lines from 'extract') as a table");
  cmd->add_option("events", *inputs, "event JSON Lines files")->required();
  cmd->callback([inputs, exit_code] { *exit_code = RunSummary(*inputs); });
});

}  // namespace
}  // namespace sitrep::cli
