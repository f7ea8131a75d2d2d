// `sitrep serve` under abuse, over real sockets: clients that send a byte a
// second, hundreds of idle connections, oversized headers, path traversal
// on the static files, malformed percent-encoding, methods that would
// write. Each time the server must go on answering ordinary requests
// promptly. (Readers during an ingest: serve_cli_test.cc.)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/cli_helpers.h"

namespace sitrep::testing {
namespace {

using Clock = std::chrono::steady_clock;

int Connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool SendAll(int fd, const std::string& s) {
  size_t done = 0;
  while (done < s.size()) {
    ssize_t n = ::send(fd, s.data() + done, s.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// Everything the server sends until it closes the connection or `timeout_ms` passes.
std::string RecvUntilClosed(int fd, int timeout_ms, bool* closed = nullptr) {
  std::string out;
  auto end = Clock::now() + std::chrono::milliseconds(timeout_ms);
  char buf[4096];
  if (closed) *closed = false;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
    if (left <= 0) return out;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) return out;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      if (closed) *closed = true;
      return out;
    }
    out.append(buf, static_cast<size_t>(n));
  }
}

// The status of a raw HTTP exchange ("HTTP/1.1 404 ..." -> 404), 0 for none.
int StatusOf(const std::string& response) {
  if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return 0;
  return std::atoi(response.c_str() + 9);
}

std::string BodyOf(const std::string& response) {
  size_t p = response.find("\r\n\r\n");
  return p == std::string::npos ? "" : response.substr(p + 4);
}

// One raw request on a fresh connection, closed after the answer.
std::string Exchange(int port, const std::string& request, int timeout_ms = 5000) {
  int fd = Connect(port);
  if (fd < 0) return "";
  SendAll(fd, request);
  std::string r = RecvUntilClosed(fd, timeout_ms);
  ::close(fd);
  return r;
}

std::string Get(const std::string& target) {
  return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
}

class ServeAbuseTest : public ::testing::Test {
 protected:
  static constexpr int kTimeout = 2;  // --request-timeout and --idle-timeout, seconds

