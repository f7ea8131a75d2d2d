#include "server/answer_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

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

TEST(AnswerCacheTest, ConcurrentMissesOfOneKeyMakeTheAnswerOnce) {
  AnswerCache cache(1 << 20);
  std::atomic<int> makes{0}, made_here{0};
  std::atomic<bool> go{false};
  auto make = [&]() -> std::shared_ptr<const CachedAnswer> {
    ++makes;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the others arrive meanwhile
    return std::make_shared<const CachedAnswer>(CachedAnswer{"answer", "t"});
  };
  std::vector<std::string> bodies(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      bool made = false;
      auto a = cache.GetOrMake("k", "m", make, &made);
      if (made) ++made_here;
      bodies[i] = a ? a->body : "";
    });
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(makes.load(), 1);
  EXPECT_EQ(made_here.load(), 1);
  for (const auto& b : bodies) EXPECT_EQ(b, "answer");
  ASSERT_TRUE(cache.Get("k", "m"));
  // Another mark is another answer, made again.
  bool made = false;
  cache.GetOrMake("k", "m2", make, &made);
  EXPECT_TRUE(made);
  EXPECT_EQ(makes.load(), 2);
}

TEST(AnswerCacheTest, WaitersMakeTheirOwnWhenTheMakerSharesNothing) {
  AnswerCache cache(1 << 20);
  std::atomic<int> makes{0};
  std::atomic<bool> go{false};
  auto make = [&]() -> std::shared_ptr<const CachedAnswer> {
    ++makes;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return nullptr;  // an error, or the store changed meanwhile
  };
  std::atomic<int> nulls{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      while (!go) std::this_thread::yield();
      bool made = false;
      if (!cache.GetOrMake("k", "m", make, &made)) ++nulls;
      EXPECT_TRUE(made);  // each answered with what it made itself
    });
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(makes.load(), 4);
  EXPECT_EQ(nulls.load(), 4);
  EXPECT_EQ(cache.size(), 0u);
}

}  // namespace
}  // namespace sitrep
