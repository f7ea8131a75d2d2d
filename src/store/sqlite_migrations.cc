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

}  // namespace

const std::vector<Migration>& StoreMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "001_initial", k001Initial},
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
