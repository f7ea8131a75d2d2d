// `sitrep ingest`, `query` and `explain` end to end: idempotent ingest, a
// real kill -9 in the middle of an ingest, queries while an ingest writes,
// the exports read back by Python, and reports of one event merged.
#include <gtest/gtest.h>
#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <nlohmann/json.hpp>
#include <thread>

#include "base/utf8.h"
#include "dedup/merge.h"
#include "sitrep/store.h"
#include "tests/cli_helpers.h"

namespace sitrep::testing {
namespace {

// Generated articles: each has a clash and an air strike sentence.
std::string GeneratedLine(int i) {
  char date[16];
  std::snprintf(date, sizeof date, "2021-%02d-%02d", 1 + i % 12, 1 + i % 28);
  nlohmann::json j = {
      {"id", "gen-" + std::to_string(i)},
      {"date", date},
      {"lang", "fr"},
      {"text", "Bulletin " + std::to_string(i) +
                   ". Des combats ont opposé l'armée aux rebelles près du village " +
                   std::to_string(i) +
                   ". Des frappes aériennes ont visé un dépôt. Le marché a rouvert."}};
  return j.dump();
}

// Starts `sitrep ARGS` in the background; returns its pid.
pid_t Spawn(const std::string& args, const std::string& log) {
  pid_t pid = fork();
  if (pid == 0) {
    std::string cmd =
        "exec " + std::string(SITREP_BINARY) + " " + args + " > " + log + " 2>&1 < /dev/null";
    execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

bool Running(pid_t pid) {
  int status;
  return waitpid(pid, &status, WNOHANG) == 0;
}

int64_t StoredDocuments(const std::string& db) {
  StoreOptions ro;
  ro.read_only = true;
  auto s = Store::Open(db, ro);
  if (!s.ok()) return -1;
  auto st = (*s)->Stats();
  return st.ok() ? st->documents : -1;
}

class StoreCliTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = TempDir("store_cli"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) { return dir_ + "/" + name; }
  std::string dir_;
};

const char* kSample =
    R"({"id": "s1", "date": "2023-03-14", "lang": "fr", "text": "Des frappes aériennes ont touché la ville lundi, selon une ONG."})"
    "\n"
    R"({"id": "s2", "date": "2022-11-08", "lang": "en", "text": "Clashes broke out between the army and rebels on Sunday."})"
    "\n"
    R"({"id": "s3", "date": "2021-06-02", "lang": "fr", "text": "Un engin explosif a tué deux soldats sur la route."})"
    "\n";

TEST_F(StoreCliTest, IngestingTwiceOrInAnotherOrderGivesTheSameEvents) {
  WriteFile(Path("in.jsonl"), kSample);
  auto first = RunSitrep("ingest " + Path("in.jsonl") + " --db " + Path("a.db"));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("3 new"), std::string::npos) << first.err;
  auto q1 = RunSitrep("query --format jsonl --db " + Path("a.db"));
  ASSERT_EQ(q1.exit_code, 0) << q1.err;
  EXPECT_FALSE(Lines(q1.out).empty());
  auto again = RunSitrep("ingest " + Path("in.jsonl") + " --db " + Path("a.db"));
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.err.find("0 new, 0 replaced, 3 unchanged"), std::string::npos) << again.err;
  EXPECT_EQ(RunSitrep("query --format jsonl --db " + Path("a.db")).out, q1.out);

