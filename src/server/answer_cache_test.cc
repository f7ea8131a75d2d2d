#include "server/answer_cache.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(AnswerCacheTest, AnAnswerIsServedOnlyUnderTheMarkItWasMadeUnder) {
  AnswerCache cache(1 << 20);
  cache.Put("/api/stats?", "sqlite:7", {"{\"events\":3}", "application/json"});
  auto hit = cache.Get("/api/stats?", "sqlite:7");
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->body, "{\"events\":3}");
  EXPECT_EQ(hit->content_type, "application/json");
  EXPECT_FALSE(cache.Get("/api/stats?type=Battles", "sqlite:7"));
  // The store changed: the old answer is dropped, not served.
  EXPECT_FALSE(cache.Get("/api/stats?", "sqlite:8"));
  EXPECT_FALSE(cache.Get("/api/stats?", "sqlite:7"));
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
}

TEST(AnswerCacheTest, TheLeastRecentlyUsedGoFirstWithinTheBudget) {
  const std::string body(100, 'x');
  AnswerCache cache(1000);  // room for about nine answers of 100 bytes and their keys
  for (int i = 0; i < 9; ++i) cache.Put("k" + std::to_string(i), "m", {body, "t"});
  ASSERT_TRUE(cache.Get("k0", "m"));  // k0 is now the most recent
  for (int i = 9; i < 12; ++i) cache.Put("k" + std::to_string(i), "m", {body, "t"});
  EXPECT_LE(cache.bytes(), 1000u);
  EXPECT_TRUE(cache.Get("k0", "m"));
  EXPECT_FALSE(cache.Get("k1", "m"));
  EXPECT_TRUE(cache.Get("k11", "m"));
}

TEST(AnswerCacheTest, LargeAnswersAndAZeroBudgetKeepNothing) {
  AnswerCache cache(800);
  cache.Put("big", "m", {std::string(200, 'x'), "t"});  // over an eighth of the budget
  EXPECT_FALSE(cache.Get("big", "m"));
  AnswerCache off(0);
  EXPECT_FALSE(off.enabled());
  off.Put("k", "m", {"b", "t"});
  EXPECT_FALSE(off.Get("k", "m"));
}

TEST(AnswerCacheTest, PuttingAKeyAgainReplacesItsAnswer) {
  AnswerCache cache(1 << 20);
  cache.Put("k", "m1", {"old", "t"});
  cache.Put("k", "m2", {"new", "t"});
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_FALSE(cache.Get("k", "m1"));
  cache.Put("k", "m2", {"new", "t"});
  ASSERT_TRUE(cache.Get("k", "m2"));
  EXPECT_EQ(cache.Get("k", "m2")->body, "new");
}

}  // namespace
}  // namespace sitrep
