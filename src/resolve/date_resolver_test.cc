#include "resolve/date_resolver.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

PubDate Day(int y, int m, int d) { return PubDate{y, m, d}; }

TEST(DateResolver, WeekdayPointsBackInPastAndForwardInFuture) {
  DateResolver r(Day(2017, 5, 30));  // a Tuesday
  EXPECT_EQ(r.Weekday(0, Direction::kPast).start, (Ymd{2017, 5, 29}));
  EXPECT_EQ(r.Weekday(1, Direction::kPast).start, (Ymd{2017, 5, 30}));
  EXPECT_EQ(r.Weekday(1, Direction::kStrictPast).start, (Ymd{2017, 5, 23}));
  EXPECT_EQ(r.Weekday(5, Direction::kFuture).start, (Ymd{2017, 6, 3}));
  EXPECT_EQ(r.Weekday(1, Direction::kStrictFuture).start, (Ymd{2017, 6, 6}));
}

TEST(DateResolver, MissingYearFollowsDirection) {
  DateResolver r(Day(2017, 5, 30));
  EXPECT_EQ(r.Partial(0, 6, 25, -1, Direction::kPast).start, (Ymd{2016, 6, 25}));
  EXPECT_EQ(r.Partial(0, 6, 25, -1, Direction::kFuture).start, (Ymd{2017, 6, 25}));
  EXPECT_EQ(r.Partial(0, 12, 0, -1, Direction::kPast).precision, DatePrecision::kMonth);
  EXPECT_EQ(r.Partial(0, 12, 0, -1, Direction::kPast).start, (Ymd{2016, 12, 1}));
}

TEST(DateResolver, WeekdayWithDayFixesTheYear) {
  DateResolver r(Day(2017, 5, 30));
  // 3 June 2017 is a Saturday: the weekday wins over past narration.
  EXPECT_EQ(r.Partial(0, 6, 3, 5, Direction::kPast).start, (Ymd{2017, 6, 3}));
}

TEST(DateResolver, WeeksAndWindows) {
  DateResolver r(Day(2017, 5, 30));
  DateInterval last = r.RelWeek(-1);
  EXPECT_EQ(last, (DateInterval{{2017, 5, 22}, {2017, 5, 28}, DatePrecision::kWeek}));
  EXPECT_EQ(r.Window(1), (DateInterval{{2017, 5, 29}, {2017, 5, 30}, DatePrecision::kRange}));
  EXPECT_EQ(r.Night(-1), (DateInterval{{2017, 5, 29}, {2017, 5, 30}, DatePrecision::kRange}));
}

TEST(DateResolver, MonthPrecisionPublicationAnchorsAtMonthLevel) {
  DateResolver r(PubDate{2021, 1, 0});
  EXPECT_EQ(r.RelDay(-1), (DateInterval{{2021, 1, 1}, {2021, 1, 31}, DatePrecision::kMonth}));
  EXPECT_EQ(r.RelWeek(0).precision, DatePrecision::kMonth);
  EXPECT_EQ(r.RelMonth(-1), (DateInterval{{2020, 12, 1}, {2020, 12, 31}, DatePrecision::kMonth}));
  EXPECT_EQ(r.Partial(0, 1, 25, -1, Direction::kPast).start, (Ymd{2021, 1, 25}));
}

TEST(DateResolver, NoPublicationDateNeverGuessesAYear) {
  DateResolver r(PubDate{});
  EXPECT_EQ(r.RelDay(-1).precision, DatePrecision::kUnknown);
  EXPECT_EQ(r.Weekday(0, Direction::kPast).precision, DatePrecision::kUnknown);
  EXPECT_EQ(r.Partial(0, 5, 25, -1, Direction::kPast).precision, DatePrecision::kUnknown);
  EXPECT_EQ(r.Partial(2017, 5, 25, -1, Direction::kPast).start, (Ymd{2017, 5, 25}));
  EXPECT_FALSE(r.Partial(2017, 2, 30, -1, Direction::kPast).start.valid());
}

TEST(DateResolver, SinceRunsToPublication) {
  DateResolver r(Day(2016, 11, 20));
  DateInterval s = r.Since(DateResolver::Day({2016, 9, 30}));
  EXPECT_EQ(s, (DateInterval{{2016, 9, 30}, {2016, 11, 20}, DatePrecision::kRange}));
}

}  // namespace
}  // namespace sitrep
