// ACLED actor names and classes in the CSV export (docs/acled-export.md).
#include <gtest/gtest.h>

#include <map>

#include "sitrep/export.h"
#include "sitrep/store.h"

namespace sitrep {
namespace {

std::map<std::string, std::string> Row(const std::string& type, const std::string& sub, const char* a1,
                                       const char* a2, const std::string& country) {
  static auto w = [] {
    std::vector<std::string> warnings;
    auto r = AcledCsvWriter::Create(std::string(SITREP_SOURCE_DIR) + "/data", &warnings);
    EXPECT_TRUE(r.ok());
    return std::move(r).value();
  }();
  StoredEvent se;
  se.event.event_type = type;
  se.event.sub_event_type = sub;
  if (a1) se.event.actor1 = Actor{a1, ""};
  if (a2) se.event.actor2 = Actor{a2, ""};
  se.event.location.country = country;
  auto cells = w.Cells(se);
  std::map<std::string, std::string> row;
  for (size_t i = 0; i < cells.size(); ++i) row[AcledColumns()[i]] = cells[i];
  return row;
}

TEST(AcledCsv, ProtestersAreNamedWithTheEventsCountry) {
  auto r = Row("Protests", "Protest with intervention", "PROTESTERS", "MLI_POL", "ML");
  EXPECT_EQ(r["actor1"], "Protesters (Mali)");
  EXPECT_EQ(r["actor2"], "Police Forces of Mali");
  EXPECT_EQ(r["inter1"], "6");
  EXPECT_EQ(r["inter2"], "1");
  EXPECT_EQ(r["interaction"], "16");
  EXPECT_EQ(r["disorder_type"], "Demonstrations");
  EXPECT_EQ(r["civilian_targeting"], "");
}

TEST(AcledCsv, ALonePeacefulProtestIsSixty) {
  auto r = Row("Protests", "Peaceful protest", "PROTESTERS", nullptr, "ML");
  EXPECT_EQ(r["interaction"], "60");
}

TEST(AcledCsv, RiotersAndCivilians) {
  auto r = Row("Riots", "Mob violence", "RIOTERS", "CIVILIANS", "ML");
  EXPECT_EQ(r["actor1"], "Rioters (Mali)");
  EXPECT_EQ(r["actor2"], "Civilians (Mali)");
  EXPECT_EQ(r["interaction"], "57");
  EXPECT_EQ(r["civilian_targeting"], "Civilian targeting");
  EXPECT_EQ(r["disorder_type"], "Political violence; Demonstrations");
}

TEST(AcledCsv, NoCountryDropsTheParentheses) {
  auto r = Row("Protests", "Peaceful protest", "PROTESTERS", nullptr, "");
  EXPECT_EQ(r["actor1"], "Protesters");
}

TEST(AcledCsv, IdentityMilitiaAgainstCivilians) {
  auto r = Row("Violence against civilians", "Attack", "DOZO", "CIVILIANS", "ML");
  EXPECT_EQ(r["actor1"], "Dozo Communal Militia (Mali)");
  EXPECT_EQ(r["inter1"], "4");
  EXPECT_EQ(r["interaction"], "47");
}

}  // namespace
}  // namespace sitrep
