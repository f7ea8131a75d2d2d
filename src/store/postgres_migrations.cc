#include "store/postgres_migrations.h"

namespace sitrep {
namespace {

// 001: the same tables as the SQLite store (documents, reports, evidence,
// events, event_sources) with PostgreSQL's own indexes: PostGIS points with
// a GiST index for bounding boxes, full text in French and English (the
// document's language chooses; accents are folded by `unaccent` as SQLite's
// FTS5 folds them). Identifiers and the text columns queries sort or compare
// use the "C" collation, so that orders are byte orders as in SQLite
// whatever the database's locale.
const char* k001Initial = R"sql(
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION sitrep_french (COPY = french);
ALTER TEXT SEARCH CONFIGURATION sitrep_french
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION sitrep_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION sitrep_english
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

CREATE TABLE documents(
  id bigserial PRIMARY KEY,
  doc_id text COLLATE "C" NOT NULL UNIQUE,
  content_hash text NOT NULL,
  text text NOT NULL,
  pub_date text COLLATE "C", lang text, url text, outlet text,
  pipeline_version text NOT NULL,
  data_version text NOT NULL,
  ingested_at bigint NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (to_tsvector(
    CASE WHEN lang = 'fr' THEN 'sitrep_french'::regconfig ELSE 'sitrep_english'::regconfig END,
    text)) STORED);
CREATE INDEX documents_tsv ON documents USING gin(tsv);

CREATE TABLE reports(
  id bigserial PRIMARY KEY,
  report_id text COLLATE "C" NOT NULL UNIQUE,
  doc_id text COLLATE "C" NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
  ordinal integer NOT NULL,
  event_id text COLLATE "C" NOT NULL,
  event_type text COLLATE "C" NOT NULL,
  date_start text COLLATE "C", date_end text COLLATE "C",
  mergeable boolean NOT NULL,
  lat double precision, lon double precision, admin1 text COLLATE "C",
  pipeline_version text NOT NULL,
  data_version text NOT NULL,
  json text NOT NULL);
CREATE INDEX reports_doc ON reports(doc_id);
CREATE INDEX reports_event ON reports(event_id);
CREATE INDEX reports_when ON reports(event_type, date_start) WHERE mergeable;

CREATE TABLE evidence(
  id bigserial PRIMARY KEY,
  report_id bigint NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  start_cp bigint NOT NULL, end_cp bigint NOT NULL,
  sentence text NOT NULL,
  lang text,
  tsv tsvector GENERATED ALWAYS AS (to_tsvector(
    CASE WHEN lang = 'fr' THEN 'sitrep_french'::regconfig ELSE 'sitrep_english'::regconfig END,
    sentence)) STORED);
CREATE INDEX evidence_report ON evidence(report_id);
CREATE INDEX evidence_tsv ON evidence USING gin(tsv);

CREATE TABLE events(
  id bigserial PRIMARY KEY,
  event_id text COLLATE "C" NOT NULL UNIQUE,
  event_type text COLLATE "C" NOT NULL, sub_event_type text COLLATE "C" NOT NULL,
  date_start text COLLATE "C", date_end text COLLATE "C",
  admin1 text COLLATE "C", country text COLLATE "C",
  actor1 text COLLATE "C", actor2 text COLLATE "C",
  n_reports integer NOT NULL, n_docs integer NOT NULL,
  pipeline_version text NOT NULL,
  data_version text NOT NULL,
  outlets text NOT NULL,
  reasons text NOT NULL,
  updated_at bigint NOT NULL,
  json text NOT NULL,
  fatalities bigint NOT NULL DEFAULT 0,
  fatalities_order bigint NOT NULL DEFAULT -1,
  background boolean NOT NULL DEFAULT false,
  lat double precision, lon double precision,
  geom geometry(Point, 4326),
  claims jsonb NOT NULL DEFAULT '[]');
CREATE INDEX events_geom ON events USING gist(geom);
-- In the orders of the queries (undated events first, as in SQLite), so a
-- page of a million events is read from an index, never sorted whole; each
-- also holds what a page's selection reads (date_end, id and the filtered
-- column), so it is chosen by an index-only scan (postgres_query.cc).
CREATE INDEX events_date_id ON events(date_start NULLS FIRST, event_id) INCLUDE (date_end, id);
CREATE INDEX events_date_end ON events(date_end);
CREATE INDEX events_type_date ON events(lower(event_type), date_start NULLS FIRST, event_id)
  INCLUDE (date_end, id, event_type);
CREATE INDEX events_country_date ON events(lower(country), date_start NULLS FIRST, event_id)
  INCLUDE (date_end, id, country);
CREATE INDEX events_admin1 ON events(lower(admin1), date_start NULLS FIRST, event_id)
  INCLUDE (date_end, id, admin1);
CREATE INDEX events_actor1 ON events(lower(actor1), date_start NULLS FIRST, event_id)
  INCLUDE (date_end, id, actor1);
CREATE INDEX events_actor2 ON events(lower(actor2), date_start NULLS FIRST, event_id)
  INCLUDE (date_end, id, actor2);
CREATE INDEX events_fatalities ON events(fatalities_order DESC, date_start NULLS FIRST, event_id)
  INCLUDE (date_end, id);

CREATE TABLE event_sources(
  event_id bigint NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  source text NOT NULL);
CREATE UNIQUE INDEX event_sources_key ON event_sources(event_id, lower(source));
CREATE INDEX event_sources_source ON event_sources(lower(source));
)sql";

