#include "server/stats.h"

#include <algorithm>
#include <charconv>
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

namespace {

// Whether `s` is well-formed UTF-8.
bool ValidUtf8(const std::string& s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (len == 0 || c > 0xF4 || i + len > n) return false;
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
        (c == 0xF4 && c1 > 0x8F))
      return false;  // overlong, surrogate or beyond U+10FFFF
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

// Appends `s` as a JSON string, as nlohmann's dump writes it (UTF-8 kept,
// control characters escaped, invalid bytes replaced by U+FFFD).
void AppendString(std::string* out, const std::string& s) {
  if (!ValidUtf8(s)) {
    *out += nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out->push_back('"');
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          *out += buf;
        } else {
          out->push_back(ch);
        }
    }
  }
  out->push_back('"');
}

void AppendInt(std::string* out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

// ,"name":{"key":n,...}
void AppendCounts(std::string* out, const char* name, const std::map<std::string, int64_t>& counts) {
  *out += ",\"";
  *out += name;
  *out += "\":{";
  bool first = true;
  for (const auto& [k, v] : counts) {
    if (!first) out->push_back(',');
    first = false;
    AppendString(out, k);
    out->push_back(':');
    AppendInt(out, v);
  }
  out->push_back('}');
}

}  // namespace

// Written by hand, not through a JSON document: a store of ten years has
// thousands of days, and the answer of a filter not kept is made per request.
std::string StatsJson(const EventCounts& c, const Ymd& today) {
  std::string out;
  out.reserve(64 + 48 * c.by_day.size() + 32 * (c.by_admin1.size() + c.by_actor.size()));
  out += "{\"events\":";
  AppendInt(&out, c.events);
  out += ",\"fatalities\":";
  AppendInt(&out, c.fatalities);
  out += ",\"by_day\":[";
  int64_t dated = 0;
  bool first = true;
  for (const auto& [day, v] : c.by_day) {
    if (!first) out.push_back(',');
    first = false;
    out += "{\"day\":";
    AppendString(&out, day);
    out += ",\"events\":";
    AppendInt(&out, v.first);
    out += ",\"fatalities\":";
    AppendInt(&out, v.second);
    out.push_back('}');
    dated += v.first;
  }
  out += "],\"timeline\":{\"from\":";
  DayRange range = TimelineRange(c.timeline_days, dated, today);
  auto day = [&](const Ymd& d) {
    if (d.valid())
      AppendString(&out, d.ToString());
    else
      out += "null";
  };
  day(range.from);
  out += ",\"to\":";
  day(range.to);
  out += ",\"outside\":";
  AppendInt(&out, range.outside);
  out.push_back('}');
  AppendCounts(&out, "by_type", c.by_type);
  AppendCounts(&out, "by_sub_type", c.by_sub_type);
  AppendCounts(&out, "by_admin1", c.by_admin1);
  AppendCounts(&out, "by_actor", c.by_actor);
  AppendCounts(&out, "by_source", c.by_source);
  out += ",\"source_names\":{";
  first = true;
  for (const auto& [id, uses] : c.source_words) {
    if (id == "OTHER" || uses.empty()) continue;  // many different sources: no one name
    auto best = std::max_element(uses.begin(), uses.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    if (!first) out.push_back(',');
    first = false;
    AppendString(&out, id);
    out.push_back(':');
    AppendString(&out, best->first);
  }
  out += "}}";
  return out;
}

}  // namespace sitrep
