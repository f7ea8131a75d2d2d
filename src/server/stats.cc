#include "server/stats.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "base/dates.h"

namespace sitrep {

DayRange TimelineRange(const std::vector<Event>& events, const Ymd& today) {
  DayRange r;
  std::vector<int64_t> days;
  int64_t dated = 0;
  const int64_t last = ToDays(today);
  for (const auto& e : events) {
    if (!e.date.start.valid()) continue;
    ++dated;
    int64_t d = ToDays(e.date.start);
    if (!e.background && d <= last) days.push_back(d);
  }
  if (days.empty()) {
    r.outside = dated;
    return r;
  }
  std::sort(days.begin(), days.end());
  // Grow from the middle half of the dates, one date at a time, across any
  // gap no wider than twice that middle half (at least a year).
  const size_t n = days.size();
  size_t lo = static_cast<size_t>(std::floor(0.25 * (n - 1)));
  size_t hi = static_cast<size_t>(std::ceil(0.75 * (n - 1)));
  const int64_t gap = std::max<int64_t>(366, 2 * (days[hi] - days[lo]));
  while (lo > 0 && days[lo] - days[lo - 1] <= gap) --lo;
  while (hi + 1 < n && days[hi + 1] - days[hi] <= gap) ++hi;
  r.from = CivilFromDays(days[lo]);
  r.to = CivilFromDays(days[hi]);
  r.outside = dated - static_cast<int64_t>(hi - lo + 1);
  return r;
}

std::string StatsJson(const std::vector<Event>& events, const Ymd& today) {
  using Json = nlohmann::ordered_json;
  std::map<std::string, std::pair<int64_t, int64_t>> by_day;
  std::map<std::string, int64_t> by_type, by_sub, by_admin1, by_actor, by_source;
  std::map<std::string, std::map<std::string, int64_t>> words;  // source id -> words -> uses
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
    std::set<std::string> seen;
    for (const auto& c : e.claims) {
      if (!c.text.empty()) words[c.source][c.text]++;
      if (seen.insert(c.source).second) by_source[c.source]++;
    }
  }
  Json j;
  j["events"] = events.size();
  j["fatalities"] = dead;
  j["by_day"] = Json::array();
  for (const auto& [day, v] : by_day)
    j["by_day"].push_back({{"day", day}, {"events", v.first}, {"fatalities", v.second}});
  DayRange range = TimelineRange(events, today);
  auto day = [](const Ymd& d) { return d.valid() ? Json(d.ToString()) : Json(nullptr); };
  j["timeline"] = {{"from", day(range.from)}, {"to", day(range.to)}, {"outside", range.outside}};
  j["by_type"] = by_type;
  j["by_sub_type"] = by_sub;
  j["by_admin1"] = by_admin1;
  j["by_actor"] = by_actor;
  j["by_source"] = by_source;
  Json names = Json::object();
  for (const auto& [id, uses] : words) {
    if (id == "OTHER") continue;  // many different sources: no one name
    auto best = std::max_element(uses.begin(), uses.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    names[id] = best->first;
  }
  j["source_names"] = std::move(names);
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace sitrep
