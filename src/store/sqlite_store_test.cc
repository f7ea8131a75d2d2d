#include <gtest/gtest.h>

#include <filesystem>

#include "base/utf8.h"
#include "server/stats.h"
#include "sitrep/store.h"

namespace sitrep {
namespace {

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

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sitrep_store_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::unique_ptr<Store> OpenStore(const std::string& name = "t.db") {
    auto s = Store::Open((dir_ / name).string());
    EXPECT_TRUE(s.ok()) << s.status().message();
    return std::move(s).value();
  }
  static IngestOutcome Ingest(Store* s, const TestDoc& d) {
    auto r = s->IngestDocument(d.raw, d.result, "data:test");
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : IngestOutcome{};
  }
  static std::vector<std::string> AllJson(Store* s) {
    auto q = s->Query({});
    EXPECT_TRUE(q.ok());
    std::vector<std::string> out;
    for (const auto& e : *q) out.push_back(EventToJson(e.event));
    return out;
  }
  std::filesystem::path dir_;
};

const char* kFr =
    "Des frappes aériennes russes ont tué au moins douze civils près de la ville, selon l'OSDH.";
const char* kEn = "Russian jets struck the town on Monday, killing 15 people, the agency said.";

TEST_F(SqliteStoreTest, SameDocumentTwiceChangesNothing) {
  auto s = OpenStore();
  TestDoc d = StrikeDoc("a", kFr, "SOHR", 12, 35.64, 36.67);
  EXPECT_EQ(Ingest(s.get(), d).action, IngestAction::kInserted);
  auto before = AllJson(s.get());
  EXPECT_EQ(Ingest(s.get(), d).action, IngestAction::kUnchanged);
  EXPECT_EQ(AllJson(s.get()), before);
  auto st = s->Stats();
  EXPECT_EQ(st->documents, 1);
  EXPECT_EQ(st->reports, 1);
  EXPECT_EQ(st->events, 1);
  EXPECT_EQ(st->schema_version, 4);  // 004: covering actor and country indexes
  EXPECT_TRUE(*s->HasDocument("a", DocumentContentHash(d.raw), "data:test"));
  EXPECT_FALSE(*s->HasDocument("a", "other", "data:test"));
  // New lexicons or gazetteer: the document is extracted again.
  EXPECT_FALSE(*s->HasDocument("a", DocumentContentHash(d.raw), "data:newer"));
  auto again = s->IngestDocument(d.raw, d.result, "data:newer");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->action, IngestAction::kReplaced);
  EXPECT_EQ(s->Stats()->reports, 1);
}

TEST_F(SqliteStoreTest, FrenchAndEnglishReportsMergeWithBothClaimsAndExplain) {
  auto s = OpenStore();
  Ingest(s.get(), StrikeDoc("fr", kFr, "SOHR", 12, 35.6433, 36.6709));
  Ingest(s.get(), StrikeDoc("en", kEn, "AP", 15, 35.66, 36.69));
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
  // A report id leads to the event that absorbed it.
  EXPECT_EQ(s->Explain("ev_fr")->event.event.id, e.id);
  EXPECT_EQ(s->Explain("nope").status().code(), StatusCode::kNotFound);
}

TEST_F(SqliteStoreTest, IngestOrderDoesNotChangeTheEvents) {
  std::vector<TestDoc> docs = {
      StrikeDoc("d1", kFr, "SOHR", 12, 35.00, 36.0), StrikeDoc("d2", kEn, "AP", 15, 35.08, 36.0),
      StrikeDoc("d3", kFr, "SANA", 9, 35.16, 36.0), StrikeDoc("d4", kEn, "RIA", 3, 35.24, 36.0),
      StrikeDoc("d5", kEn, "TASS", 4, 35.5, 36.0, 14)};
  auto a = OpenStore("a.db");
  for (const auto& d : docs) Ingest(a.get(), d);
  auto b = OpenStore("b.db");
  for (auto it = docs.rbegin(); it != docs.rend(); ++it) Ingest(b.get(), *it);
  auto c = OpenStore("c.db");
  for (int i : {2, 0, 4, 1, 3}) Ingest(c.get(), docs[i]);
  auto expected = AllJson(a.get());
  EXPECT_GT(expected.size(), 1u);
  EXPECT_LT(expected.size(), docs.size());
  EXPECT_EQ(AllJson(b.get()), expected);
  EXPECT_EQ(AllJson(c.get()), expected);
  EXPECT_TRUE(c->CheckConsistency()->empty());
}

