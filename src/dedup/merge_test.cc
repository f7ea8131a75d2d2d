#include "dedup/merge.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace sitrep {
namespace {

// A per-document air strike report near a town, built field by field.
Event Report(const std::string& id, const std::string& doc, double lat, double lon, int day = 13) {
  Event e;
  e.id = id;
  e.docs = {doc};
  e.event_type = "Explosions/Remote violence";
  e.sub_event_type = "Air/drone strike";
  e.date.start = e.date.end = Ymd{2023, 3, day};
  e.date.precision = DatePrecision::kDay;
  e.location.name = "Town";
  e.location.lat = lat;
  e.location.lon = lon;
  e.location.admin1 = "SY-ID";
  e.location.country = "SY";
  e.location.precision = LocationPrecision::kPlace;
  e.evidence.push_back({doc, 10, 80});
  e.pipeline_version = "sitrep-pipeline/test";
  return e;
}

Claim Toll(const std::string& source, int64_t dead, bool at_least = false) {
  Claim c;
  c.source = source;
  c.text = source;
  c.fatalities = Count{dead, dead, at_least ? std::nullopt : std::optional<int64_t>(dead)};
  return c;
}

std::vector<std::vector<std::string>> ClusterIds(const std::vector<Event>& reports) {
  std::vector<std::vector<std::string>> out;
  for (const auto& c : ClusterReports(reports)) {
    std::vector<std::string> ids;
    for (size_t i : c.members) ids.push_back(reports[i].id);
    out.push_back(ids);
  }
  return out;
}

TEST(MergeTest, FrenchAndEnglishReportsOfOneStrikeBecomeOneEventWithBothClaims) {
  Event fr = Report("ev_fr", "doc-fr", 35.6433, 36.6709);
  fr.actor1 = Actor{"RUS_MIL", "l'aviation russe"};
  fr.claims = {Toll("SOHR", 12, true)};
  fr.fatalities = fr.claims[0].fatalities;
  Event en = Report("ev_en", "doc-en", 35.66, 36.70);  // about 3 km away
  en.actor1 = Actor{"RUS_MIL", "Russian jets"};
  en.claims = {Toll("AP", 15)};
  en.fatalities = en.claims[0].fatalities;
  std::vector<Event> reports = {fr, en};
  auto clusters = ClusterReports(reports);
  ASSERT_EQ(clusters.size(), 1u);
  std::vector<const Event*> members;
  for (size_t i : clusters[0].members) members.push_back(&reports[i]);
  Event merged = BuildMergedEvent(members, clusters[0].reasons);
  EXPECT_EQ(merged.id, "ev_en");  // the smallest member id
  EXPECT_EQ(merged.docs, (std::vector<std::string>{"doc-en", "doc-fr"}));
  ASSERT_EQ(merged.claims.size(), 2u);
  EXPECT_EQ(merged.claims[0].source, "AP");
  EXPECT_EQ(merged.claims[1].source, "SOHR");
  ASSERT_TRUE(merged.fatalities);
  EXPECT_EQ(merged.fatalities->best, 12);  // the most conservative figure
  EXPECT_FALSE(merged.fatalities->high);
  EXPECT_EQ(merged.evidence.size(), 2u);
  ASSERT_FALSE(clusters[0].reasons.empty());
  EXPECT_NE(clusters[0].reasons[0].find("km apart"), std::string::npos) << clusters[0].reasons[0];
}

TEST(MergeTest, ConflictingFactsKeepReportsApart) {
  Event base = Report("a", "d1", 35.0, 36.0);
  Event far = Report("b", "d2", 35.5, 36.0);  // ~55 km
  EXPECT_FALSE(CheckPair(base, far).compatible);
  EXPECT_NE(CheckPair(base, far).reason.find("km apart"), std::string::npos);
  Event later = Report("c", "d3", 35.0, 36.0, 20);
  EXPECT_FALSE(CheckPair(base, later).compatible);
  Event same_doc = Report("d", "d1", 35.0, 36.0);
  EXPECT_EQ(CheckPair(base, same_doc).reason, "same document");
  Event other_actor = Report("e", "d4", 35.0, 36.0);
  base.actor1 = Actor{"RUS_MIL", ""};
  other_actor.actor1 = Actor{"SYR_MIL", ""};
  EXPECT_FALSE(CheckPair(base, other_actor).compatible);
  Event battle = Report("f", "d5", 35.0, 36.0);
  battle.event_type = "Battles";
  battle.sub_event_type = "Armed clash";
  EXPECT_FALSE(CheckPair(base, battle).compatible);
  Event vague = Report("g", "d6", 35.0, 36.0);
  vague.date.end = Ymd{2023, 3, 31};
  vague.date.precision = DatePrecision::kMonth;
  EXPECT_FALSE(Mergeable(vague));
}

TEST(MergeTest, ShellingAndAirStrikeAndSwappedBattleSidesAreCompatible) {
  Event a = Report("a", "d1", 35.0, 36.0), b = Report("b", "d2", 35.01, 36.0);
  b.sub_event_type = "Shelling/artillery/missile attack";
  EXPECT_TRUE(CheckPair(a, b).compatible);
  a.event_type = b.event_type = "Battles";
  a.sub_event_type = b.sub_event_type = "Armed clash";
  a.actor1 = b.actor2 = Actor{"IS", ""};
  a.actor2 = b.actor1 = Actor{"SDF", ""};
  EXPECT_TRUE(CheckPair(a, b).compatible);
  EXPECT_NE(CheckPair(a, b).reason.find("swapped"), std::string::npos);
}

TEST(MergeTest, ProvincePrecisionMergesWithinTheSameProvinceOnly) {
  Event place = Report("a", "d1", 35.9, 36.6);
  Event province = Report("b", "d2", 0, 0);
  province.location = Location{};
  province.location.admin1 = "SY-ID";
  province.location.country = "SY";
  province.location.precision = LocationPrecision::kAdmin1;
  EXPECT_TRUE(CheckPair(place, province).compatible);
  province.location.admin1 = "SY-HL";
  EXPECT_FALSE(CheckPair(place, province).compatible);
}

TEST(MergeTest, ClustersDoNotDependOnInputOrder) {
  std::vector<Event> reports = {Report("r1", "d1", 35.0, 36.0),  Report("r2", "d2", 35.05, 36.0),
                                Report("r3", "d3", 35.10, 36.0), Report("r4", "d4", 35.15, 36.0),
                                Report("r5", "d5", 35.20, 36.0), Report("r6", "d1", 35.21, 36.0)};
  auto expected = ClusterIds(reports);
  EXPECT_GT(expected.size(), 1u);  // a chain of 5.5 km steps cannot be one event
  std::mt19937 rng(7);
  for (int i = 0; i < 20; ++i) {
    std::shuffle(reports.begin(), reports.end(), rng);
    EXPECT_EQ(ClusterIds(reports), expected);
  }
}

TEST(MergeTest, ALaterReportCanSplitAMerge) {
  Event a = Report("a", "d1", 35.0, 36.0), b = Report("b", "d2", 35.09, 36.0);  // 10 km apart
  a.location.geonameid = 1;
  b.location.geonameid = 2;
  EXPECT_EQ(ClusterIds({a, b}).size(), 1u);
  // One document reports two strikes, one at each place: they were distinct.
  Event c1 = Report("c1", "d3", 35.0, 36.0), c2 = Report("c2", "d3", 35.09, 36.0);
  c1.location.geonameid = 1;
  c2.location.geonameid = 2;
  auto clusters = ClusterIds({a, b, c1, c2});
  EXPECT_EQ(clusters, (std::vector<std::vector<std::string>>{{"a", "c1"}, {"b", "c2"}}));
  auto detailed = ClusterReports({a, b, c1, c2});
  bool explained = false;
  for (const auto& r : detailed[0].reasons) explained |= r.find("not merged") != std::string::npos;
  EXPECT_TRUE(explained);
}

TEST(MergeTest, MergedCountsTakeTheSmallestFigurePerKind) {
  Event a = Report("a", "d1", 35.0, 36.0), b = Report("b", "d2", 35.0, 36.0);
  a.destroyed = {{MaterielKind::kVehicle, Count::Exact(3)}};
  b.destroyed = {{MaterielKind::kVehicle, Count::Exact(5)},
                 {MaterielKind::kFacility, Count::Exact(2)}};
  b.injured = Count::Exact(4);
  Event m = BuildMergedEvent({&a, &b}, {});
  ASSERT_EQ(m.destroyed.size(), 2u);
  EXPECT_EQ(m.destroyed[0].kind, MaterielKind::kVehicle);
  EXPECT_EQ(m.destroyed[0].count.best, 3);
  EXPECT_EQ(m.destroyed[1].count.best, 2);
  ASSERT_TRUE(m.injured);
  EXPECT_EQ(m.injured->best, 4);
  // Reports with figures but no credited source still appear as claims.
  EXPECT_EQ(m.claims.size(), 2u);
}

}  // namespace
}  // namespace sitrep
