// Places a reader finds through their region: ACLED-style context in
// brackets ("Boni (Douentza, Mopti)"), a town framed by its province ("X, in
// the Mopti region"), district phrases ("le cercle de Douentza") and region
// names ending in a nationality adjective ("le Kurdistan irakien"). The
// gazetteer and the texts are made up here.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <unistd.h>

#include "gazetteer/builder.h"
#include "mentions/place_finder.h"
#include "text/document.h"

namespace sitrep {
namespace {

class PlaceRegionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GazetteerBuilder b;
    auto place = [&](int64_t id, const char* name, double lat, double lon, int64_t pop, const char* cc,
                     const char* a1, const char* feature, PlaceLevel level, std::vector<const char*> names) {
      uint32_t i = b.AddPlace({id, name, lat, lon, pop, cc, a1, feature, level});
      for (const char* n : names) b.AddName(i, n, true);
    };
    b.SetAdmin1Name("ML-5", "Mopti");
    b.SetAdmin1Name("ML-8", "Kidal");
    place(1, "Mali", 17, -4, 0, "ML", "", "A.PCLI", PlaceLevel::kCountry, {"Mali"});
    place(2, "Mopti", 14.5, -3.5, 0, "ML", "ML-5", "A.ADM1", PlaceLevel::kAdmin1, {"Mopti"});
    place(3, "Mopti", 14.49, -4.2, 120000, "ML", "ML-5", "P.PPLA", PlaceLevel::kPlace, {"Mopti"});
    place(4, "Douentza", 15.0, -2.95, 25000, "ML", "ML-5", "P.PPLA2", PlaceLevel::kPlace, {"Douentza"});
    place(5, "Kidal", 19.5, 1.2, 0, "ML", "ML-8", "A.ADM1", PlaceLevel::kAdmin1, {"Kidal"});
    place(6, "Kidal", 18.44, 1.41, 26000, "ML", "ML-8", "P.PPLA", PlaceLevel::kPlace, {"Kidal"});
    // Small namesakes far away: a Congolese Bondo, a Guinean prefecture called Mali.
    place(7, "Bondo", 3.8, 23.7, 20000, "CD", "", "P.PPL", PlaceLevel::kPlace, {"Bondo"});
    place(8, "Mali Prefecture", 12.1, -12.3, 0, "GN", "GN-ML", "A.ADM1", PlaceLevel::kAdmin1, {"Mali"});
    place(9, "Sama", 9.0, 2.0, 15000, "BJ", "", "P.PPL", PlaceLevel::kPlace, {"Sama"});
    place(10, "Sama", 14.1, -4.0, 800, "ML", "ML-5", "P.PPL", PlaceLevel::kPlace, {"Sama"});
    place(11, "Kurdistan Region", 36.1, 44.5, 0, "IQ", "IQ-KR", "A.ADM1", PlaceLevel::kAdmin1,
          {"Kurdistan Region", "Kurdistan irakien"});
    place(12, "La Force", 44.9, 0.6, 900, "FR", "FR-24", "P.PPL", PlaceLevel::kPlace, {"La Force"});
    b.SumProvincePopulations();
    auto g = Gazetteer::FromBytes(b.Serialize());
    ASSERT_TRUE(g.ok());
    gaz_ = std::move(g).value();
    dir_ = ::testing::TempDir() + "/place_region_lex_" + std::to_string(::getpid());
    for (const char* lang : {"en", "fr"}) std::filesystem::create_directories(dir_ + "/" + lang);
    std::ofstream(dir_ + "/en/places.tsv") << "phrase\tkind\nnear\tnear\nregion\tadmin1_after\nin\tframe\nthe\tframe\n";
    std::ofstream(dir_ + "/fr/places.tsv") << "phrase\tkind\nrégion de\tadmin1_before\ncercle de\tadmin1_before\n"
                                           << "dans\tframe\nla\tframe\n";
    std::vector<std::string> warnings;
    auto f = PlaceFinder::Create(*gaz_, dir_, &warnings);
    ASSERT_TRUE(f.ok());
    finder_ = std::move(f).value();
  }

