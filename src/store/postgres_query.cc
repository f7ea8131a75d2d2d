#include "store/postgres_query.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "base/dates.h"
#include "store/event_codec.h"
#include "store/postgres_migrations.h"

namespace sitrep {
namespace {

#define PG_ASSIGN_OR_RETURN(lhs, expr)          \
  auto lhs##_or = (expr);                       \
  if (!lhs##_or.ok()) return lhs##_or.status(); \
  auto& lhs = *lhs##_or

// The WHERE clause of a filter and its parameters.
struct PgWhere {
  std::string sql = " WHERE true";
  PgParams params;

  std::string P(const std::string& v) {
    params.push_back(v);
    return "$" + std::to_string(params.size());
  }
  std::string PReal(double v) {
    params.push_back(PgReal(v));
    return "$" + std::to_string(params.size()) + "::float8";
  }
  void Add(const std::string& clause) { sql += " AND " + clause; }

  explicit PgWhere(const QueryFilter& f, bool with_bbox = true) {
    if (f.from) Add("e.date_end >= " + P(f.from->ToString()));
    if (f.to) Add("e.date_start <= " + P(f.to->ToString()));
    if (!f.admin1.empty()) Add("lower(e.admin1) = lower(" + P(f.admin1) + ")");
    if (!f.country.empty()) Add("lower(e.country) = lower(" + P(f.country) + ")");
    if (!f.event_type.empty()) Add("lower(e.event_type) = lower(" + P(f.event_type) + ")");
    if (!f.sub_event_type.empty())
      Add("lower(e.sub_event_type) = lower(" + P(f.sub_event_type) + ")");
    if (!f.actor.empty()) {
      std::string a = P(f.actor);
      Add("(lower(e.actor1) = lower(" + a + ") OR lower(e.actor2) = lower(" + a + "))");
    }
    if (!f.source.empty())
      Add("e.id IN (SELECT event_id FROM event_sources WHERE lower(source) = lower(" +
          P(f.source) + "))");
    if (!f.text.empty()) {
      std::string q = P(f.text);
      Add("e.event_id IN (SELECT r.event_id FROM evidence v JOIN reports r ON r.id = v.report_id "
          "WHERE v.tsv @@ websearch_to_tsquery('sitrep_french', " + q +
          ") OR v.tsv @@ websearch_to_tsquery('sitrep_english', " + q + "))");
    }
    if (!f.doc_text.empty()) {
      std::string q = P(f.doc_text);
      Add("e.event_id IN (SELECT r.event_id FROM documents d JOIN reports r ON r.doc_id = d.doc_id "
          "WHERE d.tsv @@ websearch_to_tsquery('sitrep_french', " + q +
          ") OR d.tsv @@ websearch_to_tsquery('sitrep_english', " + q + "))");
    }
    if (f.bbox && with_bbox) {
      // && on the GiST index: points inside the box, edges included.
      Add("e.geom && ST_MakeEnvelope(" + PReal(f.bbox->min_lon) + ", " + PReal(f.bbox->min_lat) +
          ", " + PReal(f.bbox->max_lon) + ", " + PReal(f.bbox->max_lat) + ", 4326)");
    }
  }
};

const char* OrderBy(QueryOrder o) {
  switch (o) {
    case QueryOrder::kDateDesc:
      return " ORDER BY e.date_start DESC NULLS LAST, e.event_id DESC";
    case QueryOrder::kFatalitiesDesc:
      return " ORDER BY e.fatalities_order DESC, e.date_start NULLS FIRST, e.event_id";
    case QueryOrder::kDateAsc:
      break;
  }
  return " ORDER BY e.date_start NULLS FIRST, e.event_id";
}

StoredEvent ReadStoredEvent(const PgResult& r, int row, int col) {
  StoredEvent out;
  auto e = EventFromJson(r.Text(row, col));
  if (e.ok()) out.event = std::move(*e);
  out.data_version = r.Text(row, col + 1);
  auto outlets = nlohmann::json::parse(r.Text(row, col + 2), nullptr, false);
  if (outlets.is_array())
    for (const auto& o : outlets)
      if (o.is_string()) out.outlets.push_back(o.get<std::string>());
  return out;
}

// The event_stats slice that answers `f` exactly: nothing (''), one event
// type ('type:X') or one actor ('actor:X'), when the store holds that type
// or actor written one way only (the filter ignores case, the slices do
// not; the slice is named as stored), as the SQLite store: false when
// there is none.
StatusOr<bool> SliceFor(PgConn* c, const QueryFilter& f, std::string* slice) {
  if (f.from || f.to || f.bbox || !f.admin1.empty() || !f.country.empty() ||
      !f.sub_event_type.empty() || !f.source.empty() || !f.text.empty() || !f.doc_text.empty() ||
      (!f.event_type.empty() && !f.actor.empty()))
    return false;
  slice->clear();
  if (f.event_type.empty() && f.actor.empty()) return true;
  const bool type = !f.event_type.empty();
  PG_ASSIGN_OR_RETURN(r, c->Run("SELECT count(*), max(key) FROM event_stats WHERE slice = '' AND "
                                "dim = $1 AND lower(key) = lower($2) AND n > 0",
                                {type ? "type" : "actor", type ? f.event_type : f.actor}));
  if (r.Int(0, 0) != 1) return false;
  *slice = (type ? "type:" : "actor:") + r.Text(0, 1);
  return true;
}

// How a filter of country, event type and dates only is answered from
// event_stats_month (migration 003): the kept rows `kept` selects (over
// alias m) plus, with a date filter, the events of the months the filter
// cuts and those that span months, counted in SQL (`rest`, a clause over
// alias e added to the filter's own WHERE).
struct MonthPlan {
  std::string kept = " WHERE true";
  PgParams kept_params;
  std::vector<std::string> edges;  // 'YYYY-MM' of the months the date filter cuts
};

std::string KeptParam(MonthPlan* plan, const std::string& v) {
  plan->kept_params.push_back(v);
  return "$" + std::to_string(plan->kept_params.size());
}

bool MonthPlanFor(const QueryFilter& f, MonthPlan* plan) {
  if (f.bbox || !f.admin1.empty() || !f.sub_event_type.empty() || !f.actor.empty() ||
      !f.source.empty() || !f.text.empty() || !f.doc_text.empty())
    return false;
  if (!f.country.empty())
    plan->kept += " AND lower(m.country) = lower(" + KeptParam(plan, f.country) + ")";
  if (!f.event_type.empty())
    plan->kept += " AND lower(m.event_type) = lower(" + KeptParam(plan, f.event_type) + ")";
  if (!f.from && !f.to) return true;  // every month, the undated and the spanning too
  // The months wholly inside [from, to]: every event that starts and ends
  // in one of them meets the interval. A month a bound cuts is an edge.
  plan->kept += " AND m.month <> '' AND m.month <> '~'";
  if (f.from) {
    std::string m = f.from->ToString().substr(0, 7);
    bool whole = f.from->d == 1;
    plan->kept += " AND m.month " + std::string(whole ? ">= " : "> ") + KeptParam(plan, m);
    if (!whole) plan->edges.push_back(m);
  }
  if (f.to) {
    std::string m = f.to->ToString().substr(0, 7);
    bool whole = AddDays(*f.to, 1).d == 1;
    plan->kept += " AND m.month " + std::string(whole ? "<= " : "< ") + KeptParam(plan, m);
    if (!whole && (plan->edges.empty() || plan->edges[0] != m)) plan->edges.push_back(m);
  }
  return true;
}

// The clause over events e for what a plan's kept rows leave out (only
// with a date filter): the events of the edge months and those that span
// months. Empty when there is no date filter.
std::string RestClause(const QueryFilter& f, const MonthPlan& plan, PgWhere* where) {
  if (!f.from && !f.to) return "";
  std::string rest = "e.month IN ('~'";
  for (const auto& m : plan.edges) rest += ", " + where->P(m);
  return rest + ")";
}

void AddCount(EventCounts* c, const std::string& dim, const std::string& key, int64_t n,
              int64_t dead) {
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

Status QueryFailed(const Status& st) {
  if (st.code() == StatusCode::kIoError) return st;
  return Status::InvalidArgument("query failed: " + st.message());
}

Status AggregateEvents(PgConn* c, const PgWhere& where, EventCounts* out_counts);

// With a `from` date, the events that meet it start no earlier than the
// first of from's month (an event within one month ends in its start's
// month) or than the earliest start of those that span months and end
// after `from` (events.month '~', few, read from events_month). Added to
// the filter, that bound lets the date-ordered indexes start there instead
// of at the first event of the store: it selects the same events.
Status AddStartBound(PgConn* c, const QueryFilter& f, PgWhere* where) {
  if (!f.from) return Status::Ok();
  std::string from = f.from->ToString();
  std::string bound = from.substr(0, 7) + "-01";
  auto r = c->Run("SELECT min(e.date_start), COALESCE(bool_or(e.date_start IS NULL), false) "
                  "FROM events e WHERE e.month = '~' AND e.date_end >= $1",
                  {from});
  if (!r.ok()) return r.status();
  if (r->Text(0, 1) == "t") return Status::Ok();  // one with no start: no bound
  if (!r->IsNull(0, 0) && r->Text(0, 0) < bound) bound = r->Text(0, 0);
  where->Add("e.date_start >= " + where->P(bound));
  return Status::Ok();
}

}  // namespace

StatusOr<std::vector<StoredEvent>> PgQueryEvents(PgConn* c, const QueryFilter& f) {
  PgWhere where(f);
  SITREP_RETURN_IF_ERROR(AddStartBound(c, f, &where));
  std::string sql;
  if (f.limit || f.offset) {
    // A page: its rows are chosen first by id (an index-only scan when the
    // filter allows), then only they are read.
    std::string page = "SELECT e.id FROM events e" + where.sql + OrderBy(f.order);
    if (f.limit) page += " LIMIT " + std::to_string(f.limit);
    if (f.offset) page += " OFFSET " + std::to_string(f.offset);
    sql = "SELECT e.json, e.data_version, e.outlets FROM events e WHERE e.id IN (" + page + ")" +
          OrderBy(f.order);
  } else {
    sql = "SELECT e.json, e.data_version, e.outlets FROM events e" + where.sql + OrderBy(f.order);
  }
  auto r = c->Query(sql, where.params);
  if (!r.ok()) return QueryFailed(r.status());
  std::vector<StoredEvent> out;
  out.reserve(r->Rows());
  for (int i = 0; i < r->Rows(); ++i) out.push_back(ReadStoredEvent(*r, i, 0));
  return out;
}

StatusOr<int64_t> PgCountEvents(PgConn* c, const QueryFilter& f) {
  std::string slice;
  PG_ASSIGN_OR_RETURN(sliced, SliceFor(c, f, &slice));
  if (sliced) {
    PG_ASSIGN_OR_RETURN(r, c->Run("SELECT n FROM event_stats WHERE slice = $1 AND dim = 'all' AND "
                                  "key = ''",
                                  {slice}));
    return r.Rows() ? r.Int(0, 0) : 0;
  }
  int64_t kept = 0;
  PgWhere where(f);
  MonthPlan plan;
  if (!MonthPlanFor(f, &plan)) {
    SITREP_RETURN_IF_ERROR(AddStartBound(c, f, &where));
  } else {
    PG_ASSIGN_OR_RETURN(r, c->Run("SELECT COALESCE(sum(m.n), 0) FROM event_stats_month m" +
                                      plan.kept + " AND m.dim = 'all'",
                                  plan.kept_params));
    kept = r.Int(0, 0);
    std::string rest = RestClause(f, plan, &where);
    if (rest.empty()) return kept;
    where.Add(rest);
  }
  if (f.bbox) {
    // The box's events are those whose point && the box: a count reads no
    // event when the same box, widened by more than the float rounding
    // of &&, also bounds lon and lat (the index-only scan of events_lonlat).
    const BoundingBox& b = *f.bbox;
    double eps = 1e-4 + 1e-6 * std::max({std::abs(b.min_lon), std::abs(b.max_lon),
                                         std::abs(b.min_lat), std::abs(b.max_lat)});
    where.Add("e.lon BETWEEN " + where.PReal(b.min_lon - eps) + " AND " +
              where.PReal(b.max_lon + eps) + " AND e.lat BETWEEN " + where.PReal(b.min_lat - eps) +
              " AND " + where.PReal(b.max_lat + eps));
  }
  auto n = c->QueryInt("SELECT count(*) FROM events e" + where.sql, where.params);
  if (!n.ok()) return QueryFailed(n.status());
  return kept + *n;
}

// One pass over the matching events with grouping sets for the plain
// columns; the second side, the claims' sources and words in three more.
StatusOr<EventCounts> PgAggregate(PgConn* c, const QueryFilter& f) {
  EventCounts out;
  std::string slice;
  PG_ASSIGN_OR_RETURN(sliced, SliceFor(c, f, &slice));
  if (sliced) {
    PG_ASSIGN_OR_RETURN(r, c->Run("SELECT dim, key, n, fatalities FROM event_stats WHERE slice = $1 "
                                  "AND dim IN ('all', 'day', 'tday', 'type', 'sub', 'admin1', "
                                  "'actor', 'source', 'word') AND n > 0",
                                  {slice}));
    for (int i = 0; i < r.Rows(); ++i)
      AddCount(&out, r.Text(i, 0), r.Text(i, 1), r.Int(i, 2), r.Int(i, 3));
    return out;
  }
  PgWhere where(f);
  MonthPlan plan;
  if (!MonthPlanFor(f, &plan)) {
    SITREP_RETURN_IF_ERROR(AddStartBound(c, f, &where));
  } else {
    PG_ASSIGN_OR_RETURN(
        r, c->Run("SELECT m.dim, m.key, sum(m.n), sum(m.fatalities), sum(m.timeline) FROM "
                  "event_stats_month m" + plan.kept + " GROUP BY 1, 2",
                  plan.kept_params));
    for (int i = 0; i < r.Rows(); ++i) {
      int64_t n = r.Int(i, 2);
      if (n <= 0) continue;
      std::string dim = r.Text(i, 0), key = r.Text(i, 1);
      AddCount(&out, dim, key, n, r.Int(i, 3));
      if (dim == "day" && r.Int(i, 4) > 0) out.timeline_days[key] += r.Int(i, 4);
    }
    std::string rest = RestClause(f, plan, &where);
    if (rest.empty()) return out;
    where.Add(rest);
  }
  SITREP_RETURN_IF_ERROR(AggregateEvents(c, where, &out));
  return out;
}

namespace {

// Adds the counts of the events `where` selects, in SQL.
Status AggregateEvents(PgConn* c, const PgWhere& where, EventCounts* out_counts) {
  EventCounts& out = *out_counts;
  auto sets = c->Query(
      "SELECT GROUPING(e.date_start), GROUPING(e.event_type), GROUPING(e.sub_event_type), "
      "GROUPING(e.admin1), GROUPING(e.actor1), e.date_start, e.background, e.event_type, "
      "e.sub_event_type, e.admin1, e.actor1, count(*), COALESCE(sum(e.fatalities), 0) "
      "FROM events e" + where.sql +
          " GROUP BY GROUPING SETS ((), (e.date_start, e.background), (e.event_type), "
          "(e.sub_event_type), (e.admin1), (e.actor1))",
      where.params);
  if (!sets.ok()) return QueryFailed(sets.status());
  for (int i = 0; i < sets->Rows(); ++i) {
    int64_t n = sets->Int(i, 11), dead = sets->Int(i, 12);
    if (sets->Int(i, 0) == 0) {
      if (sets->IsNull(i, 5)) continue;
      auto& d = out.by_day[sets->Text(i, 5)];
      d.first += n;
      d.second += dead;
      if (sets->Text(i, 6) != "t") out.timeline_days[sets->Text(i, 5)] += n;
    } else if (sets->Int(i, 1) == 0) {
      out.by_type[sets->Text(i, 7)] += n;
    } else if (sets->Int(i, 2) == 0) {
      out.by_sub_type[sets->Text(i, 8)] += n;
    } else if (sets->Int(i, 3) == 0) {
      if (!sets->Text(i, 9).empty()) out.by_admin1[sets->Text(i, 9)] += n;
    } else if (sets->Int(i, 4) == 0) {
      if (!sets->IsNull(i, 10)) out.by_actor[sets->Text(i, 10)] += n;
    } else {
      out.events += n;
      out.fatalities += dead;
    }
  }
  auto second = c->Query("SELECT e.actor2, count(*) FROM events e" + where.sql +
                             " AND e.actor2 IS NOT NULL AND e.actor2 IS DISTINCT FROM e.actor1 "
                             "GROUP BY 1",
                         where.params);
  if (!second.ok()) return QueryFailed(second.status());
  for (int i = 0; i < second->Rows(); ++i) out.by_actor[second->Text(i, 0)] += second->Int(i, 1);
  auto words = c->Query(
      "SELECT c->>'source', c->>'text', count(*) FROM events e, jsonb_array_elements(e.claims) c" +
          where.sql + " AND COALESCE(c->>'text', '') <> '' AND c->>'source' IS NOT NULL GROUP BY 1, 2",
      where.params);
  if (!words.ok()) return QueryFailed(words.status());
  for (int i = 0; i < words->Rows(); ++i)
    out.source_words[words->Text(i, 0)][words->Text(i, 1)] += words->Int(i, 2);
  auto sources = c->Query(
      "SELECT src, count(*) FROM (SELECT DISTINCT e.id, c->>'source' AS src FROM events e, "
      "jsonb_array_elements(e.claims) c" + where.sql + ") s GROUP BY 1",
      where.params);
  if (!sources.ok()) return QueryFailed(sources.status());
  for (int i = 0; i < sources->Rows(); ++i)
    out.by_source[sources->Text(i, 0)] += sources->Int(i, 1);
  return Status::Ok();
}

}  // namespace

StatusOr<std::vector<GridCell>> PgGrid(PgConn* c, const QueryFilter& f, int level) {
  constexpr int kLevels = static_cast<int>(std::size(kGridCellDegrees));
  if (level < 0 || level >= kLevels)
    return Status::InvalidArgument("grid level must be 0 to " + std::to_string(kLevels - 1));
  const double size = kGridCellDegrees[level];
  // As the SQLite store's kept counts: with no filter but the event type, a
  // box selects the cells that meet it, not the points inside it.
  auto in_box = [&](const GridCell& g) {
    return !f.bbox || ((g.x + 1) * size > f.bbox->min_lon && g.x * size <= f.bbox->max_lon &&
                       (g.y + 1) * size > f.bbox->min_lat && g.y * size <= f.bbox->max_lat);
  };
  std::vector<GridCell> out;
  QueryFilter unboxed = f;
  unboxed.bbox.reset();
  std::string slice;
  PG_ASSIGN_OR_RETURN(sliced, SliceFor(c, unboxed, &slice));
  // An actor's grid with a box counts the events in the box, in SQL.
  if (sliced && !(f.bbox && slice.rfind("actor:", 0) == 0)) {
    PG_ASSIGN_OR_RETURN(r, c->Run("SELECT key, n, fatalities FROM event_stats WHERE slice = $1 AND "
                                  "dim = $2 AND n > 0",
                                  {slice, "g" + std::to_string(level)}));
    for (int i = 0; i < r.Rows(); ++i) {
      std::string key = r.Text(i, 0);
      size_t colon = key.find(':');
      if (colon == std::string::npos) continue;
      GridCell g{std::atoll(key.c_str()), std::atoll(key.c_str() + colon + 1), r.Int(i, 1),
                 r.Int(i, 2)};
      if (in_box(g)) out.push_back(g);
    }
    std::sort(out.begin(), out.end(), [](const GridCell& a, const GridCell& b) {
      return a.x != b.x ? a.x < b.x : a.y < b.y;
    });
    return out;
  }
  QueryFilter rest = f;
  rest.bbox.reset();
  rest.event_type.clear();
  bool cells_only = !rest.from && !rest.to && rest.admin1.empty() && rest.country.empty() &&
                    rest.sub_event_type.empty() && rest.actor.empty() && rest.source.empty() &&
                    rest.text.empty() && rest.doc_text.empty();
  PgWhere where(f, /*with_bbox=*/!cells_only);
  SITREP_RETURN_IF_ERROR(AddStartBound(c, f, &where));
  const std::string cell = std::to_string(size);
  auto r = c->Query("SELECT floor(e.lon / " + cell + ")::bigint, floor(e.lat / " + cell +
                        ")::bigint, count(*), COALESCE(sum(e.fatalities), 0) FROM events e" +
                        where.sql + " AND e.lat IS NOT NULL AND e.lon IS NOT NULL GROUP BY 1, 2 "
                        "ORDER BY 1, 2",
                    where.params);
  if (!r.ok()) return QueryFailed(r.status());
  for (int i = 0; i < r->Rows(); ++i) {
    GridCell g{r->Int(i, 0), r->Int(i, 1), r->Int(i, 2), r->Int(i, 3)};
    if (!cells_only || in_box(g)) out.push_back(g);
  }
  return out;
}

StatusOr<EventExplanation> PgExplain(PgConn* c, const std::string& id) {
  const std::string ev_sql =
      "SELECT json, data_version, outlets, reasons FROM events WHERE event_id = $1";
  PG_ASSIGN_OR_RETURN(ev, c->Run(ev_sql, {id}));
  std::string event_id = id;
  if (ev.Rows() == 0) {
    // A report id (or the id an event had before a merge) finds its event.
    PG_ASSIGN_OR_RETURN(alias, c->Run("SELECT event_id FROM reports WHERE report_id = $1", {id}));
    if (alias.Rows() == 0) return Status::NotFound("no event or report '" + id + "'");
    event_id = alias.Text(0, 0);
    PG_ASSIGN_OR_RETURN(again, c->Run(ev_sql, {event_id}));
    if (again.Rows() == 0) return Status::Corruption("report without event");
    ev = std::move(again);
  }
  EventExplanation out;
  out.event = ReadStoredEvent(ev, 0, 0);
  auto reasons = nlohmann::json::parse(ev.Text(0, 3), nullptr, false);
  if (reasons.is_array())
    for (const auto& r : reasons)
      if (r.is_string()) out.reasons.push_back(r.get<std::string>());
  PG_ASSIGN_OR_RETURN(
      rs, c->Run("SELECT r.id, r.json, r.doc_id, COALESCE(d.outlet,''), COALESCE(d.url,''), "
                 "COALESCE(d.pub_date,'') FROM reports r JOIN documents d ON d.doc_id = r.doc_id "
                 "WHERE r.event_id = $1 ORDER BY r.report_id",
                 {event_id}));
  for (int i = 0; i < rs.Rows(); ++i) {
    StoredReport r;
    auto e = EventFromJson(rs.Text(i, 1));
    if (!e.ok()) return Status::Corruption("stored report is not an event");
    r.event = std::move(*e);
    r.doc_id = rs.Text(i, 2);
    r.outlet = rs.Text(i, 3);
    r.url = rs.Text(i, 4);
    r.pub_date = rs.Text(i, 5);
    PG_ASSIGN_OR_RETURN(
        sent, c->Run("SELECT sentence FROM evidence WHERE report_id = $1 ORDER BY id",
                     {rs.Text(i, 0)}));
    for (int k = 0; k < sent.Rows(); ++k) r.evidence_sentences.push_back(sent.Text(k, 0));
    out.reports.push_back(std::move(r));
  }
  return out;
}

StatusOr<StoredDocument> PgGetDocument(PgConn* c, const std::string& doc_id) {
  PG_ASSIGN_OR_RETURN(
      d, c->Run("SELECT text, COALESCE(pub_date,''), COALESCE(lang,''), COALESCE(url,''), "
                "COALESCE(outlet,'') FROM documents WHERE doc_id = $1",
                {doc_id}));
  if (d.Rows() == 0) return Status::NotFound("no document '" + doc_id + "'");
  StoredDocument out;
  out.id = doc_id;
  out.text = d.Text(0, 0);
  out.pub_date = d.Text(0, 1);
  out.lang = d.Text(0, 2);
  out.url = d.Text(0, 3);
  out.outlet = d.Text(0, 4);
  PG_ASSIGN_OR_RETURN(
      ev, c->Run("SELECT r.event_id, v.start_cp, v.end_cp FROM evidence v JOIN reports r ON r.id = "
                 "v.report_id WHERE r.doc_id = $1 ORDER BY v.start_cp, v.end_cp, v.id",
                 {doc_id}));
  for (int i = 0; i < ev.Rows(); ++i)
    out.evidence.push_back({ev.Text(i, 0), ev.Int(i, 1), ev.Int(i, 2)});
  return out;
}

StatusOr<StoreStats> PgStats(PgConn* c) {
  PG_ASSIGN_OR_RETURN(
      q, c->Run("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM reports), "
                "(SELECT count(*) FROM events), (SELECT count(*) FROM events WHERE n_docs > 1)"));
  StoreStats s;
  s.documents = q.Int(0, 0);
  s.reports = q.Int(0, 1);
  s.events = q.Int(0, 2);
  s.merged_events = q.Int(0, 3);
  PG_ASSIGN_OR_RETURN(v, PostgresSchemaVersion(c));
  s.schema_version = v;
  return s;
}

StatusOr<std::vector<std::string>> PgCheckConsistency(PgConn* c) {
  std::vector<std::string> problems;
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
      {"located events whose geometry is not their point",
       "SELECT count(*) FROM events WHERE (lat IS NULL) <> (geom IS NULL) OR (geom IS NOT NULL AND "
       "(ST_SRID(geom) <> 4326 OR abs(ST_X(geom) - lon) > 1e-9 OR abs(ST_Y(geom) - lat) > 1e-9))"},
  };
  for (const auto& [what, sql] : kChecks) {
    PG_ASSIGN_OR_RETURN(n, c->QueryInt(sql));
    if (n) problems.push_back(std::to_string(n) + " " + what);
  }
  return problems;
}

}  // namespace sitrep
