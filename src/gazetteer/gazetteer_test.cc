#include "gazetteer/gazetteer.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include "gazetteer/builder.h"
#include "gazetteer/name_key.h"
#include "gazetteer/sources.h"

namespace sitrep {
namespace {

TEST(NameKeyTest, FoldsCaseAccentsAndPunctuation) {
  EXPECT_EQ(ExactKey(NameWords("Deir ez-Zor")), "deir ez zor");
  EXPECT_EQ(ExactKey(NameWords("LATTAQUIÉ")), "lattaquie");
  EXPECT_EQ(ExactKey(NameWords("U.S.")), "u s");
}

TEST(NameKeyTest, TransliterationVariantsShareALooseKey) {
  auto loose = [](const char* s) { return LooseKey(NameWords(s)); };
  EXPECT_EQ(loose("Al-Boukamal"), loose("Abou Kamal"));
  EXPECT_EQ(loose("Albu Kamal"), loose("Abu Kamal"));
  EXPECT_EQ(loose("Deir Ezzor"), loose("Deir ez-Zor"));
  EXPECT_EQ(loose("Raqa"), loose("Raqqah"));
  EXPECT_EQ(loose("Idleb"), loose("Idlib"));
  EXPECT_EQ(loose("Djerablous"), loose("Jarabulus"));
  EXPECT_NE(loose("Homs"), loose("Hama"));
  EXPECT_EQ(loose("A"), "");  // too short to match loosely
}

GazetteerBuilder TinyBuilder() {
  GazetteerBuilder b;
  BuildPlace homs{169577, "Homs", 34.73, 36.72, 775000, "SY", "SY-HI", "P.PPLA", PlaceLevel::kPlace};
  b.AddName(b.AddPlace(homs), "Homs", true);
  BuildPlace prov{169575, "Homs", 34.15, 38.14, 0, "SY", "SY-HI", "A.ADM1", PlaceLevel::kAdmin1};
  b.SetAdmin1Name("SY-HI", "Homs");
  b.AddName(b.AddPlace(prov), "Homs", true);
  BuildPlace ny{5128581, "New York City", 40.71, -74.0, 8000000, "US", "US-NY", "P.PPL", PlaceLevel::kPlace};
  b.AddName(b.AddPlace(ny), "New York City", true);
  return b;
}

TEST(GazetteerTest, RoundTripsThroughTheBinaryFormat) {
  auto g = Gazetteer::FromBytes(TinyBuilder().Serialize());
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ((*g)->size(), 3u);
  auto l = (*g)->Find("homs");
  ASSERT_TRUE(l.found);
  ASSERT_EQ(l.postings.size(), 2u);
  // Provinces rank before towns in a key's list.
  EXPECT_EQ((*g)->place(l.postings[0] & kPostingIndexMask).level, static_cast<uint8_t>(PlaceLevel::kAdmin1));
  PlaceMention m;
  (*g)->Describe(l.postings[1] & kPostingIndexMask, &m);
  EXPECT_EQ(m.geonameid, 169577);
  EXPECT_EQ(m.admin1, "SY-HI");
  EXPECT_EQ(m.admin1_name, "Homs");
  EXPECT_NEAR(m.lat, 34.73, 1e-4);
  // Proper word prefixes of multi-word names are flagged, without postings.
  auto p = (*g)->Find("new york");
  EXPECT_TRUE(p.found && p.prefix && p.postings.empty());
  EXPECT_FALSE((*g)->Find("york").found);
  EXPECT_EQ((*g)->Admin1Index("SY-HI"), 1);
  EXPECT_EQ((*g)->Version().rfind("gazetteer/" + std::to_string(kGazetteerFormatVersion) + ":", 0), 0u);
}

TEST(GazetteerTest, FlagsKeysMadeOfDictionaryWords) {
  GazetteerBuilder b = TinyBuilder();
  BuildPlace town{1, "Forces", 38.6, -121.2, 9000, "US", "US-CA", "P.PPL", PlaceLevel::kPlace};
  b.AddName(b.AddPlace(town), "Forces", true);
  BuildPlace city{2, "Casablanca", 33.6, -7.6, 3000000, "MA", "", "P.PPLA", PlaceLevel::kPlace};
  b.AddName(b.AddPlace(city), "White House", false);
  BuildPlace pearl{3, "Pearl", 32.3, -90.1, 26000, "US", "US-MS", "P.PPL", PlaceLevel::kPlace};
  b.AddName(b.AddPlace(pearl), "Pearl", true);
  for (const char* w : {"forces", "white", "house"}) b.AddDictionaryWord(w, "en");
  b.AddDictionaryWord("forces", "fr");
  b.AddDictionaryWord("April", "en");  // a capital: known, not common
  auto g = Gazetteer::FromBytes(b.Serialize());
  ASSERT_TRUE(g.ok());
  auto forces = (*g)->Find("forces");
  EXPECT_EQ(forces.flags & (kKeyCommonEn | kKeyCommonFr | kKeyKnownEn), kKeyCommonEn | kKeyCommonFr | kKeyKnownEn);
  EXPECT_EQ((*g)->Find("white house").flags & kKeyCommonEn, kKeyCommonEn);
  EXPECT_EQ((*g)->Find("white house").flags & kKeyCommonFr, 0);
  EXPECT_EQ((*g)->Find("homs").flags & (kKeyCommonEn | kKeyKnownEn), 0);
  // "april" is no name, but matches Pearl loosely: stored, without postings, as a known word.
  auto april = (*g)->Find("april");
  EXPECT_TRUE(april.found && april.postings.empty());
  EXPECT_EQ(april.flags & (kKeyKnownEn | kKeyCommonEn), kKeyKnownEn);
  EXPECT_EQ(CommonWordFlag("en"), kKeyCommonEn);
  EXPECT_EQ(KnownWordFlag("ar"), 0);
}

TEST(GazetteerTest, RejectsCorruptedFiles) {
  std::string bytes = TinyBuilder().Serialize();
  std::string flipped = bytes;
  flipped[flipped.size() - 2] ^= 1;
  EXPECT_EQ(Gazetteer::FromBytes(flipped).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(Gazetteer::FromBytes(bytes.substr(0, bytes.size() - 1)).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(Gazetteer::Load("/nonexistent/gazetteer.bin").status().code(), StatusCode::kNotFound);
}

TEST(SupplementTest, LoadsRowsAndReportsMalformedOnesWithTheirLine) {
  // A folder of this process's own: ctest runs tests in parallel processes.
  std::string dir = ::testing::TempDir() + "/supplement_" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  std::string path = dir + "/supplement_test.tsv";
  {
    std::ofstream out(path);
    out << "# test places\n"
        << "names\tlat\tlon\tcountry\tadmin1\tfeature\tgeonameid\tsource\n"
        << "Qaryat Test|Test Village\t35.5\t36.5\tSY\tSY-ID\tP.PPL\t\tmade up for this test\n"
        << "Broken Row\tnorth\t36.5\tSY\tSY-ID\tP.PPL\t\tmade up\n"
        << "Wrong Province\t35\t36\tSY\tIQ-AN\tP.PPL\t\tmade up\n"
        << "Test Region|Testish\t52\t-1\tGB\tGB-TST\tA.ADM1\t7\tmade up: a division is a province\n";
  }
  GazetteerBuilder b;
  std::vector<std::string> errors;
  auto n = ReadSupplement(path, &b, &errors);
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(*n, 2u);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("supplement_test.tsv:4:"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("supplement_test.tsv:5:"), std::string::npos) << errors[1];
  auto g = Gazetteer::FromBytes(b.Serialize());
  ASSERT_TRUE(g.ok());
  EXPECT_TRUE((*g)->Find("test village").found);
  int64_t region = (*g)->Admin1Index("GB-TST");
  ASSERT_GE(region, 0);
  EXPECT_EQ((*g)->place(static_cast<uint32_t>(region)).level, static_cast<uint8_t>(PlaceLevel::kAdmin1));
  EXPECT_EQ((*g)->Find("testish").postings.size(), 1u);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace sitrep

namespace sitrep {
namespace {

TEST(GazetteerTest, UnknownProvinceAndCountryAreMinusOne) {
  GazetteerBuilder b;
  b.AddName(b.AddPlace({1, "X", 1, 1, 1, "SY", "SY-HI", "A.ADM1", PlaceLevel::kAdmin1}), "X", true);
  auto g = Gazetteer::FromBytes(b.Serialize());
  ASSERT_TRUE(g.ok());
  EXPECT_EQ((*g)->Admin1Index(""), -1);
  EXPECT_EQ((*g)->Admin1Index("IQ-AN"), -1);
  EXPECT_EQ((*g)->CountryIndex("FR"), -1);
}

}  // namespace
}  // namespace sitrep

namespace sitrep {
namespace {

TEST(AreaCentroidTest, WeighsEveryPartByItsArea) {
  // A 4x4 square at the origin and a 2x2 island at x 10..12: the centre
  // lies between them, pulled toward the larger part (not at a label point).
  auto geom = nlohmann::json::parse(R"({"type":"MultiPolygon","coordinates":[
      [[[0,0],[4,0],[4,4],[0,4],[0,0]]],
      [[[10,0],[12,0],[12,2],[10,2],[10,0]]]]})");
  double lat = -99, lon = -99;
  ASSERT_TRUE(AreaCentroid(geom, &lat, &lon));
  EXPECT_NEAR(lon, (16 * 2.0 + 4 * 11.0) / 20, 1e-9);
  EXPECT_NEAR(lat, (16 * 2.0 + 4 * 1.0) / 20, 1e-9);
  // Parts on both sides of the 180th meridian: no centroid, the point is untouched.
  auto split = nlohmann::json::parse(R"({"type":"MultiPolygon","coordinates":[
      [[[179,0],[180,0],[180,1],[179,1],[179,0]]],
      [[[-180,0],[-179,0],[-179,1],[-180,1],[-180,0]]]]})");
  lat = lon = 5;
  EXPECT_FALSE(AreaCentroid(split, &lat, &lon));
  EXPECT_EQ(lat, 5);
  EXPECT_FALSE(AreaCentroid(nlohmann::json::object(), &lat, &lon));
}

}  // namespace
}  // namespace sitrep