TEST_F(SqliteStoreTest, AChangedDocumentReplacesItsReportsAndCanUndoAMerge) {
  auto s = OpenStore();
  Ingest(s.get(), StrikeDoc("fr", kFr, "SOHR", 12, 35.64, 36.67));
  Ingest(s.get(), StrikeDoc("en", kEn, "AP", 15, 35.66, 36.69));
  ASSERT_EQ(s->Query({})->size(), 1u);
  // The corrected English report places the strike 100 km away.
  TestDoc moved = StrikeDoc("en", std::string(kEn) + " Corrected.", "AP", 15, 36.5, 36.69);
  EXPECT_EQ(Ingest(s.get(), moved).action, IngestAction::kReplaced);
  auto q = s->Query({});
  ASSERT_EQ(q->size(), 2u);
  for (const auto& e : *q) EXPECT_EQ(e.event.docs.size(), 1u);
  EXPECT_EQ(s->Stats()->reports, 2);
  EXPECT_TRUE(s->CheckConsistency()->empty());
}

TEST_F(SqliteStoreTest, ALaterDocumentCanSplitAMerge) {
  auto s = OpenStore();
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

TEST_F(SqliteStoreTest, AWeekLongReportMeetsADayReportAtItsEndInEitherOrder) {
  for (bool week_first : {true, false}) {
    auto s = OpenStore(week_first ? "w1.db" : "w2.db");
    TestDoc week = StrikeDoc("week", kFr, "SOHR", 30, 35.0, 36.0, 7);
    week.result.events[0].date = {Ymd{2023, 3, 7}, Ymd{2023, 3, 13}, DatePrecision::kWeek};
    TestDoc day = StrikeDoc("day", kEn, "AP", 4, 35.0, 36.0, 13);
    Ingest(s.get(), week_first ? week : day);
    Ingest(s.get(), week_first ? day : week);
    auto q = s->Query({});
    ASSERT_EQ(q->size(), 1u);
    EXPECT_EQ((*q)[0].event.date.precision, DatePrecision::kDay);  // the most precise date
    EXPECT_EQ((*q)[0].event.fatalities->best, 4);
  }
}

TEST_F(SqliteStoreTest, QueryFilters) {
  auto s = OpenStore();
  Ingest(s.get(), StrikeDoc("idlib", kFr, "SOHR", 12, 35.93, 36.63, 10));
  TestDoc kharkiv = StrikeDoc("kharkiv", kEn, "AP", 3, 49.99, 36.23, 20);
  Event& k = kharkiv.result.events[0];
  k.sub_event_type = "Shelling/artillery/missile attack";
  k.location.admin1 = "UA-63";
  k.location.country = "UA";
  k.actor1 = Actor{"RUS_MIL", ""};
  k.actor2 = Actor{"CIVILIANS", ""};
  Ingest(s.get(), kharkiv);
  auto ids = [&](QueryFilter f) {
    std::vector<std::string> out;
    auto q = s->Query(f);
    EXPECT_TRUE(q.ok()) << q.status().message();
    if (q.ok())
      for (const auto& e : *q) out.push_back(e.event.docs[0]);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids({}), (V{"idlib", "kharkiv"}));  // by date
  QueryFilter f;
  f.bbox = BoundingBox{35, 34, 38, 37};
  EXPECT_EQ(ids(f), V{"idlib"});
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
  f = {};
  f.doc_text = "titre";
  EXPECT_EQ(ids(f).size(), 2u);
  f.limit = 1;
  EXPECT_EQ(ids(f).size(), 1u);
  f = {};
  f.text = "\"unbalanced";
  EXPECT_FALSE(s->Query(f).ok());
}

TEST_F(SqliteStoreTest, OrderOffsetAndCount) {
  auto s = OpenStore();
  // Three strikes far apart (no merging), on days 10, 20, 5, with 12, 3 and 40 dead.
  Ingest(s.get(), StrikeDoc("a", kFr, "SOHR", 12, 35.93, 36.63, 10));
  Ingest(s.get(), StrikeDoc("b", kEn, "AP", 3, 49.99, 36.23, 20));
  Ingest(s.get(), StrikeDoc("c", kEn, "AP", 40, 15.0, 2.0, 5));
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
  EXPECT_EQ(docs(f), (V{"c", "a", "b"}));
  f.order = QueryOrder::kDateDesc;
  EXPECT_EQ(docs(f), (V{"b", "a", "c"}));
  f.order = QueryOrder::kFatalitiesDesc;
  EXPECT_EQ(docs(f), (V{"c", "a", "b"}));
  f.order = QueryOrder::kDateAsc;
  f.offset = 1;
  EXPECT_EQ(docs(f), (V{"a", "b"}));
  f.limit = 1;
  EXPECT_EQ(docs(f), (V{"a"}));
  auto n = s->Count(f);  // paging does not change the count
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 3);
  f = {};
  f.from = Ymd{2023, 3, 8};
  EXPECT_EQ(*s->Count(f), 2);
  f.text = "\"unbalanced";
  EXPECT_FALSE(s->Count(f).ok());
}

