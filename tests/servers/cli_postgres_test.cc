// `sitrep ingest`, `query`, `explain`, `serve` and `migrate` on PostgreSQL,
// compared with the same commands on SQLite.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "sitrep/store.h"
#include "tests/cli_helpers.h"
#include "tests/servers/test_servers.h"

namespace sitrep::testing {
namespace {

// Articles written for these tests: two occurrences reported twice (French
// and English), single reports, and generated bulletins.
std::string Corpus() {
  std::string out =
      R"({"id": "p1", "date": "2023-03-14", "lang": "fr", "outlet": "ex-fr", "text": "Des frappes aériennes russes ont tué neuf civils lundi à Idleb, selon l'Observatoire syrien des droits de l'homme."})"
      "\n"
      R"({"id": "p2", "date": "2023-03-14", "lang": "en", "outlet": "ex-en", "text": "Russian air strikes killed eleven civilians in Idlib on Monday, the Syrian Observatory for Human Rights said."})"
      "\n"
      R"({"id": "p3", "date": "2022-11-08", "lang": "fr", "text": "Des combats ont opposé l'armée malienne aux jihadistes dimanche près de Gao, faisant sept morts."})"
      "\n"
      R"({"id": "p4", "date": "2022-11-08", "lang": "en", "text": "Clashes between the Malian army and jihadists near Gao on Sunday left seven dead."})"
      "\n"
      R"({"id": "p5", "date": "2021-06-02", "lang": "fr", "text": "Un engin explosif a tué deux soldats sur la route de Kidal mardi."})"
      "\n"
      R"({"id": "p6", "date": "2024-02-10", "lang": "en", "text": "Russian missiles struck Kharkiv overnight, killing three people, the governor said."})"
      "\n";
  for (int i = 0; i < 14; ++i) {
    char date[16];
    std::snprintf(date, sizeof date, "2021-%02d-%02d", 1 + i % 12, 1 + i % 28);
    nlohmann::json j = {{"id", "gen-" + std::to_string(i)},
                        {"date", date},
                        {"lang", "fr"},
                        {"text", "Bulletin " + std::to_string(i) +
                                     ". Des combats ont opposé l'armée aux rebelles près de Homs. "
                                     "Des frappes aériennes ont visé un dépôt à Alep."}};
    out += j.dump() + "\n";
  }
  return out;
}

class PostgresCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SITREP_REQUIRE_SERVER(PgTestServer::Get().error());
    dir_ = TempDir("pg_cli");
    WriteFile(Path("in.jsonl"), Corpus());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) { return dir_ + "/" + name; }
  std::string NewDb() {
    std::string n = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    return PgTestServer::Get().NewDatabase(n + std::to_string(++dbs_));
  }
  // The SQLite store of the corpus.
  std::string SqliteStore() {
    auto r = RunSitrep("ingest -q " + Path("in.jsonl") + " --db " + Path("a.db"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Path("a.db");
  }
  std::string dir_;
  int dbs_ = 0;
};

TEST_F(PostgresCliTest, MigrateCopiesASqliteStoreAndAgainChangesNothing) {
  std::string db = SqliteStore(), pg = NewDb();
  auto sqlite_events = RunSitrep("query --format jsonl --db " + db);
  ASSERT_EQ(sqlite_events.exit_code, 0) << sqlite_events.err;
  ASSERT_GE(Lines(sqlite_events.out).size(), 3u);

  auto first = RunSitrep("migrate -q --from " + db + " --to " + pg);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("20 new document(s), 0 replaced, 0 unchanged"), std::string::npos)
      << first.err;
  auto pg_events = RunSitrep("query --format jsonl --db " + pg);
  ASSERT_EQ(pg_events.exit_code, 0) << pg_events.err;
  EXPECT_EQ(pg_events.out, sqlite_events.out);

  auto second = RunSitrep("migrate -q --from " + db + " --to " + pg);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("0 new document(s), 0 replaced, 20 unchanged"), std::string::npos)
      << second.err;
  EXPECT_EQ(RunSitrep("query --format jsonl --db " + pg).out, sqlite_events.out);
  StoreOptions ro;
  ro.read_only = true;
  auto a = Store::Open(db, ro);
  auto b = Store::Open(pg, ro);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ((*a)->Stats()->documents, (*b)->Stats()->documents);
  EXPECT_EQ((*a)->Stats()->reports, (*b)->Stats()->reports);
  EXPECT_EQ((*a)->Stats()->events, (*b)->Stats()->events);
  EXPECT_TRUE((*b)->CheckConsistency()->empty());

