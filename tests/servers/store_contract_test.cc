// The Store contract, run against every backend: SQLite (a file) and
// PostgreSQL (a throwaway server, tests/servers/test_servers.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <thread>

#include "base/utf8.h"
#include "server/stats.h"
#include "sitrep/store.h"
#include "tests/servers/test_servers.h"

namespace sitrep {
namespace {

using ::sitrep::testing::PgTestServer;

struct TestDoc {
  RawDocument raw;
  DocumentResult result;
};

// A document whose one event is an air strike at (lat, lon) reported by
// `source` with `dead` fatalities; the evidence is the sentence `sentence`.
TestDoc StrikeDoc(const std::string& id, const std::string& sentence, const std::string& source,
                  int64_t dead, double lat, double lon, int day = 13) {
  TestDoc d;
  d.raw.id = id;
  d.raw.bytes = "Titre.\n\n" + sentence + " Fin.";
  d.raw.date = PubDate{2023, 3, day};
  d.raw.outlet = "outlet-" + id;
  d.result.doc_id = id;
  d.result.lang = "fr";
  Event e;
  e.id = "ev_" + id;
  e.docs = {id};
  e.event_type = "Explosions/Remote violence";
  e.sub_event_type = "Air/drone strike";
  e.date = {Ymd{2023, 3, day}, Ymd{2023, 3, day}, DatePrecision::kDay};
  e.location.name = "Maarrat al-Nu'man";
  e.location.lat = lat;
  e.location.lon = lon;
  e.location.admin1 = "SY-ID";
  e.location.country = "SY";
  e.location.precision = LocationPrecision::kPlace;
  e.actor1 = Actor{"RUS_MIL", "x"};
  Claim c;
  c.source = source;
  c.text = source;
  c.fatalities = Count::Exact(dead);
  e.claims = {c};
  e.fatalities = c.fatalities;
  int64_t start = static_cast<int64_t>(CountCodePoints("Titre.\n\n"));
  e.evidence = {{id, start, start + static_cast<int64_t>(CountCodePoints(sentence))}};
  e.pipeline_version = Pipeline::Version();
  d.result.events = {e};
  return d;
}

const char* kFr =
    "Des frappes aériennes russes ont tué au moins douze civils près de la ville, selon l'OSDH.";
const char* kEn = "Russian jets struck the town on Monday, killing 15 people, the agency said.";

class StoreContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  bool Postgres() const { return GetParam() == "postgresql"; }
  void SetUp() override {
    if (Postgres()) SITREP_REQUIRE_SERVER(PgTestServer::Get().error());
    dir_ = std::filesystem::temp_directory_path() /
           ("sitrep_contract_" + std::to_string(::getpid()) + "_" + TestName());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string TestName() const {
    std::string n = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    return n.substr(0, n.find('/'));
  }
  // The address of store `name` of this test (the same one when asked again).
  std::string Address(const std::string& name) {
    if (!Postgres()) return (dir_ / name).string();
    auto it = urls_.find(name);
    if (it != urls_.end()) return it->second;
    std::string url = PgTestServer::Get().NewDatabase(TestName() + "_" + name);
    urls_[name] = url;
    return url;
  }
  std::unique_ptr<Store> OpenStore(const std::string& name = "t.db") {
    auto s = Store::Open(Address(name));
    EXPECT_TRUE(s.ok()) << s.status().message();
    return s.ok() ? std::move(s).value() : nullptr;
  }
  static IngestOutcome Ingest(Store* s, const TestDoc& d) {
    auto r = s->IngestDocument(d.raw, d.result, "data:test");
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : IngestOutcome{};
  }
  static std::vector<std::string> AllJson(Store* s) {
    auto q = s->Query({});
    EXPECT_TRUE(q.ok()) << q.status().message();
    std::vector<std::string> out;
    if (q.ok())
      for (const auto& e : *q) out.push_back(EventToJson(e.event));
    return out;
  }
  // Aggregate(f) and Count(f) must be the counts of the events Query(f) returns.
  static void ExpectCountsOfEvents(Store* s, const QueryFilter& f, const std::string& what) {
    auto events = s->Query(f);
    ASSERT_TRUE(events.ok()) << what << ": " << events.status().message();
    std::vector<Event> plain;
    for (const auto& e : *events) plain.push_back(e.event);
    auto counts = s->Aggregate(f);
    ASSERT_TRUE(counts.ok()) << what << ": " << counts.status().message();
    EXPECT_EQ(StatsJson(*counts, Ymd{2024, 1, 1}), StatsJson(plain, Ymd{2024, 1, 1})) << what;
    auto n = s->Count(f);
    ASSERT_TRUE(n.ok()) << what << ": " << n.status().message();
    EXPECT_EQ(*n, static_cast<int64_t>(plain.size())) << what;
  }
  std::filesystem::path dir_;
  std::map<std::string, std::string> urls_;
};

TEST_P(StoreContractTest, SameDocumentTwiceChangesNothing) {
  auto s = OpenStore();
  ASSERT_TRUE(s);
  TestDoc d = StrikeDoc("a", kFr, "SOHR", 12, 35.64, 36.67);
  EXPECT_EQ(Ingest(s.get(), d).action, IngestAction::kInserted);
  auto before = AllJson(s.get());
  EXPECT_EQ(Ingest(s.get(), d).action, IngestAction::kUnchanged);
  EXPECT_EQ(AllJson(s.get()), before);
  auto st = s->Stats();
  ASSERT_TRUE(st.ok()) << st.status().message();
  EXPECT_EQ(st->documents, 1);
  EXPECT_EQ(st->reports, 1);
  EXPECT_EQ(st->events, 1);
  EXPECT_GE(st->schema_version, 1);
  EXPECT_TRUE(*s->HasDocument("a", DocumentContentHash(d.raw), "data:test"));
  EXPECT_FALSE(*s->HasDocument("a", "other", "data:test"));
  EXPECT_FALSE(*s->HasDocument("a", DocumentContentHash(d.raw), "data:newer"));
  auto again = s->IngestDocument(d.raw, d.result, "data:newer");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->action, IngestAction::kReplaced);
  EXPECT_EQ(s->Stats()->reports, 1);
  EXPECT_TRUE(s->CheckConsistency()->empty());
}

TEST_P(StoreContractTest, FrenchAndEnglishReportsMergeWithBothClaimsAndExplain) {
  auto s = OpenStore();
  ASSERT_TRUE(s);
  Ingest(s.get(), StrikeDoc("fr", kFr, "SOHR", 12, 35.6433, 36.6709));
  TestDoc en = StrikeDoc("en", kEn, "AP", 15, 35.66, 36.69);
  en.result.lang = "en";
  Ingest(s.get(), en);
  auto q = s->Query({});
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->size(), 1u);
  const Event& e = (*q)[0].event;
  EXPECT_EQ(e.docs, (std::vector<std::string>{"en", "fr"}));
  ASSERT_EQ(e.claims.size(), 2u);
  EXPECT_EQ(e.fatalities->best, 12);
  EXPECT_EQ((*q)[0].data_version, "data:test");
  EXPECT_EQ((*q)[0].outlets, (std::vector<std::string>{"outlet-en", "outlet-fr"}));
  EXPECT_EQ(s->Stats()->merged_events, 1);

