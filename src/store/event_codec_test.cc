#include "store/event_codec.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(EventCodecTest, RoundTripsEveryField) {
  Event e;
  e.id = "ev_1";
  e.docs = {"d1", "d2"};
  e.event_type = "Battles";
  e.sub_event_type = "Armed clash";
  e.date = {Ymd{2021, 5, 29}, Ymd{2021, 5, 30}, DatePrecision::kRange};
  e.location.name = "Élan";
  e.location.geonameid = 42;
  e.location.lat = 35.12345;
  e.location.lon = -3.5;
  e.location.admin1 = "SY-HI";
  e.location.admin1_name = "Homs";
  e.location.country = "SY";
  e.location.precision = LocationPrecision::kNear;
  e.actor1 = Actor{"IS", "Daech"};
  e.fatalities = Count{300, 300, std::nullopt};
  e.strikes = Count::Exact(4);
  e.destroyed = {{MaterielKind::kArmored, Count{2, 3, 4}}};
  Claim c;
  c.source = "SOHR";
  c.text = "selon l'OSDH";
  c.injured = Count::Exact(7);
  e.claims = {c};
  e.evidence = {{"d1", 3, 99}};
  e.provenance = {"combats", "fr:combats", {"note"}};
  e.pipeline_version = "sitrep-pipeline/x";
  auto back = EventFromJson(EventToJson(e, true));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(EventToJson(*back, true), EventToJson(e, true));
  EXPECT_FALSE(back->actor2);
  EXPECT_EQ(back->location.precision, LocationPrecision::kNear);
  EXPECT_EQ(back->date.precision, DatePrecision::kRange);
}

TEST(EventCodecTest, RejectsNonObjects) {
  EXPECT_FALSE(EventFromJson("[1]").ok());
  EXPECT_FALSE(EventFromJson("{oops").ok());
  Ymd d;
  EXPECT_FALSE(ParseYmd("2021-5-1", &d));
  EXPECT_TRUE(ParseYmd("2021-05-01", &d));
  EXPECT_EQ(d.m, 5);
}

}  // namespace
}  // namespace sitrep
