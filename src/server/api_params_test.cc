#include "server/api_params.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

StatusOr<ApiQuery> Parse(std::multimap<std::string, std::string> p) { return ParseApiQuery(p); }

TEST(ApiParamsTest, AcceptsEveryFilter) {
  auto q = Parse({{"from", "2017-05-01"}, {"to", "2017-06-30"}, {"bbox", "35.5,32.1,42.5,37.4"},
                  {"admin1", "SY-ID"}, {"country", "SY"}, {"type", "Battles"},
                  {"sub_type", "Armed clash"}, {"actor", "IS"}, {"source", "SOHR"}, {"q", "Raqqa"},
                  {"limit", "20"}, {"offset", "40"}, {"sort", "-fatalities"}});
  ASSERT_TRUE(q.ok()) << q.status().message();
  EXPECT_EQ(q->filter.from->m, 5);
  EXPECT_EQ(q->filter.to->d, 30);
  EXPECT_DOUBLE_EQ(q->filter.bbox->max_lat, 37.4);
  EXPECT_EQ(q->filter.admin1, "SY-ID");
  EXPECT_EQ(q->filter.text, "Raqqa");
  EXPECT_EQ(q->limit, 20u);
  EXPECT_EQ(q->offset, 40u);
  EXPECT_EQ(q->filter.order, QueryOrder::kFatalitiesDesc);
}

TEST(ApiParamsTest, RejectsBadValuesWithAReason) {
  struct Case {
    const char* key;
    const char* value;
    const char* says;
  } cases[] = {
      {"from", "2017-02-30", "not a date"},   {"to", "yesterday", "not a date"},
      {"bbox", "1,2,3", "expected"},          {"bbox", "1,2,x,4", "not a number"},
      {"bbox", "10,0,5,1", "minimum greater"}, {"bbox", "0,0,200,1", "out of range"},
      {"limit", "0", "limit"},                {"limit", "99999", "limit"},
      {"limit", "-1", "limit"},               {"offset", "1e3", "offset"},
      {"sort", "size", "sort"},               {"country", "Syria", "country"},
      {"admin1", "SY ID", "admin1"},          {"colour", "red", "unknown parameter"},
  };
  for (const auto& c : cases) {
    auto q = Parse({{c.key, c.value}});
    ASSERT_FALSE(q.ok()) << c.key << "=" << c.value;
    EXPECT_NE(q.status().message().find(c.says), std::string::npos) << q.status().message();
  }
  EXPECT_FALSE(Parse({{"from", "2020-02-02"}, {"to", "2020-01-01"}}).ok());
  EXPECT_FALSE(Parse({{"limit", "5"}, {"limit", "6"}}).ok());
  EXPECT_FALSE(Parse({{"q", std::string(2000, 'a')}}).ok());
}

TEST(ApiParamsTest, IdsAreChecked) {
  EXPECT_TRUE(IsValidId("ev_0123abcd"));
  EXPECT_TRUE(IsValidId("000_fe30a25d9243e826"));
  EXPECT_FALSE(IsValidId("../etc/passwd"));
  EXPECT_FALSE(IsValidId(""));
  EXPECT_FALSE(IsValidId(std::string(300, 'a')));
}

}  // namespace
}  // namespace sitrep