  auto x = s->Explain(e.id);
  ASSERT_TRUE(x.ok()) << x.status().message();
  ASSERT_EQ(x->reports.size(), 2u);
  EXPECT_EQ(x->reports[0].evidence_sentences, std::vector<std::string>{kEn});
  EXPECT_EQ(x->reports[1].evidence_sentences, std::vector<std::string>{kFr});
  ASSERT_EQ(x->reasons.size(), 1u);
  EXPECT_NE(x->reasons[0].find("km apart"), std::string::npos);
  EXPECT_EQ(s->Explain("ev_fr")->event.event.id, e.id);
  EXPECT_EQ(s->Explain("nope").status().code(), StatusCode::kNotFound);

  auto doc = s->GetDocument("fr");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->evidence.size(), 1u);
  EXPECT_EQ(doc->evidence[0].event_id, e.id);
  EXPECT_EQ(doc->outlet, "outlet-fr");
  EXPECT_EQ(doc->pub_date, "2023-03-13");
  EXPECT_EQ(s->GetDocument("nope").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, IngestOrderDoesNotChangeTheEvents) {
  std::vector<TestDoc> docs = {
      StrikeDoc("d1", kFr, "SOHR", 12, 35.00, 36.0), StrikeDoc("d2", kEn, "AP", 15, 35.08, 36.0),
      StrikeDoc("d3", kFr, "SANA", 9, 35.16, 36.0), StrikeDoc("d4", kEn, "RIA", 3, 35.24, 36.0),
      StrikeDoc("d5", kEn, "TASS", 4, 35.5, 36.0, 14)};
  auto a = OpenStore("a.db");
  auto b = OpenStore("b.db");
  auto c = OpenStore("c.db");
  ASSERT_TRUE(a && b && c);
  for (const auto& d : docs) Ingest(a.get(), d);
  for (auto it = docs.rbegin(); it != docs.rend(); ++it) Ingest(b.get(), *it);
  for (int i : {2, 0, 4, 1, 3}) Ingest(c.get(), docs[i]);
  auto expected = AllJson(a.get());
  EXPECT_GT(expected.size(), 1u);
  EXPECT_LT(expected.size(), docs.size());
  EXPECT_EQ(AllJson(b.get()), expected);
  EXPECT_EQ(AllJson(c.get()), expected);
  EXPECT_TRUE(c->CheckConsistency()->empty());
}

TEST_P(StoreContractTest, AChangedDocumentReplacesItsReportsAndCanUndoAMerge) {
  auto s = OpenStore();
  ASSERT_TRUE(s);
  Ingest(s.get(), StrikeDoc("fr", kFr, "SOHR", 12, 35.64, 36.67));
  Ingest(s.get(), StrikeDoc("en", kEn, "AP", 15, 35.66, 36.69));
  ASSERT_EQ(s->Query({})->size(), 1u);
  TestDoc moved = StrikeDoc("en", std::string(kEn) + " Corrected.", "AP", 15, 36.5, 36.69);
  EXPECT_EQ(Ingest(s.get(), moved).action, IngestAction::kReplaced);
  auto q = s->Query({});
  ASSERT_EQ(q->size(), 2u);
  for (const auto& e : *q) EXPECT_EQ(e.event.docs.size(), 1u);
  EXPECT_EQ(s->Stats()->reports, 2);
  EXPECT_TRUE(s->CheckConsistency()->empty());
}

