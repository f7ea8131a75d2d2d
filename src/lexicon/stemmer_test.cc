#include "lexicon/stemmer.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

std::string Fr(const std::string& folded) {
  std::vector<std::string> warnings;
  static auto s = Stemmer::Load(std::string(SITREP_SOURCE_DIR) + "/data/lexicons/fr/suffixes.tsv", &warnings);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s->Stem(folded);
}

TEST(StemmerTest, InflectionsMeet) {
  EXPECT_EQ(Fr("frappe"), Fr("frappees"));
  EXPECT_EQ(Fr("frappe"), Fr("frappant"));
  EXPECT_EQ(Fr("tue"), Fr("tuee"));
  EXPECT_EQ(Fr("armee"), Fr("armees"));
}

TEST(StemmerTest, ExceptionsKeepUnrelatedWordsApart) {
  // "arme" (weapon) and "armée" (army) share a stem under the suffix rules alone.
  EXPECT_NE(Fr("arme"), Fr("armee"));
  EXPECT_EQ(Fr("arme"), Fr("armes"));
  Stemmer s;
  s.AddRule({"e", "", 3});
  EXPECT_EQ(s.Stem("arme"), "arm");
  s.AddException("arme", "arme");
  EXPECT_EQ(s.Stem("arme"), "arme");
}

}  // namespace
}  // namespace sitrep
