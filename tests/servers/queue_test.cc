// `sitrep submit` and `sitrep worker` on a throwaway NATS JetStream server
// with a PostgreSQL store: every document stored once whatever the workers
// do, the same events as one `sitrep ingest`, failures parked.
#include <gtest/gtest.h>

#include <regex>

#include <nlohmann/json.hpp>

#include "queue/nats_queue.h"
#include "sitrep/store.h"
#include "tests/cli_helpers.h"
#include "tests/servers/test_servers.h"

namespace sitrep::testing {
namespace {

std::string Bulletins(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    char date[16];
    std::snprintf(date, sizeof date, "2020-%02d-%02d", 1 + i % 12, 1 + i % 28);
    nlohmann::json j = {
        {"id", "b-" + std::to_string(i)},
        {"date", date},
        {"lang", i % 2 ? "en" : "fr"},
        {"text", i % 2 ? "Report " + std::to_string(i) +
                             ". Clashes between the army and rebels near Homs killed four fighters. "
                             "An air strike hit a depot in Aleppo."
                       : "Bulletin " + std::to_string(i) +
                             ". Des combats ont opposé l'armée aux rebelles près de Homs. "
                             "Des frappes aériennes ont visé un dépôt à Alep."}};
    out += j.dump() + "\n";
  }
  return out;
}

int64_t Documents(const std::string& db) {
  StoreOptions ro;
  ro.read_only = true;
  auto s = Store::Open(db, ro);
  if (!s.ok()) return -1;
  auto st = (*s)->Stats();
  return st.ok() ? st->documents : -1;
}

class QueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SITREP_REQUIRE_SERVER(NatsTestServer::Get().error());
    SITREP_REQUIRE_SERVER(PgTestServer::Get().error());
    dir_ = TempDir("queue");
    name_ = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    pg_ = PgTestServer::Get().NewDatabase(name_);
    nats_ = NatsTestServer::Get().Url();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) { return dir_ + "/" + name; }
  std::string QueueFlags() { return " --nats " + nats_ + " --queue " + name_; }
  WorkQueueOptions Options() {
    WorkQueueOptions o;
    o.url = nats_;
    o.SetName(name_);
    return o;
  }
  std::string Worker(const std::string& extra = "") {
    return "worker -q" + QueueFlags() + " --db " + pg_ + " --idle-exit 3 --ack-wait 2 " + extra;
  }
  std::string dir_, name_, pg_, nats_;
};

TEST_F(QueueTest, TwoWorkersStoreEveryDocumentOnceAsOneIngestWould) {
  WriteFile(Path("in.jsonl"), Bulletins(40));
  auto sub = RunSitrep("submit -q " + Path("in.jsonl") + QueueFlags());
  ASSERT_EQ(sub.exit_code, 0) << sub.err;
  EXPECT_NE(sub.err.find("40 submitted"), std::string::npos) << sub.err;
  // Submitting again within the server's duplicate window queues nothing.
  auto again = RunSitrep("submit -q " + Path("in.jsonl") + QueueFlags());
  EXPECT_NE(again.err.find("0 submitted, 40 already in the queue"), std::string::npos) << again.err;

  pid_t w1 = SpawnSitrep(Worker(), Path("w1.log")), w2 = SpawnSitrep(Worker(), Path("w2.log"));
  EXPECT_EQ(WaitChild(w1, 120), 0) << ReadFile(Path("w1.log"));
  EXPECT_EQ(WaitChild(w2, 120), 0) << ReadFile(Path("w2.log"));
  EXPECT_EQ(Documents(pg_), 40);
  auto one = RunSitrep("ingest -q " + Path("in.jsonl") + " --db " + Path("one.db"));
  ASSERT_EQ(one.exit_code, 0) << one.err;
  auto expected = RunSitrep("query --format jsonl --db " + Path("one.db")).out;
  EXPECT_FALSE(expected.empty());
  EXPECT_EQ(RunSitrep("query --format jsonl --db " + pg_).out, expected);
  auto q = WorkQueue::Connect(Options());
  ASSERT_TRUE(q.ok()) << q.status().message();
  EXPECT_EQ(*(*q)->Pending(), 0u);
  EXPECT_EQ(*(*q)->DeadLetters(), 0u);
  // What the two workers say they stored adds up to every document once
  // (how the queue spreads them between the two depends on timing).
  std::string log1 = ReadFile(Path("w1.log")), log2 = ReadFile(Path("w2.log"));
  auto stored = [](const std::string& log) {  // the last line is the worker's total
    static const std::regex re(R"(: (\d+) stored)");
    int n = -1;
    for (std::sregex_iterator it(log.begin(), log.end(), re), end; it != end; ++it) n = std::stoi((*it)[1]);
    return n;
  };
  EXPECT_EQ(stored(log1) + stored(log2), 40) << log1 << log2;
}

