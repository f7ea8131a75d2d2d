#include "store/sqlite_migrations.h"

#include <string>

namespace sitrep {
namespace {

// 001: documents with their text, per-document reports, evidence sentences,
// merged events; FTS5 over document text and evidence sentences (kept in
// step by triggers), R*Tree over event locations.
const char* k001Initial = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE documents(
  rowid INTEGER PRIMARY KEY,
  doc_id TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  text TEXT NOT NULL,
  pub_date TEXT, lang TEXT, url TEXT, outlet TEXT,
  pipeline_version TEXT NOT NULL,
  data_version TEXT NOT NULL,
  ingested_at INTEGER NOT NULL);
CREATE VIRTUAL TABLE documents_fts USING fts5(
  text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;

CREATE TABLE reports(
  rowid INTEGER PRIMARY KEY,
  report_id TEXT NOT NULL UNIQUE,
  doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  date_start TEXT, date_end TEXT,
  mergeable INTEGER NOT NULL,
  lat REAL, lon REAL, admin1 TEXT,
  pipeline_version TEXT NOT NULL,
  data_version TEXT NOT NULL,
  json TEXT NOT NULL);
CREATE INDEX reports_doc ON reports(doc_id);
CREATE INDEX reports_event ON reports(event_id);
CREATE INDEX reports_when ON reports(event_type, date_start) WHERE mergeable;

CREATE TABLE evidence(
  rowid INTEGER PRIMARY KEY,
  report_rowid INTEGER NOT NULL REFERENCES reports(rowid) ON DELETE CASCADE,
  start INTEGER NOT NULL, end INTEGER NOT NULL,
  sentence TEXT NOT NULL);
CREATE INDEX evidence_report ON evidence(report_rowid);
CREATE VIRTUAL TABLE evidence_fts USING fts5(
  sentence, content='evidence', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER evidence_ai AFTER INSERT ON evidence BEGIN
  INSERT INTO evidence_fts(rowid, sentence) VALUES (new.rowid, new.sentence);
END;
CREATE TRIGGER evidence_ad AFTER DELETE ON evidence BEGIN
  INSERT INTO evidence_fts(evidence_fts, rowid, sentence) VALUES ('delete', old.rowid, old.sentence);
END;

CREATE TABLE events(
  rowid INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,
  date_start TEXT, date_end TEXT,
  admin1 TEXT, country TEXT,
  actor1 TEXT, actor2 TEXT,
  n_reports INTEGER NOT NULL, n_docs INTEGER NOT NULL,
  pipeline_version TEXT NOT NULL,
  data_version TEXT NOT NULL,
  outlets TEXT NOT NULL,
  reasons TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  json TEXT NOT NULL);
CREATE INDEX events_date ON events(date_start, date_end);
CREATE INDEX events_admin1 ON events(admin1);
CREATE INDEX events_country ON events(country);
CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);
CREATE TRIGGER events_ad AFTER DELETE ON events BEGIN
  DELETE FROM events_rtree WHERE id = old.rowid;
END;
CREATE TABLE event_sources(
  event_rowid INTEGER NOT NULL REFERENCES events(rowid) ON DELETE CASCADE,
  source TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (event_rowid, source)) WITHOUT ROWID;
CREATE INDEX event_sources_source ON event_sources(source);
)sql";

// 002: what the aggregates need as columns (fatalities, background,
// location), the indexes of the filtered pages, and `event_stats`: the
// counts behind /api/stats and the map's grid, kept up to date by triggers
// whenever an event is written or deleted, so that no answer has to read
// every event. A slice is '' (every event) or 'type:<event type>'; a
// dimension is 'all' (key ''), 'day' (start day), 'tday' (start day of the
// events a timeline shows: not background), 'type', 'sub', 'admin1',
// 'actor' (either side, once), 'source' (claim sources, once per event),
// 'word' (source, 0x1f, the claim's words; one per claim) and 'g0'..'g3'
// (the grid cell "x:y" of the location in cells of 8, 2, 0.5 and 0.125
// degrees). Rows whose count fell to 0 stay and are read as absent.
struct StatsDim {
  const char* dim;
  const char* key;    // SQL over the event row `$`
  const char* where;  // SQL over `$`
};

const std::vector<StatsDim>& StatsDims() {
  static const std::vector<StatsDim> kDims = {
      {"all", "''", "1"},
      {"day", "$.date_start", "$.date_start IS NOT NULL"},
      {"tday", "$.date_start", "$.date_start IS NOT NULL AND NOT $.background"},
      {"type", "$.event_type", "1"},
      {"sub", "$.sub_event_type", "1"},
      {"admin1", "$.admin1", "$.admin1 IS NOT NULL AND $.admin1 <> ''"},
      {"actor", "$.actor1", "$.actor1 IS NOT NULL"},
      {"actor", "$.actor2", "$.actor2 IS NOT NULL AND $.actor2 IS NOT $.actor1"},
      {"g0", "CAST(floor($.lon / 8.0) AS INTEGER) || ':' || CAST(floor($.lat / 8.0) AS INTEGER)",
       "$.lat IS NOT NULL AND $.lon IS NOT NULL"},
      {"g1", "CAST(floor($.lon / 2.0) AS INTEGER) || ':' || CAST(floor($.lat / 2.0) AS INTEGER)",
       "$.lat IS NOT NULL AND $.lon IS NOT NULL"},
      {"g2", "CAST(floor($.lon / 0.5) AS INTEGER) || ':' || CAST(floor($.lat / 0.5) AS INTEGER)",
       "$.lat IS NOT NULL AND $.lon IS NOT NULL"},
      {"g3", "CAST(floor($.lon / 0.125) AS INTEGER) || ':' || CAST(floor($.lat / 0.125) AS INTEGER)",
       "$.lat IS NOT NULL AND $.lon IS NOT NULL"},
  };
  return kDims;
}

std::string Subst(std::string sql, const std::string& row) {
  for (size_t p; (p = sql.find('$')) != std::string::npos;) sql.replace(p, 1, row);
  return sql;
}

// The slices of an event `$` in event_stats: until migration 003, the
// whole store and its type; from 003 also each of its actors.
const char* kSlices002 = "(SELECT '' AS slice UNION ALL SELECT 'type:' || $.event_type) s";
const char* kSlices003 =
    "(SELECT '' AS slice UNION ALL SELECT 'type:' || $.event_type UNION ALL SELECT 'actor:' || "
    "$.actor1 WHERE $.actor1 IS NOT NULL UNION ALL SELECT 'actor:' || $.actor2 WHERE $.actor2 IS "
    "NOT NULL AND $.actor2 IS NOT $.actor1) s";

// One statement per dimension adding `sign` (1 or -1) times the event `row`
// to each of its slices.
std::string StatsUpdates(const std::string& row, const char* sign, const char* slices_sql = kSlices002) {
  const std::string slices = Subst(slices_sql, row);
  const std::string upsert =
      " ON CONFLICT(slice, dim, key) DO UPDATE SET n = n + excluded.n, "
      "fatalities = fatalities + excluded.fatalities;\n";
  const std::string value = std::string(sign) + ", " + sign + " * " + row + ".fatalities";
  std::string out;
  for (const auto& d : StatsDims()) {
    out += "INSERT INTO event_stats(slice, dim, key, n, fatalities) SELECT s.slice, '" +
           std::string(d.dim) + "', " + Subst(d.key, row) + ", " + value + " FROM " + slices +
           " WHERE " + Subst(d.where, row) + upsert;
  }
  out += "INSERT INTO event_stats(slice, dim, key, n, fatalities) SELECT s.slice, 'source', c.src, " +
         value + " FROM " + slices + ", (SELECT DISTINCT json_extract(value, '$.source') AS src FROM json_each(" +
         row + ".json, '$.claims')) c WHERE true" + upsert;
  out += "INSERT INTO event_stats(slice, dim, key, n, fatalities) SELECT s.slice, 'word', "
         "json_extract(c.value, '$.source') || char(31) || json_extract(c.value, '$.text'), " +
         value + " FROM " + slices + ", json_each(" + row +
         ".json, '$.claims') c WHERE COALESCE(json_extract(c.value, '$.text'), '') <> ''" + upsert;
  return out;
}

const char* k002Aggregates() {
  static const std::string sql = [] {
    std::string s = R"sql(
ALTER TABLE events ADD COLUMN fatalities INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN background INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN lat REAL;
ALTER TABLE events ADD COLUMN lon REAL;
UPDATE events SET fatalities = COALESCE(json_extract(json, '$.fatalities.best'), 0),
  background = COALESCE(json_extract(json, '$.background'), 0),
  lat = json_extract(json, '$.location.lat'), lon = json_extract(json, '$.location.lon');
CREATE INDEX events_type_date ON events(event_type COLLATE NOCASE, date_start, event_id, date_end);
CREATE INDEX events_country_date ON events(country COLLATE NOCASE, date_start);
CREATE INDEX events_date_id ON events(date_start, event_id);
CREATE INDEX events_actor1 ON events(actor1 COLLATE NOCASE, date_start);
CREATE INDEX events_actor2 ON events(actor2 COLLATE NOCASE, date_start);
CREATE TABLE event_stats(
  slice TEXT NOT NULL, dim TEXT NOT NULL, key TEXT NOT NULL,
  n INTEGER NOT NULL, fatalities INTEGER NOT NULL,
  PRIMARY KEY (slice, dim, key)) WITHOUT ROWID;
)sql";
    s += "CREATE TRIGGER events_stats_ai AFTER INSERT ON events BEGIN\n" + StatsUpdates("new", "1") + "END;\n";
    s += "CREATE TRIGGER events_stats_ad AFTER DELETE ON events BEGIN\n" + StatsUpdates("old", "-1") + "END;\n";
    // The events already stored: the same statements, once per event.
    s += "CREATE TEMP TRIGGER stats_backfill AFTER UPDATE OF updated_at ON events BEGIN\n" +
         StatsUpdates("new", "1") + "END;\n";
    s += "UPDATE events SET updated_at = updated_at;\nDROP TRIGGER stats_backfill;\n";
    return s;
  }();
  return sql.c_str();
}

// 003: what the filtered answers need at a million events.
// - `events.month`: 'YYYY-MM' when the event starts and ends in that month,
//   '' when undated, '~' when it spans months (or has one end only); a
//   virtual column, so the write path is unchanged.
// - `event_stats_month`: the dimensions of event_stats (but 'tday' and the
//   grid) per country ('' when none), event type and month (both ignoring
//   case), as in the PostgreSQL store; `timeline` is, on 'day' rows, the count of the day's
//   events that are not background. A filter of dates, country and type
//   sums the months it covers whole and counts in SQL only the months its
//   bounds cut and the events that span months (sqlite_store.cc).
// - event_stats slices 'actor:<id>': the counts of each actor's events
//   (either side, once), for /api/stats, the count and the grid of an actor.
// - `meta` 'events_generation': a number every write of an event or
//   document changes (Store::ChangeMark), so that an answer can be reused
//   until the store changes.
// - Indexes in the orders of the pages: the date order holds the point
//   (a page with a box walks it without reading the events), the country's
//   and each actor side's hold the event id (no sort of a country's events).
const std::vector<StatsDim>& MonthDims() {
  static const std::vector<StatsDim> kDims = [] {
    std::vector<StatsDim> out;
    for (const auto& d : StatsDims()) {
      std::string dim = d.dim;
      if (dim != "tday" && dim[0] != 'g') out.push_back(d);
    }
    return out;
  }();
  return kDims;
}

const char* kMonthUpsert =
    " ON CONFLICT(country, event_type, month, dim, key) DO UPDATE SET n = n + excluded.n, "
    "fatalities = fatalities + excluded.fatalities, timeline = timeline + excluded.timeline;\n";

// One statement per dimension adding `sign` times the event `row` to its
// event_stats_month rows.
std::string MonthUpdates(const std::string& row, const char* sign) {
  const std::string head =
      "INSERT INTO event_stats_month(country, event_type, month, dim, key, n, fatalities, timeline) "
      "SELECT COALESCE(" + row + ".country, ''), " + row + ".event_type, " + row + ".month, ";
  const std::string value = std::string(sign) + ", " + sign + " * " + row + ".fatalities, ";
  std::string out;
  for (const auto& d : MonthDims()) {
    std::string timeline =
        std::string(d.dim) == "day" ? std::string(sign) + " * (NOT " + row + ".background)" : "0";
    out += head + "'" + d.dim + "', " + Subst(d.key, row) + ", " + value + timeline + " WHERE " +
           Subst(d.where, row) + kMonthUpsert;
  }
  out += head + "'source', c.src, " + value + "0 FROM (SELECT DISTINCT json_extract(value, "
         "'$.source') AS src FROM json_each(" + row + ".json, '$.claims')) c WHERE true" + kMonthUpsert;
  out += head + "'word', json_extract(c.value, '$.source') || char(31) || json_extract(c.value, "
         "'$.text'), " + value + "0 FROM json_each(" + row + ".json, '$.claims') c WHERE "
         "COALESCE(json_extract(c.value, '$.text'), '') <> ''" + kMonthUpsert;
  return out;
}

// The counts of the events already stored, one GROUP BY per dimension.
std::string MonthRecount() {
  const std::string head =
      "INSERT INTO event_stats_month(country, event_type, month, dim, key, n, fatalities, timeline) "
      "SELECT COALESCE(e.country, ''), e.event_type, e.month, ";
  std::string out;
  for (const auto& d : MonthDims()) {
    std::string timeline = std::string(d.dim) == "day" ? "sum(NOT e.background)" : "0";
    out += head + "'" + d.dim + "', " + Subst(d.key, "e") + ", count(*), sum(e.fatalities), " +
           timeline + " FROM events e WHERE " + Subst(d.where, "e") + " GROUP BY 1, 2, 3, 5" +
           kMonthUpsert;
  }
  out += "INSERT INTO event_stats_month(country, event_type, month, dim, key, n, fatalities, timeline) "
         "SELECT country, event_type, month, 'source', src, count(*), sum(fatalities), 0 FROM "
         "(SELECT DISTINCT e.rowid, COALESCE(e.country, '') AS country, e.event_type, e.month, "
         "e.fatalities, json_extract(c.value, '$.source') AS src FROM events e, "
         "json_each(e.json, '$.claims') c) GROUP BY 1, 2, 3, 5" + std::string(kMonthUpsert);
  out += head + "'word', json_extract(c.value, '$.source') || char(31) || json_extract(c.value, "
         "'$.text'), count(*), sum(e.fatalities), 0 FROM events e, json_each(e.json, '$.claims') c "
         "WHERE COALESCE(json_extract(c.value, '$.text'), '') <> '' GROUP BY 1, 2, 3, 5" + kMonthUpsert;
  return out;
}

const char* kStatsUpsert =
    " ON CONFLICT(slice, dim, key) DO UPDATE SET n = n + excluded.n, "
    "fatalities = fatalities + excluded.fatalities;\n";

// The actor slices of the events already stored: per side (the second
// when it differs from the first), one GROUP BY per dimension.
std::string ActorSlicesRecount() {
  std::string out;
  for (const char* side : {"actor1", "actor2"}) {
    const std::string who = std::string("e.") + side + " IS NOT NULL" +
                            (std::string(side) == "actor2" ? " AND e.actor2 IS NOT e.actor1" : "");
    const std::string slice = std::string("'actor:' || e.") + side;
    for (const auto& d : StatsDims()) {
      out += "INSERT INTO event_stats(slice, dim, key, n, fatalities) SELECT " + slice + ", '" + d.dim +
             "', " + Subst(d.key, "e") + ", count(*), sum(e.fatalities) FROM events e WHERE " + who +
             " AND " + Subst(d.where, "e") + " GROUP BY 1, 3" + kStatsUpsert;
    }
    out += "INSERT INTO event_stats(slice, dim, key, n, fatalities) SELECT slice, 'source', src, "
           "count(*), sum(fatalities) FROM (SELECT DISTINCT e.rowid, " + slice + " AS slice, "
           "e.fatalities, json_extract(c.value, '$.source') AS src FROM events e, json_each(e.json, "
           "'$.claims') c WHERE " + who + ") GROUP BY 1, 3" + kStatsUpsert;
    out += "INSERT INTO event_stats(slice, dim, key, n, fatalities) SELECT " + slice + ", 'word', "
           "json_extract(c.value, '$.source') || char(31) || json_extract(c.value, '$.text'), "
           "count(*), sum(e.fatalities) FROM events e, json_each(e.json, '$.claims') c WHERE " + who +
           " AND COALESCE(json_extract(c.value, '$.text'), '') <> '' GROUP BY 1, 3" + kStatsUpsert;
  }
  return out;
}

const char* k003Filtered() {
  static const std::string sql = [] {
    std::string s = R"sql(
ALTER TABLE events ADD COLUMN month TEXT GENERATED ALWAYS AS (
  CASE WHEN date_start IS NULL AND date_end IS NULL THEN ''
       WHEN substr(date_start, 1, 7) = substr(date_end, 1, 7) THEN substr(date_start, 1, 7)
       ELSE '~' END) VIRTUAL;
CREATE INDEX events_month ON events(month, event_type COLLATE NOCASE, country COLLATE NOCASE,
  date_start, date_end);
DROP INDEX events_date_id;
CREATE INDEX events_date_id ON events(date_start, event_id, lon, lat);
DROP INDEX events_country_date;
CREATE INDEX events_country_date ON events(country COLLATE NOCASE, date_start, event_id);
DROP INDEX events_actor1;
CREATE INDEX events_actor1 ON events(actor1 COLLATE NOCASE, date_start, event_id);
DROP INDEX events_actor2;
CREATE INDEX events_actor2 ON events(actor2 COLLATE NOCASE, date_start, event_id);
-- Country and type are only ever matched ignoring case, as the filters do:
-- their spellings share rows. The rows of a country are together; a type's
-- are read from an index that holds them whole; the totals ('all') of a
-- type, a country or every event have small indexes of their own.
CREATE TABLE event_stats_month(
  country TEXT NOT NULL COLLATE NOCASE, event_type TEXT NOT NULL COLLATE NOCASE,
  month TEXT NOT NULL, dim TEXT NOT NULL, key TEXT NOT NULL,
  n INTEGER NOT NULL, fatalities INTEGER NOT NULL, timeline INTEGER NOT NULL,
  PRIMARY KEY (country, event_type, month, dim, key)) WITHOUT ROWID;
CREATE INDEX event_stats_month_type ON event_stats_month(event_type, month, dim, key, n,
  fatalities, timeline);
CREATE INDEX event_stats_month_all ON event_stats_month(month, n) WHERE dim = 'all';
CREATE INDEX event_stats_month_type_all ON event_stats_month(event_type, month, n) WHERE dim = 'all';
CREATE INDEX event_stats_month_country_all ON event_stats_month(country, month, n) WHERE dim = 'all';
DROP TRIGGER events_stats_ai;
DROP TRIGGER events_stats_ad;
INSERT OR REPLACE INTO meta(key, value) VALUES ('events_generation', '1');
)sql";
    s += MonthRecount();
    s += ActorSlicesRecount();
    s += "CREATE TRIGGER events_stats_ai AFTER INSERT ON events BEGIN\n" +
         StatsUpdates("new", "1", kSlices003) + MonthUpdates("new", "1") + "END;\n";
    s += "CREATE TRIGGER events_stats_ad AFTER DELETE ON events BEGIN\n" +
         StatsUpdates("old", "-1", kSlices003) + MonthUpdates("old", "-1") + "END;\n";
    const char* bump = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'events_generation';\n";
    for (const char* when : {"AFTER INSERT ON events", "AFTER DELETE ON events", "AFTER UPDATE ON events",
                             "AFTER INSERT ON documents", "AFTER DELETE ON documents"}) {
      std::string name = std::string(when).find("documents") != std::string::npos ? "documents" : "events";
      name += std::string("_generation_") + (std::string(when).find("INSERT") != std::string::npos ? "ai"
                                             : std::string(when).find("DELETE") != std::string::npos ? "ad"
                                                                                                    : "au");
      s += "CREATE TRIGGER " + name + " " + when + " BEGIN\n" + bump + "END;\n";
    }
    return s;
  }();
  return sql.c_str();
}

