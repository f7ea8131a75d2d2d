// The PostgreSQL implementation of Store (postgres_store.h): the write path
// (documents, reports, the merge of their neighbourhood) and the dispatch of
// the read path to postgres_query.cc.
//
// The merge is the SQLite store's: each document's reports are inserted,
// then the connected component of compatible reports around them is
// reclustered from scratch, inside the document's transaction. What
// PostgreSQL adds is concurrency: a merge reads the neighbourhood and writes
// the events it implies, so two transactions merging reports of one
// occurrence must not run side by side (each would miss the other's
// uncommitted report and make its own event). Components never cross event
// types (CheckPair requires the same type), so one advisory lock per event
// type serialises exactly the merges that can meet, while a document of
// another type proceeds; the document's own lock, taken first, makes two
// writers of the same document (a redelivered work item) queue up, and the
// second finds it stored. Under READ COMMITTED every statement after a lock
// sees what its previous holder committed. Locks are taken in one global
// order (document, then types by key), so writers never deadlock.
#include "store/postgres_store.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <ctime>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "base/dates.h"
#include "base/hash.h"
#include "base/utf8.h"
#include "dedup/merge.h"
#include "store/event_codec.h"
#include "store/postgres_db.h"
#include "store/postgres_migrations.h"
#include "store/code_point_slicer.h"
#include "store/postgres_query.h"

