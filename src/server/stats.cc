#include "server/stats.h"

#include <map>

#include <nlohmann/json.hpp>

namespace sitrep {

std::string StatsJson(const std::vector<Event>& events) {
  std::map<std::string, std::pair<int64_t, int64_t>> by_day;
  std::map<std::string, int64_t> by_type, by_sub, by_admin1, by_actor, by_source;
  int64_t dead = 0;
  for (const auto& e : events) {
    int64_t f = e.fatalities ? e.fatalities->best : 0;
    dead += f;
    if (e.date.start.valid()) {
      auto& d = by_day[e.date.start.ToString()];
      d.first += 1;
      d.second += f;
    }
    by_type[e.event_type]++;
    by_sub[e.sub_event_type]++;
    if (!e.location.admin1.empty()) by_admin1[e.location.admin1]++;
    if (e.actor1) by_actor[e.actor1->id]++;
    if (e.actor2 && (!e.actor1 || e.actor2->id != e.actor1->id)) by_actor[e.actor2->id]++;
    std::map<std::string, bool> seen;
    for (const auto& c : e.claims)
      if (!seen[c.source]) {
        seen[c.source] = true;
        by_source[c.source]++;
      }
  }
  nlohmann::ordered_json j;
  j["events"] = events.size();
  j["fatalities"] = dead;
  j["by_day"] = nlohmann::ordered_json::array();
  for (const auto& [day, v] : by_day)
    j["by_day"].push_back({{"day", day}, {"events", v.first}, {"fatalities", v.second}});
  j["by_type"] = by_type;
  j["by_sub_type"] = by_sub;
  j["by_admin1"] = by_admin1;
  j["by_actor"] = by_actor;
  j["by_source"] = by_source;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace sitrep