// The side indexes of an actor and the country index also hold each
// event's end date (and the actor index its other side): an actor's count
// between dates is counted from the two side indexes alone (less the events
// on both sides), and a page from a date skips the events that end before
// it without reading their rows.
const char* k004Covering = R"sql(
DROP INDEX events_actor1;
CREATE INDEX events_actor1 ON events(actor1 COLLATE NOCASE, date_start, event_id, date_end, actor2);
DROP INDEX events_actor2;
CREATE INDEX events_actor2 ON events(actor2 COLLATE NOCASE, date_start, event_id, date_end);
DROP INDEX events_country_date;
CREATE INDEX events_country_date ON events(country COLLATE NOCASE, date_start, event_id, date_end);
)sql";

// A store analysed before (sqlite_stat1: `ANALYZE` by hand or by a bulk
// loader) gets the statistics of the indexes a migration made, so that the
// planner does not weigh indexes it knows against ones it does not. A store
// never analysed stays so.
Status AnalyzeNewIndexes(SqliteDb* db, int version) {
  if (version != 3 && version != 4) return Status::Ok();
  auto analysed = db->QueryInt("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'");
  if (!analysed.ok()) return analysed.status();
  if (*analysed == 0) return Status::Ok();
  if (version == 4) return db->Exec("ANALYZE events_actor1; ANALYZE events_actor2; ANALYZE events_country_date;");
  return db->Exec("ANALYZE events; ANALYZE event_stats_month;");
}

}  // namespace

