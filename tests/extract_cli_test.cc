// `sitrep extract` end to end: inputs of every kind, and bad input that is
// reported (file, line, reason) and skipped while the batch goes on.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/cli_helpers.h"

namespace sitrep::testing {
namespace {

const char* kGood =
    R"({"id": "good", "text": "Des raids aériens ont frappé la ville mardi, selon l'armée.", "date": "2020-03-05", "lang": "fr"})";

class ExtractCliTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = TempDir("extract"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) { return dir_ + "/" + name; }
  std::string dir_;
};

TEST_F(ExtractCliTest, BrokenJsonLineIsReportedWithFileAndLineAndBatchGoesOn) {
  WriteFile(Path("in.jsonl"), std::string(kGood) + "\n{not json\n" + kGood + "\n");
  auto r = RunSitrep("extract " + Path("in.jsonl"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find(Path("in.jsonl") + ":2: not a JSON object"), std::string::npos) << r.err;
  EXPECT_EQ(Lines(r.out).size(), 2u) << r.out;
}

TEST_F(ExtractCliTest, MalformedUtf8IsRepairedAndReported) {
  WriteFile(Path("in.jsonl"),
            "{\"id\": \"u\", \"text\": \"Des raids a\xE9riens ont frapp\xE9 la ville.\", \"date\": \"2020-03-05\", "
            "\"lang\": \"fr\"}\n");
  auto r = RunSitrep("extract " + Path("in.jsonl"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find(":1: malformed UTF-8"), std::string::npos) << r.err;
}

TEST_F(ExtractCliTest, RecordWithoutTextAndEmptyTextAreSkipped) {
  WriteFile(Path("in.jsonl"), std::string("{\"id\": \"a\"}\n{\"id\": \"b\", \"text\": \"  \"}\n") + kGood + "\n");
  auto r = RunSitrep("extract " + Path("in.jsonl"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find(":1: record has no \"text\" field"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(":2: empty document"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 document(s) read"), std::string::npos) << r.err;
}

TEST_F(ExtractCliTest, UnreadableDateIsReportedAndTheDateStaysUnknown) {
  WriteFile(Path("in.jsonl"),
            R"({"id": "d", "text": "Des raids aériens ont frappé la ville.", "date": "mardi dernier", "lang": "fr"})"
            "\n");
  auto r = RunSitrep("extract " + Path("in.jsonl"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find(":1: unreadable date 'mardi dernier'"), std::string::npos) << r.err;
  auto lines = Lines(r.out);
  ASSERT_FALSE(lines.empty());
  auto e = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(e["date"]["precision"], "unknown");
  EXPECT_TRUE(e["date"]["start"].is_null());
}

TEST_F(ExtractCliTest, DocumentOverTheSizeCapIsSkipped) {
  std::string big = "{\"id\": \"big\", \"text\": \"" + std::string(5000, 'a') + "\"}\n";
  WriteFile(Path("in.jsonl"), big + kGood + "\n");
  auto r = RunSitrep("extract --max-bytes 1000 " + Path("in.jsonl"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find(":1: "), std::string::npos);
  EXPECT_NE(r.err.find("over the size cap"), std::string::npos) << r.err;
  EXPECT_EQ(Lines(r.out).size(), 1u);
}

TEST_F(ExtractCliTest, UnusableInputExitsTwoWithAHint) {
  WriteFile(Path("in.jsonl"), "{oops\n");
  auto r = RunSitrep("extract " + Path("in.jsonl"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no document could be processed"), std::string::npos) << r.err;
  auto missing = RunSitrep("extract " + Path("nope.jsonl"));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no such file"), std::string::npos);
}

TEST_F(ExtractCliTest, PlainTextFilesDirectoriesAndStandardInput) {
  std::filesystem::create_directories(Path("corpus"));
  WriteFile(Path("corpus/a.txt"), " date 2019-04 Des combats ont opposé l'armée aux rebelles.");
  WriteFile(Path("corpus/b.jsonl"), std::string(kGood) + "\n");
  WriteFile(Path("corpus/notes.md"), "ignored");
  auto r = RunSitrep("extract " + Path("corpus"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  auto a = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(a["docs"][0], "a");
  EXPECT_EQ(a["date"]["precision"], "month");
  EXPECT_EQ(a["date"]["start"], "2019-04-01");
  EXPECT_EQ(a["date"]["end"], "2019-04-30");
  // Evidence offsets are code points in the text as given, dateline included.
  EXPECT_EQ(a["evidence"][0]["start"], 14);

  auto s = RunSitrep("extract --date 2020-01-02", Path("corpus/a.txt"));
  EXPECT_EQ(s.exit_code, 0);
  auto sl = Lines(s.out);
  ASSERT_EQ(sl.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(sl[0])["date"]["start"], "2020-01-02");
}

TEST_F(ExtractCliTest, IdsAreStableAcrossRuns) {
  WriteFile(Path("in.jsonl"), std::string(kGood) + "\n");
  auto a = RunSitrep("extract " + Path("in.jsonl"));
  auto b = RunSitrep("extract -o " + Path("out.jsonl") + " " + Path("in.jsonl"));
  EXPECT_EQ(b.exit_code, 0);
  EXPECT_FALSE(a.out.empty());
  EXPECT_EQ(a.out, ReadFile(Path("out.jsonl")));
}

TEST_F(ExtractCliTest, SummaryTabulatesExtractedEventsAndReportsBrokenLines) {
  WriteFile(Path("in.jsonl"), std::string(kGood) + "\n");
  auto r = RunSitrep("extract -o " + Path("ev.jsonl") + " " + Path("in.jsonl"));
  ASSERT_EQ(r.exit_code, 0);
  size_t events = Lines(ReadFile(Path("ev.jsonl"))).size();
  ASSERT_GT(events, 0u);
  WriteFile(Path("ev.jsonl"), ReadFile(Path("ev.jsonl")) + "{broken\n");
  auto s = RunSitrep("summary " + Path("ev.jsonl"));
  EXPECT_EQ(s.exit_code, 0);
  EXPECT_NE(s.out.find("Air/drone strike"), std::string::npos) << s.out;
  EXPECT_NE(s.out.find(std::to_string(events) + " event(s)"), std::string::npos) << s.out;
  EXPECT_NE(s.err.find("ev.jsonl:" + std::to_string(events + 1) + ":"), std::string::npos) << s.err;
}

TEST_F(ExtractCliTest, SummaryNamesSourcesByTheirWords) {
  // Two unnamed sources (OTHER) told apart by their words, and a named one.
  WriteFile(Path("ev.jsonl"),
            R"({"schema": "sitrep.event/1", "id": "e1", "docs": ["d1"], "event_type": "Battles", )"
            R"("sub_event_type": "Armed clash", "date": {"start": "2023-01-02", "end": "2023-01-02", )"
            R"("precision": "day"}, "location": {"name": "Gao", "precision": "place", "country": "ML"}, )"
            R"("actor1": null, "actor2": null, "fatalities": {"low": 3, "best": 3, "high": 3}, )"
            R"("injured": null, "destroyed": [], "strikes": null, "claims": [)"
            R"({"source": "SOHR", "text": "", "fatalities": null, "injured": null, "destroyed": [], "strikes": null}, )"
            R"({"source": "OTHER", "text": "le gouverneur", "fatalities": null, "injured": null, "destroyed": [], "strikes": null}, )"
            R"({"source": "OTHER", "text": "des sources locales", "fatalities": null, "injured": null, "destroyed": [], "strikes": null}], )"
            R"("evidence": []})"
            "\n");
  auto s = RunSitrep("summary " + Path("ev.jsonl"));
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(s.out.find("SOHR; le gouverneur; des"), std::string::npos) << s.out;
  EXPECT_EQ(s.out.find("OTHER"), std::string::npos) << s.out;
}

TEST(CliTest, HelpAndVersion) {
  auto v = RunSitrep("--version");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_NE(v.out.find("sitrep-pipeline/"), std::string::npos) << v.out;
  auto h = RunSitrep("--help");
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("extract"), std::string::npos);
  // Subcommands are listed under their task, in the order of the work.
  size_t extract = h.out.find("Extract events from articles:"), store = h.out.find("Store, query and serve");
  size_t stages = h.out.find("Look at one stage"), data = h.out.find("Build the data");
  ASSERT_NE(extract, std::string::npos) << h.out;
  EXPECT_TRUE(extract < store && store < stages && stages < data) << h.out;
  size_t serve = h.out.find("\n  serve "), places = h.out.find("\n  places ");
  EXPECT_TRUE(store < serve && serve < stages && stages < places && places < data) << h.out;
  auto eh = RunSitrep("extract --help");
  EXPECT_EQ(eh.exit_code, 0);
  EXPECT_NE(eh.out.find("--date"), std::string::npos);
}

}  // namespace
}  // namespace sitrep::testing
