#include "syntax/conllu.h"

#include <sstream>

#include <gtest/gtest.h>

namespace sitrep {
namespace {

constexpr char kText[] =
    "# sent_id = 1\n"
    "1\tLe\tle\tDET\t_\t_\t2\tdet\t_\t_\n"
    "2\tchef\tchef\tNOUN\t_\tNumber=Sing\t0\troot\t_\t_\n"
    "3-4\tdu\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "3\tde\tde\tADP\t_\t_\t5\tcase\t_\t_\n"
    "4\tle\tle\tDET\t_\t_\t5\tdet\t_\t_\n"
    "5\tgroupe\tgroupe\tNOUN\t_\t_\t2\tnmod\t_\tSpaceAfter=No\n"
    "\n";

TEST(ConlluTest, ReadsWordsAndMultiwordTokensAndWritesThemBack) {
  std::istringstream in(kText);
  auto s = ReadConllu(in, "test");
  ASSERT_TRUE(s.ok()) << s.status().message();
  ASSERT_EQ(s->size(), 1u);
  const ConlluSentence& x = (*s)[0];
  ASSERT_EQ(x.words.size(), 5u);
  EXPECT_EQ(x.words[2].form, "de");
  EXPECT_EQ(x.words[2].head, 5);
  ASSERT_EQ(x.multiword.size(), 1u);
  EXPECT_EQ(x.multiword[0].first, 3);
  EXPECT_EQ(x.multiword[0].last, 4);
  EXPECT_EQ(x.multiword[0].form, "du");
  std::ostringstream out;
  WriteConllu(x, out);
  EXPECT_EQ(out.str(), kText);
}

TEST(ConlluTest, ReportsTheLineOfAMalformedRow) {
  std::istringstream in("1\tLe\tle\tDET\n");
  auto s = ReadConllu(in, "bad.conllu");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("bad.conllu:1:"), std::string::npos);
}

}  // namespace
}  // namespace sitrep
