#include "events/figures.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(TopLevelTest, LowestBestAcrossSourcesEvenWhenVague) {
  Figures police, official;
  police.fatalities = Count{25, 25, std::nullopt};  // "at least 25"
  official.fatalities = Count::Exact(31);
  Figures top = TopLevel({&police, &official});
  ASSERT_TRUE(top.fatalities);
  EXPECT_EQ(top.fatalities->best, 25);
  EXPECT_FALSE(top.fatalities->high);
}

TEST(TopLevelTest, ExactWinsATieAndFieldsAreIndependent) {
  Figures a, b;
  a.fatalities = Count{12, 12, std::nullopt};
  b.fatalities = Count::Exact(12);
  a.injured = Count::Exact(40);
  b.injured = Count::Exact(15);
  Figures top = TopLevel({&a, &b});
  EXPECT_EQ(*top.fatalities, Count::Exact(12));
  EXPECT_EQ(top.injured->best, 15);
}

Count Dozens() {
  Count c{24, 24, std::nullopt};
  c.vague = true;
  return c;
}

TEST(KeepBestTest, AStatedFigureOutweighsAVagueCollective) {
  std::optional<Count> slot = Dozens();           // "Dozens dead" (headline)
  KeepBest(&slot, Count{12, 12, std::nullopt});   // "at least 12 people were killed"
  EXPECT_EQ(slot->best, 12);
  KeepBest(&slot, Dozens());                      // the vague word again changes nothing
  EXPECT_EQ(slot->best, 12);
  std::optional<Count> empty;
  KeepBest(&empty, Dozens());
  EXPECT_TRUE(empty->vague);
}

TEST(TopLevelTest, AVagueCollectiveCountsOnlyWhenNoSourceGivesAFigure) {
  Figures a, b;
  a.fatalities = Dozens();
  b.fatalities = Count::Exact(30);
  EXPECT_EQ(TopLevel({&a, &b}).fatalities->best, 30);
  EXPECT_EQ(TopLevel({&a}).fatalities->best, 24);
}

}  // namespace
}  // namespace sitrep
