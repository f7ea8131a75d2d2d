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

// One statement per dimension adding `sign` (1 or -1) times the event `row`
// to both of its slices.
std::string StatsUpdates(const std::string& row, const char* sign) {
  const std::string slices = "(SELECT '' AS slice UNION ALL SELECT 'type:' || " + row + ".event_type) s";
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

}  // namespace

const std::vector<Migration>& StoreMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "001_initial", k001Initial},
      {2, "002_aggregates", k002Aggregates()},
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
    if (!st.ok()) return Status::Internal(std::string("migration ") + m.name + ": " + st.message());
    SITREP_RETURN_IF_ERROR(db->Exec("PRAGMA user_version = " + std::to_string(m.version)));
    SITREP_RETURN_IF_ERROR(tx.Commit());
  }
  return Status::Ok();
}

}  // namespace sitrep