const std::vector<Migration>& StoreMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "001_initial", k001Initial},
      {2, "002_aggregates", k002Aggregates()},
      {3, "003_filtered", k003Filtered()},
      {4, "004_covering", k004Covering},
  };
  return kMigrations;
}

Status Migrate(SqliteDb* db, bool read_only) {
  auto current = db->QueryInt("PRAGMA user_version");
  if (!current.ok()) return current.status();
  int latest = StoreMigrations().back().version;
  if (*current > latest)
    return Status::InvalidArgument("database schema version " + std::to_string(*current) +
                                   " is newer than this sitrep (" + std::to_string(latest) + ")");
  if (*current == latest) return Status::Ok();
  if (read_only)
    return Status::InvalidArgument("database schema version " + std::to_string(*current) +
                                   " needs upgrading: run 'sitrep ingest' on it first");
  for (const auto& m : StoreMigrations()) {
    if (m.version <= *current) continue;
    SqliteTransaction tx(db);
    SITREP_RETURN_IF_ERROR(tx.Begin());
    // Another process may have migrated while we waited for the lock.
    auto now = db->QueryInt("PRAGMA user_version");
    if (!now.ok()) return now.status();
    if (*now >= m.version) continue;
    Status st = db->Exec(m.sql);
    if (st.ok()) st = AnalyzeNewIndexes(db, m.version);
    if (!st.ok()) return Status::Internal(std::string("migration ") + m.name + ": " + st.message());
    SITREP_RETURN_IF_ERROR(db->Exec("PRAGMA user_version = " + std::to_string(m.version)));
    SITREP_RETURN_IF_ERROR(tx.Commit());
  }
  return Status::Ok();
}

}  // namespace sitrep
