#include "server/acled_api.h"

#include <gtest/gtest.h>

#include "sitrep/export.h"

namespace sitrep {
namespace {

const std::map<std::string, std::string> kRegions = {{"11", "Middle East"}, {"1", "Western Africa"}};

StatusOr<AcledQuery> Parse(std::multimap<std::string, std::string> p) {
  return ParseAcledQuery(p, kRegions);
}

// A row of the ACLED export with the given cells set, the others empty.
std::vector<std::string> Row(std::map<std::string, std::string> set) {
  std::vector<std::string> cells(AcledColumns().size());
  for (const auto& [k, v] : set) cells[AcledColumnIndex(k)] = v;
  return cells;
}

TEST(AcledApiTest, ColumnFiltersCompareTheExportCells) {
  auto q = Parse({{"country", "Syria|Iraq"}, {"event_type", "battles"}, {"iso", "760"}});
  ASSERT_TRUE(q.ok()) << q.status().message();
  EXPECT_TRUE(AcledRowMatches(*q, Row({{"country", "Syria"}, {"event_type", "Battles"}, {"iso", "760"}})));
  EXPECT_TRUE(AcledRowMatches(*q, Row({{"country", "Iraq"}, {"event_type", "Battles"}, {"iso", "760.0"}})));
  EXPECT_FALSE(AcledRowMatches(*q, Row({{"country", "Mali"}, {"event_type", "Battles"}, {"iso", "760"}})));
  EXPECT_FALSE(AcledRowMatches(*q, Row({{"country", "Syria"}, {"event_type", "Protests"}, {"iso", "760"}})));
  EXPECT_FALSE(AcledRowMatches(*q, Row({{"country", "Syrian"}, {"event_type", "Battles"}, {"iso", "760"}})));
}

TEST(AcledApiTest, RegionCodesMeetTheRegionColumn) {
  auto q = Parse({{"region", "11"}});
  ASSERT_TRUE(q.ok());
  EXPECT_TRUE(AcledRowMatches(*q, Row({{"region", "Middle East"}})));
  EXPECT_FALSE(AcledRowMatches(*q, Row({{"region", "Western Africa"}})));
  auto named = Parse({{"region", "Western Africa"}});
  EXPECT_TRUE(AcledRowMatches(*named, Row({{"region", "Western Africa"}})));
  auto bad = Parse({{"region", "6"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("not an ACLED region code"), std::string::npos);
}

TEST(AcledApiTest, EventDateBetweenAndComparisons) {
  auto q = Parse({{"event_date", "2023-01-01|2023-03-31"}, {"event_date_where", "BETWEEN"}});
  ASSERT_TRUE(q.ok()) << q.status().message();
  EXPECT_TRUE(AcledRowMatches(*q, Row({{"event_date", "2023-01-01"}})));
  EXPECT_TRUE(AcledRowMatches(*q, Row({{"event_date", "2023-03-31"}})));
  EXPECT_FALSE(AcledRowMatches(*q, Row({{"event_date", "2023-04-01"}})));
  EXPECT_FALSE(AcledRowMatches(*q, Row({{"event_date", ""}})));  // unknown date
  // The store is asked only for that range.
  ASSERT_TRUE(q->prefilter.from && q->prefilter.to);
  EXPECT_EQ(q->prefilter.from->ToString(), "2023-01-01");
  EXPECT_EQ(q->prefilter.to->ToString(), "2023-03-31");

  auto after = Parse({{"event_date", "2023-02-01"}, {"event_date_where", ">"}});
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(AcledRowMatches(*after, Row({{"event_date", "2023-02-02"}})));
  EXPECT_FALSE(AcledRowMatches(*after, Row({{"event_date", "2023-02-01"}})));
  EXPECT_FALSE(after->prefilter.to.has_value());

  auto years = Parse({{"year", "2022|2024"}});
  ASSERT_TRUE(years.ok());
  EXPECT_TRUE(AcledRowMatches(*years, Row({{"year", "2024"}})));
  EXPECT_FALSE(AcledRowMatches(*years, Row({{"year", "2023"}})));
  EXPECT_EQ(years->prefilter.from->ToString(), "2022-01-01");
  EXPECT_EQ(years->prefilter.to->ToString(), "2024-12-31");

  auto dead = Parse({{"fatalities", "10"}, {"fatalities_where", ">="}});
  EXPECT_TRUE(AcledRowMatches(*dead, Row({{"fatalities", "12"}})));
  EXPECT_FALSE(AcledRowMatches(*dead, Row({{"fatalities", "9"}})));
}

TEST(AcledApiTest, LikeIsACaseBlindSubstringOrPattern) {
  auto q = Parse({{"actor1", "military forces"}, {"actor1_where", "LIKE"}});
  ASSERT_TRUE(q.ok());
  EXPECT_TRUE(AcledRowMatches(*q, Row({{"actor1", "Military Forces of Russia"}})));
  EXPECT_FALSE(AcledRowMatches(*q, Row({{"actor1", "Police Forces of Mali"}})));
  auto pattern = Parse({{"notes", "%Idlib%killed%"}, {"notes_where", "like"}});
  EXPECT_TRUE(AcledRowMatches(*pattern, Row({{"notes", "Strike in Idlib; SOHR: 12 killed."}})));
  EXPECT_FALSE(AcledRowMatches(*pattern, Row({{"notes", "12 killed in Idlib."}})));
  auto one = Parse({{"location", "Ra__a"}, {"location_where", "LIKE"}});
  EXPECT_TRUE(AcledRowMatches(*one, Row({{"location", "Raqqa"}})));
  EXPECT_FALSE(AcledRowMatches(*one, Row({{"location", "Rahaba"}})));
}

TEST(AcledApiTest, PagingFieldsAndFormat) {
  auto d = Parse({});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->limit, kAcledDefaultLimit);
  EXPECT_EQ(d->page, 1u);
  EXPECT_FALSE(d->csv);
  EXPECT_TRUE(d->fields.empty());
  auto q = Parse({{"limit", "0"}, {"page", "3"}, {"export_type", "csv"},
                  {"fields", "event_id_cnty|event_date|sitrep_claims"},
                  {"key", "ABC"}, {"email", "a@b.org"}, {"terms", "accept"}});
  ASSERT_TRUE(q.ok()) << q.status().message();
  EXPECT_EQ(q->limit, 0u);
  EXPECT_EQ(q->page, 3u);
  EXPECT_TRUE(q->csv);
  EXPECT_EQ(q->fields, (std::vector<std::string>{"event_id_cnty", "event_date", "sitrep_claims"}));
  EXPECT_TRUE(q->conditions.empty());
}

TEST(AcledApiTest, RejectsWhatItDoesNotKnowWithAReason) {
  struct Case {
    std::multimap<std::string, std::string> params;
    const char* says;
  };
  const Case cases[] = {
      {{{"countri", "Syria"}}, "unknown parameter 'countri'"},
      {{{"country", "Syria"}, {"country", "Iraq"}}, "given twice"},
      {{{"fields", "event_date|nope"}}, "unknown column 'nope'"},
      {{{"event_date", "2023-13-01"}}, "not a date"},
      {{{"event_date", "2023-01-01"}, {"event_date_where", "BETWEEN"}}, "two values"},
      {{{"event_date", "2023-03-01|2023-01-01"}, {"event_date_where", "BETWEEN"}}, "larger"},
      {{{"event_date_where", "BETWEEN"}}, "without event_date"},
      {{{"year", "twenty"}}, "not a number"},
      {{{"actor1", "X"}, {"actor1_where", ">"}}, "= or LIKE"},
      {{{"year", "2020"}, {"year_where", "NEAR"}}, "BETWEEN"},
      {{{"limit", "-1"}}, "limit"},
      {{{"page", "0"}}, "page"},
      {{{"export_type", "xml"}}, "json or csv"},
      {{{"country", "Syria|"}}, "empty value"},
  };
  for (const auto& c : cases) {
    auto q = Parse(c.params);
    ASSERT_FALSE(q.ok()) << c.says;
    EXPECT_EQ(q.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(q.status().message().find(c.says), std::string::npos)
        << q.status().message() << " / expected: " << c.says;
  }
}

}  // namespace
}  // namespace sitrep
