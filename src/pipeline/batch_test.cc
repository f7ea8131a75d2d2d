#include "pipeline/batch.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(BatchRunnerTest, ResultsComeBackInInputOrderWhateverTheThreadCount) {
  auto p = Pipeline::Create({});
  ASSERT_TRUE(p.ok()) << p.status().message();
  for (unsigned threads : {1u, 2u, 4u}) {
    std::vector<std::string> order;
    size_t failed = 0;
    {
      BatchRunner runner(**p, threads, [&](const RawDocument& raw, const StatusOr<DocumentResult>& r) {
        order.push_back(raw.id);
        failed += !r.ok();
      });
      for (int i = 0; i < 50; ++i) {
        RawDocument d;
        d.id = "d" + std::to_string(i);
        // Every seventh document is empty: failures keep their place too.
        d.bytes = i % 7 == 0 ? "" : std::string(i * 40, 'x') + " Des combats ont eu lieu.";
        runner.Submit(std::move(d));
      }
      runner.Finish();
    }
    ASSERT_EQ(order.size(), 50u);
    for (int i = 0; i < 50; ++i) EXPECT_EQ(order[i], "d" + std::to_string(i));
    EXPECT_EQ(failed, 8u);
  }
}

}  // namespace
}  // namespace sitrep
