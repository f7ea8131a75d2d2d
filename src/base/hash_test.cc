#include "base/hash.h"

#include <gtest/gtest.h>

#include <string>

namespace sitrep {
namespace {

// Values of the reference implementation (libxxhash 0.8.1, XXH64).
TEST(XxHash64, MatchesTheReferenceImplementation) {
  EXPECT_EQ(XxHash64(""), 0xef46db3751d8e999ull);
  EXPECT_EQ(XxHash64("a"), 0xd24ec4f1a98c6e5bull);
  EXPECT_EQ(XxHash64("abc"), 0x44bc2cf5ad770999ull);
  const std::string fox = "The quick brown fox jumps over the lazy dog";
  EXPECT_EQ(XxHash64(fox), 0x0b242d361fda71bcull);
  EXPECT_EQ(XxHash64(fox, 42), 0xaa9f288a8baa3d3full);
  std::string bytes;
  for (int i = 0; i < 37; ++i) bytes += static_cast<char>(i);
  EXPECT_EQ(XxHash64(bytes, 1), 0x31fe76eb4ff1cf74ull);  // stripes, an 8-byte lane, a 4-byte one, a byte
  bytes.clear();
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  EXPECT_EQ(XxHash64(bytes + "xyz"), 0x487237078c6c3726ull);
}

TEST(XxHash64, EveryFlippedBitChangesTheHash) {
  std::string body(1000, '\0');
  for (size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>(i * 7 + 3);
  const uint64_t h = XxHash64(body);
  for (size_t i = 0; i < body.size(); ++i)
    for (int b = 0; b < 8; ++b) {
      std::string x = body;
      x[i] = static_cast<char>(x[i] ^ (1 << b));
      ASSERT_NE(XxHash64(x), h) << "byte " << i << " bit " << b;
    }
}

}  // namespace
}  // namespace sitrep