TEST_P(StoreContractTest, ALaterDocumentCanSplitAMerge) {
  auto s = OpenStore();
  ASSERT_TRUE(s);
  Ingest(s.get(), StrikeDoc("a", kFr, "SOHR", 12, 35.00, 36.0));
  Ingest(s.get(), StrikeDoc("b", kEn, "AP", 15, 35.09, 36.0));
  ASSERT_EQ(s->Query({})->size(), 1u);
  TestDoc c = StrikeDoc("c", kFr, "SANA", 3, 35.00, 36.0);
  c.result.events.push_back(StrikeDoc("c", kEn, "SANA", 4, 35.09, 36.0).result.events[0]);
  c.result.events[1].id = "ev_c2";
  Ingest(s.get(), c);
  auto q = s->Query({});
  ASSERT_EQ(q->size(), 2u);
  EXPECT_EQ((*q)[0].event.docs, (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ((*q)[1].event.docs, (std::vector<std::string>{"b", "c"}));
}

TEST_P(StoreContractTest, AWeekLongReportMeetsADayReportAtItsEndInEitherOrder) {
  for (bool week_first : {true, false}) {
    auto s = OpenStore(week_first ? "w1.db" : "w2.db");
    ASSERT_TRUE(s);
    TestDoc week = StrikeDoc("week", kFr, "SOHR", 30, 35.0, 36.0, 7);
    week.result.events[0].date = {Ymd{2023, 3, 7}, Ymd{2023, 3, 13}, DatePrecision::kWeek};
    TestDoc day = StrikeDoc("day", kEn, "AP", 4, 35.0, 36.0, 13);
    Ingest(s.get(), week_first ? week : day);
    Ingest(s.get(), week_first ? day : week);
    auto q = s->Query({});
    ASSERT_EQ(q->size(), 1u);
    EXPECT_EQ((*q)[0].event.date.precision, DatePrecision::kDay);
    EXPECT_EQ((*q)[0].event.fatalities->best, 4);
  }
}

TEST_P(StoreContractTest, QueryFilters) {
  auto s = OpenStore();
  ASSERT_TRUE(s);
  Ingest(s.get(), StrikeDoc("idlib", kFr, "SOHR", 12, 35.93, 36.63, 10));
  TestDoc kharkiv = StrikeDoc("kharkiv", kEn, "AP", 3, 49.99, 36.23, 20);
  kharkiv.result.lang = "en";
  Event& k = kharkiv.result.events[0];
  k.sub_event_type = "Shelling/artillery/missile attack";
  k.location.admin1 = "UA-63";
  k.location.country = "UA";
  k.actor2 = Actor{"CIVILIANS", ""};
  Ingest(s.get(), kharkiv);
  auto ids = [&](QueryFilter f) {
    std::vector<std::string> out;
    auto q = s->Query(f);
    EXPECT_TRUE(q.ok()) << q.status().message();
    if (q.ok())
      for (const auto& e : *q) out.push_back(e.event.docs[0]);
    auto n = s->Count(f);  // counted another way: the same events (a page: all of them)
    EXPECT_TRUE(n.ok() && (f.limit || *n == static_cast<int64_t>(out.size())))
        << (n.ok() ? std::to_string(*n) : n.status().message()) << " counted, " << out.size()
        << " found";
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids({}), (V{"idlib", "kharkiv"}));
  QueryFilter f;
  f.bbox = BoundingBox{35, 34, 38, 37};
  EXPECT_EQ(ids(f), V{"idlib"});
  f.bbox = BoundingBox{36.0, 35.0, 36.5, 36.0};  // Idlib's latitude, not its longitude
  EXPECT_EQ(ids(f), V{});
  // Near the box's edges (a point exactly on one is left to the float
  // rounding of each backend's spatial index).
  f.bbox = BoundingBox{36.6299, 35.9299, 37.0, 36.0};
  EXPECT_EQ(ids(f), V{"idlib"});
  f.bbox = BoundingBox{36.0, 35.0, 36.6301, 35.9301};
  EXPECT_EQ(ids(f), V{"idlib"});
  f.bbox = BoundingBox{36.0, 35.0, 36.6299, 35.9301};
  EXPECT_EQ(ids(f), V{});
  f = {};
  f.from = Ymd{2023, 3, 15};
  EXPECT_EQ(ids(f), V{"kharkiv"});
  f = {};
  f.to = Ymd{2023, 3, 10};
  EXPECT_EQ(ids(f), V{"idlib"});
  f = {};
  f.country = "ua";
  EXPECT_EQ(ids(f), V{"kharkiv"});
  f = {};
  f.admin1 = "SY-ID";
  EXPECT_EQ(ids(f), V{"idlib"});
  f = {};
  f.sub_event_type = "Shelling/artillery/missile attack";
  EXPECT_EQ(ids(f), V{"kharkiv"});
  f = {};
  f.actor = "civilians";
  EXPECT_EQ(ids(f), V{"kharkiv"});
  f = {};
  f.source = "SOHR";
  EXPECT_EQ(ids(f), V{"idlib"});
  f.source = "outlet-kharkiv";
  EXPECT_EQ(ids(f), V{"kharkiv"});
  f = {};
  f.text = "aeriennes";  // accents folded
  EXPECT_EQ(ids(f), V{"idlib"});
  f.text = "jets";
  EXPECT_EQ(ids(f), V{"kharkiv"});
  f = {};
  f.doc_text = "titre";
  EXPECT_EQ(ids(f).size(), 2u);
  f.limit = 1;
  EXPECT_EQ(ids(f).size(), 1u);
}

TEST_P(StoreContractTest, OrderOffsetAndCount) {
  auto s = OpenStore();
  ASSERT_TRUE(s);
  Ingest(s.get(), StrikeDoc("a", kFr, "SOHR", 12, 35.93, 36.63, 10));
  Ingest(s.get(), StrikeDoc("b", kEn, "AP", 3, 49.99, 36.23, 20));
  Ingest(s.get(), StrikeDoc("c", kEn, "AP", 40, 15.0, 2.0, 5));
  TestDoc undated = StrikeDoc("u", kEn, "AP", 1, -10.0, -50.0, 5);
  undated.result.events[0].date = {};
  undated.result.events[0].fatalities.reset();
  undated.result.events[0].claims[0].fatalities.reset();
  Ingest(s.get(), undated);
  auto docs = [&](const QueryFilter& f) {
    std::vector<std::string> out;
    auto q = s->Query(f);
    EXPECT_TRUE(q.ok()) << q.status().message();
    if (q.ok())
      for (const auto& e : *q) out.push_back(e.event.docs[0]);
    return out;
  };
  using V = std::vector<std::string>;
  QueryFilter f;
  EXPECT_EQ(docs(f), (V{"u", "c", "a", "b"}));  // an undated event first
  f.order = QueryOrder::kDateDesc;
  EXPECT_EQ(docs(f), (V{"b", "a", "c", "u"}));
  f.order = QueryOrder::kFatalitiesDesc;
  EXPECT_EQ(docs(f), (V{"c", "a", "b", "u"}));
  f.order = QueryOrder::kDateAsc;
  f.offset = 2;
  EXPECT_EQ(docs(f), (V{"a", "b"}));
  f.limit = 1;
  EXPECT_EQ(docs(f), (V{"a"}));
  auto n = s->Count(f);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 4);
  f = {};
  f.from = Ymd{2023, 3, 8};
  EXPECT_EQ(*s->Count(f), 2);
}

TEST_P(StoreContractTest, AggregatesAreTheCountsOfTheStoredEvents) {
  auto s = OpenStore();
  ASSERT_TRUE(s);
  Ingest(s.get(), StrikeDoc("a", kFr, "SOHR", 12, 35.93, 36.63, 10));
  Ingest(s.get(), StrikeDoc("b", kEn, "AP", 3, 49.99, 36.23, 20));
  TestDoc c = StrikeDoc("c", kEn, "AP", 5, 33.51, 36.29, 25);
  c.result.events[0].event_type = "Battles";
  c.result.events[0].sub_event_type = "Armed clash";
  c.result.events[0].actor2 = Actor{"HTS", ""};
  c.result.events[0].claims.push_back(c.result.events[0].claims[0]);
  Ingest(s.get(), c);
  TestDoc replaced = StrikeDoc("a", kFr, "OTHER", 2, 36.2, 37.1, 11);
  replaced.raw.bytes += " Mise à jour.";
  Ingest(s.get(), replaced);
  auto check = [&](const QueryFilter& f, const char* what) {
    auto events = s->Query(f);
    ASSERT_TRUE(events.ok());
    std::vector<Event> plain;
    for (const auto& e : *events) plain.push_back(e.event);
    auto counts = s->Aggregate(f);
    ASSERT_TRUE(counts.ok()) << counts.status().message();
    EXPECT_EQ(StatsJson(*counts, Ymd{2024, 1, 1}), StatsJson(plain, Ymd{2024, 1, 1})) << what;
    auto n = s->Count(f);
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(*n, static_cast<int64_t>(plain.size())) << what;
    for (int level = 0; level < 4; ++level) {
      auto grid = s->Grid(f, level);
      ASSERT_TRUE(grid.ok()) << grid.status().message();
      int64_t in_cells = 0;
      for (const auto& cell : *grid) in_cells += cell.events;
      EXPECT_EQ(in_cells, static_cast<int64_t>(plain.size())) << what << " level " << level;
    }
  };
  check({}, "everything");
  QueryFilter f;
  f.event_type = "Battles";
  check(f, "one type");
  f.event_type = "battles";
  check(f, "one type in another case");
  f = {};
  f.actor = "HTS";
  check(f, "an actor");
  f = {};
  f.from = Ymd{2023, 3, 15};
  check(f, "a date");
  EXPECT_FALSE(s->Grid({}, 4).ok());
  // A box selects the grid cells that meet it.
  f = {};
  f.bbox = BoundingBox{36.0, 35.0, 37.0, 36.5};
  auto cells = s->Grid(f, 0);
  ASSERT_TRUE(cells.ok());
  ASSERT_EQ(cells->size(), 1u);
  EXPECT_EQ((*cells)[0].x, 4);
  EXPECT_EQ((*cells)[0].y, 4);
}

// Filters of country, event type and dates (which PostgreSQL answers from
// counts kept per country, type and month, counting over the events only
// the months a date bound cuts and the events spanning months) against the
// events themselves, before and after documents are replaced.
TEST_P(StoreContractTest, FilteredAggregatesAreTheCountsOfTheStoredEvents) {
  auto s = OpenStore();
  ASSERT_TRUE(s);
  // Places far apart, so that no two of these events merge.
  auto doc = [](const std::string& id, const std::string& country, bool battle, Ymd start,
                Ymd end, double lat, double lon) {
    TestDoc d = StrikeDoc(id, kFr, "SRC-" + id, 2 + static_cast<int64_t>(id.size()), lat, lon);
    Event& e = d.result.events[0];
    e.location.country = country;
    e.location.admin1 = country.empty() ? "" : country + "-X" + id;
    if (battle) {
      e.event_type = "Battles";
      e.sub_event_type = "Armed clash";
      e.actor2 = Actor{"ACTOR-" + id, ""};
    }
    e.date = start.valid() ? DateInterval{start, end, start == end ? DatePrecision::kDay
                                                                   : DatePrecision::kRange}
                           : DateInterval{};
    return d;
  };
  std::vector<TestDoc> docs = {
      doc("a", "SY", false, {2023, 3, 10}, {2023, 3, 10}, 35.9, 36.6),
      doc("b", "SY", true, {2023, 3, 31}, {2023, 3, 31}, 36.9, 40.0),
      doc("c", "IQ", false, {2023, 4, 1}, {2023, 4, 1}, 33.3, 44.4),
      doc("d", "SY", false, {2023, 3, 28}, {2023, 4, 3}, 34.5, 38.0),  // spans two months
      doc("e", "IQ", true, {}, {}, 36.3, 43.1),                        // undated
      doc("f", "SY", true, {2023, 5, 15}, {2023, 5, 15}, 33.5, 36.3),
      doc("g", "", false, {2023, 4, 20}, {2023, 4, 20}, 15.3, 44.2),   // no country
      doc("h", "IQ", true, {2022, 12, 30}, {2023, 1, 2}, 30.5, 47.8),  // spans two years
  };
  for (const auto& d : docs) Ingest(s.get(), d);
  auto check_all = [&](const std::string& when) {
    std::vector<std::pair<std::string, QueryFilter>> filters;
    auto add = [&](const std::string& what, std::optional<Ymd> from, std::optional<Ymd> to,
                   const std::string& country = "", const std::string& type = "") {
      QueryFilter f;
      f.from = from;
      f.to = to;
      f.country = country;
      f.event_type = type;
      filters.push_back({what, f});
    };
    add("nothing", {}, {});
    add("a country", {}, {}, "SY");
    add("a country in another case", {}, {}, "sy");
    add("a country and a type", {}, {}, "IQ", "Battles");
    add("a type in another case and an aligned end", {}, Ymd{2023, 4, 30}, "", "battles");
    add("from mid-month", Ymd{2023, 3, 15}, {});
    add("from the first of a month", Ymd{2023, 4, 1}, {});
    add("to the last of a month", {}, Ymd{2023, 3, 31});
    add("to mid-month", {}, Ymd{2023, 4, 2});
    add("across a month", Ymd{2023, 3, 10}, Ymd{2023, 4, 2});
    add("a whole month", Ymd{2023, 4, 1}, Ymd{2023, 4, 30});
    add("within a month", Ymd{2023, 3, 12}, Ymd{2023, 3, 30});
    add("a year's end", Ymd{2022, 12, 31}, Ymd{2023, 1, 1});
    add("from after to", Ymd{2023, 5, 1}, Ymd{2023, 3, 1});
    add("a country from a month", Ymd{2023, 4, 1}, {}, "SY");
    add("a country and a type across months", Ymd{2023, 3, 31}, Ymd{2023, 5, 15}, "SY", "Battles");
    for (const auto& [what, f] : filters) ExpectCountsOfEvents(s.get(), f, when + ", " + what);
  };
  check_all("as ingested");
  // Replacements move events between countries, types and months.
  TestDoc f2 = doc("f", "IQ", true, {2023, 4, 2}, {2023, 4, 2}, 33.5, 36.3);
  f2.raw.bytes += " Mise à jour.";
  EXPECT_EQ(Ingest(s.get(), f2).action, IngestAction::kReplaced);
  TestDoc d2 = doc("d", "SY", true, {2023, 3, 20}, {2023, 3, 21}, 34.5, 38.0);
  d2.raw.bytes += " Mise à jour.";
  EXPECT_EQ(Ingest(s.get(), d2).action, IngestAction::kReplaced);
  TestDoc a2 = doc("a", "SY", false, {2023, 3, 10}, {2023, 3, 10}, 36.9, 40.0);  // now beside b
  a2.result.events[0].event_type = "Battles";
  a2.result.events[0].sub_event_type = "Armed clash";
  a2.raw.bytes += " Mise à jour.";
  EXPECT_EQ(Ingest(s.get(), a2).action, IngestAction::kReplaced);
  check_all("after replacements");
}

TEST_P(StoreContractTest, OpeningReadOnlyNeedsAnExistingStore) {
  StoreOptions ro;
  ro.read_only = true;
  EXPECT_FALSE(Store::Open(Address("missing.db"), ro).ok());
  {
    auto s = OpenStore();
    ASSERT_TRUE(s);
    Ingest(s.get(), StrikeDoc("a", kFr, "SOHR", 1, 35, 36));
  }
  auto r = Store::Open(Address("t.db"), ro);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ((*r)->Query({})->size(), 1u);
}

// Several writers at once, each with its own Store: reports of one
// occurrence arriving side by side still make one event, a document stored
// twice at once is stored once, and the result is that of one writer.
TEST_P(StoreContractTest, ConcurrentWritersMakeWhatOneWriterMakes) {
  std::vector<TestDoc> docs;
  for (int i = 0; i < 24; ++i) {
    // Two occurrences (two places 200 km apart) of one type, and a third
    // of another type at the first place.
    int kind = i % 3;
    TestDoc d = StrikeDoc("w" + std::to_string(i), kFr, "S" + std::to_string(i), 10 + i,
                          (kind == 1 ? 37.0 : 35.0) + 0.001 * i, 36.0 + 0.001 * i);
    if (kind == 2) {
      d.result.events[0].event_type = "Battles";
      d.result.events[0].sub_event_type = "Armed clash";
    }
    docs.push_back(d);
  }
  auto one = OpenStore("one.db");
  ASSERT_TRUE(one);
  for (const auto& d : docs) Ingest(one.get(), d);
  auto expected = AllJson(one.get());
  ASSERT_EQ(expected.size(), 3u);

  std::string shared = Address("shared.db");
  ASSERT_TRUE(OpenStore("shared.db"));  // created and migrated
  constexpr int kWriters = 6;
  std::vector<std::thread> writers;
  std::vector<std::string> errors(kWriters);
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      auto s = Store::Open(shared);
      if (!s.ok()) {
        errors[w] = s.status().message();
        return;
      }
      // Half the writers store their documents in groups (as sitrep worker).
      bool grouped = w % 2 == 1;
      int in_group = 0;
      for (size_t i = w; i < docs.size(); i += kWriters) {
        if (grouped && in_group == 0) (void)(*s)->BeginGroup();
        // Every writer also stores the first document (a redelivery).
        for (const TestDoc* d : {&docs[i], &docs[0]}) {
          auto r = (*s)->IngestDocument(d->raw, d->result, "data:test");
          if (!r.ok()) errors[w] = r.status().message();
        }
        if (grouped && ++in_group == 3) {
          Status st = (*s)->CommitGroup();
          if (!st.ok()) errors[w] = st.message();
          in_group = 0;
        }
      }
      if (grouped) {
        Status st = (*s)->CommitGroup();
        if (!st.ok()) errors[w] = st.message();
      }
    });
  }
  for (auto& t : writers) t.join();
  for (const auto& e : errors) EXPECT_EQ(e, "");
  auto s = OpenStore("shared.db");
  ASSERT_TRUE(s);
  EXPECT_EQ(AllJson(s.get()), expected);
  EXPECT_EQ(s->Stats()->documents, static_cast<int64_t>(docs.size()));
  EXPECT_EQ(s->Stats()->reports, static_cast<int64_t>(docs.size()));
  EXPECT_TRUE(s->CheckConsistency()->empty());
  // The counts kept by the writers are those of the events.
  auto stored = s->Query({});
  auto kept = s->Aggregate({});
  ASSERT_TRUE(stored.ok() && kept.ok());
  std::vector<Event> plain;
  for (const auto& e : *stored) plain.push_back(e.event);
  EXPECT_EQ(StatsJson(*kept, Ymd{2024, 1, 1}), StatsJson(plain, Ymd{2024, 1, 1}));
  // And so are those kept per country, type and month.
  QueryFilter f;
  f.country = "SY";
  ExpectCountsOfEvents(s.get(), f, "a country");
  f.from = Ymd{2023, 3, 1};
  f.event_type = "Battles";
  ExpectCountsOfEvents(s.get(), f, "a country and a type from a month");
  f.from = Ymd{2023, 3, 12};
  f.to = Ymd{2023, 3, 31};
  f.event_type.clear();
  ExpectCountsOfEvents(s.get(), f, "a country and days");
  f.from = Ymd{2023, 1, 1};
  f.to = Ymd{2023, 12, 31};
  f.country = "sy";
  ExpectCountsOfEvents(s.get(), f, "a country in another case and a year");
}

