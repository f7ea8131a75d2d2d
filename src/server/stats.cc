#include "server/stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
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

DayRange TimelineRange(const std::map<std::string, int64_t>& by_day, int64_t dated, const Ymd& today) {
  // The same walk as over single events, on distinct days with their counts:
  // the events of one day are zero days apart, so the walk crosses them.
  DayRange r;
  const int64_t last = ToDays(today);
  std::vector<std::pair<int64_t, int64_t>> days;  // day number, events
  int64_t n = 0;
  for (const auto& [day, count] : by_day) {
    Ymd ymd;
    if (count <= 0 || std::sscanf(day.c_str(), "%d-%d-%d", &ymd.y, &ymd.m, &ymd.d) != 3) continue;
    int64_t d = ToDays(ymd);
    if (d > last) continue;
    days.emplace_back(d, count);
    n += count;
  }
  std::sort(days.begin(), days.end());
  if (n == 0) {
    r.outside = dated;
    return r;
  }
  // The distinct day holding the k-th event (0-based).
  auto day_of = [&](int64_t k) {
    size_t i = 0;
    for (int64_t seen = days[0].second; seen <= k; seen += days[++i].second) {
    }
    return i;
  };
  size_t lo = day_of(static_cast<int64_t>(std::floor(0.25 * static_cast<double>(n - 1))));
  size_t hi = day_of(static_cast<int64_t>(std::ceil(0.75 * static_cast<double>(n - 1))));
  const int64_t gap = std::max<int64_t>(366, 2 * (days[hi].first - days[lo].first));
  while (lo > 0 && days[lo].first - days[lo - 1].first <= gap) --lo;
  while (hi + 1 < days.size() && days[hi + 1].first - days[hi].first <= gap) ++hi;
  r.from = CivilFromDays(days[lo].first);
  r.to = CivilFromDays(days[hi].first);
  int64_t inside = 0;
  for (size_t i = lo; i <= hi; ++i) inside += days[i].second;
  r.outside = dated - inside;
  return r;
}

EventCounts CountEvents(const std::vector<Event>& events) {
  EventCounts c;
  for (const auto& e : events) {
    int64_t f = e.fatalities ? e.fatalities->best : 0;
    c.events += 1;
    c.fatalities += f;
    if (e.date.start.valid()) {
      auto& d = c.by_day[e.date.start.ToString()];
      d.first += 1;
      d.second += f;
      if (!e.background) c.timeline_days[e.date.start.ToString()] += 1;
    }
    c.by_type[e.event_type]++;
    c.by_sub_type[e.sub_event_type]++;
    if (!e.location.admin1.empty()) c.by_admin1[e.location.admin1]++;
    if (e.actor1) c.by_actor[e.actor1->id]++;
    if (e.actor2 && (!e.actor1 || e.actor2->id != e.actor1->id)) c.by_actor[e.actor2->id]++;
    std::set<std::string> seen;
    for (const auto& cl : e.claims) {
      if (!cl.text.empty()) c.source_words[cl.source][cl.text]++;
      if (seen.insert(cl.source).second) c.by_source[cl.source]++;
    }
  }
  return c;
}

std::string StatsJson(const std::vector<Event>& events, const Ymd& today) {
  return StatsJson(CountEvents(events), today);
}

std::string StatsJson(const EventCounts& c, const Ymd& today) {
  using Json = nlohmann::ordered_json;
  // The days are written by hand: a store of ten years has thousands, and
  // they are plain "YYYY-MM-DD" strings and integers.
  std::string days = "[";
  int64_t dated = 0;
  for (const auto& [day, v] : c.by_day) {
    if (days.size() > 1) days += ',';
    days += "{\"day\":" + Json(day).dump(-1, ' ', false, Json::error_handler_t::replace) +
            ",\"events\":" + std::to_string(v.first) + ",\"fatalities\":" + std::to_string(v.second) + "}";
    dated += v.first;
  }
  days += "]";
  DayRange range = TimelineRange(c.timeline_days, dated, today);
  auto day = [](const Ymd& d) { return d.valid() ? Json(d.ToString()) : Json(nullptr); };
  Json rest;
  rest["timeline"] = {{"from", day(range.from)}, {"to", day(range.to)}, {"outside", range.outside}};
  rest["by_type"] = c.by_type;
  rest["by_sub_type"] = c.by_sub_type;
  rest["by_admin1"] = c.by_admin1;
  rest["by_actor"] = c.by_actor;
  rest["by_source"] = c.by_source;
  Json names = Json::object();
  for (const auto& [id, uses] : c.source_words) {
    if (id == "OTHER") continue;  // many different sources: no one name
    auto best = std::max_element(uses.begin(), uses.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    names[id] = best->first;
  }
  rest["source_names"] = std::move(names);
  std::string tail = rest.dump(-1, ' ', false, Json::error_handler_t::replace);
  return "{\"events\":" + std::to_string(c.events) + ",\"fatalities\":" + std::to_string(c.fatalities) +
         ",\"by_day\":" + days + "," + tail.substr(1);
}

}  // namespace sitrep
