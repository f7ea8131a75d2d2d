// The SQLite implementation of Store (include/sitrep/store.h).
//
// Layout: documents (text + content hash) -> reports (one per-document
// event, its codebook JSON, the columns the merge neighbourhood search
// needs) -> evidence (the sentences, for FTS5) ; events are the clusters of
// reports (src/dedup/), rebuilt for the neighbourhood of every document that
// changes, inside that document's transaction.
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <variant>

#include "base/dates.h"
#include "base/hash.h"
#include "base/utf8.h"
#include "dedup/merge.h"
#include "sitrep/store.h"
#include "store/code_point_slicer.h"
#include "store/event_codec.h"
#include "store/postgres_store.h"
#include "store/sqlite_db.h"
#include "store/sqlite_migrations.h"

namespace sitrep {
namespace {

// Beyond this many reports the neighbourhood search stops growing: a bound
// against pathological inputs (thousands of same-day reports of one place).
constexpr size_t kMaxNeighbourhood = 2000;

#define ASSIGN_OR_RETURN(lhs, expr)             \
  auto lhs##_or = (expr);                       \
  if (!lhs##_or.ok()) return lhs##_or.status(); \
  auto& lhs = *lhs##_or

// A cached prepared statement (see SqliteDb::Cached) as a reference.
#define CACHED_STMT(lhs, sql)                   \
  auto lhs##_or = db_->Cached(sql);             \
  if (!lhs##_or.ok()) return lhs##_or.status(); \
  SqliteStmt& lhs = **lhs##_or

struct WhereClause;
struct MonthPlan;
// Grid cell (x, y) -> events, fatalities.
using CellCounts = std::map<std::pair<int64_t, int64_t>, std::pair<int64_t, int64_t>>;

struct LoadedReport {
  int64_t rowid = 0;
  Event event;
  std::string event_id, data_version, outlet;
};

const char* kReportColumns =
    "SELECT r.rowid, r.json, r.event_id, r.data_version, COALESCE(d.outlet, '') "
    "FROM reports r JOIN documents d ON d.doc_id = r.doc_id ";

StatusOr<LoadedReport> ReadReport(const SqliteStmt& s) {
  auto e = EventFromJson(s.Text(1));
  if (!e.ok()) return Status::Corruption("stored report is not an event: " + e.status().message());
  return LoadedReport{s.Int(0), std::move(*e), s.Text(2), s.Text(3), s.Text(4)};
}

std::string JoinSorted(const std::set<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& s : items) {
    if (s.empty()) continue;
    out += (out.empty() ? "" : sep) + s;
  }
  return out;
}

// Releases the read snapshots of the statements a method used.
struct ResetOnExit {
  SqliteDb* db;
  ~ResetOnExit() { db->ResetCached(); }
};

class SqliteStore : public Store {
 public:
  explicit SqliteStore(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}

  StatusOr<bool> HasDocument(const std::string& doc_id, const std::string& hash,
                             const std::string& data_version) override {
    ResetOnExit guard{db_.get()};
    CACHED_STMT(
        s, ("SELECT 1 FROM documents WHERE doc_id = ? AND content_hash = ? AND data_version = ? "
            "AND pipeline_version = ?"));
    s.Bind(1, doc_id).Bind(2, hash).Bind(3, data_version).Bind(4, Pipeline::Version());
    Status st;
    bool found = s.Step(&st);
    if (!st.ok()) return st;
    return found;
  }

  StatusOr<IngestOutcome> IngestDocument(const RawDocument& raw, const DocumentResult& result,
                                         const std::string& data_version) override;
  StatusOr<std::vector<StoredEvent>> Query(const QueryFilter& f) override;
  StatusOr<int64_t> Count(const QueryFilter& f) override;
  StatusOr<EventCounts> Aggregate(const QueryFilter& f) override;
  StatusOr<std::vector<GridCell>> Grid(const QueryFilter& f, int level) override;
  StatusOr<EventExplanation> Explain(const std::string& event_id) override;
  StatusOr<StoredDocument> GetDocument(const std::string& doc_id) override;
  StatusOr<StoreStats> Stats() override;
  StatusOr<std::vector<std::string>> CheckConsistency() override;

  Status BeginBatch() override {
    if (in_batch_) return Status::Ok();
    SITREP_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
    in_batch_ = true;
    return Status::Ok();
  }
  Status CommitBatch() override {
    if (!in_batch_) return Status::Ok();
    db_->ResetCached();
    SITREP_RETURN_IF_ERROR(db_->Exec("COMMIT"));
    in_batch_ = false;
    return Status::Ok();
  }
  ~SqliteStore() override {
    if (in_batch_) (void)CommitBatch();
  }

 private:
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

  StatusOr<std::string> ChangeMark() override;

  // The event_stats slice that answers `f` exactly, or "" with false.
  StatusOr<bool> SliceFor(const QueryFilter& f, std::string* slice);
  // How many events match `f`, from kept counts (and as little SQL as the
  // filter needs), or nothing when no kept count answers it.
  StatusOr<std::optional<int64_t>> KeptCount(const QueryFilter& f);
  StatusOr<std::optional<int64_t>> MonthCount(const QueryFilter& f);
  StatusOr<std::optional<int64_t>> ActorCount(const std::string& slice, const std::string& actor);
  StatusOr<int64_t> BoxCount(const std::string& slice, const QueryFilter& f);
  // The events of `f`'s box per cell of grid `level`: kept counts of slice
  // `slice` for the finest cells inside the box, SQL for its frame.
  Status KeptBox(const std::string& slice, const QueryFilter& f, int level, CellCounts* cells);
  Status SumCells(const std::string& slice, int level, int into, double x0, double x1, double y0,
                  double y1, CellCounts* cells);
  // A lower bound of date_start that selects the same events as `f`'s
  // `from` (empty when there is none): lets the date-ordered indexes start
  // near `from` instead of at the first event of the store.
  StatusOr<std::string> StartBound(const QueryFilter& f);
  StatusOr<int64_t> CountInSql(const QueryFilter& f, const std::string& bound);
  Status AggregateSlice(const std::string& slice, EventCounts* out);
  Status AggregateQuery(const WhereClause& where, const std::string& table, EventCounts* out);
  Status AggregateMonths(const MonthPlan& plan, EventCounts* out);

  std::unique_ptr<SqliteDb> db_;
  bool in_batch_ = false;
};

Status SqliteStore::InsertDocument(const RawDocument& raw, const DocumentResult& result,
                                   const std::string& hash, const std::string& text,
                                   const std::string& data_version) {
  CACHED_STMT(s, ("INSERT INTO documents(doc_id, content_hash, text, pub_date, lang, url, outlet, "
                  "pipeline_version, data_version, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)"));
  std::string date;
  if (raw.date.valid())
    date = raw.date.day_precision() ? Ymd{raw.date.y, raw.date.m, raw.date.d}.ToString()
                                    : Ymd{raw.date.y, raw.date.m, 1}.ToString().substr(0, 7);
  s.Bind(1, result.doc_id).Bind(2, hash).Bind(3, text).BindText(4, date).BindText(5, result.lang);
  s.BindText(6, raw.url).BindText(7, raw.outlet).Bind(8, Pipeline::Version()).Bind(9, data_version);
  s.Bind(10, static_cast<int64_t>(std::time(nullptr)));
  return s.Run();
}

StatusOr<std::vector<std::string>> SqliteStore::InsertReports(const DocumentResult& result,
                                                              const std::string& text,
                                                              const std::string& data_version) {
  CACHED_STMT(ins,
              ("INSERT INTO reports(report_id, doc_id, ordinal, event_id, event_type, date_start, "
               "date_end, mergeable, lat, lon, admin1, pipeline_version, data_version, json) "
               "VALUES (?,?,?,'',?,?,?,?,?,?,?,?,?,?)"));
  CACHED_STMT(ev, ("INSERT INTO evidence(report_rowid, start, end, sentence) VALUES (?,?,?,?)"));
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
    ins.Bind(1, id).Bind(2, result.doc_id).Bind(3, static_cast<int64_t>(i)).Bind(4, e.event_type);
    if (dated) {
      ins.Bind(5, e.date.start.ToString())
          .Bind(6, (e.date.end.valid() ? e.date.end : e.date.start).ToString());
    }
    ins.Bind(7, static_cast<int64_t>(Mergeable(e)))
        .BindReal(8, e.location.lat)
        .BindReal(9, e.location.lon);
    ins.BindText(10, e.location.admin1).Bind(11, e.pipeline_version).Bind(12, data_version);
    ins.Bind(13, EventToJson(e, true));
    SITREP_RETURN_IF_ERROR(ins.Run());
    int64_t rowid = sqlite3_last_insert_rowid(db_->raw());
    for (const auto& x : e.evidence) {
      ev.Bind(1, rowid).Bind(2, x.start).Bind(3, x.end).Bind(4, slicer.Slice(x.start, x.end));
      SITREP_RETURN_IF_ERROR(ev.Run());
    }
    ids.push_back(id);
  }
  return ids;
}

StatusOr<IngestOutcome> SqliteStore::IngestDocument(const RawDocument& raw,
                                                    const DocumentResult& result,
                                                    const std::string& data_version) {
  IngestOutcome out;
  out.doc_id = result.doc_id;
  std::string hash = DocumentContentHash(raw);
  SqliteTransaction tx(db_.get(), /*nested=*/in_batch_);
  SITREP_RETURN_IF_ERROR(tx.Begin());
  CACHED_STMT(
      q, ("SELECT content_hash, data_version, pipeline_version FROM documents WHERE doc_id = ?"));
  q.Bind(1, result.doc_id);
  Status st;
  bool exists = q.Step(&st);
  if (!st.ok()) return st;
  bool same =
      exists && q.Text(0) == hash && q.Text(1) == data_version && q.Text(2) == Pipeline::Version();
  if (same) {
    out.action = IngestAction::kUnchanged;
    return out;  // the transaction rolls back: nothing was written
  }
  std::set<std::string> old_events;
  std::vector<std::string> seeds;
  if (exists) {
    out.action = IngestAction::kReplaced;
    CACHED_STMT(ev, ("SELECT DISTINCT event_id FROM reports WHERE doc_id = ?"));
    ev.Bind(1, result.doc_id);
    while (ev.Step(&st)) old_events.insert(ev.Text(0));
    if (!st.ok()) return st;
    CACHED_STMT(mates, ("SELECT report_id FROM reports WHERE event_id = ? AND doc_id <> ?"));
    for (const auto& id : old_events) {
      mates.Bind(1, id).Bind(2, result.doc_id);
      while (mates.Step(&st)) seeds.push_back(mates.Text(0));
      if (!st.ok()) return st;
      SITREP_RETURN_IF_ERROR(mates.Reset());
    }
    CACHED_STMT(del, ("DELETE FROM documents WHERE doc_id = ?"));
    SITREP_RETURN_IF_ERROR(del.Bind(1, result.doc_id).Run());
  }
  std::string text;
  RepairUtf8(raw.bytes, &text);
  SITREP_RETURN_IF_ERROR(InsertDocument(raw, result, hash, text, data_version));
  ASSIGN_OR_RETURN(ids, InsertReports(result, text, data_version));
  out.reports = ids.size();
  seeds.insert(seeds.end(), ids.begin(), ids.end());
  ASSIGN_OR_RETURN(rebuilt, Recluster(seeds, std::move(old_events)));
  out.events_rebuilt = rebuilt;
  SITREP_RETURN_IF_ERROR(tx.Commit());
  return out;
}

// Grows `comp` to every report connected to it by a compatible pair: the
// clusters of a connected component depend on that component only, so
// reclustering it gives what a full recomputation would.
Status SqliteStore::ExpandNeighbourhood(std::map<std::string, LoadedReport>* comp,
                                        std::deque<std::string> frontier) {
  CACHED_STMT(
      cand,
      (std::string(kReportColumns) +
       "WHERE r.mergeable AND r.event_type = ?1 AND r.date_start <= ?2 AND r.date_start >= ?9 "
       "AND r.date_end >= ?3 "
       "AND ((?4 IS NOT NULL AND r.admin1 = ?4) OR "
       "(r.lat BETWEEN ?5 AND ?6 AND r.lon BETWEEN ?7 AND ?8))"));
  Status st;
  while (!frontier.empty() && comp->size() < kMaxNeighbourhood) {
    const Event e = comp->at(frontier.front()).event;
    frontier.pop_front();
    const Location& l = e.location;
    Ymd end = e.date.end.valid() ? e.date.end : e.date.start;
    cand.Bind(1, e.event_type)
        .Bind(2, end.ToString())
        .Bind(3, e.date.start.ToString())
        .BindText(4, l.admin1);
    // Mergeable reports span at most kMaxSpanDays: one that ends on or after
    // our start began at most that long before it. This keeps the index
    // range scan to a few days instead of the whole past.
    cand.Bind(9, AddDays(e.date.start, -kMaxSpanDays).ToString());
    if (l.lat && l.lon) {
      double dlat = kMaxKm / 111.0 * 1.1,
             dlon = dlat / std::max(0.1, std::cos(*l.lat * M_PI / 180));
      cand.Bind(5, *l.lat - dlat)
          .Bind(6, *l.lat + dlat)
          .Bind(7, *l.lon - dlon)
          .Bind(8, *l.lon + dlon);
    }
    while (cand.Step(&st)) {
      auto r = ReadReport(cand);
      if (!r.ok()) return r.status();
      if (comp->count(r->event.id) || !CheckPair(e, r->event).compatible) continue;
      frontier.push_back(r->event.id);
      comp->emplace(r->event.id, std::move(*r));
    }
    if (!st.ok()) return st;
    SITREP_RETURN_IF_ERROR(cand.Reset());
  }
  return Status::Ok();
}

StatusOr<size_t> SqliteStore::Recluster(const std::vector<std::string>& seeds,
                                        std::set<std::string> old_events) {
  std::map<std::string, LoadedReport> comp;
  std::deque<std::string> frontier;
  CACHED_STMT(one, (std::string(kReportColumns) + "WHERE r.report_id = ?"));
  Status st;
  for (const auto& id : seeds) {
    if (comp.count(id)) continue;
    one.Bind(1, id);
    if (one.Step(&st)) {
      auto r = ReadReport(one);
      if (!r.ok()) return r.status();
      if (Mergeable(r->event)) frontier.push_back(id);
      comp.emplace(id, std::move(*r));
    }
    if (!st.ok()) return st;
    SITREP_RETURN_IF_ERROR(one.Reset());
  }
  SITREP_RETURN_IF_ERROR(ExpandNeighbourhood(&comp, std::move(frontier)));

  for (const auto& [id, r] : comp)
    if (!r.event_id.empty()) old_events.insert(r.event_id);
  CACHED_STMT(del, ("DELETE FROM events WHERE event_id = ?"));
  for (const auto& id : old_events) SITREP_RETURN_IF_ERROR(del.Bind(1, id).Run());

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

Status SqliteStore::WriteEvent(const std::vector<const LoadedReport*>& members,
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

  CACHED_STMT(
      ins,
      ("INSERT INTO events(event_id, event_type, sub_event_type, date_start, date_end, admin1, "
       "country, actor1, actor2, n_reports, n_docs, pipeline_version, data_version, outlets, "
       "reasons, updated_at, json, fatalities, background, lat, lon) "
       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
  ins.Bind(1, e.id).Bind(2, e.event_type).Bind(3, e.sub_event_type);
  if (e.date.precision != DatePrecision::kUnknown && e.date.start.valid())
    ins.Bind(4, e.date.start.ToString())
        .Bind(5, (e.date.end.valid() ? e.date.end : e.date.start).ToString());
  ins.BindText(6, e.location.admin1).BindText(7, e.location.country);
  ins.BindText(8, e.actor1 ? e.actor1->id : "").BindText(9, e.actor2 ? e.actor2->id : "");
  ins.Bind(10, static_cast<int64_t>(members.size())).Bind(11, static_cast<int64_t>(e.docs.size()));
  ins.Bind(12, e.pipeline_version).Bind(13, JoinSorted(versions, ",")).Bind(14, outlet_list.dump());
  ins.Bind(15, reason_list.dump()).Bind(16, static_cast<int64_t>(std::time(nullptr)));
  ins.Bind(17, EventToJson(e, true));
  ins.Bind(18, static_cast<int64_t>(e.fatalities ? e.fatalities->best : 0))
      .Bind(19, static_cast<int64_t>(e.background));
  ins.BindReal(20, e.location.lat).BindReal(21, e.location.lon);
  SITREP_RETURN_IF_ERROR(ins.Run());
  int64_t rowid = sqlite3_last_insert_rowid(db_->raw());
  if (e.location.lat && e.location.lon) {
    CACHED_STMT(rt, ("INSERT INTO events_rtree(id, min_lon, max_lon, min_lat, max_lat) "
                     "VALUES (?1, ?2, ?2, ?3, ?3)"));
    SITREP_RETURN_IF_ERROR(
        rt.Bind(1, rowid).Bind(2, *e.location.lon).Bind(3, *e.location.lat).Run());
  }
  CACHED_STMT(src, ("INSERT OR IGNORE INTO event_sources(event_rowid, source) VALUES (?, ?)"));
  for (const auto& s : sources)
    if (!s.empty()) SITREP_RETURN_IF_ERROR(src.Bind(1, rowid).Bind(2, s).Run());
  CACHED_STMT(upd, ("UPDATE reports SET event_id = ? WHERE rowid = ?"));
  for (const auto* m : members) SITREP_RETURN_IF_ERROR(upd.Bind(1, e.id).Bind(2, m->rowid).Run());
  return Status::Ok();
}

StoredEvent ReadStoredEvent(const SqliteStmt& s, int json_col) {
  StoredEvent out;
  auto e = EventFromJson(s.Text(json_col));
  if (e.ok()) out.event = std::move(*e);
  out.data_version = s.Text(json_col + 1);
  auto outlets = nlohmann::json::parse(s.Text(json_col + 2), nullptr, false);
  if (outlets.is_array())
    for (const auto& o : outlets)
      if (o.is_string()) out.outlets.push_back(o.get<std::string>());
  return out;
}


// How a WHERE clause reads a filter's actor: either side (the filter's
// meaning), or one side only (the two halves of an actor's page).
enum class ActorSide { kEither, kFirst, kSecond };

// The WHERE clause of a query and its parameters, shared by Query, Count,
// Aggregate and Grid.
struct WhereClause {
  std::string sql = " WHERE 1";
  std::vector<std::variant<std::string, double>> binds;

  // `start_bound`: a lower bound of date_start that selects the same events
  // (SqliteStore::StartBound), or empty. `box_by_rtree` false: the box is
  // tested on the event's columns only (a walk of the date index that holds
  // them).
  explicit WhereClause(const QueryFilter& f, const std::string& start_bound = "",
                       ActorSide side = ActorSide::kEither, bool box_by_rtree = true) {
    if (f.from) Add("e.date_end >= ?", f.from->ToString());
    if (!start_bound.empty()) Add("e.date_start >= ?", start_bound);
    if (f.to) Add("e.date_start <= ?", f.to->ToString());
    if (!f.admin1.empty()) Add("e.admin1 = ? COLLATE NOCASE", f.admin1);
    if (!f.country.empty()) Add("e.country = ? COLLATE NOCASE", f.country);
    if (!f.event_type.empty()) Add("e.event_type = ? COLLATE NOCASE", f.event_type);
    if (!f.sub_event_type.empty()) Add("e.sub_event_type = ? COLLATE NOCASE", f.sub_event_type);
    if (!f.actor.empty()) {
      if (side == ActorSide::kFirst) {
        Add("e.actor1 = ? COLLATE NOCASE", f.actor);
      } else if (side == ActorSide::kSecond) {
        Add("e.actor2 = ? COLLATE NOCASE", f.actor);
      } else {
        Add("(e.actor1 = ? COLLATE NOCASE", f.actor);
        sql += " OR e.actor2 = ? COLLATE NOCASE)";
        binds.push_back(f.actor);
      }
    }
    if (!f.source.empty())
      Add("e.rowid IN (SELECT event_rowid FROM event_sources WHERE source = ?)", f.source);
    if (!f.text.empty())
      Add("e.event_id IN (SELECT r.event_id FROM evidence_fts JOIN evidence v ON v.rowid = "
          "evidence_fts.rowid JOIN reports r ON r.rowid = v.report_rowid WHERE evidence_fts MATCH ?)",
          f.text);
    if (!f.doc_text.empty())
      Add("e.event_id IN (SELECT r.event_id FROM documents_fts JOIN documents d ON d.rowid = "
          "documents_fts.rowid JOIN reports r ON r.doc_id = d.doc_id WHERE documents_fts MATCH ?)",
          f.doc_text);
    if (f.bbox) {
      const BoundingBox& b = *f.bbox;
      AddPoints(b.min_lon, b.max_lon, false, b.min_lat, b.max_lat, false, box_by_rtree);
    }
  }
  void Add(const std::string& clause, const std::string& value) {
    sql += " AND " + clause;
    binds.push_back(value);
  }
  // Located events whose point is in [lon0, lon1] x [lat0, lat1] (an end
  // excluded when `*_open`), compared as stored (doubles). The R*Tree keeps
  // float32 boxes rounded outwards: it only preselects, over a box widened
  // beyond that rounding.
  void AddPoints(double lon0, double lon1, bool lon1_open, double lat0, double lat1,
                 bool lat1_open, bool by_rtree = true) {
    if (by_rtree) {
      double eps = 1e-4 + 1e-6 * std::max({std::abs(lon0), std::abs(lon1), std::abs(lat0),
                                           std::abs(lat1)});
      sql += " AND e.rowid IN (SELECT id FROM events_rtree WHERE min_lon >= ? AND max_lon <= ? "
             "AND min_lat >= ? AND max_lat <= ?)";
      binds.insert(binds.end(), {lon0 - eps, lon1 + eps, lat0 - eps, lat1 + eps});
    }
    sql += std::string(" AND e.lon >= ? AND e.lon ") + (lon1_open ? "<" : "<=") +
           " ? AND e.lat >= ? AND e.lat " + (lat1_open ? "<" : "<=") + " ?";
    binds.insert(binds.end(), {lon0, lon1, lat0, lat1});
  }
  void BindTo(SqliteStmt& s) const {
    int i = 1;
    for (const auto& b : binds) {
      if (const auto* text = std::get_if<std::string>(&b))
        s.Bind(i++, *text);
      else
        s.Bind(i++, std::get<double>(b));
    }
  }
};

const char* OrderBy(QueryOrder o) {
  switch (o) {
    case QueryOrder::kDateDesc: return " ORDER BY e.date_start DESC, e.event_id DESC";
    case QueryOrder::kFatalitiesDesc:
      return " ORDER BY COALESCE(json_extract(e.json, '$.fatalities.best'), -1) DESC, e.date_start, e.event_id";
    case QueryOrder::kDateAsc: break;
  }
  return " ORDER BY e.date_start, e.event_id";
}


StatusOr<std::vector<StoredEvent>> SqliteStore::Query(const QueryFilter& f) {
  ASSIGN_OR_RETURN(bound, StartBound(f));
  const std::string cols = "SELECT e.json, e.data_version, e.outlets FROM events e";
  const bool paged = f.limit > 0;
  const bool date_order = f.order != QueryOrder::kFatalitiesDesc;
  std::string paging;
  if (f.limit || f.offset) paging = " LIMIT " + (f.limit ? std::to_string(f.limit) : std::string("-1"));
  if (f.offset) paging += " OFFSET " + std::to_string(f.offset);
  std::string sql;
  std::vector<WhereClause> wheres;
  if (!f.actor.empty() && paged && date_order) {
    // An actor's page: the first offset+limit events of each side, each
    // read in date order from that side's index, then merged. The same
    // events as one scan of either side, without sorting all of them.
    const std::string k = std::to_string(f.offset + f.limit);
    wheres.emplace_back(f, bound, ActorSide::kFirst);
    wheres.emplace_back(f, bound, ActorSide::kSecond);
    auto side = [&](const WhereClause& w) {
      return "SELECT id FROM (SELECT e.rowid AS id FROM events e" + w.sql + OrderBy(f.order) +
             " LIMIT " + k + ")";
    };
    sql = cols + " WHERE e.rowid IN (" + side(wheres[0]) + " UNION " + side(wheres[1]) + ")" +
          OrderBy(f.order) + paging;
  } else {
    bool walk = false;
    if (f.bbox && paged && date_order) {
      // A box's page: walking the date index, which holds the points, finds
      // the first events in the box after about (offset + limit) * total /
      // in-box entries; sorting the box's events costs about as many steps
      // as it holds. The cheaper of the two, when the box is counted kept.
      ASSIGN_OR_RETURN(in_box, KeptCount(f));
      QueryFilter everything;
      everything.event_type = f.event_type;
      ASSIGN_OR_RETURN(all, KeptCount(everything));
      if (in_box && all) {
        if (*in_box == 0) return std::vector<StoredEvent>{};
        double per_hit = static_cast<double>(*all) / static_cast<double>(*in_box);
        if (!f.event_type.empty()) per_hit *= 4;  // the type is read from the event row
        walk = static_cast<double>(f.offset + f.limit) * per_hit < 4.0 * static_cast<double>(*in_box);
      }
    }
    wheres.emplace_back(f, bound, ActorSide::kEither, /*box_by_rtree=*/!walk);
    sql = cols + (walk ? " INDEXED BY events_date_id" : "") + wheres[0].sql + OrderBy(f.order) + paging;
  }
  ASSIGN_OR_RETURN(s, db_->Prepare(sql));
  if (wheres.size() == 2) {
    // Both halves' parameters, in the order of the statement.
    WhereClause both = wheres[0];
    both.binds.insert(both.binds.end(), wheres[1].binds.begin(), wheres[1].binds.end());
    both.BindTo(s);
  } else {
    wheres[0].BindTo(s);
  }
  std::vector<StoredEvent> out;
  Status st;
  while (s.Step(&st)) out.push_back(ReadStoredEvent(s, 0));
  if (!st.ok())
    return Status::InvalidArgument("query failed (check the --text syntax): " + st.message());
  return out;
}

StatusOr<int64_t> SqliteStore::CountInSql(const QueryFilter& f, const std::string& bound) {
  WhereClause where(f, bound);
  ASSIGN_OR_RETURN(s, db_->Prepare("SELECT count(*) FROM events e" + where.sql));
  where.BindTo(s);
  Status st;
  if (!s.Step(&st))
    return st.ok() ? Status::Internal("count returned no row")
                   : Status::InvalidArgument("query failed (check the --text syntax): " + st.message());
  return s.Int(0);
}

StatusOr<int64_t> SqliteStore::Count(const QueryFilter& f) {
  ASSIGN_OR_RETURN(kept, KeptCount(f));
  if (kept) return *kept;
  ASSIGN_OR_RETURN(bound, StartBound(f));
  const bool actor_dates_only = !f.actor.empty() && (f.from || f.to) && !f.bbox && f.admin1.empty() &&
                                f.country.empty() && f.event_type.empty() && f.sub_event_type.empty() &&
                                f.source.empty() && f.text.empty() && f.doc_text.empty();
  if (actor_dates_only) {
    // An actor between dates: the events of each side, counted in that
    // side's index (which holds the dates, and the first side's the second
    // actor), less those on both sides, counted twice.
    int64_t n = 0;
    for (int part = 0; part < 3; ++part) {
      WhereClause where(f, bound, part == 1 ? ActorSide::kSecond : ActorSide::kFirst);
      if (part == 2) where.Add("e.actor2 = ? COLLATE NOCASE", f.actor);
      ASSIGN_OR_RETURN(q, db_->Prepare(std::string("SELECT count(*) FROM events e INDEXED BY ") +
                                       (part == 1 ? "events_actor2" : "events_actor1") + where.sql));
      where.BindTo(q);
      Status st;
      if (!q.Step(&st)) return st.ok() ? Status::Internal("count returned no row") : st;
      n += part == 2 ? -q.Int(0) : q.Int(0);
    }
    return n;
  }
  return CountInSql(f, bound);
}

StatusOr<std::string> SqliteStore::ChangeMark() {
  ResetOnExit guard{db_.get()};
  CACHED_STMT(q, "SELECT value FROM meta WHERE key = 'events_generation'");
  Status st;
  if (!q.Step(&st)) return st.ok() ? Status::Corruption("the store has no events_generation") : st;
  return "sqlite:" + q.Text(0);
}

StatusOr<std::string> SqliteStore::StartBound(const QueryFilter& f) {
  if (!f.from) return std::string();
  // An event within one month that ends on or after `from` starts no
  // earlier than the first of from's month; the events spanning months
  // ('~') that end on or after it are few, and read.
  const std::string from = f.from->ToString();
  std::string bound = from.substr(0, 7) + "-01";
  ResetOnExit guard{db_.get()};
  CACHED_STMT(q, "SELECT min(date_start), COALESCE(max(date_start IS NULL), 0) FROM events "
                 "INDEXED BY events_month WHERE month = '~' AND date_end >= ?");
  Status st;
  if (!q.Bind(1, from).Step(&st)) return st.ok() ? Status::Internal("no bound row") : st;
  if (q.Int(1)) return std::string();  // one without a start: no bound
  if (!q.IsNull(0) && q.Text(0) < bound) bound = q.Text(0);
  return bound;
}

// The whole store (slice ''), one event type ('type:X') or one actor
// ('actor:X') is answered from the counts kept by the triggers, when the
// store holds that type or actor written one way only (the filter ignores
// case, the slices do not); the slice is named as stored.
StatusOr<bool> SqliteStore::SliceFor(const QueryFilter& f, std::string* slice) {
  if (f.from || f.to || f.bbox || !f.admin1.empty() || !f.country.empty() ||
      !f.sub_event_type.empty() || !f.source.empty() || !f.text.empty() || !f.doc_text.empty() ||
      (!f.event_type.empty() && !f.actor.empty()))
    return false;
  slice->clear();
  if (f.event_type.empty() && f.actor.empty()) return true;
  const bool type = !f.event_type.empty();
  ResetOnExit guard{db_.get()};
  CACHED_STMT(q, "SELECT count(*), max(key) FROM event_stats WHERE slice = '' AND dim = ? AND "
                 "key = ? COLLATE NOCASE AND n > 0");
  Status st;
  if (!q.Bind(1, type ? "type" : "actor").Bind(2, type ? f.event_type : f.actor).Step(&st))
    return st.ok() ? Status::Internal("no slice row") : st;
  if (q.Int(0) != 1) return false;  // none (counted in SQL: nothing), or several spellings
  *slice = (type ? "type:" : "actor:") + q.Text(1);
  return true;
}

StatusOr<std::optional<int64_t>> SqliteStore::KeptCount(const QueryFilter& f) {
  using Kept = std::optional<int64_t>;
  std::string slice;
  QueryFilter unboxed = f;
  unboxed.bbox.reset();
  ASSIGN_OR_RETURN(sliced, SliceFor(unboxed, &slice));
  if (sliced && !f.bbox) {
    ResetOnExit guard{db_.get()};
    CACHED_STMT(q, "SELECT n FROM event_stats WHERE slice = ? AND dim = 'all' AND key = ''");
    Status st;
    if (q.Bind(1, slice).Step(&st)) return Kept(q.Int(0));
    if (!st.ok()) return st;
    return Kept(0);
  }
  if (sliced) {
    ASSIGN_OR_RETURN(n, BoxCount(slice, f));
    return Kept(n);
  }
  if (!f.actor.empty() && !f.bbox) {
    // An actor and a type: the actor counts of the type's slice.
    QueryFilter type_only = f;
    type_only.actor.clear();
    ASSIGN_OR_RETURN(typed, SliceFor(type_only, &slice));
    if (typed && !slice.empty()) return ActorCount(slice, f.actor);
  }
  if (!f.actor.empty() || f.bbox) return Kept();
  return MonthCount(f);
}

StatusOr<std::optional<int64_t>> SqliteStore::ActorCount(const std::string& slice,
                                                         const std::string& actor) {
  // The 'actor' counts hold each event once per actor id on either side:
  // that is the filter's count when a single stored id matches it (the
  // filter ignores case; two ids differing only by case would count an
  // event holding both twice).
  ResetOnExit guard{db_.get()};
  CACHED_STMT(q, "SELECT count(*), COALESCE(sum(n), 0) FROM event_stats WHERE slice = ? AND "
                 "dim = 'actor' AND key = ? COLLATE NOCASE AND n > 0");
  Status st;
  if (!q.Bind(1, slice).Bind(2, actor).Step(&st)) return st.ok() ? Status::Internal("no row") : st;
  if (q.Int(0) > 1) return std::optional<int64_t>();
  return std::optional<int64_t>(q.Int(1));
}


// How a filter of dates, country and event type only is counted from
// event_stats_month: the kept rows `kept` selects (alias m) plus, with a date
// filter, the events of the months a bound cuts (`edges`) and those that
// span months, counted in SQL.
struct MonthPlan {
  std::string kept = " WHERE 1";
  std::vector<std::string> kept_binds;
  std::vector<std::string> edges;  // 'YYYY-MM'
  void Keep(const std::string& clause, const std::string& value) {
    kept += " AND " + clause;
    kept_binds.push_back(value);
  }
};

bool MonthPlanFor(const QueryFilter& f, MonthPlan* plan) {
  if (f.bbox || !f.admin1.empty() || !f.sub_event_type.empty() || !f.actor.empty() ||
      !f.source.empty() || !f.text.empty() || !f.doc_text.empty())
    return false;
  if (!f.country.empty()) plan->Keep("m.country = ? COLLATE NOCASE", f.country);
  if (!f.event_type.empty()) plan->Keep("m.event_type = ? COLLATE NOCASE", f.event_type);
  if (!f.from && !f.to) return true;  // every month, the undated and the spanning too
  // The months wholly inside [from, to]: every event that starts and ends
  // in one of them meets the interval. A month a bound cuts is an edge.
  plan->kept += " AND m.month <> '' AND m.month <> '~'";
  if (f.from) {
    std::string m = f.from->ToString().substr(0, 7);
    bool whole = f.from->d == 1;
    plan->Keep(std::string("m.month ") + (whole ? ">= ?" : "> ?"), m);
    if (!whole) plan->edges.push_back(m);
  }
  if (f.to) {
    std::string m = f.to->ToString().substr(0, 7);
    bool whole = AddDays(*f.to, 1).d == 1;
    plan->Keep(std::string("m.month ") + (whole ? "<= ?" : "< ?"), m);
    if (!whole && (plan->edges.empty() || plan->edges[0] != m)) plan->edges.push_back(m);
  }
  return true;
}


// The events a month plan's kept rows leave out, as a clause over events
// (read through the month index): those of the edge months and those that
// span months.
void AddMonthRest(const MonthPlan& plan, WhereClause* where) {
  where->sql += " AND e.month IN ('~'";
  for (const auto& m : plan.edges) {
    where->sql += ", ?";
    where->binds.push_back(m);
  }
  where->sql += ")";
}

StatusOr<std::optional<int64_t>> SqliteStore::MonthCount(const QueryFilter& f) {
  MonthPlan plan;
  if (!MonthPlanFor(f, &plan)) return std::optional<int64_t>();
  ASSIGN_OR_RETURN(kept_q, db_->Prepare("SELECT COALESCE(sum(m.n), 0) FROM event_stats_month m" +
                                        plan.kept + " AND m.dim = 'all'"));
  for (size_t i = 0; i < plan.kept_binds.size(); ++i) kept_q.Bind(static_cast<int>(i + 1), plan.kept_binds[i]);
  Status st;
  if (!kept_q.Step(&st)) return st.ok() ? Status::Internal("no sum row") : st;
  int64_t n = kept_q.Int(0);
  if (!f.from && !f.to) return std::optional<int64_t>(n);
  ASSIGN_OR_RETURN(bound, StartBound(f));
  WhereClause where(f, bound);
  AddMonthRest(plan, &where);
  ASSIGN_OR_RETURN(rest_q, db_->Prepare("SELECT count(*) FROM events e INDEXED BY events_month" + where.sql));
  where.BindTo(rest_q);
  if (!rest_q.Step(&st)) return st.ok() ? Status::Internal("no count row") : st;
  return std::optional<int64_t>(n + rest_q.Int(0));
}

// Floor division of a cell index by a power of 4 (a cell of a finer
// level -> the cell of a coarser level holding it).
int64_t CoarserCell(int64_t x, int64_t ratio) { return x >= 0 ? x / ratio : -((-x + ratio - 1) / ratio); }

// Adds the kept cell counts over [x0, x1) x [y0, y1) (degrees, multiples of
// the finest cell) to `cells` as cells of level `into`: the cells of `level`
// inside it, then what they leave (up to four strips) at the next finer
// level. Sizes are powers of two: every division here is exact.
Status SqliteStore::SumCells(const std::string& slice, int level, int into, double x0, double x1,
                             double y0, double y1, CellCounts* cells) {
  constexpr int kLevels = static_cast<int>(std::size(kGridCellDegrees));
  if (x0 >= x1 || y0 >= y1) return Status::Ok();
  if (level >= kLevels) return Status::Internal("box not aligned on the finest grid");
  const double size = kGridCellDegrees[level];
  const double cx0 = std::ceil(x0 / size), cx1 = std::floor(x1 / size);
  const double cy0 = std::ceil(y0 / size), cy1 = std::floor(y1 / size);
  if (cx0 >= cx1 || cy0 >= cy1) return SumCells(slice, level + 1, into, x0, x1, y0, y1, cells);
  const auto ratio = static_cast<int64_t>(kGridCellDegrees[into] / size);
  {
    ResetOnExit guard{db_.get()};
    // Keys are "x:y": one range of keys per column x.
    CACHED_STMT(q, "SELECT key, n, fatalities FROM event_stats WHERE slice = ? AND dim = ? AND "
                   "key >= ? AND key < ? AND n > 0");
    const std::string dim = "g" + std::to_string(level);
    Status st;
    for (auto x = static_cast<int64_t>(cx0); x < static_cast<int64_t>(cx1); ++x) {
      const std::string col = std::to_string(x);
      q.Bind(1, slice).Bind(2, dim).Bind(3, col + ":").Bind(4, col + ";");
      while (q.Step(&st)) {
        std::string key = q.Text(0);
        int64_t y = std::atoll(key.c_str() + key.find(':') + 1);
        if (y < static_cast<int64_t>(cy0) || y >= static_cast<int64_t>(cy1)) continue;
        auto& c = (*cells)[{CoarserCell(x, ratio), CoarserCell(y, ratio)}];
        c.first += q.Int(1);
        c.second += q.Int(2);
      }
      if (!st.ok()) return st;
      SITREP_RETURN_IF_ERROR(q.Reset());
    }
  }
  const double ix0 = cx0 * size, ix1 = cx1 * size, iy0 = cy0 * size, iy1 = cy1 * size;
  const double strips[4][4] = {{x0, ix0, y0, y1}, {ix1, x1, y0, y1}, {ix0, ix1, y0, iy0}, {ix0, ix1, iy1, y1}};
  for (const auto& r : strips)
    SITREP_RETURN_IF_ERROR(SumCells(slice, level + 1, into, r[0], r[1], r[2], r[3], cells));
  return Status::Ok();
}

Status SqliteStore::KeptBox(const std::string& slice, const QueryFilter& f, int level,
                            CellCounts* cells) {
  const BoundingBox& b = *f.bbox;
  const double fine = kGridCellDegrees[std::size(kGridCellDegrees) - 1];
  const std::string size = std::to_string(kGridCellDegrees[level]);
  const std::string by_cell = "SELECT CAST(floor(e.lon / " + size + ") AS INTEGER), CAST(floor(e.lat / " +
                              size + ") AS INTEGER), count(*), COALESCE(sum(e.fatalities), 0) FROM events e";
  auto count_in_sql = [&](WhereClause& where) -> Status {
    ASSIGN_OR_RETURN(q, db_->Prepare(by_cell + where.sql + " GROUP BY 1, 2"));
    where.BindTo(q);
    Status st;
    while (q.Step(&st)) {
      auto& c = (*cells)[{q.Int(0), q.Int(1)}];
      c.first += q.Int(2);
      c.second += q.Int(3);
    }
    return st;
  };
  const double x0 = std::ceil(b.min_lon / fine) * fine, x1 = std::floor(b.max_lon / fine) * fine;
  const double y0 = std::ceil(b.min_lat / fine) * fine, y1 = std::floor(b.max_lat / fine) * fine;
  if (!(x0 < x1 && y0 < y1) || std::max({std::abs(b.min_lon), std::abs(b.max_lon),
                                         std::abs(b.min_lat), std::abs(b.max_lat)}) > 1e6) {
    WhereClause where(f);
    return count_in_sql(where);
  }
  SITREP_RETURN_IF_ERROR(SumCells(slice, level, level, x0, x1, y0, y1, cells));
  // The frame around the cells (the box's edges are inclusive, the cells'
  // upper edges are not): left and right whole height, bottom and top
  // between them.
  struct Piece {
    double lon0, lon1;
    bool lon1_open;
    double lat0, lat1;
    bool lat1_open;
  };
  const Piece frame[] = {{b.min_lon, x0, true, b.min_lat, b.max_lat, false},
                         {x1, b.max_lon, false, b.min_lat, b.max_lat, false},
                         {x0, x1, true, b.min_lat, y0, true},
                         {x0, x1, true, y1, b.max_lat, false}};
  QueryFilter rest = f;
  rest.bbox.reset();
  for (const auto& p : frame) {
    if (p.lon1 < p.lon0 || (p.lon1_open && p.lon1 == p.lon0) || p.lat1 < p.lat0 ||
        (p.lat1_open && p.lat1 == p.lat0))
      continue;
    WhereClause where(rest);
    where.AddPoints(p.lon0, p.lon1, p.lon1_open, p.lat0, p.lat1, p.lat1_open);
    SITREP_RETURN_IF_ERROR(count_in_sql(where));
  }
  return Status::Ok();
}

// The events of a box: KeptBox at the coarsest level, summed.
StatusOr<int64_t> SqliteStore::BoxCount(const std::string& slice, const QueryFilter& f) {
  CellCounts cells;
  SITREP_RETURN_IF_ERROR(KeptBox(slice, f, 0, &cells));
  int64_t total = 0;
  for (const auto& [xy, c] : cells) total += c.first;
  return total;
}

namespace {

void AddCount(EventCounts* c, const std::string& dim, const std::string& key, int64_t n, int64_t dead) {
  if (dim == "all") {
    c->events += n;
    c->fatalities += dead;
  } else if (dim == "day") {
    auto& d = c->by_day[key];
    d.first += n;
    d.second += dead;
  } else if (dim == "tday") {
    c->timeline_days[key] += n;
  } else if (dim == "type") {
    c->by_type[key] += n;
  } else if (dim == "sub") {
    c->by_sub_type[key] += n;
  } else if (dim == "admin1") {
    c->by_admin1[key] += n;
  } else if (dim == "actor") {
    c->by_actor[key] += n;
  } else if (dim == "source") {
    c->by_source[key] += n;
  } else if (dim == "word") {
    size_t sep = key.find('\x1f');
    if (sep != std::string::npos) c->source_words[key.substr(0, sep)][key.substr(sep + 1)] += n;
  }
}

}  // namespace

Status SqliteStore::AggregateSlice(const std::string& slice, EventCounts* out) {
  ResetOnExit guard{db_.get()};
  CACHED_STMT(q, "SELECT dim, key, n, fatalities FROM event_stats WHERE slice = ? AND dim IN "
                 "('all', 'day', 'tday', 'type', 'sub', 'admin1', 'actor', 'source', 'word') AND n > 0");
  q.Bind(1, slice);
  Status st;
  while (q.Step(&st)) AddCount(out, q.Text(0), q.Text(1), q.Int(2), q.Int(3));
  return st;
}

// A claim's field as json_extract gives it in SQL: a string as is, a
// number or an object as JSON text, nothing when absent or null.
std::optional<std::string> ClaimField(const nlohmann::json& claim, const char* name) {
  auto it = claim.find(name);
  if (it == claim.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

// Counts the events `where` selects from `table` (alias e): one pass over
// their rows (the columns the counts need and the claims), the same counts
// as one GROUP BY per dimension.
Status SqliteStore::AggregateQuery(const WhereClause& where, const std::string& table,
                                   EventCounts* out) {
  ASSIGN_OR_RETURN(s, db_->Prepare("SELECT e.date_start, e.background, e.event_type, e.sub_event_type, "
                                   "e.admin1, e.actor1, e.actor2, e.fatalities, "
                                   "json_extract(e.json, '$.claims') FROM " + table + where.sql));
  where.BindTo(s);
  Status st;
  std::set<std::optional<std::string>> sources;
  while (s.Step(&st)) {
    const int64_t dead = s.Int(7);
    out->events += 1;
    out->fatalities += dead;
    if (!s.IsNull(0)) {
      std::string day = s.Text(0);
      auto& d = out->by_day[day];
      d.first += 1;
      d.second += dead;
      if (!s.Int(1)) out->timeline_days[day] += 1;
    }
    out->by_type[s.Text(2)] += 1;
    out->by_sub_type[s.Text(3)] += 1;
    if (!s.IsNull(4) && !s.Text(4).empty()) out->by_admin1[s.Text(4)] += 1;
    if (!s.IsNull(5)) out->by_actor[s.Text(5)] += 1;
    if (!s.IsNull(6) && (s.IsNull(5) || s.Text(6) != s.Text(5))) out->by_actor[s.Text(6)] += 1;
    if (s.IsNull(8)) continue;
    auto claims = nlohmann::json::parse(s.Text(8), nullptr, false);
    if (!claims.is_array()) continue;
    sources.clear();
    for (const auto& c : claims) {
      if (!c.is_object()) {
        sources.insert(std::nullopt);
        continue;
      }
      auto source = ClaimField(c, "source");
      auto text = ClaimField(c, "text");
      if (source && text && !text->empty()) out->source_words[*source][*text] += 1;
      sources.insert(std::move(source));
    }
    for (const auto& src : sources) out->by_source[src ? *src : std::string()] += 1;
  }
  if (!st.ok()) return Status::InvalidArgument("query failed (check the --text syntax): " + st.message());
  return Status::Ok();
}

// The sums of the kept rows of a month plan.
Status SqliteStore::AggregateMonths(const MonthPlan& plan, EventCounts* out) {
  ASSIGN_OR_RETURN(q, db_->Prepare("SELECT m.dim, m.key, sum(m.n), sum(m.fatalities), sum(m.timeline) "
                                   "FROM event_stats_month m" + plan.kept + " GROUP BY 1, 2"));
  for (size_t i = 0; i < plan.kept_binds.size(); ++i) q.Bind(static_cast<int>(i + 1), plan.kept_binds[i]);
  Status st;
  while (q.Step(&st)) {
    int64_t n = q.Int(2);
    if (n <= 0) continue;
    std::string dim = q.Text(0), key = q.Text(1);
    AddCount(out, dim, key, n, q.Int(3));
    if (dim == "day" && q.Int(4) > 0) out->timeline_days[key] += q.Int(4);
  }
  return st;
}

StatusOr<EventCounts> SqliteStore::Aggregate(const QueryFilter& f) {
  EventCounts out;
  std::string slice;
  ASSIGN_OR_RETURN(sliced, SliceFor(f, &slice));
  if (sliced) {
    SITREP_RETURN_IF_ERROR(AggregateSlice(slice, &out));
    return out;
  }
  ASSIGN_OR_RETURN(bound, StartBound(f));
  WhereClause where(f, bound);
  MonthPlan plan;
  if (!MonthPlanFor(f, &plan)) {
    SITREP_RETURN_IF_ERROR(AggregateQuery(where, "events e", &out));
    return out;
  }
  SITREP_RETURN_IF_ERROR(AggregateMonths(plan, &out));
  if (!f.from && !f.to) return out;
  AddMonthRest(plan, &where);
  SITREP_RETURN_IF_ERROR(AggregateQuery(where, "events e INDEXED BY events_month", &out));
  return out;
}

StatusOr<std::vector<GridCell>> SqliteStore::Grid(const QueryFilter& f, int level) {
  constexpr int kLevels = static_cast<int>(std::size(kGridCellDegrees));
  if (level < 0 || level >= kLevels)
    return Status::InvalidArgument("grid level must be 0 to " + std::to_string(kLevels - 1));
  const double size = kGridCellDegrees[level];
  std::vector<GridCell> out;
  auto in_box = [&](const GridCell& c) {
    if (!f.bbox) return true;
    return (c.x + 1) * size > f.bbox->min_lon && c.x * size <= f.bbox->max_lon &&
           (c.y + 1) * size > f.bbox->min_lat && c.y * size <= f.bbox->max_lat;
  };
  QueryFilter unboxed = f;
  unboxed.bbox.reset();
  std::string slice;
  ASSIGN_OR_RETURN(sliced, SliceFor(unboxed, &slice));
  Status st;
  if (sliced && f.bbox && slice.rfind("actor:", 0) == 0) {
    // An actor's events in the box (as counted in SQL), not whole cells
    // meeting it.
    CellCounts cells;
    SITREP_RETURN_IF_ERROR(KeptBox(slice, f, level, &cells));
    for (const auto& [xy, c] : cells)
      if (c.first > 0) out.push_back({xy.first, xy.second, c.first, c.second});
    return out;
  }
  if (sliced) {
    ResetOnExit guard{db_.get()};
    CACHED_STMT(q, "SELECT key, n, fatalities FROM event_stats WHERE slice = ? AND dim = ? AND n > 0");
    q.Bind(1, slice).Bind(2, "g" + std::to_string(level));
    while (q.Step(&st)) {
      GridCell c;
      std::string key = q.Text(0);
      size_t colon = key.find(':');
      if (colon == std::string::npos) continue;
      c.x = std::atoll(key.c_str());
      c.y = std::atoll(key.c_str() + colon + 1);
      c.events = q.Int(1);
      c.fatalities = q.Int(2);
      if (in_box(c)) out.push_back(c);
    }
    if (!st.ok()) return st;
    std::sort(out.begin(), out.end(),
              [](const GridCell& a, const GridCell& b) { return a.x != b.x ? a.x < b.x : a.y < b.y; });
    return out;
  }
  ASSIGN_OR_RETURN(bound, StartBound(f));
  WhereClause where(f, bound);
  const std::string cell = std::to_string(size);
  ASSIGN_OR_RETURN(s, db_->Prepare("SELECT CAST(floor(e.lon / " + cell + ") AS INTEGER), CAST(floor(e.lat / " +
                                   cell + ") AS INTEGER), count(*), COALESCE(sum(e.fatalities), 0) FROM events e" +
                                   where.sql + " AND e.lat IS NOT NULL AND e.lon IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"));
  where.BindTo(s);
  while (s.Step(&st)) out.push_back({s.Int(0), s.Int(1), s.Int(2), s.Int(3)});
  if (!st.ok()) return Status::InvalidArgument("query failed (check the --text syntax): " + st.message());
  return out;
}

StatusOr<EventExplanation> SqliteStore::Explain(const std::string& id) {
  ResetOnExit guard{db_.get()};
  std::string event_id = id;
  CACHED_STMT(alias, ("SELECT event_id FROM reports WHERE report_id = ?"));
  CACHED_STMT(ev, ("SELECT json, data_version, outlets, reasons FROM events WHERE event_id = ?"));
  Status st;
  ev.Bind(1, event_id);
  if (!ev.Step(&st)) {
    if (!st.ok()) return st;
    // A report id (or the id an event had before a merge) finds its event.
    if (!alias.Bind(1, id).Step(&st))
      return st.ok() ? Status::NotFound("no event or report '" + id + "'") : st;
    event_id = alias.Text(0);
    SITREP_RETURN_IF_ERROR(ev.Reset());
    if (!ev.Bind(1, event_id).Step(&st))
      return st.ok() ? Status::Corruption("report without event") : st;
  }
  EventExplanation out;
  out.event = ReadStoredEvent(ev, 0);
  auto reasons = nlohmann::json::parse(ev.Text(3), nullptr, false);
  if (reasons.is_array())
    for (const auto& r : reasons)
      if (r.is_string()) out.reasons.push_back(r.get<std::string>());
  CACHED_STMT(rs, ("SELECT r.rowid, r.json, r.doc_id, COALESCE(d.outlet,''), COALESCE(d.url,''), "
                   "COALESCE(d.pub_date,'') FROM reports r JOIN documents d ON d.doc_id = r.doc_id "
                   "WHERE r.event_id = ? ORDER BY r.report_id"));
  CACHED_STMT(sent, ("SELECT sentence FROM evidence WHERE report_rowid = ? ORDER BY rowid"));
  rs.Bind(1, event_id);
  while (rs.Step(&st)) {
    StoredReport r;
    auto e = EventFromJson(rs.Text(1));
    if (!e.ok()) return Status::Corruption("stored report is not an event");
    r.event = std::move(*e);
    r.doc_id = rs.Text(2);
    r.outlet = rs.Text(3);
    r.url = rs.Text(4);
    r.pub_date = rs.Text(5);
    sent.Bind(1, rs.Int(0));
    while (sent.Step(&st)) r.evidence_sentences.push_back(sent.Text(0));
    SITREP_RETURN_IF_ERROR(sent.Reset());
    out.reports.push_back(std::move(r));
  }
  if (!st.ok()) return st;
  return out;
}

StatusOr<StoredDocument> SqliteStore::GetDocument(const std::string& doc_id) {
  ResetOnExit guard{db_.get()};
  CACHED_STMT(d, ("SELECT text, COALESCE(pub_date,''), COALESCE(lang,''), COALESCE(url,''), "
                  "COALESCE(outlet,'') FROM documents WHERE doc_id = ?"));
  Status st;
  if (!d.Bind(1, doc_id).Step(&st)) {
    return st.ok() ? Status::NotFound("no document '" + doc_id + "'") : st;
  }
  StoredDocument out;
  out.id = doc_id;
  out.text = d.Text(0);
  out.pub_date = d.Text(1);
  out.lang = d.Text(2);
  out.url = d.Text(3);
  out.outlet = d.Text(4);
  CACHED_STMT(ev, ("SELECT r.event_id, e.start, e.end FROM evidence e JOIN reports r "
                   "ON r.rowid = e.report_rowid WHERE r.doc_id = ? ORDER BY e.start, e.end"));
  ev.Bind(1, doc_id);
  while (ev.Step(&st)) out.evidence.push_back({ev.Text(0), ev.Int(1), ev.Int(2)});
  if (!st.ok()) return st;
  return out;
}

StatusOr<StoreStats> SqliteStore::Stats() {
  ResetOnExit guard{db_.get()};
  StoreStats s;
  CACHED_STMT(q, ("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM reports), "
                  "(SELECT count(*) FROM events), (SELECT count(*) FROM events WHERE n_docs > 1)"));
  Status st;
  if (!q.Step(&st)) return st;
  s.documents = q.Int(0);
  s.reports = q.Int(1);
  s.events = q.Int(2);
  s.merged_events = q.Int(3);
  ASSIGN_OR_RETURN(v, db_->QueryInt("PRAGMA user_version"));
  s.schema_version = static_cast<int>(v);
  return s;
}

StatusOr<std::vector<std::string>> SqliteStore::CheckConsistency() {
  ResetOnExit guard{db_.get()};
  std::vector<std::string> problems;
  CACHED_STMT(ic, ("PRAGMA integrity_check"));
  Status st;
  while (ic.Step(&st))
    if (ic.Text(0) != "ok") problems.push_back("integrity_check: " + ic.Text(0));
  if (!st.ok()) return st;
  for (const char* fts : {"documents_fts", "evidence_fts"}) {
    Status fs =
        db_->Exec(std::string("INSERT INTO ") + fts + "(" + fts + ") VALUES ('integrity-check')");
    if (!fs.ok()) problems.push_back(std::string(fts) + ": " + fs.message());
  }
  const std::pair<const char*, const char*> kChecks[] = {
      {"reports whose event is missing",
       "SELECT count(*) FROM reports r WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = "
       "r.event_id)"},
      {"events without reports",
       "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.event_id = "
       "e.event_id)"},
      {"events whose report count is wrong",
       "SELECT count(*) FROM events e WHERE n_reports <> (SELECT count(*) FROM reports r WHERE "
       "r.event_id = e.event_id)"},
      {"reports without their document",
       "SELECT count(*) FROM reports r WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc_id "
       "= r.doc_id)"},
      {"locations without their event",
       "SELECT count(*) FROM events_rtree t WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.rowid "
       "= t.id)"},
  };
  for (const auto& [what, sql] : kChecks) {
    ASSIGN_OR_RETURN(n, db_->QueryInt(sql));
    if (n) problems.push_back(std::to_string(n) + " " + what);
  }
  return problems;
}

}  // namespace

const char* IngestActionName(IngestAction a) {
  switch (a) {
    case IngestAction::kInserted:
      return "inserted";
    case IngestAction::kUnchanged:
      return "unchanged";
    case IngestAction::kReplaced:
      return "replaced";
  }
  return "inserted";
}

std::string DocumentContentHash(const RawDocument& raw) {
  uint64_t h = Fnv1a64(raw.bytes);
  std::string date = std::to_string(raw.date.y) + "-" + std::to_string(raw.date.m) + "-" +
                     std::to_string(raw.date.d);
  h = Fnv1a64("\x1f" + date + "\x1f" + raw.lang, h);
  return Hex64(h);
}

StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& options) {
  if (IsPostgresUrl(path)) return OpenPostgresStore(path, options);
  auto db = SqliteDb::Open(path, options.read_only, options.busy_timeout_ms);
  if (!db.ok()) return db.status();
  SqliteDb* d = db->get();
  if (!options.read_only) {
    // WAL: readers never block the writer nor see half a transaction;
    // synchronous=NORMAL keeps every commit across a process crash.
    SITREP_RETURN_IF_ERROR(d->Exec("PRAGMA journal_mode = WAL"));
    SITREP_RETURN_IF_ERROR(d->Exec("PRAGMA synchronous = NORMAL"));
  }
  SITREP_RETURN_IF_ERROR(d->Exec("PRAGMA foreign_keys = ON"));
  if (options.read_only) {
    // A reader (each server thread) keeps 32 MB of pages: the answers of a
    // server read the same kept counts and index pages again and again. It
    // reads the file rather than mapping it: each thread's connection maps
    // the file anew, and on the measuring machine the page faults of eight
    // mappings cost more than copying the pages (bench/RESULTS-perf.md).
    SITREP_RETURN_IF_ERROR(d->Exec("PRAGMA mmap_size = 0"));
    SITREP_RETURN_IF_ERROR(d->Exec("PRAGMA cache_size = -32768"));
  }
  SITREP_RETURN_IF_ERROR(Migrate(d, options.read_only));
  return std::unique_ptr<Store>(new SqliteStore(std::move(*db)));
}

}  // namespace sitrep