namespace sitrep {
namespace {

constexpr size_t kMaxNeighbourhood = 2000;  // as in the SQLite store
// The store-wide lock (two-int key space): shared by document writers,
// exclusive for a batch.
constexpr const char* kStoreLock = "21876, 1";

#define PG_ASSIGN_OR_RETURN(lhs, expr)          \
  auto lhs##_or = (expr);                       \
  if (!lhs##_or.ok()) return lhs##_or.status(); \
  auto& lhs = *lhs##_or

struct LoadedReport {
  int64_t row = 0;
  Event event;
  std::string event_id, data_version, outlet;
};

const char* kReportColumns =
    "SELECT r.id, r.json, r.event_id, r.data_version, COALESCE(d.outlet, '') "
    "FROM reports r JOIN documents d ON d.doc_id = r.doc_id ";

StatusOr<LoadedReport> ReadReport(const PgResult& r, int row) {
  auto e = EventFromJson(r.Text(row, 1));
  if (!e.ok()) return Status::Corruption("stored report is not an event: " + e.status().message());
  return LoadedReport{r.Int(row, 0), std::move(*e), r.Text(row, 2), r.Text(row, 3),
                      r.Text(row, 4)};
}

std::string JoinSorted(const std::set<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& s : items) {
    if (s.empty()) continue;
    out += (out.empty() ? "" : sep) + s;
  }
  return out;
}

// A lock key in the one-bigint key space (apart from kStoreLock's).
int64_t LockKey(const std::string& kind, const std::string& name) {
  return static_cast<int64_t>(Fnv1a64(kind + '\x1f' + name));
}

std::string DocDate(const RawDocument& raw) {
  if (!raw.date.valid()) return "";
  return raw.date.day_precision() ? Ymd{raw.date.y, raw.date.m, raw.date.d}.ToString()
                                  : Ymd{raw.date.y, raw.date.m, 1}.ToString().substr(0, 7);
}

// What event_stats counts of one event (its columns as stored).
struct StatsRow {
  std::string type, sub, country;  // country: "" when the event has none
  std::optional<std::string> day, day_end, admin1, actor1, actor2;
  bool background = false;
  std::optional<double> lat, lon;
  int64_t fatalities = 0;
  std::string claims;  // JSON array
};

using StatsKey = std::tuple<std::string, std::string, std::string>;  // slice, dim, key
using StatsDeltas = std::map<StatsKey, std::pair<int64_t, int64_t>>;
// event_stats_month: country, event type, month, dim, key -> n, fatalities, timeline.
using MonthKey = std::tuple<std::string, std::string, std::string, std::string, std::string>;
using MonthDeltas = std::map<MonthKey, std::array<int64_t, 3>>;

// events.month of migration 003 for dates as stored.
std::string MonthOf(const std::optional<std::string>& start, const std::optional<std::string>& end) {
  if (!start && !end) return "";
  if (start && end && start->substr(0, 7) == end->substr(0, 7)) return start->substr(0, 7);
  return "~";
}

std::string Cell(double lon, double lat, double size) {
  return std::to_string(static_cast<int64_t>(std::floor(lon / size))) + ":" +
         std::to_string(static_cast<int64_t>(std::floor(lat / size)));
}

// The dimensions of postgres_migrations.cc's recounts, for one event.
void CountEvent(const StatsRow& r, int sign, StatsDeltas* out, MonthDeltas* months) {
  std::vector<std::pair<std::string, std::string>> keys = {{"all", ""}, {"type", r.type},
                                                           {"sub", r.sub}};
  if (r.day) keys.push_back({"day", *r.day});
  if (r.day && !r.background) keys.push_back({"tday", *r.day});
  if (r.admin1 && !r.admin1->empty()) keys.push_back({"admin1", *r.admin1});
  if (r.actor1) keys.push_back({"actor", *r.actor1});
  if (r.actor2 && r.actor2 != r.actor1) keys.push_back({"actor", *r.actor2});
  if (r.lat && r.lon) {
    const char* dims[] = {"g0", "g1", "g2", "g3"};
    for (int i = 0; i < 4; ++i) keys.push_back({dims[i], Cell(*r.lon, *r.lat, kGridCellDegrees[i])});
  }
  auto claims = nlohmann::json::parse(r.claims, nullptr, false);
  std::set<std::string> sources;
  if (claims.is_array()) {
    for (const auto& c : claims) {
      if (!c.is_object() || !c.contains("source") || !c["source"].is_string()) continue;
      std::string src = c["source"].get<std::string>();
      sources.insert(src);
      if (c.contains("text") && c["text"].is_string() && !c["text"].get<std::string>().empty())
        keys.push_back({"word", src + '\x1f' + c["text"].get<std::string>()});
    }
  }
  for (const auto& src : sources) keys.push_back({"source", src});
  std::vector<std::string> slices = {std::string(), "type:" + r.type};
  if (r.actor1) slices.push_back("actor:" + *r.actor1);
  if (r.actor2 && r.actor2 != r.actor1) slices.push_back("actor:" + *r.actor2);
  for (const std::string& slice : slices) {
    for (const auto& [dim, key] : keys) {
      auto& d = (*out)[{slice, dim, key}];
      d.first += sign;
      d.second += sign * r.fatalities;
    }
  }
  const std::string month = MonthOf(r.day, r.day_end);
  for (const auto& [dim, key] : keys) {
    if (dim == "tday" || dim[0] == 'g') continue;  // tday is 'day' rows' timeline; no grid
    auto& d = (*months)[{r.country, r.type, month, dim, key}];
    d[0] += sign;
    d[1] += sign * r.fatalities;
    if (dim == "day" && !r.background) d[2] += sign;
  }
}

// A text[] literal.
std::string PgArray(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const auto& it : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char ch : it) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "}";
}

class PostgresStore : public Store {
 public:
  explicit PostgresStore(std::unique_ptr<PgConn> c) : c_(std::move(c)) {}
  ~PostgresStore() override {
    if (in_batch_) (void)CommitBatch();
    if (in_group_) (void)CommitGroup();
  }

  StatusOr<bool> HasDocument(const std::string& doc_id, const std::string& hash,
                             const std::string& data_version) override {
    PG_ASSIGN_OR_RETURN(r, c_->Run("SELECT 1 FROM documents WHERE doc_id = $1 AND content_hash = "
                                   "$2 AND data_version = $3 AND pipeline_version = $4",
                                   {doc_id, hash, data_version, Pipeline::Version()}));
    return r.Rows() > 0;
  }

  StatusOr<IngestOutcome> IngestDocument(const RawDocument& raw, const DocumentResult& result,
                                         const std::string& data_version) override;

  Status BeginBatch() override {
    if (in_batch_) return Status::Ok();
    SITREP_RETURN_IF_ERROR(c_->Exec("BEGIN"));
    Status st = c_->Exec(std::string("SELECT pg_advisory_xact_lock(") + kStoreLock + ")");
    if (!st.ok()) {
      (void)c_->Exec("ROLLBACK");
      return st;
    }
    in_batch_ = true;
    return Status::Ok();
  }
  Status CommitBatch() override {
    if (!in_batch_) return Status::Ok();
    in_batch_ = false;
    return c_->Exec("COMMIT");
  }