// What the store answers from kept counts, bounded index walks and merged
// halves must be what the events themselves give: here every answer is
// compared with the one computed from all stored events (one plain scan),
// for filters the kept counts answer and for those counted in SQL, as
// ingested and after documents are replaced and emptied.
namespace reference {

bool Dated(const Event& e) { return e.date.precision != DatePrecision::kUnknown && e.date.start.valid(); }
std::string Start(const Event& e) { return Dated(e) ? e.date.start.ToString() : ""; }
std::string End(const Event& e) {
  return Dated(e) ? (e.date.end.valid() ? e.date.end : e.date.start).ToString() : "";
}
std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
bool Same(const std::string& a, const std::string& b) { return Lower(a) == Lower(b); }

bool Matches(const Event& e, const QueryFilter& f) {
  if (f.from && !(Dated(e) && End(e) >= f.from->ToString())) return false;
  if (f.to && !(Dated(e) && Start(e) <= f.to->ToString())) return false;
  if (!f.country.empty() && (e.location.country.empty() || !Same(e.location.country, f.country))) return false;
  if (!f.event_type.empty() && !Same(e.event_type, f.event_type)) return false;
  if (!f.sub_event_type.empty() && !Same(e.sub_event_type, f.sub_event_type)) return false;
  if (!f.actor.empty() && !((e.actor1 && Same(e.actor1->id, f.actor)) || (e.actor2 && Same(e.actor2->id, f.actor))))
    return false;
  if (f.bbox) {
    const auto& b = *f.bbox;
    if (!e.location.lat || !e.location.lon) return false;
    double lon = *e.location.lon, lat = *e.location.lat;
    if (lon < b.min_lon || lon > b.max_lon || lat < b.min_lat || lat > b.max_lat) return false;
  }
  return true;
}

// The store's orders: undated first going up, last going down; ties by id.
std::vector<Event> Page(std::vector<Event> all, const QueryFilter& f) {
  std::vector<Event> out;
  for (auto& e : all)
    if (Matches(e, f)) out.push_back(std::move(e));
  auto key = [](const Event& e) { return std::make_pair(Dated(e) ? 1 : 0, Start(e)); };
  auto dead = [](const Event& e) { return e.fatalities ? e.fatalities->best : -1; };
  std::sort(out.begin(), out.end(), [&](const Event& a, const Event& b) {
    switch (f.order) {
      case QueryOrder::kDateDesc:
        return key(a) != key(b) ? key(a) > key(b) : a.id > b.id;
      case QueryOrder::kFatalitiesDesc:
        if (dead(a) != dead(b)) return dead(a) > dead(b);
        break;
      case QueryOrder::kDateAsc:
        break;
    }
    return key(a) != key(b) ? key(a) < key(b) : a.id < b.id;
  });
  size_t skip = std::min(f.offset, out.size());
  out.erase(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(skip));
  if (f.limit && out.size() > f.limit) out.resize(f.limit);
  return out;
}

}  // namespace reference

