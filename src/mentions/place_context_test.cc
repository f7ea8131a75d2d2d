// Document-level disambiguation of the place finder: the story's dominant
// country, provinces against same-named towns and countries, and facility
// names built on a place name. The gazetteer and texts are made up here.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <unistd.h>

#include "gazetteer/builder.h"
#include "mentions/place_finder.h"
#include "text/document.h"

namespace sitrep {
namespace {

class PlaceContextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GazetteerBuilder b;
    auto place = [&](int64_t id, const char* name, int64_t pop, const char* cc, const char* a1, const char* feature,
                     PlaceLevel level, std::vector<const char*> names) {
      uint32_t i = b.AddPlace({id, name, 0, 0, pop, cc, a1, feature, level});
      for (const char* n : names) b.AddName(i, n, true);
    };
    // Two Nelsons: the larger one in New Zealand, a small one in Canada near two Canadian towns.
    place(1, "Nelson", 50000, "NZ", "NZ-NSN", "P.PPLA", PlaceLevel::kPlace, {"Nelson"});
    place(2, "Nelson", 10000, "CA", "CA-BC", "P.PPL", PlaceLevel::kPlace, {"Nelson"});
    place(3, "Creston", 5000, "CA", "CA-BC", "P.PPL", PlaceLevel::kPlace, {"Creston"});
    place(4, "Castlegar", 8000, "CA", "CA-BC", "P.PPL", PlaceLevel::kPlace, {"Castlegar"});
    place(5, "Victoria", 90000, "CA", "CA-BC", "P.PPLA", PlaceLevel::kPlace, {"Victoria"});
    // A big federal state and a small foreign department and town of the same name.
    place(10, "Florida", 0, "US", "US-FL", "A.ADM1", PlaceLevel::kAdmin1, {"Florida"});
    place(11, "Miami", 450000, "US", "US-FL", "P.PPLA2", PlaceLevel::kPlace, {"Miami"});
    place(12, "Tampa", 400000, "US", "US-FL", "P.PPLA2", PlaceLevel::kPlace, {"Tampa"});
    place(13, "Florida", 0, "UY", "UY-FD", "A.ADM1", PlaceLevel::kAdmin1, {"Florida"});
    place(14, "Florida", 33000, "UY", "UY-FD", "P.PPLA", PlaceLevel::kPlace, {"Florida"});
    // Georgia: a country and a US state.
    place(20, "Georgia", 0, "GE", "", "A.PCLI", PlaceLevel::kCountry, {"Georgia"});
    place(21, "Tbilisi", 1000000, "GE", "GE-TB", "P.PPLC", PlaceLevel::kPlace, {"Tbilisi"});
    place(22, "Georgia", 0, "US", "US-GA", "A.ADM1", PlaceLevel::kAdmin1, {"Georgia"});
    place(23, "Atlanta", 450000, "US", "US-GA", "P.PPLA", PlaceLevel::kPlace, {"Atlanta"});
    place(24, "Savannah", 140000, "US", "US-GA", "P.PPLA2", PlaceLevel::kPlace, {"Savannah"});
    // Facility names: a town Thames in New Zealand, a Canadian Haymarket.
    place(30, "Thames", 7000, "NZ", "NZ-WKO", "P.PPL", PlaceLevel::kPlace, {"Thames"});
    place(31, "Haymarket", 2000, "CA", "CA-BC", "P.PPL", PlaceLevel::kPlace, {"Haymarket"});
    b.SumProvincePopulations();
    auto g = Gazetteer::FromBytes(b.Serialize());
    ASSERT_TRUE(g.ok());
    gaz_ = std::move(g).value();
    dir_ = ::testing::TempDir() + "/place_context_lex_" + std::to_string(::getpid());
    std::filesystem::create_directories(dir_ + "/en");
    std::ofstream(dir_ + "/en/places.tsv") << "phrase\tkind\nnear\tnear\nvalley\tfeature\nhospital\tfeature\n"
                                           << "center\tfeature\nuniversity\tfeature\n";
    std::vector<std::string> warnings;
    auto f = PlaceFinder::Create(*gaz_, dir_, &warnings);
    ASSERT_TRUE(f.ok());
    finder_ = std::move(f).value();
  }

  std::vector<PlaceMention> Find(const std::string& text) {
    RawDocument raw;
    raw.id = "t";
    raw.bytes = text;
    raw.lang = "en";
    auto doc = AnalyzeDocument(raw, 1 << 20);
    EXPECT_TRUE(doc.ok());
    doc_ = std::move(doc).value();
    return finder_->Find(*doc_);
  }
  std::string Text(const PlaceMention& m) { return std::string(doc_->Slice(m.span)); }
  const PlaceMention* Named(const std::vector<PlaceMention>& ms, const std::string& text) {
    for (const auto& m : ms)
      if (Text(m) == text) return &m;
    return nullptr;
  }

  std::unique_ptr<Gazetteer> gaz_;
  std::unique_ptr<PlaceFinder> finder_;
  std::unique_ptr<Document> doc_;
  std::string dir_;
};

TEST_F(PlaceContextTest, RepeatingANameDoesNotOutvoteTheStory) {
  // Nelson is named four times, the Canadian towns once each: the story is Canadian.
  auto ms = Find("Nelson police closed the road. Nelson council met in Creston. "
                 "Buses from Castlegar reached Nelson. Nelson reopened.");
  int nelsons = 0;
  for (const auto& m : ms) {
    if (Text(m) != "Nelson") continue;
    EXPECT_EQ(m.country, "CA");
    ++nelsons;
  }
  EXPECT_EQ(nelsons, 4);
  // Alone, the larger Nelson wins.
  ms = Find("They moved to Nelson last year.");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].country, "NZ");
}

TEST_F(PlaceContextTest, ABigProvinceBeatsASmallForeignNamesake) {
  auto ms = Find("Storms hit Florida overnight.");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].admin1, "US-FL");
  EXPECT_EQ(ms[0].level, PlaceLevel::kAdmin1);
}

TEST_F(PlaceContextTest, TheStoryDecidesBetweenAStateAndACountry) {
  auto ms = Find("Flights from Atlanta and Savannah were cancelled across Georgia.");
  const PlaceMention* g = Named(ms, "Georgia");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->admin1, "US-GA");
  ms = Find("Georgia said talks in Tbilisi would resume.");
  g = Named(ms, "Georgia");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->level, PlaceLevel::kCountry);
}

TEST_F(PlaceContextTest, FacilityNamesNeedTheirPlaceInTheStory) {
  // Canadian story: the Haymarket Village Center is at Haymarket, nearby.
  auto ms = Find("Victoria and Creston sent help to the Haymarket Village Center on Monday.");
  const PlaceMention* h = Named(ms, "Haymarket Village Center");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->geonameid, 31);
  EXPECT_EQ(h->precision, LocationPrecision::kNear);
  // The New Zealand town does not fit a Canadian story; the valley is dropped, not placed in New Zealand.
  ms = Find("Victoria and Creston sent help to the Thames Valley on Monday.");
  EXPECT_EQ(Named(ms, "Thames Valley"), nullptr);
  EXPECT_EQ(Named(ms, "Thames"), nullptr);
  // A university named after a province is somewhere in it: no point.
  ms = Find("Miami and Tampa students joined Florida University events.");
  EXPECT_EQ(Named(ms, "Florida University"), nullptr);
  EXPECT_EQ(Named(ms, "Florida"), nullptr);
  EXPECT_NE(Named(ms, "Miami"), nullptr);
}

}  // namespace
}  // namespace sitrep
