#include "mentions/place_finder.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <unistd.h>

#include "gazetteer/builder.h"
#include "resolve/geocoder.h"

namespace sitrep {
namespace {

// A handwritten gazetteer: Syrian places, their provinces, look-alikes
// elsewhere (Al Khums in Libya, a Japanese Hama, Salamiyah) and countries.
class PlaceFinderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GazetteerBuilder b;
    auto place = [&](int64_t id, const char* name, double lat, double lon, int64_t pop, const char* cc,
                     const char* a1, const char* feature, PlaceLevel level, std::vector<const char*> names,
                     std::vector<const char*> alternates = {}) {
      uint32_t i = b.AddPlace({id, name, lat, lon, pop, cc, a1, feature, level});
      for (const char* n : names) b.AddName(i, n, true);
      for (const char* n : alternates) b.AddName(i, n, false);
    };
    for (auto [iso, name] : {std::pair{"SY-HI", "Homs"}, {"SY-RA", "Raqqa"}, {"SY-ID", "Idlib"}, {"SY-LA", "Latakia"},
                             {"SY-HM", "Hama"}, {"SY-DY", "Deir ez-Zor"}, {"SY-HL", "Aleppo"}})
      b.SetAdmin1Name(iso, name);
    place(1, "Homs", 34.73, 36.72, 775000, "SY", "SY-HI", "P.PPLA", PlaceLevel::kPlace, {"Homs", "Hims"});
    place(2, "Al Khums", 32.65, 14.26, 200000, "LY", "LY-MB", "P.PPLA", PlaceLevel::kPlace, {"Al Khums"}, {"Homs"});
    place(3, "Hama", 35.13, 36.76, 460000, "SY", "SY-HM", "P.PPLA", PlaceLevel::kPlace, {"Hama"});
    place(4, "Ono-hara", 34.28, 132.27, 26000, "JP", "JP-34", "P.PPL", PlaceLevel::kPlace, {"Ono-hara"}, {"Hama"});
    place(5, "Idlib", 35.93, 36.63, 128000, "SY", "SY-ID", "P.PPLA", PlaceLevel::kPlace, {"Idlib"});
    place(6, "Idlib", 35.85, 36.68, 0, "SY", "SY-ID", "A.ADM1", PlaceLevel::kAdmin1, {"Idlib", "Idleb"});
    place(7, "Homs", 34.15, 38.14, 0, "SY", "SY-HI", "A.ADM1", PlaceLevel::kAdmin1, {"Homs"});
    place(8, "Latakia", 35.55, 36.0, 0, "SY", "SY-LA", "A.ADM1", PlaceLevel::kAdmin1, {"Latakia", "Lattaquié"});
    place(0, "Salma", 35.69, 36.14, 1000, "SY", "SY-LA", "P.PPL", PlaceLevel::kPlace, {"Salma"});
    place(9, "Salamiyah", 35.01, 37.05, 94000, "SY", "SY-HM", "P.PPLA2", PlaceLevel::kPlace, {"Salamiyah"});
    place(10, "Aleppo", 36.2, 37.16, 1600000, "SY", "SY-HL", "P.PPLA", PlaceLevel::kPlace, {"Aleppo", "Alep"});
    place(11, "Dayr az Zawr", 35.34, 40.14, 240000, "SY", "SY-DY", "P.PPLA", PlaceLevel::kPlace,
          {"Dayr az Zawr", "Deir ez-Zor"});
    place(12, "Albu Kamal", 34.45, 40.92, 57000, "SY", "SY-DY", "P.PPLA2", PlaceLevel::kPlace, {"Albu Kamal"});
    place(13, "Raqqa", 35.95, 39.01, 177000, "SY", "SY-RA", "P.PPLA", PlaceLevel::kPlace, {"Ar Raqqah"});
    place(15, "Raqqa", 35.95, 38.9, 0, "SY", "SY-RA", "A.ADM1", PlaceLevel::kAdmin1, {"Ar Raqqah"});
    place(16, "Al Qa'im", 34.39, 40.99, 74000, "IQ", "IQ-AN", "P.PPLA2", PlaceLevel::kPlace, {"Al Qa'im"});
    place(14, "Assad", 30.0, 31.0, 600, "EG", "", "P.PPL", PlaceLevel::kPlace, {"Assad"});
    place(163843, "Syria", 35, 38, 0, "SY", "", "A.PCLI", PlaceLevel::kCountry, {"Syria", "Syrie"}, {"Syrian"});
    place(99237, "Iraq", 33, 44, 0, "IQ", "", "A.PCLI", PlaceLevel::kCountry, {"Iraq", "Irak"});
    // Look-alikes of ordinary words and of foreign spellings, in the United States and elsewhere.
    place(6252001, "United States", 39.8, -98.5, 0, "US", "", "A.PCLI", PlaceLevel::kCountry,
          {"United States", "US", "Etats-Unis"});
    place(20, "Tulsa", 36.15, -95.99, 400000, "US", "US-OK", "P.PPLA2", PlaceLevel::kPlace, {"Tulsa"});
    place(21, "Lawton", 34.61, -98.39, 90000, "US", "US-OK", "P.PPLA2", PlaceLevel::kPlace, {"Lawton"});
    place(22, "Forces", 38.6, -121.2, 9000, "US", "US-CA", "P.PPL", PlaceLevel::kPlace, {"Forces"});
    place(23, "Casablanca", 33.59, -7.61, 3000000, "MA", "MA-06", "P.PPLA", PlaceLevel::kPlace, {"Casablanca"},
          {"White House"});
    place(24, "Nice", 43.7, 7.27, 340000, "FR", "FR-U", "P.PPLA2", PlaceLevel::kPlace, {"Nice"});
    place(25, "Alpharetta", 34.08, -84.29, 65000, "US", "US-GA", "P.PPL", PlaceLevel::kPlace, {"Alpharetta"});
    place(26, "Kelly", 35.0, -97.0, 3000, "US", "US-OK", "P.PPL", PlaceLevel::kPlace, {"Kelly"});
    place(27, "Washington", 38.9, -77.04, 700000, "US", "US-DC", "P.PPLC", PlaceLevel::kPlace, {"Washington"});
    b.SetAdmin1Name("US-NY", "New York");
    place(28, "New York", 40.71, -74.0, 8800000, "US", "US-NY", "P.PPL", PlaceLevel::kPlace, {"New York"});
    place(29, "New York", 43.0, -75.0, 0, "US", "US-NY", "A.ADM1", PlaceLevel::kAdmin1, {"New York"});
    for (const char* w : {"forces", "white", "house", "nice", "Latin", "April"}) b.AddDictionaryWord(w, "en");
    for (const char* w : {"forces", "nouvel"}) b.AddDictionaryWord(w, "fr");
    auto g = Gazetteer::FromBytes(b.Serialize());
    ASSERT_TRUE(g.ok());
    gaz_ = std::move(g).value();
    dir_ = ::testing::TempDir() + "/place_finder_lex_" + std::to_string(::getpid());
    for (const char* lang : {"fr", "en"}) {
      std::filesystem::create_directories(dir_ + "/" + lang);
      std::ofstream out(dir_ + "/" + lang + "/places.tsv");
      out << "phrase\tkind\nprès de\tnear\nau nord de\tnear\nkm de\tnear\nentre\tbetween\net\tlink\n"
          << "la route de\troad\nà\tlink\nprovince de\tadmin1_before\ngouvernorat de\tadmin1_before\n"
          << "near\tnear\nbetween\tbetween\nand\tlink\nprovince\tadmin1_after\nstate\tadmin1_after\nM.\ttitle\n"
          << "Lavrov\tstop\nJohn\tperson\nSecretary\ttitle\nmalformed row without kind\n";
    }
    std::vector<std::string> warnings;
    auto f = PlaceFinder::Create(*gaz_, dir_, &warnings);
    ASSERT_TRUE(f.ok());
    finder_ = std::move(f).value();
    EXPECT_FALSE(warnings.empty());  // the malformed row is reported
  }