TEST_P(StoreContractTest, FastAnswersAreThoseComputedFromTheEvents) {
  auto s = OpenStore();
  ASSERT_TRUE(s);
  const char* kTypes[][2] = {{"Battles", "Armed clash"},
                             {"Explosions/Remote violence", "Shelling/artillery/missile attack"},
                             {"Protests", "Peaceful protest"}};
  const char* kActors[] = {"ISIL", "HTS", "SY_MIL", "PROTESTERS", "CIVILIANS"};
  const char* kCountries[] = {"SY", "IQ", "", "SY"};
  // Events on and between the grid's cell edges (multiples of 1/8 degree),
  // over five months, some spanning months or years, some undated or
  // unlocated; one type and one actor also written in another case.
  auto doc = [&](int i, int variant) {
    std::string id = "d" + std::to_string(i);
    TestDoc d = StrikeDoc(id, kFr, i % 2 ? "SOHR" : "AP", (i * 7 + variant) % 13, 0, 0);
    Event& e = d.result.events[0];
    int t = (i + variant) % 3;
    e.event_type = i == 7 ? "battles" : kTypes[t][0];
    e.sub_event_type = kTypes[t][1];
    e.location.country = kCountries[(i + variant) % 4];
    e.location.admin1 = e.location.country.empty() ? "" : e.location.country + "-X" + id;
    e.actor1 = Actor{kActors[(i + variant) % 5], ""};
    if (i % 3 == 0) e.actor2 = Actor{kActors[(i / 3 + variant) % 5], ""};
    if (i == 11) e.actor2 = Actor{"isil", ""};
    if (i % 4 == 3) {  // a second source, whose claim has no words
      Claim quiet = e.claims[0];
      quiet.source = "AFP";
      quiet.text.clear();
      e.claims.push_back(quiet);
    }
    if ((i + variant) % 9 == 0) {
      e.fatalities.reset();
      e.claims[0].fatalities.reset();
    }
    switch ((i + variant) % 7) {
      case 0: e.date = {}; break;
      case 1: e.date = {Ymd{2023, 3, 28}, Ymd{2023, 4, 3}, DatePrecision::kRange}; break;
      case 2: e.date = {Ymd{2022, 12, 30}, Ymd{2023, 1, 2}, DatePrecision::kRange}; break;
      default: {
        Ymd day{2023, 1 + (i + variant) % 5, 1 + (i * 11 + variant) % 28};
        e.date = {day, day, DatePrecision::kDay};
      }
    }
    if ((i + variant) % 6 == 5) {
      e.location.lat.reset();
      e.location.lon.reset();
      e.location.precision = LocationPrecision::kCountry;
    } else {
      // On cell corners, edges and centres around (36, 35).
      e.location.lon = 35.75 + 0.125 * ((i * 5 + variant) % 7) + (i % 4 == 1 ? 0.0625 : 0.0);
      e.location.lat = 34.75 + 0.125 * ((i * 3 + variant) % 6) + (i % 5 == 2 ? 0.03 : 0.0);
    }
    d.raw.bytes += std::string(static_cast<size_t>(variant), '.');
    return d;
  };
  constexpr int kDocs = 48;
  for (int i = 0; i < kDocs; ++i) Ingest(s.get(), doc(i, 0));

  auto box = [](double a, double b, double c, double d) { return BoundingBox{a, b, c, d}; };
  std::vector<std::pair<std::string, QueryFilter>> filters;
  auto add = [&](const std::string& what, auto set) {
    QueryFilter f;
    set(f);
    filters.push_back({what, f});
  };
  add("nothing", [](QueryFilter&) {});
  add("a type", [](QueryFilter& f) { f.event_type = "Protests"; });
  add("a type stored in two cases", [](QueryFilter& f) { f.event_type = "Battles"; });
  add("a country", [](QueryFilter& f) { f.country = "SY"; });
  add("a country and a type", [](QueryFilter& f) { f.country = "iq"; f.event_type = "Protests"; });
  add("a type and two months", [](QueryFilter& f) {
    f.event_type = "Explosions/Remote violence";
    f.from = Ymd{2023, 2, 1};
    f.to = Ymd{2023, 3, 31};
  });
  add("from mid-month", [](QueryFilter& f) { f.from = Ymd{2023, 3, 15}; });
  add("to mid-month", [](QueryFilter& f) { f.to = Ymd{2023, 4, 2}; });
  add("a year's end", [](QueryFilter& f) { f.from = Ymd{2022, 12, 31}; f.to = Ymd{2023, 1, 1}; });
  add("a country from mid-month", [](QueryFilter& f) { f.country = "SY"; f.from = Ymd{2023, 2, 10}; });
  add("an actor", [](QueryFilter& f) { f.actor = "HTS"; });
  add("an actor stored in two cases", [](QueryFilter& f) { f.actor = "Isil"; });
  add("an actor and a type", [](QueryFilter& f) { f.actor = "SY_MIL"; f.event_type = "Protests"; });
  add("an actor and dates", [](QueryFilter& f) { f.actor = "civilians"; f.from = Ymd{2023, 2, 1}; });
  add("an actor on both sides of some events, and dates", [](QueryFilter& f) {
    f.actor = "Isil";
    f.from = Ymd{2023, 1, 1};
    f.to = Ymd{2023, 4, 1};
  });
  add("a box on cell edges", [&](QueryFilter& f) { f.bbox = box(36.0, 35.0, 36.5, 35.25); });
  add("a box between edges", [&](QueryFilter& f) { f.bbox = box(35.8, 34.9, 36.3, 35.33); });
  add("a box wider than a cell", [&](QueryFilter& f) { f.bbox = box(30.0, 30.0, 40.0, 40.0); });
  add("a box inside one cell", [&](QueryFilter& f) { f.bbox = box(36.01, 35.01, 36.1, 35.1); });
  add("a box of one point", [&](QueryFilter& f) { f.bbox = box(36.0, 35.0, 36.0, 35.0); });
  add("a box and a type", [&](QueryFilter& f) {
    f.bbox = box(35.75, 34.75, 36.25, 35.25);
    f.event_type = "Protests";
  });
  add("a box and an actor", [&](QueryFilter& f) { f.bbox = box(35.8, 34.75, 36.5, 35.3); f.actor = "HTS"; });
  add("a box and a country", [&](QueryFilter& f) { f.bbox = box(35.75, 34.75, 36.25, 35.25); f.country = "SY"; });
  add("a sub-event type", [](QueryFilter& f) { f.sub_event_type = "peaceful protest"; });

  auto ids = [](const std::vector<Event>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.id);
    return out;
  };
  auto check_all = [&](const std::string& when) {
    auto everything = s->Query({});
    ASSERT_TRUE(everything.ok()) << everything.status().message();
    std::vector<Event> all;
    for (const auto& e : *everything) all.push_back(e.event);
    for (const auto& [what, base] : filters) {
      const std::string at = when + ", " + what;
      QueryFilter f = base;
      const auto matching = reference::Page(all, f);
      auto n = s->Count(f);
      ASSERT_TRUE(n.ok()) << at << ": " << n.status().message();
      EXPECT_EQ(*n, static_cast<int64_t>(matching.size())) << at;
      auto counts = s->Aggregate(f);
      ASSERT_TRUE(counts.ok()) << at << ": " << counts.status().message();
      EXPECT_EQ(StatsJson(*counts, Ymd{2024, 1, 1}), StatsJson(matching, Ymd{2024, 1, 1})) << at;
      for (auto order : {QueryOrder::kDateAsc, QueryOrder::kDateDesc, QueryOrder::kFatalitiesDesc}) {
        for (auto [limit, offset] : {std::pair<size_t, size_t>{0, 0}, {3, 0}, {4, 5}, {1000, 0}}) {
          f.order = order;
          f.limit = limit;
          f.offset = offset;
          auto page = s->Query(f);
          ASSERT_TRUE(page.ok()) << at << ": " << page.status().message();
          std::vector<Event> got;
          for (const auto& e : *page) got.push_back(e.event);
          EXPECT_EQ(ids(got), ids(reference::Page(all, f)))
              << at << ", order " << static_cast<int>(order) << ", limit " << limit << ", offset " << offset;
        }
      }
      QueryFilter others = base;
      others.bbox.reset();
      others.event_type.clear();
      bool whole_cells = f.bbox && others.from == std::nullopt && others.to == std::nullopt &&
                         others.country.empty() && others.actor.empty() && others.sub_event_type.empty();
      if (whole_cells) continue;  // a kept grid of a type counts the cells that meet a box
      for (int level = 0; level < 4; ++level) {
        const double size = kGridCellDegrees[level];
        std::map<std::pair<int64_t, int64_t>, std::pair<int64_t, int64_t>> want;
        for (const auto& e : matching) {
          if (!e.location.lat || !e.location.lon) continue;
          auto& c = want[{static_cast<int64_t>(std::floor(*e.location.lon / size)),
                          static_cast<int64_t>(std::floor(*e.location.lat / size))}];
          c.first += 1;
          c.second += e.fatalities ? e.fatalities->best : 0;
        }
        auto grid = s->Grid(base, level);
        ASSERT_TRUE(grid.ok()) << at << ": " << grid.status().message();
        std::map<std::pair<int64_t, int64_t>, std::pair<int64_t, int64_t>> got;
        for (const auto& c : *grid) got[{c.x, c.y}] = {c.events, c.fatalities};
        EXPECT_EQ(got, want) << at << ", grid level " << level;
      }
    }
  };
  check_all("as ingested");
  // Replaced documents move events across types, countries, months and
  // cells; emptied ones (no event any more) remove theirs.
  for (int i = 0; i < kDocs; i += 3) Ingest(s.get(), doc(i, 1));
  for (int i = 1; i < kDocs; i += 8) {
    TestDoc empty = doc(i, 2);
    empty.result.events.clear();
    EXPECT_EQ(Ingest(s.get(), empty).action, IngestAction::kReplaced);
  }
  check_all("after replacements and removals");
}

