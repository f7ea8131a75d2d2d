#include "events/status.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

DateInterval Day(int y, int m, int d) {
  DateInterval i;
  i.start = i.end = Ymd{y, m, d};
  i.precision = DatePrecision::kDay;
  return i;
}

TEST(DateOccurrenceTest, RecentIsFreshOldIsRecalledLaterIsFuture) {
  PubDate pub{2023, 5, 20};
  EXPECT_EQ(DateOccurrence(pub, Day(2023, 5, 18)), Occurrence::kFresh);
  EXPECT_EQ(DateOccurrence(pub, Day(2023, 5, 20 - kRecentDays)), Occurrence::kFresh);
  EXPECT_EQ(DateOccurrence(pub, Day(2023, 5, 20 - kRecentDays - 1)), Occurrence::kRecalled);
  EXPECT_EQ(DateOccurrence(pub, Day(2022, 11, 3)), Occurrence::kRecalled);
  EXPECT_EQ(DateOccurrence(pub, Day(2023, 5, 21)), Occurrence::kFuture);
}

TEST(DateOccurrenceTest, MonthPrecisionPublicationCountsFromBothEndsOfTheMonth) {
  PubDate pub{2017, 6, 0};
  EXPECT_EQ(DateOccurrence(pub, Day(2017, 5, 29)), Occurrence::kFresh);     // the article may be of 1 June
  EXPECT_EQ(DateOccurrence(pub, Day(2017, 6, 28)), Occurrence::kFresh);     // or of 30 June
  EXPECT_EQ(DateOccurrence(pub, Day(2017, 5, 2)), Occurrence::kRecalled);
  EXPECT_EQ(DateOccurrence(pub, Day(2017, 7, 1)), Occurrence::kFuture);
}

TEST(DateOccurrenceTest, NoDateSaysNothing) {
  EXPECT_EQ(DateOccurrence(PubDate{}, Day(2001, 1, 1)), Occurrence::kFresh);
  EXPECT_EQ(DateOccurrence(PubDate{2023, 5, 20}, DateInterval{}), Occurrence::kFresh);
}

}  // namespace
}  // namespace sitrep
