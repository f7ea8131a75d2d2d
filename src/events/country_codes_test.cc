#include "events/country_codes.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

namespace sitrep {
namespace {

TEST(CountryCodesTest, MapsAlpha2AndReportsBadRowsWithTheirLine) {
  std::string path = ::testing::TempDir() + "/codes_" + std::to_string(::getpid()) + ".tsv";
  {
    std::ofstream f(path);
    f << "# test\nalpha2\talpha3\nML\tMLI\nUKR\tUA\nNG\tNGA\n";
  }
  std::vector<std::string> warnings;
  auto c = CountryCodes::Load(path, &warnings);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->Alpha3("ML"), "MLI");
  EXPECT_EQ(c->Alpha3("NG"), "NGA");
  EXPECT_EQ(c->Alpha3("UA"), "");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find(":4:"), std::string::npos) << warnings[0];
  std::remove(path.c_str());
}

TEST(CountryCodesTest, ProjectTableCoversTheTheatres) {
  auto c = CountryCodes::Load(std::string(SITREP_SOURCE_DIR) + "/data/lexicons/country_codes.tsv", nullptr);
  ASSERT_TRUE(c.ok());
  for (auto [a2, a3] : {std::pair{"SY", "SYR"}, {"ML", "MLI"}, {"UA", "UKR"}, {"YE", "YEM"}, {"SO", "SOM"},
                        {"CD", "COD"}, {"MM", "MMR"}, {"BF", "BFA"}})
    EXPECT_EQ(c->Alpha3(a2), a3) << a2;
}

TEST(CountryCodesTest, TheatresNeedAVoiceForTheLabelAndReportBadRows) {
  std::string path = ::testing::TempDir() + "/theatres_" + std::to_string(::getpid()) + ".tsv";
  {
    std::ofstream f(path);
    f << "# test\nalpha2\topposition\tvoices\tair\nSY\tREBELS\tSANA|SYR_GOV\tSYR_MIL\nPS\t-\t-\tISR_MIL\n"
         "ML\tJNIM\t-\t-\n";
  }
  CountryCodes c;
  std::vector<std::string> warnings;
  ASSERT_TRUE(c.LoadTheatres(path, &warnings).ok());
  EXPECT_EQ(c.Opposition("SY", {"SOHR", "SYR_GOV"}), "REBELS");
  EXPECT_EQ(c.Opposition("SY", {"SOHR"}), "");  // another side's words
  EXPECT_EQ(c.Opposition("PS", {"SANA"}), "");
  EXPECT_EQ(c.AirPower("SY"), "SYR_MIL");
  EXPECT_EQ(c.AirPower("PS"), "ISR_MIL");
  EXPECT_EQ(c.AirPower("ML"), "");  // its row is refused: an opposition with no voice
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find(":5:"), std::string::npos) << warnings[0];
  // A missing file is no error: no theatre has conventions.
  EXPECT_TRUE(c.LoadTheatres(path + ".absent", &warnings).ok());
  std::remove(path.c_str());
}

TEST(CountryCodesTest, UnownedStateIds) {
  EXPECT_TRUE(IsUnownedStateId("*_MIL"));
  EXPECT_FALSE(IsUnownedStateId("MLI_MIL"));
  EXPECT_FALSE(IsUnownedStateId("*"));
}

}  // namespace
}  // namespace sitrep