// The change mark moves with every committed write and only then.
TEST_P(StoreContractTest, TheChangeMarkMovesWithEveryWrite) {
  auto s = OpenStore();
  ASSERT_TRUE(s);
  auto mark = [&] {
    auto m = s->ChangeMark();
    EXPECT_TRUE(m.ok()) << m.status().message();
    return m.ok() ? *m : std::string("?");
  };
  if (Postgres()) {
    EXPECT_EQ(mark(), "");  // cannot tell: no answer is reused
    return;
  }
  std::string m0 = mark();
  EXPECT_FALSE(m0.empty());
  TestDoc a = StrikeDoc("a", kFr, "SOHR", 12, 35.93, 36.63, 10);
  Ingest(s.get(), a);
  std::string m1 = mark();
  EXPECT_NE(m1, m0);
  auto other = Store::Open(Address("t.db"));  // another connection sees the same mark
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(*(*other)->ChangeMark(), m1);
  EXPECT_EQ(Ingest(s.get(), a).action, IngestAction::kUnchanged);
  EXPECT_EQ(mark(), m1);
  a.raw.bytes += " Mise à jour.";
  Ingest(s.get(), a);
  EXPECT_NE(mark(), m1);
  EXPECT_EQ(*(*other)->ChangeMark(), mark());
}

// PostgreSQL's full-text syntax is the web-search one: no query is an error.
TEST_P(StoreContractTest, FullTextSyntax) {
  auto s = OpenStore();
  ASSERT_TRUE(s);
  Ingest(s.get(), StrikeDoc("a", kFr, "SOHR", 12, 35.93, 36.63, 10));
  QueryFilter f;
  f.text = "\"unbalanced";
  if (Postgres()) {
    EXPECT_TRUE(s->Query(f).ok());
    f.text = "\"frappes aériennes\"";  // a phrase
    EXPECT_EQ(s->Query(f)->size(), 1u);
    f.text = "\"aériennes frappes\"";
    EXPECT_EQ(s->Query(f)->size(), 0u);
  } else {
    EXPECT_FALSE(s->Query(f).ok());
    EXPECT_FALSE(s->Count(f).ok());
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest,
                         ::testing::Values(std::string("sqlite"), std::string("postgresql")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace sitrep
