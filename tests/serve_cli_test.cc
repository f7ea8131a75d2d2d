// `sitrep serve` over a real database and real sockets: the JSON API, its
// validation (400/404), hostile requests, and readers while an ingest writes.
#include <httplib.h>

#include <atomic>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/cli_helpers.h"

namespace sitrep::testing {
namespace {

const char* kArticles =
    R"({"id": "a1", "date": "2023-03-14", "lang": "fr", "text": "Des frappes aériennes russes ont tué 12 civils lundi à Idleb, selon l'OSDH."})"
    "\n"
    R"({"id": "a2", "date": "2022-11-08", "lang": "en", "text": "Clashes between the Malian army and jihadists killed eight soldiers near Douentza on Sunday, the army said."})"
    "\n";

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(TempDir("serve"));
    WriteFile(*dir_ + "/in.jsonl", kArticles);
    db_ = new std::string(*dir_ + "/s.db");
    auto r = RunSitrep("ingest -q " + *dir_ + "/in.jsonl --db " + *db_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    port_ = 19000 + ::getpid() % 1000;
    std::string cmd = std::string(SITREP_BINARY) + " serve --db " + *db_ + " --port " +
                      std::to_string(port_) + " > " + *dir_ + "/serve.log 2>&1 & echo $! > " + *dir_ + "/pid";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    httplib::Client c("127.0.0.1", port_);
    for (int i = 0; i < 100; ++i) {
      if (auto res = c.Get("/api/stats"); res && res->status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL() << "server did not start: " << ReadFile(*dir_ + "/serve.log");
  }
  static void TearDownTestSuite() {
    std::string pid = ReadFile(*dir_ + "/pid");
    if (!pid.empty()) std::system(("kill " + pid).c_str());
    std::filesystem::remove_all(*dir_);
  }
  httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(10, 0);
    return c;
  }
  static nlohmann::json Json(const httplib::Result& r) { return nlohmann::json::parse(r->body); }

  static std::string* dir_;
  static std::string* db_;
  static int port_;
};
std::string* ServeTest::dir_ = nullptr;
std::string* ServeTest::db_ = nullptr;
int ServeTest::port_ = 0;

TEST_F(ServeTest, EventsPagingAndDetail) {
  auto c = Client();
  auto all = c.Get("/api/events");
  ASSERT_TRUE(all);
  ASSERT_EQ(all->status, 200);
  auto j = Json(all);
  size_t total = j["total"];
  ASSERT_GE(total, 2u);
  EXPECT_EQ(j["events"].size(), total);
  auto page = Json(c.Get("/api/events?limit=1&offset=1"));
  ASSERT_EQ(page["events"].size(), 1u);
  EXPECT_EQ(page["events"][0]["id"], j["events"][1]["id"]);
  auto desc = Json(c.Get("/api/events?sort=-date"));
  EXPECT_EQ(desc["events"][0]["id"], j["events"][total - 1]["id"]);

  std::string id = j["events"][0]["id"];
  auto one = c.Get(("/api/events/" + id).c_str());
  ASSERT_EQ(one->status, 200);
  auto e = Json(one);
  EXPECT_EQ(e["id"], id);
  ASSERT_FALSE(e["reports"].empty());
  EXPECT_FALSE(e["reports"][0]["sentences"].empty());
  std::string doc = e["evidence"][0]["doc"];
  auto d = Json(c.Get(("/api/documents/" + doc).c_str()));
  EXPECT_FALSE(d["text"].get<std::string>().empty());
  ASSERT_FALSE(d["evidence"].empty());
  EXPECT_LT(d["evidence"][0]["start"].get<int64_t>(), d["evidence"][0]["end"].get<int64_t>());
}

TEST_F(ServeTest, FiltersNarrowTheResult) {
  auto c = Client();
  auto fr = Json(c.Get("/api/events?from=2023-01-01&to=2023-12-31"));
  for (const auto& e : fr["events"]) EXPECT_GE(e["date"]["end"].get<std::string>(), "2023-01-01");
  auto none = Json(c.Get("/api/events?from=1990-01-01&to=1990-12-31"));
  EXPECT_EQ(none["total"], 0);
  auto bbox = Json(c.Get("/api/events?bbox=-10,10,5,20"));  // Mali only
  for (const auto& e : bbox["events"]) EXPECT_EQ(e["location"]["country"], "ML");
}

TEST_F(ServeTest, BadParametersGet400WithAReason) {
  auto c = Client();
  for (const char* path : {"/api/events?from=2021-13-01", "/api/events?bbox=1,2,3",
                           "/api/events?limit=0", "/api/events?limit=abc", "/api/events?offset=-4",
                           "/api/events?sort=random", "/api/events?colour=red",
                           "/api/events.geojson?to=nope", "/api/stats?country=Syria"}) {
    auto r = c.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 400) << path << " " << r->body;
    EXPECT_TRUE(Json(r)["error"].is_string()) << path;
  }
  auto traversal = c.Get("/api/events/..%2F..%2Fetc%2Fpasswd");
  ASSERT_TRUE(traversal);
  EXPECT_TRUE(traversal->status == 400 || traversal->status == 404) << traversal->status;
  EXPECT_TRUE(Json(traversal)["error"].is_string());
  EXPECT_EQ(c.Get("/api/events/ev_doesnotexist")->status, 404);
  EXPECT_EQ(c.Get("/api/documents/nope")->status, 404);
  EXPECT_EQ(c.Get("/api/nothing")->status, 404);
}

TEST_F(ServeTest, HostileRequestsDoNotHurtTheServer) {
  auto c = Client();
  std::string huge = "/api/events?q=" + std::string(20000, 'a');
  auto r = c.Get(huge.c_str());
  ASSERT_TRUE(r);
  EXPECT_GE(r->status, 400);
  auto post = c.Post("/api/events", std::string(1 << 20, 'x'), "application/json");
  ASSERT_TRUE(post);
  EXPECT_GE(post->status, 400);
  // Half a request, then silence: the server times it out and goes on.
  std::string cmd = "timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + std::to_string(port_) +
                    "; printf \"GET /api/ev\" >&3; sleep 3' 2>/dev/null";
  std::system(cmd.c_str());
  EXPECT_EQ(c.Get("/api/stats")->status, 200);
}

TEST_F(ServeTest, GeoJsonIsAFeatureCollection) {
  auto g = Json(Client().Get("/api/events.geojson"));
  EXPECT_EQ(g["type"], "FeatureCollection");
  for (const auto& f : g["features"]) {
    EXPECT_EQ(f["geometry"]["type"], "Point");
    double lon = f["geometry"]["coordinates"][0], lat = f["geometry"]["coordinates"][1];
    EXPECT_TRUE(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90);
  }
}

TEST_F(ServeTest, ReadersGetAnswersWhileAnIngestWrites) {
  // A second writer process adds documents while four readers query.
  std::string big = *dir_ + "/more.jsonl";
  std::string lines;
  for (int i = 0; i < 150; ++i) {
    lines += R"({"id": "m)" + std::to_string(i) +
             R"(", "date": "2021-05-0)" + std::to_string(1 + i % 9) +
             R"(", "lang": "en", "text": "Gunmen killed )" + std::to_string(2 + i % 7) +
             R"( villagers in an attack near Kidal, officials said."})" + "\n";
  }
  WriteFile(big, lines);
  // Answers kept by the server before the ingest (asked twice: the second
  // is served from memory) must not outlive it.
  int64_t before = 0;
  for (int i = 0; i < 2; ++i) {
    before = Json(Client().Get("/api/stats"))["events"].get<int64_t>();
    EXPECT_EQ(Json(Client().Get("/api/events?limit=1"))["total"].get<int64_t>(), before);
  }
  std::atomic<bool> done{false};
  std::atomic<int> ok{0}, bad{0};
  std::thread writer([&] {
    RunSitrep("ingest -q " + big + " --db " + *db_ + " --batch 20");
    done = true;
  });
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      auto c = Client();
      while (!done) {
        auto r = c.Get("/api/events?limit=50&sort=-date");
        (r && r->status == 200) ? ++ok : ++bad;
      }
    });
  }
  writer.join();
  for (auto& r : readers) r.join();
  EXPECT_GT(ok.load(), 0);
  EXPECT_EQ(bad.load(), 0);
  auto after = Json(Client().Get("/api/stats"));
  EXPECT_GT(after["events"].get<int64_t>(), before);
  EXPECT_EQ(Json(Client().Get("/api/events?limit=1"))["total"].get<int64_t>(),
            after["events"].get<int64_t>());
}

}  // namespace
}  // namespace sitrep::testing