  std::vector<PlaceMention> Find(const std::string& text, const char* lang = "en") {
    RawDocument raw;
    raw.id = "t";
    raw.bytes = text;
    raw.lang = lang;
    auto doc = AnalyzeDocument(raw, 1 << 20);
    EXPECT_TRUE(doc.ok());
    doc_ = std::move(doc).value();
    return finder_->Find(*doc_);
  }
  std::string Text(const PlaceMention& m) { return std::string(doc_->Slice(m.span)); }

  std::unique_ptr<Gazetteer> gaz_;
  std::unique_ptr<PlaceFinder> finder_;
  std::unique_ptr<Document> doc_;
  std::string dir_;
};

TEST_F(PlaceRegionTest, BracketedDistrictAndProvinceOfAnUnknownVillageAreItsProvince) {
  auto ms = Find("Gunmen attacked Tiguila (Douentza, Mopti) on Sunday.");
  ASSERT_EQ(ms.size(), 2u);
  for (const auto& m : ms) {
    EXPECT_EQ(m.level, PlaceLevel::kAdmin1) << Text(m);
    EXPECT_EQ(m.admin1, "ML-5");
    EXPECT_EQ(m.precision, LocationPrecision::kAdmin1);
  }
  EXPECT_EQ(Text(ms[0]), "Douentza");
}

TEST_F(PlaceRegionTest, AForeignNamesakeOutsideTheBracketedProvinceIsDropped) {
  auto ms = Find("Gunmen attacked Bondo (Douentza, Mopti) on Sunday.");
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(Text(ms[0]), "Douentza");
  EXPECT_EQ(ms[1].admin1, "ML-5");
}

TEST_F(PlaceRegionTest, ATownBeforeItsBracketedProvinceStaysTheTown) {
  auto ms = Find("Fighters entered Kidal town (Kidal) on Monday.");
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].geonameid, 6);
  EXPECT_EQ(ms[0].precision, LocationPrecision::kPlace);
  EXPECT_EQ(ms[1].level, PlaceLevel::kAdmin1);
  EXPECT_EQ(ms[1].admin1, "ML-8");
}

TEST_F(PlaceRegionTest, ATownInBracketsInProseStaysTheTown) {
  auto ms = Find("The show was dressed by Leaf Boutique (Douentza) last week.");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].geonameid, 4);
  EXPECT_EQ(ms[0].precision, LocationPrecision::kPlace);
}

TEST_F(PlaceRegionTest, ACountryInBracketsStaysTheCountry) {
  auto ms = Find("Une patrouille a sauté sur une mine près d'Indelimane (Mali) lundi.", "fr");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].level, PlaceLevel::kCountry);
  EXPECT_EQ(ms[0].country, "ML");
}

TEST_F(PlaceRegionTest, AFramedTownTakesItsReadingInsideTheProvinceOrNone) {
  auto ms = Find("Gunmen killed five villagers in Sama, in the Mopti region, on Sunday.");
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].geonameid, 10);  // the Malian Sama, not the larger one in Benin
  ms = Find("Gunmen killed five villagers in Bondo, in the Mopti region, on Sunday.");
  ASSERT_EQ(ms.size(), 1u);  // no Bondo in Mopti: the Congolese one is not it
  EXPECT_EQ(ms[0].admin1, "ML-5");
  EXPECT_EQ(ms[0].precision, LocationPrecision::kAdmin1);
  // Without the frame the larger namesake stands.
  ms = Find("Gunmen killed five villagers in Sama on Sunday.");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].geonameid, 9);
}

TEST_F(PlaceRegionTest, ADistrictNamedAfterItsSeatIsTheSeatsProvince) {
  auto ms = Find("Des jihadistes ont tué six civils dans un village du cercle de Douentza.", "fr");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].level, PlaceLevel::kAdmin1);
  EXPECT_EQ(ms[0].admin1, "ML-5");
  EXPECT_EQ(ms[0].precision, LocationPrecision::kAdmin1);
}

TEST_F(PlaceRegionTest, ARegionNameMayEndInANationalityAdjective) {
  auto ms = Find("Une frappe a visé le Kurdistan irakien lundi.", "fr");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].admin1, "IQ-KR");
  EXPECT_EQ(Text(ms[0]), "Kurdistan irakien");
  // A town's name still needs capitals: "La force" is no La Force.
  EXPECT_TRUE(Find("La force a frappé lundi.", "fr").empty());
}

}  // namespace
}  // namespace sitrep
