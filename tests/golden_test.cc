// Golden articles: testdata/golden/<lang>/<case>.txt (written for this
// project; a first line " date YYYY-MM-DD" is the publication date) and
// <case>.events.jsonl, the events the pipeline must produce, with only the
// fields the case asserts. Adding a case is adding two files.
//
// Each expected event must be matched by one produced event of the same
// sub-event type, in text order, and every field it lists must agree;
// the number of events must be equal. The pipeline keeps background events
// (recalled as context); an expected event says "background": true for them. Places need the compiled gazetteer
// (build/gazetteer.bin): without it, location fields are skipped and counted.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sitrep/pipeline.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}


// Compares the fields `want` lists; appends one line per disagreement.
void CompareEvent(const Json& want, const Json& got, bool places, std::vector<std::string>* diffs, int* skipped) {
  auto diff = [&](const std::string& field, const Json& w, const Json& g) {
    diffs->push_back(field + ": want " + w.dump() + ", got " + g.dump());
  };
  for (const char* role : {"actor1", "actor2"}) {
    if (!want.contains(role)) continue;
    Json w = want[role].is_null() ? Json() : want[role]["id"];
    Json g = got[role].is_null() ? Json() : got[role]["id"];
    if (w != g) diff(role, w, g);
  }
  for (const char* f : {"fatalities", "injured", "strikes"}) {
    if (!want.contains(f)) continue;
    Json w = want[f].is_null() ? Json() : want[f]["best"];
    Json g = got[f].is_null() ? Json() : got[f]["best"];
    if (w != g) diff(f, w, g);
  }
  if (want.contains("destroyed")) {
    std::map<std::string, Json> w, g;
    for (const auto& d : want["destroyed"]) w[d["kind"]] = d["best"];
    for (const auto& d : got["destroyed"]) g[d["kind"]] = d["best"];
    if (w != g) diff("destroyed", Json(w), Json(g));
  }
  if (want.contains("claims")) {
    std::set<std::string> w, g;
    for (const auto& c : want["claims"]) w.insert(c["source"].get<std::string>());
    for (const auto& c : got["claims"]) g.insert(c["source"].get<std::string>());
    if (w != g) diff("claims", Json(w), Json(g));
  }
  if (want.contains("location")) {
    if (!places) ++*skipped;
    else if (want["location"]["name"] != got["location"]["name"]) diff("location", want["location"]["name"], got["location"]["name"]);
    // Precision, province and country are compared when the case gives them.
    for (const char* f : {"precision", "admin1", "country"})
      if (places && want["location"].contains(f) && want["location"][f] != got["location"][f])
        diff(std::string("location.") + f, want["location"][f], got["location"][f]);
  }
  // Always compared: a fresh event must not come out as background, nor the reverse.
  if (want.value("background", false) != got.value("background", false))
    diff("background", want.value("background", false), got.value("background", false));
  if (want.contains("date") && want["date"]["start"] != got["date"]["start"])
    diff("date", want["date"]["start"], got["date"]["start"]);
}

class GoldenTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(GoldenTest, ProducesTheExpectedEvents) {
  static std::unique_ptr<Pipeline> pipeline = [] {
    PipelineOptions options;
    options.keep_background = true;  // a case lists recalled events with "background": true
    auto p = Pipeline::Create(options);
    return p.ok() ? std::move(p).value() : nullptr;
  }();
  ASSERT_NE(pipeline, nullptr);
  fs::path txt = GetParam();
  std::string lang = txt.parent_path().filename().string();
  bool places = fs::exists(std::string(SITREP_BUILD_DIR) + "/gazetteer.bin");
  RawDocument raw;
  raw.id = txt.stem().string();
  raw.bytes = Read(txt);
  raw.lang = lang;
  auto r = pipeline->Run(raw);
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::vector<Json> want, got;
  std::istringstream lines(Read(fs::path(txt).replace_extension(".events.jsonl")));
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) want.push_back(Json::parse(line));
  for (const auto& e : r->events) got.push_back(Json::parse(EventToJson(e, true)));
  std::ostringstream report;
  for (const auto& g : got) report << "  got " << g["sub_event_type"] << " " << g["actor1"].dump() << " / " << g["actor2"].dump() << "\n";
  EXPECT_EQ(want.size(), got.size()) << txt << "\n" << report.str();
  std::vector<bool> used(got.size(), false);
  int skipped = 0;
  for (const auto& w : want) {
    size_t j = 0;
    while (j < got.size() && (used[j] || got[j]["sub_event_type"] != w["sub_event_type"])) ++j;
    if (j == got.size()) {
      ADD_FAILURE() << txt << ": no " << w["sub_event_type"] << " event\n" << report.str();
      continue;
    }
    used[j] = true;
    std::vector<std::string> diffs;
    CompareEvent(w, got[j], places, &diffs, &skipped);
    for (const auto& d : diffs) ADD_FAILURE() << txt << ": " << w["sub_event_type"] << " " << d;
  }
  if (skipped) std::cerr << txt.filename() << ": " << skipped << " location field(s) skipped (no build/gazetteer.bin)\n";
}

std::vector<fs::path> Cases() {
  std::vector<fs::path> out;
  fs::path root = fs::path(SITREP_SOURCE_DIR) / "testdata" / "golden";
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator(); ++it)
    if (it->path().extension() == ".txt") out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string CaseName(const ::testing::TestParamInfo<fs::path>& info) {
  std::string n = info.param.parent_path().filename().string() + "_" + info.param.stem().string();
  for (auto& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Articles, GoldenTest, ::testing::ValuesIn(Cases()), CaseName);

}  // namespace
}  // namespace sitrep