TEST_F(QueueTest, AWorkerKilledMidwayLosesNothingAndRedeliveryIsANoOp) {
  WriteFile(Path("in.jsonl"), Bulletins(150));
  ASSERT_EQ(RunSitrep("submit -q " + Path("in.jsonl") + QueueFlags()).exit_code, 0);
  pid_t victim = SpawnSitrep(Worker(), Path("victim.log"));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (Documents(pg_) < 20 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ::kill(victim, SIGKILL);
  WaitChild(victim, 10);
  int64_t at_kill = Documents(pg_);
  EXPECT_GE(at_kill, 20);
  EXPECT_LT(at_kill, 150) << "the worker finished before it could be killed";
  pid_t rescuer = SpawnSitrep(Worker(), Path("rescuer.log"));
  EXPECT_EQ(WaitChild(rescuer, 180), 0) << ReadFile(Path("rescuer.log"));
  EXPECT_EQ(Documents(pg_), 150);
  auto one = RunSitrep("ingest -q " + Path("in.jsonl") + " --db " + Path("one.db"));
  ASSERT_EQ(one.exit_code, 0);
  EXPECT_EQ(RunSitrep("query --format jsonl --db " + pg_).out,
            RunSitrep("query --format jsonl --db " + Path("one.db")).out);

  // A document delivered again after it was stored (a worker that died
  // between its commit and its acknowledgement) is acknowledged, unchanged.
  auto q = WorkQueue::Connect(Options());
  ASSERT_TRUE(q.ok());
  std::string line = Lines(ReadFile(Path("in.jsonl")))[0];
  ASSERT_TRUE((*q)->Publish("redelivered-copy", line).ok());
  pid_t last = SpawnSitrep(Worker(), Path("last.log"));
  EXPECT_EQ(WaitChild(last, 60), 0);
  EXPECT_NE(ReadFile(Path("last.log")).find("0 stored, 1 already stored"), std::string::npos)
      << ReadFile(Path("last.log"));
  EXPECT_EQ(Documents(pg_), 150);
  EXPECT_EQ(*(*q)->Pending(), 0u);
}

TEST_F(QueueTest, AFailingDocumentIsParkedNotRetriedForever) {
  auto q = WorkQueue::Connect(Options());
  ASSERT_TRUE(q.ok()) << q.status().message();
  ASSERT_TRUE((*q)->Publish("bad-1", "{this is not json").ok());
  ASSERT_TRUE((*q)->Publish("bad-2", R"({"id": "empty", "text": "   "})").ok());
  WriteFile(Path("in.jsonl"), Bulletins(3));
  ASSERT_EQ(RunSitrep("submit -q " + Path("in.jsonl") + QueueFlags()).exit_code, 0);
  pid_t w = SpawnSitrep("worker" + QueueFlags() + " --db " + pg_ + " --idle-exit 3 --ack-wait 2",
                        Path("w.log"));
  EXPECT_EQ(WaitChild(w, 60), 0);
  std::string log = ReadFile(Path("w.log"));
  EXPECT_NE(log.find("3 stored, 0 already stored, 2 parked"), std::string::npos) << log;
  EXPECT_NE(log.find("unreadable message"), std::string::npos) << log;
  EXPECT_EQ(*(*q)->Pending(), 0u);
  EXPECT_EQ(*(*q)->DeadLetters(), 2u);
  EXPECT_EQ(Documents(pg_), 3);
}

TEST_F(QueueTest, AnUnreachableServerIsAClearError) {
  WriteFile(Path("in.jsonl"), Bulletins(1));
  std::string url = "nats://127.0.0.1:" + std::to_string(FreeLoopbackPort());
  auto sub = RunSitrep("submit " + Path("in.jsonl") + " --nats " + url);
  EXPECT_EQ(sub.exit_code, 2);
  EXPECT_NE(sub.err.find("cannot reach the NATS server at " + url), std::string::npos) << sub.err;
  auto w = RunSitrep("worker --nats " + url + " --db " + pg_);
  EXPECT_EQ(w.exit_code, 2);
  EXPECT_NE(w.err.find("cannot reach the NATS server"), std::string::npos) << w.err;
}

}  // namespace
}  // namespace sitrep::testing