  std::vector<PlaceMention> Find(const std::string& text, const char* lang = "fr") {
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

TEST_F(PlaceFinderTest, ElisionAndArticles) {
  auto ms = Find("Les combats d'Alep ont repris, a dit un témoin en Syrie.");
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(Text(ms[0]), "Alep");
  EXPECT_EQ(ms[0].geonameid, 10);
  EXPECT_EQ(ms[1].level, PlaceLevel::kCountry);
  EXPECT_EQ(ms[1].precision, LocationPrecision::kCountry);
}

TEST_F(PlaceFinderTest, LowerCaseArabicArticleAndInnerApostrophe) {
  auto ms = Find("La ville irakienne d'al-Qaïm a été reprise.");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].geonameid, 16);
  EXPECT_EQ(Text(ms[0]), "al-Qaïm");
}

TEST_F(PlaceFinderTest, CaseAndAccentFolding) {
  auto ms = Find("Des frappes ont visé LATTAQUIE et Lattaquié dans la province de Lattaquie.");
  ASSERT_EQ(ms.size(), 3u);
  for (const auto& m : ms) EXPECT_EQ(m.admin1, "SY-LA");
}

TEST_F(PlaceFinderTest, TransliterationVariants) {
  auto ms = Find("En Syrie, des raids ont frappé Al-Boukamal, puis Deir Ezzor et la province de Raqa.");
  ASSERT_EQ(ms.size(), 4u);
  EXPECT_EQ(ms[1].geonameid, 12);
  EXPECT_EQ(ms[1].rule, "gazetteer-loose");
  EXPECT_EQ(ms[2].geonameid, 11);
  EXPECT_EQ(ms[3].admin1, "SY-RA");  // two-consonant skeletons match loosely only after a province word
  EXPECT_EQ(ms[3].level, PlaceLevel::kAdmin1);
}