// 002: `event_stats`, the counts behind /api/stats and the map's grid when
// the filter is nothing or one event type, as in the SQLite store (slices
// '' and 'type:<event type>'; dimensions all, day, tday, type, sub,
// admin1, actor, source, word, g0..g3). The write path keeps them up to
// date (postgres_store.cc, one upsert per document in key order); this
// migration counts the events already stored.
const char* k002Stats = R"sql(
CREATE TABLE event_stats(
  slice text COLLATE "C" NOT NULL, dim text COLLATE "C" NOT NULL, key text COLLATE "C" NOT NULL,
  n bigint NOT NULL, fatalities bigint NOT NULL,
  PRIMARY KEY (slice, dim, key));
)sql";

// 003: `event_stats_month`, the same counts kept per country, event type
// and month, so that /api/stats and the totals of /api/events with a
// country, an event type and a date range sum kept rows instead of
// counting the events (postgres_query.cc). An event's month is a stored
// column of events: 'YYYY-MM' when it starts and ends in that month, ''
// when undated, '~' when it spans months (or has one end only). With a date
// filter, the months a bound cuts and the '~' events are counted over the
// events (index events_month). `timeline` is, on 'day' rows, the count of
// the day's events that are not background (event_stats' 'tday'); 'type'
// rows make by_type.
const char* k003MonthStats = R"sql(
-- The date order's index also holds the point, so a page with a box walks
-- it without reading the events it passes over; it and the type's and the
-- country's hold what the grid counts (lat, lon, fatalities), so the map's
-- grid with those filters is counted from them alone.
DROP INDEX events_date_id;
DROP INDEX events_type_date;
DROP INDEX events_country_date;
ALTER TABLE events ADD COLUMN month text COLLATE "C" GENERATED ALWAYS AS (
  CASE WHEN date_start IS NULL AND date_end IS NULL THEN ''
       WHEN left(date_start, 7) = left(date_end, 7) THEN left(date_start, 7)
       ELSE '~' END) STORED;
CREATE INDEX events_date_id ON events(date_start NULLS FIRST, event_id)
  INCLUDE (date_end, id, geom, lat, lon, fatalities);
CREATE INDEX events_type_date ON events(lower(event_type), date_start NULLS FIRST, event_id)
  INCLUDE (date_end, id, event_type, lat, lon, fatalities);
CREATE INDEX events_country_date ON events(lower(country), date_start NULLS FIRST, event_id)
  INCLUDE (date_end, id, country, lat, lon, fatalities);
-- Counting the events in a box from an index alone (postgres_query.cc).
CREATE INDEX events_lonlat ON events(lon, lat) INCLUDE (geom);
CREATE INDEX events_month ON events(month, lower(country), lower(event_type))
  INCLUDE (country, event_type, date_start, date_end);
CREATE TABLE event_stats_month(
  country text COLLATE "C" NOT NULL, event_type text COLLATE "C" NOT NULL,
  month text COLLATE "C" NOT NULL, dim text COLLATE "C" NOT NULL, key text COLLATE "C" NOT NULL,
  n bigint NOT NULL, fatalities bigint NOT NULL, timeline bigint NOT NULL,
  PRIMARY KEY (country, event_type, month, dim, key));
-- Both hold what the sums read, so they are index-only scans.
CREATE INDEX event_stats_month_country ON event_stats_month(lower(country), month)
  INCLUDE (country, event_type, dim, key, n, fatalities, timeline);
CREATE INDEX event_stats_month_type ON event_stats_month(lower(event_type), month)
  INCLUDE (country, event_type, dim, key, n, fatalities, timeline);
