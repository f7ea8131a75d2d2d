#include "base/utf8.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(Utf8Test, RepairReplacesEachInvalidByte) {
  std::string out;
  EXPECT_EQ(RepairUtf8("caf\xC3\xA9", &out), 0u);
  EXPECT_EQ(out, "caf\xC3\xA9");
  EXPECT_EQ(RepairUtf8("a\xFF" "b\xC3", &out), 2u);
  EXPECT_EQ(out, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
}

TEST(Utf8Test, RejectsOverlongAndSurrogates) {
  std::string out;
  EXPECT_EQ(RepairUtf8("\xC0\xAF", &out), 2u);
  EXPECT_EQ(RepairUtf8("\xED\xA0\x80", &out), 3u);
}

TEST(Utf8Test, CodePointIndexCountsCharactersNotBytes) {
  std::string s;
  for (int i = 0; i < 100; ++i) s += "\xC3\xA9";  // é, two bytes each
  s += "x";
  CodePointIndex idx(s);
  EXPECT_EQ(idx.ToCodePoint(0), 0);
  EXPECT_EQ(idx.ToCodePoint(2), 1);
  EXPECT_EQ(idx.ToCodePoint(130), 65);
  EXPECT_EQ(idx.ToCodePoint(s.size()), 101);
  EXPECT_EQ(CountCodePoints(s), 101u);
}

}  // namespace
}  // namespace sitrep
