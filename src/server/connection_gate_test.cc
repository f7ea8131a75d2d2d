#include "server/connection_gate.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(ConnectionGateTest, AHeadEndsAtItsBlankLine) {
  EXPECT_EQ(HeadEnd("GET / HTTP/1.1\r\nHost: x\r\n"), 0u);
  EXPECT_EQ(HeadEnd("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), 27u);
  EXPECT_EQ(HeadEnd("GET / HTTP/1.1\r\n\r\nGET /next"), 18u);
  EXPECT_EQ(HeadEnd("GET / HTTP/1.0\n\n"), 16u);
  EXPECT_EQ(HeadEnd(""), 0u);
}

TEST(ConnectionGateTest, ContentLengthIsReadStrictly) {
  EXPECT_EQ(ContentLength("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), 0);
  EXPECT_EQ(ContentLength("POST / HTTP/1.1\r\ncontent-LENGTH:  42 \r\n\r\n"), 42);
  EXPECT_EQ(ContentLength("POST / HTTP/1.1\r\nContent-Length: 4x\r\n\r\n"), -1);
  EXPECT_EQ(ContentLength("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"), -1);
  EXPECT_EQ(ContentLength("POST / HTTP/1.1\r\nContent-Length: 99999999999999\r\n\r\n"), -1);
  EXPECT_EQ(ContentLength("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n"), -1);
  EXPECT_EQ(ContentLength("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n"), 3);
  EXPECT_EQ(ContentLength("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"), -2);
  // The request line is never read as a header.
  EXPECT_EQ(ContentLength("GET /Content-Length:5 HTTP/1.1\r\n\r\n"), 0);
}

}  // namespace
}  // namespace sitrep
