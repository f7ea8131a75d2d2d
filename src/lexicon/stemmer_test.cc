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

namespace sitrep {
namespace {

TEST(StemmerTest, TheLongestSuffixThatLeavesAStemWins) {
  Stemmer s;
  s.AddRule({"s", "", 2});
  s.AddRule({"ees", "e", 3});
  s.AddRule({"ees", "x", 1});  // same suffix, added later: used only where the first leaves too short a stem
  EXPECT_EQ(s.Stem("frappees"), "frappe");
  EXPECT_EQ(s.Stem("crees"), "crx");
  EXPECT_EQ(s.Stem("ees"), "ee");  // too short for either "ees" rule: "s" applies
}

TEST(StemmerTest, StemmedTokensAreThoseOfTheStemmerAsked) {
  // Two stemmers over the same tokens, one after the other on this thread:
  // the second must not reuse the first's stems.
  std::vector<Token> toks;
  Tokenize("les frappes", 0, &toks);
  Stemmer a, b;
  a.AddRule({"s", "", 2});
  b.AddRule({"es", "", 2});
  auto sa = a.StemTokens(toks);
  auto sb = b.StemTokens(toks);
  EXPECT_EQ(sa[1].fold, "frappe");
  EXPECT_EQ(sb[1].fold, "frapp");
  EXPECT_EQ(a.StemTokens(toks)[1].fold, "frappe");
  toks[1].fold = "raids";
  toks[1].word = 0;
  EXPECT_EQ(a.StemTokens(toks)[1].fold, "raid");
}

}  // namespace
}  // namespace sitrep
