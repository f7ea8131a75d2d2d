#include "mentions/date_finder.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace sitrep {
namespace {

std::unique_ptr<DateFinder> Finder() {
  std::vector<std::string> warnings;
  auto f = DateFinder::Create(std::string(SITREP_SOURCE_DIR) + "/data/lexicons", &warnings);
  EXPECT_TRUE(f.ok());
  return std::move(f).value();
}

std::unique_ptr<Document> Doc(const std::string& text, const std::string& lang, const std::string& date) {
  RawDocument raw;
  raw.id = "t";
  raw.bytes = text;
  raw.lang = lang;
  if (!date.empty()) ParsePubDate(date, &raw.date);
  return std::move(AnalyzeDocument(raw, 1 << 20)).value();
}

TEST(DateFinder, SpansAreBytesOfTheExpression) {
  auto doc = Doc("Les frappes ont repris hier soir près d'Alep.", "fr", "2017-05-30");
  auto found = Finder()->Find(*doc);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(doc->Slice(found[0].span), "hier soir");
  EXPECT_EQ(found[0].rule, "relative_day");
  EXPECT_EQ(found[0].interval.start, (Ymd{2017, 5, 29}));
}

TEST(DateFinder, ExpressionsComeInTextOrder) {
  auto doc = Doc("Le 20 mai, la ville est tombée. Le lendemain à 6 h, les habitants ont fui.", "fr",
                 "2017-05-30");
  auto found = Finder()->Find(*doc);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_LT(found[0].span.end, found[1].span.begin);
  EXPECT_LT(found[1].span.end, found[2].span.begin);
  // The clock time leans on "le lendemain", itself on "le 20 mai".
  EXPECT_EQ(found[2].interval.start, (Ymd{2017, 5, 21}));
}

TEST(DateFinder, TenseOfTheNearestVerbDecides) {
  auto doc = Doc("Le village a été repris samedi et la fête aura lieu dimanche.", "fr", "2017-05-30");
  auto found = Finder()->Find(*doc);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].interval.start, (Ymd{2017, 5, 27}));
  EXPECT_EQ(found[1].interval.start, (Ymd{2017, 6, 4}));
}

TEST(DateFinder, UnknownLanguageFindsNothing) {
  auto doc = Doc("Lundi, des frappes ont touché la ville.", "fr", "2017-05-30");
  doc->lang = "xx";
  EXPECT_TRUE(Finder()->Find(*doc).empty());
}

TEST(DateFinder, MalformedLexiconRowsAreReported) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("sitrep_dates_" + std::to_string(::getpid()));
  fs::create_directories(dir / "fr");
  std::ofstream(dir / "fr" / "dates.tsv") << "phrase\tkind\tvalue\nlundi\tweekday\t0\nmardi\n"
                                          << "hier\tnot_a_kind\t-1\n";
  std::vector<std::string> warnings;
  auto f = DateFinder::Create(dir.string(), &warnings);
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_NE(warnings[0].find("dates.tsv:3"), std::string::npos);
  EXPECT_NE(warnings[1].find("not_a_kind"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sitrep
