#include "lexicon/phrase_matcher.h"

#include <gtest/gtest.h>

#include "text/vocabulary.h"

namespace sitrep {
namespace {

std::vector<Token> Toks(const std::string& text) {
  std::vector<Token> t;
  Tokenize(text, 0, &t);
  return t;
}

TEST(PhraseMatcherTest, LeftmostLongestWithEveryValueOfAPhrase) {
  PhraseMatcher m;
  m.Add("raid", 1);
  m.Add("raids aériens", 2);
  m.Add("raids", 3);
  m.Add("raids aériens", 4);
  auto toks = Toks("Des raids aériens et un raid.");
  auto all = m.FindAll(toks, 0, static_cast<uint32_t>(toks.size()));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].begin, 1u);
  EXPECT_EQ(all[0].end, 3u);
  EXPECT_EQ(all[0].value, 2);  // insertion order among equals
  EXPECT_EQ(all[1].value, 4);
  EXPECT_EQ(all[2].value, 1);
  auto at = m.MatchAt(toks, 1, static_cast<uint32_t>(toks.size()));
  ASSERT_EQ(at.size(), 3u);  // longest first
  EXPECT_EQ(at[0].end, 3u);
  EXPECT_EQ(at[2].end, 2u);
  EXPECT_EQ(at[2].value, 3);
  // The end bounds the match.
  EXPECT_EQ(m.MatchAt(toks, 1, 2).size(), 1u);
}

TEST(PhraseMatcherTest, WordsAddedAfterATokenWasMadeStillMatch) {
  // The tokens are made while no lexicon knows "zorglub": their ids are
  // "unknown" at that vocabulary size, and must be looked up again.
  auto toks = Toks("Le zorglub vert");
  PhraseMatcher m;
  m.Add("zorglub vert", 7);
  auto all = m.FindAll(toks, 0, static_cast<uint32_t>(toks.size()));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].begin, 1u);
  EXPECT_EQ(all[0].value, 7);
  EXPECT_TRUE(m.StartsPhrase(toks[1]));
  EXPECT_FALSE(m.StartsPhrase(toks[2]));
}

TEST(PhraseMatcherTest, ManyPhrasesGrowTheTable) {
  PhraseMatcher m;
  for (int i = 0; i < 5000; ++i) m.Add("mot" + std::to_string(i) + " suite", i);
  auto toks = Toks("x mot4321 suite y mot17 suite");
  auto all = m.FindAll(toks, 0, static_cast<uint32_t>(toks.size()));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].value, 4321);
  EXPECT_EQ(all[1].value, 17);
  EXPECT_EQ(m.size(), 5000u);
}

TEST(VocabularyTest, TokensCarryTheirIds) {
  uint32_t id = Vocabulary::Global().Intern("qwertyuiop");
  auto toks = Toks("QWERTYUIOP");
  EXPECT_EQ(Vocabulary::Global().IdOf(toks[0]), id);
  EXPECT_EQ(toks[0].word, id);
  auto other = Toks("asdfghjklzz");
  EXPECT_EQ(Vocabulary::Global().IdOf(other[0]), Vocabulary::kNone);
}

}  // namespace
}  // namespace sitrep
