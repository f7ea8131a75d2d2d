#include "mentions/number_finder.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

std::unique_ptr<NumberFinder> Finder() {
  std::vector<std::string> warnings;
  auto f = NumberFinder::Create(std::string(SITREP_SOURCE_DIR) + "/data/lexicons", &warnings);
  EXPECT_TRUE(f.ok());
  EXPECT_TRUE(warnings.empty());
  return std::move(f).value();
}

std::unique_ptr<Document> Doc(const std::string& text, const std::string& lang) {
  RawDocument raw;
  raw.id = "t";
  raw.bytes = text;
  raw.lang = lang;
  return std::move(AnalyzeDocument(raw, 1 << 20)).value();
}

TEST(NumberFinder, SpanCoversQualifierAndNumberNotNoun) {
  auto doc = Doc("Selon l'OSDH, plus de 300 djihadistes ont été tués.", "fr");
  auto found = Finder()->Find(*doc);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(doc->Slice(found[0].span), "plus de 300");
  EXPECT_EQ(doc->Slice(found[0].noun), "djihadistes");
  EXPECT_EQ(found[0].toks.end - found[0].toks.begin, 3u);
  EXPECT_EQ(found[0].rule, "digits/floor");
  EXPECT_FALSE(found[0].value.high.has_value());
}

TEST(NumberFinder, NoBreakAndThinSpacesGroupDigits) {
  auto doc = Doc("Au total, 1\u202F199 morts et 2\u00A0300 blessés.", "fr");
  auto found = Finder()->Find(*doc);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].value, Count::Exact(1199));
  EXPECT_EQ(found[1].value, Count::Exact(2300));
  EXPECT_EQ(found[1].noun_class, "injured");
}

TEST(NumberFinder, SeveralCountsInOneSentenceKeepTheirNouns) {
  auto doc = Doc("Les frappes ont détruit 36 véhicules, 11 chars et 7 dépôts.", "fr");
  auto found = Finder()->Find(*doc);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].noun_class, "vehicle");
  EXPECT_EQ(found[1].noun_class, "armored");
  EXPECT_EQ(found[2].noun_class, "facility");
}

TEST(NumberFinder, AMeasureIsNotACount) {
  auto doc = Doc("The convoy was 12 km long and 40 percent of it burned.", "en");
  EXPECT_TRUE(Finder()->Find(*doc).empty());
}

TEST(NumberFinder, UnknownLanguageFindsNothing) {
  auto doc = Doc("300 soldiers", "en");
  doc->lang = "xx";
  EXPECT_TRUE(Finder()->Find(*doc).empty());
}

}  // namespace
}  // namespace sitrep