-- The totals (dim 'all') of a country or a type, one row per month.
CREATE INDEX event_stats_month_country_all ON event_stats_month(lower(country), month)
  INCLUDE (country, event_type, n) WHERE dim = 'all';
CREATE INDEX event_stats_month_type_all ON event_stats_month(lower(event_type), month)
  INCLUDE (country, event_type, n) WHERE dim = 'all';
)sql";

// 004: event_stats also keeps a slice per actor ('actor:<id>': the events
// with that actor on either side, once), as the SQLite store's migration
// 003, so /api/stats, the count and the grid of an actor read kept rows.
// The write path counts them; this migration recounts the stored events.
const char* k004ActorSlices = "SELECT 1";

constexpr int64_t kMigrationLock = 0x5174726570000001;  // "sitrep" + 1

}  // namespace

const std::vector<PgMigration>& PostgresMigrations() {
  static const std::vector<PgMigration> kMigrations = {
      {1, "001_initial", k001Initial},
      {2, "002_stats", k002Stats},
      {3, "003_month_stats", k003MonthStats},
      {4, "004_actor_slices", k004ActorSlices},
  };
  return kMigrations;
}

const char* PostgresRecountStats() {
  return R"sql(
DELETE FROM event_stats;
INSERT INTO event_stats(slice, dim, key, n, fatalities)
SELECT s.slice, d.dim, d.key, count(*), sum(e.fatalities)
FROM events e
CROSS JOIN LATERAL (VALUES (''), ('type:' || e.event_type), ('actor:' || e.actor1),
  (CASE WHEN e.actor2 IS DISTINCT FROM e.actor1 THEN 'actor:' || e.actor2 END)) s(slice)
CROSS JOIN LATERAL (VALUES
  ('all', ''),
  ('day', e.date_start),
  ('tday', CASE WHEN NOT e.background THEN e.date_start END),
  ('type', e.event_type),
  ('sub', e.sub_event_type),
  ('admin1', NULLIF(e.admin1, '')),
  ('actor', e.actor1),
  ('actor', CASE WHEN e.actor2 IS DISTINCT FROM e.actor1 THEN e.actor2 END),
  ('g0', floor(e.lon / 8.0)::bigint || ':' || floor(e.lat / 8.0)::bigint),
  ('g1', floor(e.lon / 2.0)::bigint || ':' || floor(e.lat / 2.0)::bigint),
  ('g2', floor(e.lon / 0.5)::bigint || ':' || floor(e.lat / 0.5)::bigint),
  ('g3', floor(e.lon / 0.125)::bigint || ':' || floor(e.lat / 0.125)::bigint)) d(dim, key)
WHERE d.key IS NOT NULL AND s.slice IS NOT NULL
GROUP BY 1, 2, 3;
INSERT INTO event_stats(slice, dim, key, n, fatalities)
SELECT s.slice, 'source', c.src, count(*), sum(e.fatalities)
FROM events e
CROSS JOIN LATERAL (VALUES (''), ('type:' || e.event_type), ('actor:' || e.actor1),
  (CASE WHEN e.actor2 IS DISTINCT FROM e.actor1 THEN 'actor:' || e.actor2 END)) s(slice)
CROSS JOIN LATERAL (SELECT DISTINCT x->>'source' AS src FROM jsonb_array_elements(e.claims) x) c
WHERE c.src IS NOT NULL AND s.slice IS NOT NULL
GROUP BY 1, 2, 3;
INSERT INTO event_stats(slice, dim, key, n, fatalities)
SELECT s.slice, 'word', (x->>'source') || chr(31) || (x->>'text'), count(*), sum(e.fatalities)
FROM events e
CROSS JOIN LATERAL (VALUES (''), ('type:' || e.event_type), ('actor:' || e.actor1),
  (CASE WHEN e.actor2 IS DISTINCT FROM e.actor1 THEN 'actor:' || e.actor2 END)) s(slice)
CROSS JOIN LATERAL jsonb_array_elements(e.claims) x
WHERE COALESCE(x->>'text', '') <> '' AND x->>'source' IS NOT NULL AND s.slice IS NOT NULL
GROUP BY 1, 2, 3;
)sql";
}

