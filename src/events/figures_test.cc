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

}  // namespace
}  // namespace sitrep
