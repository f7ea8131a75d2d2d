#include "server/stats.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/dates.h"

namespace sitrep {
namespace {

Event On(Ymd day, bool background = false) {
  Event e;
  e.event_type = "Battles";
  e.date.start = e.date.end = day;
  e.date.precision = DatePrecision::kDay;
  e.background = background;
  return e;
}

const Ymd kToday{2024, 6, 1};

TEST(TimelineRangeTest, SpansTheEventsOfTheReports) {
  std::vector<Event> events;
  for (int i = 0; i < 60; ++i) events.push_back(On(AddDays(Ymd{2023, 3, 1}, i * 3)));
  DayRange r = TimelineRange(events, kToday);
  EXPECT_EQ(r.from.ToString(), "2023-03-01");
  EXPECT_EQ(r.to.ToString(), AddDays(Ymd{2023, 3, 1}, 59 * 3).ToString());
  EXPECT_EQ(r.outside, 0);
}

TEST(TimelineRangeTest, BackgroundFutureAndIsolatedDatesDoNotStretchIt) {
  std::vector<Event> events;
  for (int i = 0; i < 200; ++i) events.push_back(On(AddDays(Ymd{2023, 1, 1}, i)));
  events.push_back(On(Ymd{1915, 4, 24}, /*background=*/true));  // recalled as context
  events.push_back(On(Ymd{2030, 1, 1}));                        // after today: impossible
  events.push_back(On(Ymd{1982, 2, 2}));                        // an isolated old date
  Event undated;
  events.push_back(undated);  // no date: neither in the span nor counted outside it
  DayRange r = TimelineRange(events, kToday);
  EXPECT_EQ(r.from.ToString(), "2023-01-01");
  EXPECT_EQ(r.to.ToString(), AddDays(Ymd{2023, 1, 1}, 199).ToString());
  EXPECT_EQ(r.outside, 3);
}

TEST(TimelineRangeTest, KeepsSparseEventsNearTheCore) {
  std::vector<Event> events;
  for (int i = 0; i < 300; ++i) events.push_back(On(AddDays(Ymd{2022, 1, 1}, i)));
  events.push_back(On(Ymd{2021, 12, 10}));  // three weeks before: part of the story
  events.push_back(On(Ymd{2021, 11, 20}));  // and three weeks before that
  DayRange r = TimelineRange(events, kToday);
  EXPECT_EQ(r.from.ToString(), "2021-11-20");
  EXPECT_EQ(r.outside, 0);
}

TEST(TimelineRangeTest, ReportsYearsApartAreOneSpanButNotADecadesOldDate) {
  std::vector<Event> events;
  for (Ymd d : {Ymd{2019, 10, 15}, Ymd{2021, 6, 1}, Ymd{2021, 6, 2}, Ymd{2022, 11, 6},
                Ymd{2023, 3, 13}, Ymd{2023, 8, 20}, Ymd{2024, 2, 19}, Ymd{2024, 2, 19}})
    events.push_back(On(d));
  DayRange r = TimelineRange(events, kToday);
  EXPECT_EQ(r.from.ToString(), "2019-10-15");
  EXPECT_EQ(r.to.ToString(), "2024-02-19");
  events.push_back(On(Ymd{1990, 5, 1}));
  r = TimelineRange(events, kToday);
  EXPECT_EQ(r.from.ToString(), "2019-10-15");
  EXPECT_EQ(r.outside, 1);
}

TEST(StatsJsonTest, NamesSourcesByTheirWordsAndGivesTheTimeline) {
  Event a = On(Ymd{2023, 3, 13}), b = On(Ymd{2023, 3, 14});
  a.claims.push_back({"SOHR", "Observatoire syrien des droits de l'homme", {}, {}, {}, {}});
  b.claims.push_back({"SOHR", "OSDH", {}, {}, {}, {}});
  b.claims.push_back({"SOHR", "Observatoire syrien des droits de l'homme", {}, {}, {}, {}});
  b.claims.push_back({"OTHER", "le gouverneur", {}, {}, {}, {}});
  auto j = nlohmann::json::parse(StatsJson({a, b}, kToday));
  EXPECT_EQ(j["source_names"]["SOHR"], "Observatoire syrien des droits de l'homme");
  EXPECT_FALSE(j["source_names"].contains("OTHER"));
  EXPECT_EQ(j["by_source"]["SOHR"], 2);
  EXPECT_EQ(j["timeline"]["from"], "2023-03-13");
  EXPECT_EQ(j["timeline"]["to"], "2023-03-14");
  EXPECT_EQ(j["timeline"]["outside"], 0);
}

TEST(StatsJsonTest, WrittenByHandAsAJsonDocumentWouldBe) {
  // Keys with quotes, backslashes, control characters, accents, invalid
  // UTF-8 and an empty one: the answer is the same bytes as the document
  // nlohmann builds from the same counts, and it parses back to them.
  EventCounts c;
  c.events = 7;
  c.fatalities = -3;
  c.by_day["2023-03-13"] = {4, 2};
  c.by_day["2023-03-14"] = {3, -5};
  c.timeline_days["2023-03-13"] = 4;
  c.timeline_days["2023-03-14"] = 2;
  const std::vector<std::string> odd = {"Battles", "a \"quoted\" \\ name", "tab\there\nnew\x01\x1f",
                                        "Île-de-France", "bad \xC3\x28 bytes \xFF", "", "/slash/"};
  int64_t n = 1;
  for (const auto& k : odd) {
    c.by_type[k] = n++;
    c.by_sub_type[k + "sub"] = n++;
    c.by_admin1[k] = n++;
    c.by_actor[k] = n++;
    c.by_source[k] = n++;
    c.source_words[k][k + " words"] = 2;
    c.source_words[k]["other words"] = 1;
  }
  c.source_words["OTHER"]["le gouverneur"] = 9;
  using Json = nlohmann::ordered_json;
  Json want;
  want["events"] = c.events;
  want["fatalities"] = c.fatalities;
  want["by_day"] = Json::array();
  for (const auto& [day, v] : c.by_day) want["by_day"].push_back({{"day", day}, {"events", v.first}, {"fatalities", v.second}});
  DayRange r = TimelineRange(c.timeline_days, 7, kToday);
  want["timeline"] = {{"from", r.from.ToString()}, {"to", r.to.ToString()}, {"outside", r.outside}};
  want["by_type"] = c.by_type;
  want["by_sub_type"] = c.by_sub_type;
  want["by_admin1"] = c.by_admin1;
  want["by_actor"] = c.by_actor;
  want["by_source"] = c.by_source;
  want["source_names"] = Json::object();
  for (const auto& [id, uses] : c.source_words)
    if (id != "OTHER") want["source_names"][id] = id + " words";
  std::string got = StatsJson(c, kToday);
  EXPECT_EQ(got, want.dump(-1, ' ', false, Json::error_handler_t::replace));
  auto back = nlohmann::json::parse(got);
  EXPECT_EQ(back["by_actor"]["Île-de-France"], c.by_actor["Île-de-France"]);
  EXPECT_EQ(back["by_type"]["tab\there\nnew\x01\x1f"], c.by_type["tab\there\nnew\x01\x1f"]);
  EXPECT_FALSE(back["source_names"].contains("OTHER"));
  // Nothing dated: the timeline's ends are null.
  EventCounts none;
  auto empty = nlohmann::json::parse(StatsJson(none, kToday));
  EXPECT_TRUE(empty["timeline"]["from"].is_null());
  EXPECT_EQ(empty["by_day"].size(), 0u);
  EXPECT_EQ(empty["by_type"].size(), 0u);
}

}  // namespace
}  // namespace sitrep

namespace sitrep {
namespace {

TEST(TimelineRangeTest, FromCountsAsFromEvents) {
  // Random sets of days, some background, some after today: the range from
  // per-day counts is the range from the events themselves.
  uint64_t seed = 7;
  auto next = [&](int n) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((seed >> 33) % static_cast<uint64_t>(n));
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<Event> events;
    int n = 1 + next(80);
    for (int i = 0; i < n; ++i) {
      Ymd day = AddDays(Ymd{2020, 1, 1}, next(3) == 0 ? next(4000) : next(200));
      events.push_back(On(day, next(10) == 0));
    }
    EventCounts c = CountEvents(events);
    int64_t dated = 0;
    for (const auto& [d, v] : c.by_day) dated += v.first;
    DayRange a = TimelineRange(events, kToday), b = TimelineRange(c.timeline_days, dated, kToday);
    EXPECT_EQ(a.from, b.from) << round;
    EXPECT_EQ(a.to, b.to) << round;
    EXPECT_EQ(a.outside, b.outside) << round;
  }
}

}  // namespace
}  // namespace sitrep
