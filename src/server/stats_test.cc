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