// The counts the store keeps (or counts in SQL) are those of its events.
TEST_F(SqliteStoreTest, AggregatesAreTheCountsOfTheStoredEvents) {
  auto s = OpenStore();
  Ingest(s.get(), StrikeDoc("a", kFr, "SOHR", 12, 35.93, 36.63, 10));
  Ingest(s.get(), StrikeDoc("b", kEn, "AP", 3, 49.99, 36.23, 20));
  TestDoc c = StrikeDoc("c", kEn, "AP", 5, 33.51, 36.29, 25);
  c.result.events[0].event_type = "Battles";
  c.result.events[0].sub_event_type = "Armed clash";
  c.result.events[0].actor2 = Actor{"HTS", ""};
  c.result.events[0].claims.push_back(c.result.events[0].claims[0]);  // the same words twice
  Ingest(s.get(), c);
  TestDoc replaced = StrikeDoc("a", kFr, "OTHER", 2, 36.2, 37.1, 11);  // a changed text replaces "a"
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
  check({}, "everything (kept counts)");
  QueryFilter f;
  f.event_type = "Battles";
  check(f, "one type (kept counts)");
  f.event_type = "battles";
  check(f, "one type in another case (SQL)");
  f = {};
  f.actor = "HTS";
  check(f, "an actor (SQL)");
  f = {};
  f.from = Ymd{2023, 3, 15};
  check(f, "a date (SQL)");
  // Kept counts and counts in SQL give the same grid.
  QueryFilter all_days;
  all_days.from = Ymd{1900, 1, 1};
  for (int level = 0; level < 4; ++level) {
    auto kept = s->Grid({}, level), counted = s->Grid(all_days, level);
    ASSERT_TRUE(kept.ok() && counted.ok());
    ASSERT_EQ(kept->size(), counted->size());
    for (size_t i = 0; i < kept->size(); ++i) {
      EXPECT_EQ((*kept)[i].x, (*counted)[i].x);
      EXPECT_EQ((*kept)[i].y, (*counted)[i].y);
      EXPECT_EQ((*kept)[i].events, (*counted)[i].events);
      EXPECT_EQ((*kept)[i].fatalities, (*counted)[i].fatalities);
    }
  }
  EXPECT_FALSE(s->Grid({}, 4).ok());
}

TEST_F(SqliteStoreTest, OpeningReadOnlyNeedsAnExistingDatabase) {
  StoreOptions ro;
  ro.read_only = true;
  EXPECT_FALSE(Store::Open((dir_ / "missing.db").string(), ro).ok());
  {
    auto s = OpenStore();
    Ingest(s.get(), StrikeDoc("a", kFr, "SOHR", 1, 35, 36));
  }
  auto r = Store::Open((dir_ / "t.db").string(), ro);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ((*r)->Query({})->size(), 1u);
}

}  // namespace
}  // namespace sitrep