  auto lines = Lines(kSample);
  WriteFile(Path("rev.jsonl"), lines[2] + "\n" + lines[0] + "\n" + lines[1] + "\n");
  ASSERT_EQ(RunSitrep("ingest " + Path("rev.jsonl") + " --db " + Path("b.db")).exit_code, 0);
  EXPECT_EQ(RunSitrep("query --format jsonl --db " + Path("b.db")).out, q1.out);
  for (const auto& l : Lines(q1.out)) {
    auto e = nlohmann::json::parse(l);
    EXPECT_EQ(e["schema"], "sitrep.event/1");
    EXPECT_TRUE(e["data_version"].is_string() && !e["data_version"].get<std::string>().empty());
    EXPECT_NE(e["pipeline_version"].get<std::string>().find("sitrep-pipeline/"), std::string::npos);
  }
}

TEST_F(StoreCliTest, QueryWithoutDatabaseOrWithBadFiltersFailsClearly) {
  auto r = RunSitrep("query --db " + Path("none.db"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sitrep ingest"), std::string::npos) << r.err;
  WriteFile(Path("in.jsonl"), kSample);
  ASSERT_EQ(RunSitrep("ingest -q " + Path("in.jsonl") + " --db " + Path("a.db")).exit_code, 0);
  EXPECT_EQ(RunSitrep("query --bbox 1,2,3 --db " + Path("a.db")).exit_code, 2);
  EXPECT_EQ(RunSitrep("query --from 2021-13-01 --db " + Path("a.db")).exit_code, 2);
  auto ok = RunSitrep("query --from 2022-01-01 --to 2022-12-31 --db " + Path("a.db"));
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_NE(ok.out.find("Armed clash"), std::string::npos) << ok.out;
  EXPECT_EQ(ok.out.find("Air/drone strike"), std::string::npos) << ok.out;
  auto text = RunSitrep("query --format jsonl --text 'aeriennes AND ong' --db " + Path("a.db"));
  ASSERT_EQ(Lines(text.out).size(), 1u) << text.out << text.err;
  EXPECT_EQ(nlohmann::json::parse(Lines(text.out)[0])["docs"][0], "s1");
}

TEST_F(StoreCliTest, KilledIngestLeavesAConsistentDatabaseAndARerunFinishesTheJob) {
  const int kDocs = 20000;
  {
    std::ofstream f(Path("big.jsonl"));
    for (int i = 0; i < kDocs; ++i) f << GeneratedLine(i) << "\n";
  }
  auto extracted = RunSitrep("extract -o " + Path("all.jsonl") + " " + Path("big.jsonl"));
  ASSERT_EQ(extracted.exit_code, 0);
  const int64_t expected_reports = static_cast<int64_t>(Lines(ReadFile(Path("all.jsonl"))).size());
  ASSERT_GT(expected_reports, 0);

  const std::string db = Path("k.db");
  pid_t pid = Spawn("ingest -q --batch 50 " + Path("big.jsonl") + " --db " + db, Path("k.log"));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (StoredDocuments(db) < 300 && std::chrono::steady_clock::now() < deadline && Running(pid))
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(Running(pid)) << "the ingest ended before it could be killed: "
                            << ReadFile(Path("k.log"));
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));

  int64_t at_kill = StoredDocuments(db);
  EXPECT_GE(at_kill, 300);
  EXPECT_LT(at_kill, kDocs) << "killed after the end: the test proves nothing";
  {
    auto s = Store::Open(db);
    ASSERT_TRUE(s.ok()) << s.status().message();
    auto problems = (*s)->CheckConsistency();
    ASSERT_TRUE(problems.ok());
    EXPECT_TRUE(problems->empty()) << (*problems)[0];
  }
  auto rerun = RunSitrep("ingest -q " + Path("big.jsonl") + " --db " + db);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_NE(rerun.err.find(std::to_string(kDocs - at_kill) + " new, 0 replaced, " +
                           std::to_string(at_kill) + " unchanged"),
            std::string::npos)
      << rerun.err;
  auto s = Store::Open(db);
  ASSERT_TRUE(s.ok());
  auto st = (*s)->Stats();
  EXPECT_EQ(st->documents, kDocs);
  EXPECT_EQ(st->reports, expected_reports);  // nothing lost, nothing twice
  EXPECT_TRUE((*s)->CheckConsistency()->empty());
}

TEST_F(StoreCliTest, QueriesRunWhileAnIngestWrites) {
  {
    std::ofstream f(Path("big.jsonl"));
    for (int i = 0; i < 6000; ++i) f << GeneratedLine(i) << "\n";
  }
  const std::string db = Path("c.db");
  pid_t pid = Spawn("ingest -q --batch 1 " + Path("big.jsonl") + " --db " + db, Path("c.log"));
  while (StoredDocuments(db) < 50 && Running(pid))
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  int queries = 0;
  size_t last = 0;
  while (Running(pid) && queries < 20) {
    auto q = RunSitrep("query --format jsonl --type Battles --db " + db);
    ASSERT_EQ(q.exit_code, 0) << q.err;
    size_t n = Lines(q.out).size();
    EXPECT_GE(n, last);  // each query sees a committed state, growing
    last = n;
    ++queries;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << ReadFile(Path("c.log"));
  EXPECT_GE(queries, 2) << "the ingest ended before queries could overlap it";
}

// Two reports of one strike, built directly (the pipeline may not yet fill
// places and tolls): stored, then read back through the CLI exports.
void StoreTwoReports(const std::string& db) {
  auto s = Store::Open(db);
  ASSERT_TRUE(s.ok());
  auto make = [](const std::string& id, const std::string& text, const std::string& source,
                 int64_t dead, double lat, double lon) {
    RawDocument raw;
    raw.id = id;
    raw.bytes = text;
    raw.date = PubDate{2023, 3, 14};
    DocumentResult r;
    r.doc_id = id;
    Event e;
    e.id = "ev_" + id;
    e.docs = {id};
    e.event_type = "Explosions/Remote violence";
    e.sub_event_type = "Air/drone strike";
    e.date = {Ymd{2023, 3, 13}, Ymd{2023, 3, 13}, DatePrecision::kDay};
    e.location = {"Ma'arrat al-Nu'man",     170017, lat, lon, "SY-ID", "Idlib", "SY",
                  LocationPrecision::kPlace};
    e.actor1 = Actor{"RUS_MIL", "l'aviation \"russe\", selon"};
    e.actor2 = Actor{"CIVILIANS", "civils"};
    Claim c;
    c.source = source;
    c.text = source;
    c.fatalities = Count{dead, dead, std::nullopt};
    e.claims = {c};
    e.fatalities = c.fatalities;
    e.evidence = {{id, 0, static_cast<int64_t>(CountCodePoints(text))}};
    e.pipeline_version = "sitrep-pipeline/test";
    r.events = {e};
    return std::make_pair(raw, r);
  };
  auto [fr_raw, fr] =
      make("fr", "Des frappes russes ont tué au moins 12 civils à Maarat, selon l'OSDH.", "SOHR",
           12, 35.6433, 36.6709);
  auto [en_raw, en] =
      make("en", "Russian strikes killed at least 15 civilians in Maarat, SANA said.", "SANA", 15,
           35.65, 36.68);
  ASSERT_TRUE((*s)->IngestDocument(fr_raw, fr, "data:test").ok());
  ASSERT_TRUE((*s)->IngestDocument(en_raw, en, "data:test").ok());
}

TEST_F(StoreCliTest, CsvAndGeoJsonReadBackInPython) {
  StoreTwoReports(Path("m.db"));
  std::string checker = std::string(SITREP_SOURCE_DIR) + "/tests/check_exports.py";
  ASSERT_EQ(RunSitrep("query --format csv -o " + Path("e.csv") + " --db " + Path("m.db")).exit_code,
            0);
  std::string cmd = "python3 " + checker + " csv " + Path("e.csv") + " > " + Path("csv.json") +
                    " 2> " + Path("csv.err");
  ASSERT_EQ(std::system(cmd.c_str()), 0) << ReadFile(Path("csv.err"));
  auto rows = nlohmann::json::parse(ReadFile(Path("csv.json")));
  ASSERT_EQ(rows.size(), 1u);  // the two reports are one event
  EXPECT_EQ(rows[0]["fatalities"], "12");
  EXPECT_EQ(rows[0]["actor1"], "Military Forces of Russia");
  EXPECT_EQ(rows[0]["inter1"], "8");  // a state force outside its country
  EXPECT_EQ(rows[0]["interaction"], "78");
  EXPECT_EQ(rows[0]["admin1"], "Idlib");
  EXPECT_EQ(rows[0]["country"], "Syria");
  EXPECT_EQ(rows[0]["iso"], "760");
  EXPECT_EQ(rows[0]["geo_precision"], "1");
  EXPECT_EQ(rows[0]["source"], "SANA; SOHR");
  std::string notes = rows[0]["notes"];
  EXPECT_NE(notes.find("l'aviation \"russe\", selon"), std::string::npos) << notes;
  EXPECT_NE(notes.find("SOHR: at least 12 killed"), std::string::npos) << notes;
  EXPECT_NE(notes.find("SANA: at least 15 killed"), std::string::npos) << notes;

  ASSERT_EQ(RunSitrep("query --format geojson -o " + Path("e.geojson") + " --db " + Path("m.db"))
                .exit_code,
            0);
  cmd = "python3 " + checker + " geojson " + Path("e.geojson") + " > " + Path("g.json") + " 2> " +
        Path("g.err");
  ASSERT_EQ(std::system(cmd.c_str()), 0) << ReadFile(Path("g.err"));
  auto feats = nlohmann::json::parse(ReadFile(Path("g.json")));
  ASSERT_EQ(feats.size(), 1u);
  EXPECT_NEAR(feats[0]["coordinates"][0].get<double>(), 36.67, 0.02);  // longitude first
  EXPECT_NEAR(feats[0]["coordinates"][1].get<double>(), 35.64, 0.02);
}

TEST_F(StoreCliTest, ExplainShowsReportsEvidenceAndWhy) {
  StoreTwoReports(Path("m.db"));
  auto q = RunSitrep("query --format jsonl --db " + Path("m.db"));
  auto lines = Lines(q.out);
  ASSERT_EQ(lines.size(), 1u);
  auto e = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(e["docs"], nlohmann::json({"en", "fr"}));
  EXPECT_EQ(e["claims"].size(), 2u);
  auto x = RunSitrep("explain " + e["id"].get<std::string>() + " --db " + Path("m.db"));
  ASSERT_EQ(x.exit_code, 0) << x.err;
  EXPECT_NE(x.out.find("Reports (2)"), std::string::npos) << x.out;
  EXPECT_NE(x.out.find("Des frappes russes ont tué au moins 12 civils"), std::string::npos)
      << x.out;
  EXPECT_NE(x.out.find("Russian strikes killed at least 15"), std::string::npos) << x.out;
  EXPECT_NE(x.out.find("km apart"), std::string::npos) << x.out;
  EXPECT_EQ(RunSitrep("explain ev_nothing --db " + Path("m.db")).exit_code, 1);
}

// The same strike told in French and in English by different sources, from
// text through the real pipeline. What is checked depends on what the
// pipeline provides: once both reports carry a place and a date the two must
// be one event with both claims.
TEST_F(StoreCliTest, FrenchAndEnglishArticlesOfOneStrikeEndToEnd) {
  WriteFile(
      Path("two.jsonl"),
      R"({"id": "art-fr", "date": "2023-03-14", "lang": "fr", "text": "Des frappes aériennes russes ont tué au moins 12 civils lundi à Maarat al-Noomane, dans la province d'Idleb, selon l'Observatoire syrien des droits de l'homme (OSDH)."})"
      "\n"
      R"({"id": "art-en", "date": "2023-03-14", "lang": "en", "text": "Russian air strikes killed 15 civilians on Monday in Maarat al-Numan in Syria's Idlib province, the Britain-based Syrian Observatory for Human Rights said, while state media reported 9 dead."})"
      "\n");
  ASSERT_EQ(RunSitrep("ingest -q " + Path("two.jsonl") + " --db " + Path("t.db")).exit_code, 0);
  auto q = RunSitrep("query --format jsonl --db " + Path("t.db"));
  ASSERT_FALSE(Lines(q.out).empty()) << q.err;
  StoreOptions ro;
  ro.read_only = true;
  auto s = Store::Open(Path("t.db"), ro);
  ASSERT_TRUE(s.ok());
  auto all = (*s)->Query({});
  bool all_mergeable = true;
  std::vector<Event> reports;
  for (const auto& e : *all) {
    auto x = (*s)->Explain(e.event.id);
    ASSERT_TRUE(x.ok());
    for (const auto& r : x->reports) {
      reports.push_back(r.event);
      all_mergeable = all_mergeable && Mergeable(r.event);
    }
  }
  if (!all_mergeable) {
    GTEST_SKIP()
        << "the pipeline does not yet give every report a place and a date; merging is checked "
           "with "
           "constructed reports (StoreCliTest.ExplainShowsReportsEvidenceAndWhy, dedup/merge_test)";
  }
  bool merged = false;
  for (const auto& e : *all) merged |= e.event.docs.size() == 2 && e.event.claims.size() >= 2;
  EXPECT_TRUE(merged) << q.out;
}

}  // namespace
}  // namespace sitrep::testing