TEST_F(PlaceFinderTest, ProvincePhrasesGiveTheProvince) {
  auto ms = Find("Des raids dans la province d'Idleb, près de Homs et dans Homs province.");
  ASSERT_EQ(ms.size(), 3u);
  EXPECT_EQ(ms[0].level, PlaceLevel::kAdmin1);
  EXPECT_EQ(ms[0].precision, LocationPrecision::kAdmin1);
  EXPECT_EQ(ms[0].admin1, "SY-ID");
  EXPECT_EQ(ms[1].geonameid, 1);  // the bare name is the city
  EXPECT_EQ(ms[1].precision, LocationPrecision::kNear);
  EXPECT_EQ(ms[2].level, PlaceLevel::kAdmin1);
  Location loc = ToLocation(ms[0]);
  EXPECT_EQ(loc.precision, LocationPrecision::kAdmin1);
  EXPECT_EQ(loc.admin1_name, "Idlib");
}

TEST_F(PlaceFinderTest, RelativePhrases) {
  auto ms = Find("Un convoi a été visé à 20 km de Homs, puis entre Hama et Idlib, sur la route de Homs à Alep.");
  ASSERT_EQ(ms.size(), 5u);
  for (const auto& m : ms) EXPECT_EQ(m.precision, LocationPrecision::kNear) << Text(m);
  EXPECT_EQ(std::string(doc_->Slice(ms[0].relation)), "20 km de");
}

TEST_F(PlaceFinderTest, AmbiguousNamesFollowTheDocument) {
  // Homs is not Al Khums (Libya), Hama is not the Japanese town.
  auto ms = Find("En Syrie, l'armée a pilonné Homs puis Hama.");
  ASSERT_EQ(ms.size(), 3u);
  EXPECT_EQ(ms[1].country, "SY");
  EXPECT_EQ(ms[2].country, "SY");
  // Salma is Salma (Latakia), not Salamiyah.
  ms = Find("Les avions ont frappé près de Salma, dans la province de Lattaquié.");
  ASSERT_GE(ms.size(), 1u);
  EXPECT_EQ(ms[0].name, "Salma");
  EXPECT_EQ(ms[0].admin1, "SY-LA");
}

TEST_F(PlaceFinderTest, PeopleAndOrdinaryWordsAreNotPlaces) {
  auto ms = Find("M. Lavrov a rencontré Bachar Assad. Lavrov a parlé de Homs.");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(Text(ms[0]), "Homs");
  ms = Find("Hama a été pilonnée. Le hama du village est vide.");  // written in lower case elsewhere
  EXPECT_TRUE(ms.empty());
}

TEST_F(PlaceFinderTest, EnglishBetweenAndNear) {
  auto ms = Find("Fighting raged between Idlib and Hama, near Aleppo in Syria.", "en");
  ASSERT_EQ(ms.size(), 4u);
  EXPECT_EQ(ms[0].precision, LocationPrecision::kNear);
  EXPECT_EQ(ms[1].precision, LocationPrecision::kNear);
  EXPECT_EQ(ms[2].precision, LocationPrecision::kNear);
  EXPECT_EQ(ms[3].precision, LocationPrecision::kCountry);
}

TEST_F(PlaceFinderTest, OrdinaryWordsNameOnlyLargePlaces) {
  // "Forces" is a French and English word: not the small town of that name.
  auto ms = Find("Selon les Forces kurdes, Alep est calme.");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(Text(ms[0]), "Alep");
  // "Nice" is a word too, but a large city, unless it starts a sentence.
  ms = Find("The summit moved to Nice last week. Nice weather helped.", "en");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].geonameid, 24);
  EXPECT_LT(ms[0].span.begin, 30u);
  // "White House" is only an alternate name of Casablanca, and ordinary words.
  ms = Find("The White House said Tulsa was calm.", "en");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].geonameid, 20);
}