  Status BeginGroup() override {
    if (in_batch_ || in_group_) return Status::Ok();
    in_group_ = true;
    group_error_ = Status::Ok();
    return Status::Ok();
  }
  Status CommitGroup() override {
    if (!in_group_) return Status::Ok();
    Status st = FlushGroup();
    in_group_ = false;
    Status err = group_error_;
    group_error_ = Status::Ok();
    return err.ok() ? st : err;
  }

  StatusOr<std::vector<StoredEvent>> Query(const QueryFilter& f) override {
    return PgQueryEvents(c_.get(), f);
  }
  StatusOr<int64_t> Count(const QueryFilter& f) override { return PgCountEvents(c_.get(), f); }
  StatusOr<EventCounts> Aggregate(const QueryFilter& f) override {
    return PgAggregate(c_.get(), f);
  }
  StatusOr<std::vector<GridCell>> Grid(const QueryFilter& f, int level) override {
    return PgGrid(c_.get(), f, level);
  }
  StatusOr<EventExplanation> Explain(const std::string& id) override {
    return PgExplain(c_.get(), id);
  }
  StatusOr<StoredDocument> GetDocument(const std::string& id) override {
    return PgGetDocument(c_.get(), id);
  }
  StatusOr<StoreStats> Stats() override { return PgStats(c_.get()); }
  StatusOr<std::vector<std::string>> CheckConsistency() override {
    return PgCheckConsistency(c_.get());
  }

 private:
  Status LockFor(const std::string& doc_id, const DocumentResult& result, bool try_only,
                 bool* got);
  Status LockInGroup(const std::string& doc_id, const DocumentResult& result);
  Status FlushGroup();
  Status FailGroup(const Status& st);
  Status InsertDocument(const RawDocument& raw, const DocumentResult& result,
                        const std::string& hash, const std::string& text,
                        const std::string& data_version);
  StatusOr<std::vector<std::string>> InsertReports(const DocumentResult& result,
                                                   const std::string& text,
                                                   const std::string& data_version);
  StatusOr<size_t> Recluster(const std::vector<std::string>& seeds,
                             std::set<std::string> old_events);
  Status ExpandNeighbourhood(std::map<std::string, LoadedReport>* comp,
                             std::deque<std::string> frontier);
  Status WriteEvent(const std::vector<const LoadedReport*>& members,
                    const std::vector<std::string>& reasons);
  Status DeleteEvent(const std::string& event_id);
  Status ApplyStats();