  static void SetUpTestSuite() {
    dir_ = new std::string(TempDir("abuse"));
    WriteFile(*dir_ + "/in.jsonl",
              R"({"id": "d1", "date": "2023-03-14", "lang": "en", "text": "Gunmen killed six villagers near Kidal on Monday, officials said."})"
              "\n");
    db_ = new std::string(*dir_ + "/s.db");
    auto r = RunSitrep("ingest -q " + *dir_ + "/in.jsonl --db " + *db_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    db_bytes_ = new std::string(ReadFile(*db_));
    port_ = 21000 + ::getpid() % 1000;
    std::string cmd = std::string(SITREP_BINARY) + " serve --db " + *db_ + " --port " + std::to_string(port_) +
                      " --threads 4 --request-timeout " + std::to_string(kTimeout) + " --idle-timeout " +
                      std::to_string(kTimeout) + " > " + *dir_ + "/serve.log 2>&1 & echo $! > " + *dir_ + "/pid";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    for (int i = 0; i < 200; ++i) {
      if (StatusOf(Exchange(port_, Get("/api/stats"), 1000)) == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL() << "server did not start: " << ReadFile(*dir_ + "/serve.log");
  }
  static void TearDownTestSuite() {
    std::string pid = ReadFile(*dir_ + "/pid");
    if (!pid.empty()) std::system(("kill " + pid).c_str());
    std::filesystem::remove_all(*dir_);
  }

  // An ordinary request is answered, and quickly.
  static void ExpectPromptAnswer(const char* when) {
    auto start = Clock::now();
    std::string r = Exchange(port_, Get("/api/events?limit=5"), 3000);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    EXPECT_EQ(StatusOf(r), 200) << when;
    EXPECT_LT(ms, 1500) << when;
  }

  static std::string* dir_;
  static std::string* db_;
  static std::string* db_bytes_;
  static int port_;
};
std::string* ServeAbuseTest::dir_ = nullptr;
std::string* ServeAbuseTest::db_ = nullptr;
std::string* ServeAbuseTest::db_bytes_ = nullptr;
int ServeAbuseTest::port_ = 0;

TEST_F(ServeAbuseTest, ClientsSendingAByteASecondHoldNoWorker) {
  // More slow clients than the server has threads (4).
  const std::string request = Get("/api/stats");
  std::atomic<int> cut_off{0};
  std::vector<std::thread> slow;
  for (int c = 0; c < 12; ++c) {
    slow.emplace_back([&] {
      int fd = Connect(port_);
      if (fd < 0) return;
      auto start = Clock::now();
      for (char ch : request) {
        if (::send(fd, &ch, 1, MSG_NOSIGNAL) != 1) break;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 1000) > 0) break;  // the server answered (408) or closed
      }
      bool closed = false;
      std::string r = RecvUntilClosed(fd, 3000, &closed);
      auto s = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - start).count();
      if (StatusOf(r) == 408 && closed && s <= kTimeout + 2) ++cut_off;
      ::close(fd);
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  for (int i = 0; i < 3; ++i) ExpectPromptAnswer("while slow clients send");
  for (auto& t : slow) t.join();
  EXPECT_EQ(cut_off.load(), 12);
  ExpectPromptAnswer("after the slow clients");
}

TEST_F(ServeAbuseTest, HundredsOfIdleConnectionsDoNotStarveRequests) {
  std::vector<int> idle;
  for (int i = 0; i < 300; ++i) {
    int fd = Connect(port_);
    if (fd >= 0) idle.push_back(fd);
  }
  ASSERT_GE(idle.size(), 290u);
  ExpectPromptAnswer("with 300 idle connections open");
  // A kept-alive connection answers several requests, then idles like the others.
  int keep = Connect(port_);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(SendAll(keep, "GET /api/stats HTTP/1.1\r\nHost: x\r\n\r\n"));
    std::string r = RecvUntilClosed(keep, 700);
    EXPECT_EQ(StatusOf(r), 200) << i;
  }
  // After the idle timeout the server has closed every one of them.
  std::this_thread::sleep_for(std::chrono::seconds(kTimeout + 1));
  size_t closed_by_server = 0;
  for (int fd : idle) {
    bool closed = false;
    RecvUntilClosed(fd, 200, &closed);
    closed_by_server += closed;
    ::close(fd);
  }
  bool keep_closed = false;
  RecvUntilClosed(keep, 500, &keep_closed);
  ::close(keep);
  EXPECT_EQ(closed_by_server, idle.size());
  EXPECT_TRUE(keep_closed);
  ExpectPromptAnswer("after the idle connections");
}

TEST_F(ServeAbuseTest, OversizedHeadersAreRefused) {
  std::string one_huge = "GET /api/stats HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(40000, 'a') + "\r\n\r\n";
  EXPECT_EQ(StatusOf(Exchange(port_, one_huge)), 431);
  std::string many = "GET /api/stats HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 5000; ++i) many += "X-H" + std::to_string(i) + ": v\r\n";
  EXPECT_EQ(StatusOf(Exchange(port_, many + "\r\n")), 431);
  std::string long_line = "GET /api/events?q=" + std::string(12000, 'b') + " HTTP/1.1\r\nHost: x\r\n\r\n";
  int s = StatusOf(Exchange(port_, long_line));
  EXPECT_TRUE(s == 414 || s == 400 || s == 431) << s;
  // A body announced larger than the cap is refused before it is sent.
  std::string big_body = "POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n";
  EXPECT_EQ(StatusOf(Exchange(port_, big_body)), 413);
  EXPECT_EQ(StatusOf(Exchange(port_, "POST /api/events HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")), 411);
  ExpectPromptAnswer("after oversized requests");
}

TEST_F(ServeAbuseTest, StaticFilesNeverLeaveTheirFolders) {
  // Files next to the web root that a traversal would reach.
  for (const char* target :
       {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
        "/vendor/leaflet/../../package.json", "/vendor/leaflet/%2e%2e/%2e%2e/package.json",
        "/vendor/leaflet/..%2f..%2fpackage.json", "/vendor/leaflet/%2E%2E%5C%2E%2E%5Cpackage.json",
        "//etc/passwd", "/./../CMakeLists.txt", "/vendor/world-atlas/../../../CMakeLists.txt",
        "/index.html%00.json", "/vendor/../package.json"}) {
    std::string r = Exchange(port_, Get(target));
    int s = StatusOf(r);
    EXPECT_TRUE(s == 400 || s == 403 || s == 404) << target << " -> " << s;
    std::string body = BodyOf(r);
    EXPECT_EQ(body.find("root:"), std::string::npos) << target;
    EXPECT_EQ(body.find("\"dependencies\""), std::string::npos) << target;
    EXPECT_EQ(body.find("cmake_minimum_required"), std::string::npos) << target;
  }
  EXPECT_EQ(StatusOf(Exchange(port_, Get("/index.html"))), 200);
  ExpectPromptAnswer("after traversal attempts");
}

TEST_F(ServeAbuseTest, MalformedPercentEncodingGetsAnAnswerNotACrash) {
  for (const char* target :
       {"/api/events?q=%zz", "/api/events?q=%", "/api/events?q=%4", "/api/events?q=%E9t%E9",
        "/api/events?q=%00", "/api/events?q=%C0%AF", "/api/events?from=2023-01-0%31",
        "/api/events?limit=%31%30%30", "/api/events?%=1", "/api/events?=&&&=", "/api/events/%ff%fe",
        "/api/documents/%00", "/api/acled/read?country=%FF&limit=%zz", "/api/stats?q=%F0%9F%92",
        "/api/events.geojson?bbox=%2C%2C%2C", "/%"}) {
    std::string r = Exchange(port_, Get(target));
    int s = StatusOf(r);
    EXPECT_TRUE(s == 200 || s == 400 || s == 404) << target << " -> " << s;
    if (std::string(target).rfind("/api/", 0) == 0) {
      auto j = nlohmann::json::parse(BodyOf(r), nullptr, false);
      EXPECT_FALSE(j.is_discarded()) << target << ": " << BodyOf(r);
    }
  }
  ExpectPromptAnswer("after malformed escapes");
}

TEST_F(ServeAbuseTest, ReadOnlyEveryWritingMethodIsRefused) {
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
    for (const char* target : {"/api/events", "/api/events/x", "/api/documents/d1", "/index.html"}) {
      std::string r = Exchange(port_, std::string(method) + " " + target +
                                           " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
      EXPECT_EQ(StatusOf(r), 405) << method << " " << target;
      EXPECT_NE(r.find("Allow: GET, HEAD"), std::string::npos) << method << " " << target;
    }
  }
  EXPECT_EQ(StatusOf(Exchange(port_, "HEAD /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")), 200);
  // Nothing the abuse above sent changed the database.
  EXPECT_TRUE(ReadFile(*db_) == *db_bytes_);
}

TEST_F(ServeAbuseTest, PipelinedRequestsAreAnsweredInOrder) {
  int fd = Connect(port_);
  ASSERT_TRUE(SendAll(fd, "GET /api/stats HTTP/1.1\r\nHost: x\r\n\r\nGET /api/nothing HTTP/1.1\r\nHost: x\r\n\r\n"
                          "GET /api/events?limit=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  std::string all = RecvUntilClosed(fd, 3000);
  ::close(fd);
  size_t first = all.find("HTTP/1.1 200"), second = all.find("HTTP/1.1 404"), third = all.rfind("HTTP/1.1 200");
  ASSERT_NE(first, std::string::npos) << all;
  ASSERT_NE(second, std::string::npos) << all;
  EXPECT_LT(first, second);
  EXPECT_GT(third, second);
}

}  // namespace
}  // namespace sitrep::testing