TEST_F(PlaceFinderTest, LooseMatchesNeedTheStoryCountryAndASimilarSpelling) {
  // Lawton and "Latin" share a skeleton, but "Latin" is a known English word.
  auto ms = Find("Latin bands played in Tulsa, in the US, near Lawton.", "en");
  for (const auto& m : ms) EXPECT_NE(Text(m), "Latin");
  // The Euphrates is not Alpharetta even when the United States are named
  // more often than Syria: the story's towns are Syrian.
  ms = Find("Les Etats-Unis ont dit que les Etats-Unis frapperaient. Les raids visent Alep, l'Euphrate et Homs.");
  for (const auto& m : ms) EXPECT_NE(m.geonameid, 25) << Text(m);
  // A Syrian spelling variant still matches inside the story's country.
  ms = Find("Les Etats-Unis et les Etats-Unis ont frappé Homs puis Al-Boukamal.");
  ASSERT_EQ(ms.size(), 4u);
  EXPECT_EQ(ms[3].geonameid, 12);
}

TEST_F(PlaceFinderTest, ABigCityNamedLikeItsProvinceIsTheCity) {
  auto ms = Find("Snow fell on New York overnight.", "en");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].geonameid, 28);
  ms = Find("Snow fell across New York State.", "en");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].level, PlaceLevel::kAdmin1);
}

TEST_F(PlaceFinderTest, PeopleNamedOnceAreNotPlacesLater) {
  auto ms = Find("John Kelly flew to Tulsa. Later Kelly spoke. Secretary Kelly agreed.", "en");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].geonameid, 20);
}

// Runs against the real compiled gazetteer when the build made one.
TEST(PlaceFinderIntegrationTest, SyrianPlacesOnTheBuiltGazetteer) {
  std::string path = std::string(SITREP_BUILD_DIR) + "/gazetteer.bin";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  auto g = Gazetteer::Load(path);
  ASSERT_TRUE(g.ok()) << g.status().message();
  std::vector<std::string> warnings;
  auto f = PlaceFinder::Create(**g, std::string(SITREP_SOURCE_DIR) + "/data/lexicons", &warnings);
  ASSERT_TRUE(f.ok());
  RawDocument raw;
  raw.bytes = "Des frappes près de Raqqa et d'Alep, en Syrie, ont visé la province de Deir ez-Zor.";
  raw.lang = "fr";
  auto doc = AnalyzeDocument(raw, 1 << 20);
  ASSERT_TRUE(doc.ok());
  auto ms = (*f)->Find(**doc);
  ASSERT_EQ(ms.size(), 4u);
  EXPECT_EQ(ms[0].geonameid, 172955);
  EXPECT_EQ(ms[0].precision, LocationPrecision::kNear);
  EXPECT_EQ(ms[1].geonameid, 170063);
  EXPECT_EQ(ms[2].country, "SY");
  EXPECT_EQ(ms[3].admin1, "SY-DY");
  EXPECT_EQ(ms[3].precision, LocationPrecision::kAdmin1);
}

// Burkina Faso's regions (data/gazetteer/regions.tsv) are its first level:
// its provinces and towns report the region's code.
TEST(PlaceFinderIntegrationTest, RegionsOfBurkinaFasoOnTheBuiltGazetteer) {
  std::string path = std::string(SITREP_BUILD_DIR) + "/gazetteer.bin";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  auto g = Gazetteer::Load(path);
  ASSERT_TRUE(g.ok()) << g.status().message();
  std::vector<std::string> warnings;
  auto f = PlaceFinder::Create(**g, std::string(SITREP_SOURCE_DIR) + "/data/lexicons", &warnings);
  ASSERT_TRUE(f.ok());
  RawDocument raw;
  raw.bytes = "Des attaques ont visé Koudougou, dans la région du Centre-Ouest, puis Djibo, dans la province du Soum.";
  raw.lang = "fr";
  auto doc = AnalyzeDocument(raw, 1 << 20);
  ASSERT_TRUE(doc.ok());
  auto ms = (*f)->Find(**doc);
  ASSERT_EQ(ms.size(), 4u);
  EXPECT_EQ(ms[0].name, "Koudougou");
  EXPECT_EQ(ms[0].admin1, "BF-06");
  EXPECT_EQ(ms[1].name, "Centre-Ouest");
  EXPECT_EQ(ms[1].level, PlaceLevel::kAdmin1);
  EXPECT_EQ(ms[2].admin1, "BF-12");
  EXPECT_EQ(ms[3].name, "Soum");
  EXPECT_EQ(ms[3].admin1, "BF-12");
  EXPECT_EQ(ms[3].admin1_name, "Sahel");
  EXPECT_EQ(ms[3].precision, LocationPrecision::kAdmin1);
}

}  // namespace
}  // namespace sitrep