  // Every filter and format the CLI offers answers the same on both.
  for (const char* args : {"--format csv", "--type Battles --format jsonl",
                           "--from 2022-01-01 --to 2023-12-31 --sort -date --format jsonl",
                           "--text frappes --format jsonl", "--format geojson"}) {
    auto x = RunSitrep(std::string("query ") + args + " --db " + db);
    auto y = RunSitrep(std::string("query ") + args + " --db " + pg);
    EXPECT_EQ(x.exit_code, 0) << args << x.err;
    EXPECT_EQ(y.exit_code, 0) << args << y.err;
    EXPECT_EQ(x.out, y.out) << args;
  }
  // explain: the same reports, evidence and reasons.
  auto id = nlohmann::json::parse(Lines(sqlite_events.out)[0])["id"].get<std::string>();
  auto ex = RunSitrep("explain " + id + " --db " + db);
  auto ey = RunSitrep("explain " + id + " --db " + pg);
  ASSERT_EQ(ey.exit_code, 0) << ey.err;
  EXPECT_EQ(ey.out, ex.out);
  EXPECT_FALSE(ey.out.empty());
}

TEST_F(PostgresCliTest, IngestIntoPostgresMakesWhatSqliteMakes) {
  std::string db = SqliteStore(), pg = NewDb();
  auto r = RunSitrep("ingest -q " + Path("in.jsonl") + " --db " + pg);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("20 new"), std::string::npos) << r.err;
  EXPECT_EQ(RunSitrep("query --format jsonl --db " + pg).out,
            RunSitrep("query --format jsonl --db " + db).out);
  auto again = RunSitrep("ingest -q " + Path("in.jsonl") + " --db " + pg + " --batch 1");
  EXPECT_NE(again.err.find("0 new, 0 replaced, 20 unchanged"), std::string::npos) << again.err;
}

TEST_F(PostgresCliTest, ServeAnswersFromPostgresAsFromSqlite) {
  std::string db = SqliteStore(), pg = NewDb();
  ASSERT_EQ(RunSitrep("migrate -q --from " + db + " --to " + pg).exit_code, 0);
  int ports[2] = {FreeLoopbackPort(), FreeLoopbackPort()};
  pid_t pids[2] = {SpawnSitrep("serve --db " + db + " --port " + std::to_string(ports[0]), Path("s0.log")),
                   SpawnSitrep("serve --db " + pg + " --port " + std::to_string(ports[1]), Path("s1.log"))};
  for (int i = 0; i < 2; ++i) {
    httplib::Client c("127.0.0.1", ports[i]);
    for (int k = 0; k < 100; ++k) {
      if (auto res = c.Get("/api/stats"); res && res->status == 200) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  httplib::Client a("127.0.0.1", ports[0]), b("127.0.0.1", ports[1]);
  auto all = a.Get("/api/events");
  ASSERT_TRUE(all && all->status == 200);
  auto first = nlohmann::json::parse(all->body)["events"][0];
  std::string id = first["id"], doc = first["docs"][0];
  for (std::string path :
       {std::string("/api/events"), std::string("/api/events?type=Battles&sort=-date&limit=3"),
        std::string("/api/stats"), std::string("/api/stats?from=2022-01-01"),
        std::string("/api/events/grid?level=1"), std::string("/api/events.geojson?bbox=30,30,40,40"),
        "/api/events/" + id, "/api/documents/" + doc, std::string("/api/acled/read?limit=5")}) {
    auto x = a.Get(path), y = b.Get(path);
    ASSERT_TRUE(x && y) << path;
    EXPECT_EQ(y->status, x->status) << path;
    EXPECT_EQ(y->body, x->body) << path;
  }
  for (pid_t p : pids) {
    ::kill(p, SIGTERM);
    WaitChild(p, 10);
  }
}

TEST_F(PostgresCliTest, AnUnreachableServerIsAClearError) {
  int port = FreeLoopbackPort();
  std::string url = "postgresql://postgres@127.0.0.1:" + std::to_string(port) + "/none";
  auto q = RunSitrep("query --db " + url);
  EXPECT_EQ(q.exit_code, 2);
  EXPECT_NE(q.err.find("cannot connect to PostgreSQL"), std::string::npos) << q.err;
  auto m = RunSitrep("migrate --from " + SqliteStore() + " --to " + url);
  EXPECT_EQ(m.exit_code, 2);
  EXPECT_NE(m.err.find("cannot connect to PostgreSQL"), std::string::npos) << m.err;
  // A database that holds no store: query says how to make one.
  auto empty = RunSitrep("query --db " + NewDb());
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("no sitrep store"), std::string::npos) << empty.err;
}

}  // namespace
}  // namespace sitrep::testing