  std::unique_ptr<PgConn> c_;
  bool in_batch_ = false;
  StatsDeltas stats_;    // the current document's changes to event_stats
  MonthDeltas months_;  // and to event_stats_month
  // BeginGroup(): the open transaction, the documents whose locks it
  // holds, their kept-count changes (applied at its commit) and the first
  // failure that lost documents of the group.
  bool in_group_ = false, group_open_ = false;
  int group_docs_ = 0;
  StatsDeltas group_stats_;
  MonthDeltas group_months_;
  Status group_error_;
};

// The document's lock, then one per event type its old and new reports
// have, in key order (see the file comment). A batch already holds the
// store-wide lock exclusively; a group took it shared at its start. With
// `try_only`, a lock another writer holds is not waited for: *got is false.
Status PostgresStore::LockFor(const std::string& doc_id, const DocumentResult& result,
                              bool try_only, bool* got) {
  if (in_batch_) return Status::Ok();
  if (!in_group_)
    SITREP_RETURN_IF_ERROR(
        c_->Exec(std::string("SELECT pg_advisory_xact_lock_shared(") + kStoreLock + ")"));
  const std::string lock = try_only ? "SELECT pg_try_advisory_xact_lock($1::bigint)"
                                    : "SELECT pg_advisory_xact_lock($1::bigint)";
  auto take = [&](int64_t key) -> StatusOr<bool> {
    auto r = c_->Run(lock, {PgInt(key)});
    if (!r.ok()) return r.status();
    return !try_only || r->Text(0, 0) == "t";
  };
  PG_ASSIGN_OR_RETURN(d, take(LockKey("doc", doc_id)));
  if (!d) {
    *got = false;
    return Status::Ok();
  }
  std::set<std::string> types;
  for (const auto& e : result.events) types.insert(e.event_type);
  PG_ASSIGN_OR_RETURN(old, c_->Run("SELECT DISTINCT event_type FROM reports WHERE doc_id = $1",
                                   {doc_id}));
  for (int i = 0; i < old.Rows(); ++i) types.insert(old.Text(i, 0));
  std::set<int64_t> keys;
  for (const auto& t : types) keys.insert(LockKey("type", t));
  for (int64_t k : keys) {
    PG_ASSIGN_OR_RETURN(l, take(k));
    if (!l) {
      *got = false;
      return Status::Ok();
    }
  }
  if (got) *got = true;
  return Status::Ok();
}

// A group's transaction waits for a lock only while it holds none but the
// document's own, taken in order: a writer that waits never holds what
// another one that waits needs, so groups and single documents never
// deadlock.
Status PostgresStore::LockInGroup(const std::string& doc_id, const DocumentResult& result) {
  if (group_open_ && group_docs_ > 0) {
    bool got = false;
    Status st = LockFor(doc_id, result, /*try_only=*/true, &got);
    if (!st.ok()) return FailGroup(st);
    if (got) {
      ++group_docs_;
      return Status::Ok();
    }
    SITREP_RETURN_IF_ERROR(FlushGroup());  // another writer holds one: commit, then wait
  }
  if (!group_open_) {
    Status st = c_->Exec("BEGIN");
    if (!st.ok()) return FailGroup(st);
    group_open_ = true;
    st = c_->Exec(std::string("SELECT pg_advisory_xact_lock_shared(") + kStoreLock + ")");
    if (!st.ok()) return FailGroup(st);
  }
  bool got = false;
  Status st = LockFor(doc_id, result, /*try_only=*/false, &got);
  if (!st.ok()) return FailGroup(st);
  ++group_docs_;
  return Status::Ok();
}

// Commits the group's transaction with its kept counts (one upsert in key
// order, as a single document's).
Status PostgresStore::FlushGroup() {
  if (!group_open_) return Status::Ok();
  stats_ = std::move(group_stats_);
  months_ = std::move(group_months_);
  group_stats_.clear();
  group_months_.clear();
  Status st = ApplyStats();
  if (!st.ok()) return FailGroup(st);
  st = c_->Exec("COMMIT");
  group_open_ = false;
  group_docs_ = 0;
  if (!st.ok()) return FailGroup(st);
  return Status::Ok();
}

Status PostgresStore::FailGroup(const Status& st) {
  if (group_open_) (void)c_->Exec("ROLLBACK");
  group_open_ = false;
  group_docs_ = 0;
  group_stats_.clear();
  group_months_.clear();
  if (group_error_.ok()) group_error_ = st;
  return st;
}

Status PostgresStore::InsertDocument(const RawDocument& raw, const DocumentResult& result,
                                     const std::string& hash, const std::string& text,
                                     const std::string& data_version) {
  PG_ASSIGN_OR_RETURN(
      r, c_->Run("INSERT INTO documents(doc_id, content_hash, text, pub_date, lang, url, outlet, "
                 "pipeline_version, data_version, ingested_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
                 {result.doc_id, hash, text, PgText(DocDate(raw)), PgText(result.lang),
                  PgText(raw.url), PgText(raw.outlet), Pipeline::Version(), data_version,
                  PgInt(static_cast<int64_t>(std::time(nullptr)))}));
  (void)r;
  return Status::Ok();
}

StatusOr<std::vector<std::string>> PostgresStore::InsertReports(const DocumentResult& result,
                                                                const std::string& text,
                                                                const std::string& data_version) {
  CodePointSlicer slicer(text);
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (size_t i = 0; i < result.events.size(); ++i) {
    Event e = result.events[i];
    e.docs = {result.doc_id};
    if (e.pipeline_version.empty()) e.pipeline_version = Pipeline::Version();
    // Two events of one document with the same content id stay two reports.
    std::string id = e.id.empty() ? ComputeEventId(e) : e.id;
    for (int k = 2; seen.count(id); ++k)
      id = (e.id.empty() ? ComputeEventId(e) : e.id) + "-" + std::to_string(k);
    seen.insert(id);
    e.id = id;
    bool dated = e.date.precision != DatePrecision::kUnknown && e.date.start.valid();
    PgParam start, end;
    if (dated) {
      start = e.date.start.ToString();
      end = (e.date.end.valid() ? e.date.end : e.date.start).ToString();
    }
    PG_ASSIGN_OR_RETURN(
        row, c_->Run("INSERT INTO reports(report_id, doc_id, ordinal, event_id, event_type, "
                     "date_start, date_end, mergeable, lat, lon, admin1, pipeline_version, "
                     "data_version, json) VALUES ($1,$2,$3,'',$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) "
                     "RETURNING id",
                     {id, result.doc_id, PgInt(static_cast<int64_t>(i)), e.event_type, start, end,
                      std::string(Mergeable(e) ? "true" : "false"), PgReal(e.location.lat),
                      PgReal(e.location.lon), PgText(e.location.admin1), e.pipeline_version,
                      data_version, EventToJson(e, true)}));
    std::string report_row = row.Text(0, 0);
    for (const auto& x : e.evidence) {
      PG_ASSIGN_OR_RETURN(
          ev, c_->Run("INSERT INTO evidence(report_id, start_cp, end_cp, sentence, lang) "
                      "VALUES ($1,$2,$3,$4,$5)",
                      {report_row, PgInt(x.start), PgInt(x.end), slicer.Slice(x.start, x.end),
                       PgText(result.lang)}));
      (void)ev;
    }
    ids.push_back(id);
  }
  return ids;
}

StatusOr<IngestOutcome> PostgresStore::IngestDocument(const RawDocument& raw,
                                                      const DocumentResult& result,
                                                      const std::string& data_version) {
  IngestOutcome out;
  out.doc_id = result.doc_id;
  std::string hash = DocumentContentHash(raw);
  if (in_group_) SITREP_RETURN_IF_ERROR(LockInGroup(result.doc_id, result));
  PgTransaction tx(c_.get(), /*nested=*/in_batch_ || in_group_);
  SITREP_RETURN_IF_ERROR(tx.Begin());
  if (!in_group_) SITREP_RETURN_IF_ERROR(LockFor(result.doc_id, result, false, nullptr));
  stats_.clear();
  months_.clear();
  PG_ASSIGN_OR_RETURN(
      q, c_->Run("SELECT content_hash, data_version, pipeline_version FROM documents WHERE doc_id = $1",
                 {result.doc_id}));
  bool exists = q.Rows() > 0;
  if (exists && q.Text(0, 0) == hash && q.Text(0, 1) == data_version &&
      q.Text(0, 2) == Pipeline::Version()) {
    out.action = IngestAction::kUnchanged;
    return out;  // the transaction rolls back: nothing was written
  }
  std::set<std::string> old_events;
  std::vector<std::string> seeds;
  if (exists) {
    out.action = IngestAction::kReplaced;
    PG_ASSIGN_OR_RETURN(ev, c_->Run("SELECT DISTINCT event_id FROM reports WHERE doc_id = $1",
                                    {result.doc_id}));
    for (int i = 0; i < ev.Rows(); ++i) old_events.insert(ev.Text(i, 0));
    for (const auto& id : old_events) {
      PG_ASSIGN_OR_RETURN(
          mates, c_->Run("SELECT report_id FROM reports WHERE event_id = $1 AND doc_id <> $2",
                         {id, result.doc_id}));
      for (int i = 0; i < mates.Rows(); ++i) seeds.push_back(mates.Text(i, 0));
    }
    PG_ASSIGN_OR_RETURN(del, c_->Run("DELETE FROM documents WHERE doc_id = $1", {result.doc_id}));
    (void)del;
  }
  std::string text;
  RepairUtf8(raw.bytes, &text);
  SITREP_RETURN_IF_ERROR(InsertDocument(raw, result, hash, text, data_version));
  PG_ASSIGN_OR_RETURN(ids, InsertReports(result, text, data_version));
  out.reports = ids.size();
  seeds.insert(seeds.end(), ids.begin(), ids.end());
  PG_ASSIGN_OR_RETURN(rebuilt, Recluster(seeds, std::move(old_events)));
  out.events_rebuilt = rebuilt;
  if (!in_group_) {
    SITREP_RETURN_IF_ERROR(ApplyStats());
    SITREP_RETURN_IF_ERROR(tx.Commit());
    return out;
  }
  SITREP_RETURN_IF_ERROR(tx.Commit());  // the savepoint; the counts wait for the group's commit
  for (const auto& [k, d] : stats_) {
    auto& g = group_stats_[k];
    g.first += d.first;
    g.second += d.second;
  }
  for (const auto& [k, d] : months_) {
    auto& g = group_months_[k];
    for (int i = 0; i < 3; ++i) g[i] += d[i];
  }
  stats_.clear();
  months_.clear();
  return out;
}

// Grows `comp` to every report connected to it by a compatible pair (see
// SqliteStore::ExpandNeighbourhood: the same search).
Status PostgresStore::ExpandNeighbourhood(std::map<std::string, LoadedReport>* comp,
                                          std::deque<std::string> frontier) {
  const std::string sql =
      std::string(kReportColumns) +
      "WHERE r.mergeable AND r.event_type = $1 AND r.date_start <= $2 AND r.date_start >= $9 "
      "AND r.date_end >= $3 AND (($4::text IS NOT NULL AND r.admin1 = $4) OR "
      "(r.lat BETWEEN $5 AND $6 AND r.lon BETWEEN $7 AND $8))";
  while (!frontier.empty() && comp->size() < kMaxNeighbourhood) {
    const Event e = comp->at(frontier.front()).event;
    frontier.pop_front();
    const Location& l = e.location;
    Ymd end = e.date.end.valid() ? e.date.end : e.date.start;
    PgParams p = {e.event_type, end.ToString(), e.date.start.ToString(), PgText(l.admin1),
                  std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                  AddDays(e.date.start, -kMaxSpanDays).ToString()};
    if (l.lat && l.lon) {
      double dlat = kMaxKm / 111.0 * 1.1,
             dlon = dlat / std::max(0.1, std::cos(*l.lat * M_PI / 180));
      p[4] = PgReal(*l.lat - dlat);
      p[5] = PgReal(*l.lat + dlat);
      p[6] = PgReal(*l.lon - dlon);
      p[7] = PgReal(*l.lon + dlon);
    }
    PG_ASSIGN_OR_RETURN(cand, c_->Run(sql, p));
    for (int i = 0; i < cand.Rows(); ++i) {
      auto r = ReadReport(cand, i);
      if (!r.ok()) return r.status();
      if (comp->count(r->event.id) || !CheckPair(e, r->event).compatible) continue;
      frontier.push_back(r->event.id);
      comp->emplace(r->event.id, std::move(*r));
    }
  }
  return Status::Ok();
}

StatusOr<size_t> PostgresStore::Recluster(const std::vector<std::string>& seeds,
                                          std::set<std::string> old_events) {
  std::map<std::string, LoadedReport> comp;
  std::deque<std::string> frontier;
  for (const auto& id : seeds) {
    if (comp.count(id)) continue;
    PG_ASSIGN_OR_RETURN(one, c_->Run(std::string(kReportColumns) + "WHERE r.report_id = $1", {id}));
    if (one.Rows() == 0) continue;
    auto r = ReadReport(one, 0);
    if (!r.ok()) return r.status();
    if (Mergeable(r->event)) frontier.push_back(id);
    comp.emplace(id, std::move(*r));
  }
  SITREP_RETURN_IF_ERROR(ExpandNeighbourhood(&comp, std::move(frontier)));

  for (const auto& [id, r] : comp)
    if (!r.event_id.empty()) old_events.insert(r.event_id);
  for (const auto& id : old_events) SITREP_RETURN_IF_ERROR(DeleteEvent(id));
  std::vector<const LoadedReport*> loaded;
  std::vector<Event> events;
  for (const auto& [id, r] : comp) {
    loaded.push_back(&r);
    events.push_back(r.event);
  }
  auto clusters = ClusterReports(events);
  for (const auto& c : clusters) {
    std::vector<const LoadedReport*> members;
    for (size_t i : c.members) members.push_back(loaded[i]);
    SITREP_RETURN_IF_ERROR(WriteEvent(members, c.reasons));
  }
  return clusters.size();
}

Status PostgresStore::DeleteEvent(const std::string& event_id) {
  PG_ASSIGN_OR_RETURN(
      del, c_->Run("DELETE FROM events WHERE event_id = $1 RETURNING event_type, sub_event_type, "
                   "date_start, background, admin1, actor1, actor2, lat, lon, fatalities, claims, "
                   "COALESCE(country, ''), date_end",
                   {event_id}));
  for (int i = 0; i < del.Rows(); ++i) {
    StatsRow r;
    r.type = del.Text(i, 0);
    r.sub = del.Text(i, 1);
    auto opt = [&](int col) -> std::optional<std::string> {
      if (del.IsNull(i, col)) return std::nullopt;
      return del.Text(i, col);
    };
    r.day = opt(2);
    r.background = del.Text(i, 3) == "t";
    r.admin1 = opt(4);
    r.actor1 = opt(5);
    r.actor2 = opt(6);
    if (!del.IsNull(i, 7)) r.lat = del.Real(i, 7);
    if (!del.IsNull(i, 8)) r.lon = del.Real(i, 8);
    r.fatalities = del.Int(i, 9);
    r.claims = del.Text(i, 10);
    r.country = del.Text(i, 11);
    r.day_end = opt(12);
    CountEvent(r, -1, &stats_, &months_);
  }
  return Status::Ok();
}

// One upsert in key order: every writer locks the rows it changes in the
// same order, so writers never deadlock on them, and holds them only
// until its commit, which follows.
Status PostgresStore::ApplyStats() {
  std::vector<std::string> slices, dims, keys, ns, deads;
  for (const auto& [k, d] : stats_) {
    if (d.first == 0 && d.second == 0) continue;
    slices.push_back(std::get<0>(k));
    dims.push_back(std::get<1>(k));
    keys.push_back(std::get<2>(k));
    ns.push_back(std::to_string(d.first));
    deads.push_back(std::to_string(d.second));
  }
  stats_.clear();
  if (!slices.empty()) {
    PG_ASSIGN_OR_RETURN(
        up, c_->Run("INSERT INTO event_stats(slice, dim, key, n, fatalities) SELECT * FROM "
                    "unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[]) "
                    "ORDER BY 1, 2, 3 ON CONFLICT (slice, dim, key) DO UPDATE SET n = "
                    "event_stats.n + excluded.n, fatalities = event_stats.fatalities + "
                    "excluded.fatalities",
                    {PgArray(slices), PgArray(dims), PgArray(keys), PgArray(ns), PgArray(deads)}));
    (void)up;
  }
  // Then the month rows, also in key order (every writer: event_stats first).
  std::vector<std::string> cols[5], nums[3];
  for (const auto& [k, d] : months_) {
    if (d[0] == 0 && d[1] == 0 && d[2] == 0) continue;
    cols[0].push_back(std::get<0>(k));
    cols[1].push_back(std::get<1>(k));
    cols[2].push_back(std::get<2>(k));
    cols[3].push_back(std::get<3>(k));
    cols[4].push_back(std::get<4>(k));
    for (int i = 0; i < 3; ++i) nums[i].push_back(std::to_string(d[i]));
  }
  months_.clear();
  if (cols[0].empty()) return Status::Ok();
  PG_ASSIGN_OR_RETURN(
      up, c_->Run("INSERT INTO event_stats_month(country, event_type, month, dim, key, n, "
                  "fatalities, timeline) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], "
                  "$4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[]) ORDER BY 1, 2, "
                  "3, 4, 5 ON CONFLICT (country, event_type, month, dim, key) DO UPDATE SET n = "
                  "event_stats_month.n + excluded.n, fatalities = event_stats_month.fatalities + "
                  "excluded.fatalities, timeline = event_stats_month.timeline + excluded.timeline",
                  {PgArray(cols[0]), PgArray(cols[1]), PgArray(cols[2]), PgArray(cols[3]),
                   PgArray(cols[4]), PgArray(nums[0]), PgArray(nums[1]), PgArray(nums[2])}));
  (void)up;
  return Status::Ok();
}

Status PostgresStore::WriteEvent(const std::vector<const LoadedReport*>& members,
                                 const std::vector<std::string>& reasons) {
  std::vector<const Event*> reports;
  std::set<std::string> versions, outlets, sources;
  for (const auto* m : members) {
    reports.push_back(&m->event);
    versions.insert(m->data_version);
    outlets.insert(m->outlet);
  }
  Event e = BuildMergedEvent(reports, reasons);
  for (const auto& c : e.claims) sources.insert(c.source);
  sources.insert(outlets.begin(), outlets.end());
  nlohmann::json outlet_list = nlohmann::json::array(), reason_list = reasons;
  for (const auto& o : outlets)
    if (!o.empty()) outlet_list.push_back(o);
  std::string json = EventToJson(e, true);
  auto parsed = nlohmann::json::parse(json, nullptr, false);
  std::string claims =
      parsed.is_object() && parsed.contains("claims") ? parsed["claims"].dump() : "[]";
  PgParam start, end;
  if (e.date.precision != DatePrecision::kUnknown && e.date.start.valid()) {
    start = e.date.start.ToString();
    end = (e.date.end.valid() ? e.date.end : e.date.start).ToString();
  }
  PG_ASSIGN_OR_RETURN(
      row,
      c_->Run("INSERT INTO events(event_id, event_type, sub_event_type, date_start, date_end, "
              "admin1, country, actor1, actor2, n_reports, n_docs, pipeline_version, data_version, "
              "outlets, reasons, updated_at, json, fatalities, fatalities_order, background, lat, "
              "lon, geom, claims) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,"
              "$17,$18,$19,$20,$21,$22,ST_SetSRID(ST_MakePoint($22, $21), 4326),$23::jsonb) "
              "RETURNING id",
              {e.id, e.event_type, e.sub_event_type, start, end, PgText(e.location.admin1),
               PgText(e.location.country), PgText(e.actor1 ? e.actor1->id : ""),
               PgText(e.actor2 ? e.actor2->id : ""), PgInt(static_cast<int64_t>(members.size())),
               PgInt(static_cast<int64_t>(e.docs.size())), e.pipeline_version,
               JoinSorted(versions, ","), outlet_list.dump(), reason_list.dump(),
               PgInt(static_cast<int64_t>(std::time(nullptr))), json,
               PgInt(e.fatalities ? e.fatalities->best : 0),
               PgInt(e.fatalities ? e.fatalities->best : -1),
               std::string(e.background ? "true" : "false"), PgReal(e.location.lat),
               PgReal(e.location.lon), claims}));
  std::string event_row = row.Text(0, 0);
  StatsRow stats;
  stats.type = e.event_type;
  stats.sub = e.sub_event_type;
  stats.day = start;
  stats.day_end = end;
  stats.country = e.location.country;
  stats.background = e.background;
  if (!e.location.admin1.empty()) stats.admin1 = e.location.admin1;
  if (e.actor1 && !e.actor1->id.empty()) stats.actor1 = e.actor1->id;
  if (e.actor2 && !e.actor2->id.empty()) stats.actor2 = e.actor2->id;
  stats.lat = e.location.lat;
  stats.lon = e.location.lon;
  stats.fatalities = e.fatalities ? e.fatalities->best : 0;
  stats.claims = claims;
  CountEvent(stats, +1, &stats_, &months_);
  for (const auto& s : sources) {
    if (s.empty()) continue;
    PG_ASSIGN_OR_RETURN(ins, c_->Run("INSERT INTO event_sources(event_id, source) VALUES ($1, $2) "
                                     "ON CONFLICT DO NOTHING",
                                     {event_row, s}));
    (void)ins;
  }
  for (const auto* m : members) {
    PG_ASSIGN_OR_RETURN(upd, c_->Run("UPDATE reports SET event_id = $1 WHERE id = $2",
                                     {e.id, PgInt(m->row)}));
    (void)upd;
  }
  return Status::Ok();
}

}  // namespace

bool IsPostgresUrl(const std::string& s) {
  return s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0;
}

std::string RedactPostgresUrl(const std::string& url) {
  // postgresql://user:password@host -> postgresql://user:***@host
  size_t scheme = url.find("://");
  size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                   const StoreOptions& options) {
  auto c = PgConn::Connect(url);
  if (!c.ok()) return c.status();
  PgConn* conn = c->get();
  // A waiting lock or statement gives up after busy_timeout_ms, as SQLite's.
  SITREP_RETURN_IF_ERROR(conn->Exec("SET lock_timeout = " + std::to_string(options.busy_timeout_ms)));
  SITREP_RETURN_IF_ERROR(MigratePostgres(conn, options.read_only));
  if (options.read_only)
    SITREP_RETURN_IF_ERROR(conn->Exec("SET default_transaction_read_only = on"));
  return std::unique_ptr<Store>(new PostgresStore(std::move(*c)));
}

}  // namespace sitrep