const char* PostgresRecountMonthStats() {
  return R"sql(
DELETE FROM event_stats_month;
CREATE TEMP TABLE month_events ON COMMIT DROP AS
SELECT e.id, COALESCE(e.country, '') AS country, e.event_type, e.month,
  e.sub_event_type, e.date_start, e.background, e.admin1, e.actor1, e.actor2, e.fatalities, e.claims
FROM events e;
INSERT INTO event_stats_month(country, event_type, month, dim, key, n, fatalities, timeline)
SELECT e.country, e.event_type, e.month, d.dim, d.key, count(*), sum(e.fatalities),
  count(*) FILTER (WHERE d.dim = 'day' AND NOT e.background)
FROM month_events e
CROSS JOIN LATERAL (VALUES
  ('all', ''),
  ('day', e.date_start),
  ('type', e.event_type),
  ('sub', e.sub_event_type),
  ('admin1', NULLIF(e.admin1, '')),
  ('actor', e.actor1),
  ('actor', CASE WHEN e.actor2 IS DISTINCT FROM e.actor1 THEN e.actor2 END)) d(dim, key)
WHERE d.key IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
INSERT INTO event_stats_month(country, event_type, month, dim, key, n, fatalities, timeline)
SELECT e.country, e.event_type, e.month, 'source', c.src, count(*), sum(e.fatalities), 0
FROM month_events e
CROSS JOIN LATERAL (SELECT DISTINCT x->>'source' AS src FROM jsonb_array_elements(e.claims) x) c
WHERE c.src IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
INSERT INTO event_stats_month(country, event_type, month, dim, key, n, fatalities, timeline)
SELECT e.country, e.event_type, e.month, 'word', (x->>'source') || chr(31) || (x->>'text'),
  count(*), sum(e.fatalities), 0
FROM month_events e
CROSS JOIN LATERAL jsonb_array_elements(e.claims) x
WHERE COALESCE(x->>'text', '') <> '' AND x->>'source' IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
DROP TABLE month_events;
)sql";
}

StatusOr<int> PostgresSchemaVersion(PgConn* c) {
  auto exists = c->QueryInt("SELECT count(*) FROM pg_tables WHERE tablename = 'schema_migrations' "
                            "AND schemaname = current_schema()");
  if (!exists.ok()) return exists.status();
  if (*exists == 0) return 0;
  auto v = c->QueryInt("SELECT COALESCE(max(version), 0) FROM schema_migrations");
  if (!v.ok()) return v.status();
  return static_cast<int>(*v);
}

Status MigratePostgres(PgConn* c, bool read_only) {
  int latest = PostgresMigrations().back().version;
  auto current = PostgresSchemaVersion(c);
  if (!current.ok()) return current.status();
  if (*current > latest)
    return Status::InvalidArgument("database schema version " + std::to_string(*current) +
                                   " is newer than this sitrep (" + std::to_string(latest) + ")");
  if (*current == latest) return Status::Ok();
  if (read_only)
    return Status::InvalidArgument(
        *current == 0 ? std::string("the database holds no sitrep store: run 'sitrep ingest' or "
                                    "'sitrep migrate' on it first")
                      : "database schema version " + std::to_string(*current) +
                            " needs upgrading: run 'sitrep ingest' on it first");
  // Session-level: held across the migrations' own transactions.
  SITREP_RETURN_IF_ERROR(c->Exec("SELECT pg_advisory_lock(" + std::to_string(kMigrationLock) + ")"));
  Status result = Status::Ok();
  for (const auto& m : PostgresMigrations()) {
    PgTransaction tx(c);
    result = tx.Begin();
    if (!result.ok()) break;
    result = c->Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations(version integer PRIMARY KEY, name text NOT "
        "NULL, applied_at timestamptz NOT NULL DEFAULT now())");
    if (!result.ok()) break;
    auto done = c->QueryInt("SELECT count(*) FROM schema_migrations WHERE version = $1",
                            {PgInt(m.version)});
    if (!done.ok()) {
      result = done.status();
      break;
    }
    if (*done) continue;  // another process applied it while we waited
    result = c->Exec(m.sql);
    if (result.ok() && (m.version == 2 || m.version == 4)) result = c->Exec(PostgresRecountStats());
    if (result.ok() && m.version == 3) result = c->Exec(PostgresRecountMonthStats());
    if (!result.ok()) {
      result = Status::Internal(std::string("migration ") + m.name + ": " + result.message());
      break;
    }
    auto rec = c->Query("INSERT INTO schema_migrations(version, name) VALUES ($1, $2)",
                        {PgInt(m.version), std::string(m.name)});
    if (!rec.ok()) {
      result = rec.status();
      break;
    }
    result = tx.Commit();
    if (!result.ok()) break;
  }
  Status unlock = c->Exec("SELECT pg_advisory_unlock(" + std::to_string(kMigrationLock) + ")");
  return result.ok() ? unlock : result;
}

}  // namespace sitrep
