// The PostgreSQL side of a store copy (store_copy.h): the source's rows go
// by COPY into temporary staging tables, then one statement per table moves
// them into the store, keyed by the natural ids (document, report, event),
// all in one transaction under the store-wide lock.
#include <nlohmann/json.hpp>

#include "sitrep/store.h"
#include "store/postgres_db.h"
#include "store/postgres_migrations.h"
#include "store/store_copy.h"

namespace sitrep {
namespace {

// COPY's text format: backslash escapes, \N for NULL.
void AppendCopyField(const std::optional<std::string>& v, std::string* out) {
  if (!v) {
    *out += "\\N";
    return;
  }
  for (char ch : *v) {
    switch (ch) {
      case '\\': *out += "\\\\"; break;
      case '\t': *out += "\\t"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      default: *out += ch;
    }
  }
}

class StagingSink : public CopySink {
 public:
  StagingSink(PgConn* c, CopyCounts* counts,
              const std::function<void(const std::string&, int64_t)>& progress)
      : c_(c), counts_(counts), progress_(progress) {}

  Status BeginTable(const std::string& table, const std::vector<std::string>& columns) override {
    table_ = table;
    std::string cols, defs;
    for (const auto& col : columns) {
      cols += (cols.empty() ? "\"" : ", \"") + col + "\"";
      defs += ", \"" + col + "\" text";
    }
    SITREP_RETURN_IF_ERROR(c_->Exec("CREATE TEMP TABLE stage_" + table +
                                    "(seq bigserial" + defs + ") ON COMMIT DROP"));
    return c_->CopyStart("COPY stage_" + table + "(" + cols + ") FROM STDIN");
  }
  Status Row(const CopyRow& row) override {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) buf_ += '\t';
      AppendCopyField(row[i], &buf_);
    }
    buf_ += '\n';
    int64_t n = ++counts_->read[table_];
    if (progress_ && n % 10000 == 0) progress_(table_, n);
    if (buf_.size() > (1u << 20)) return Flush();
    return Status::Ok();
  }
  Status EndTable() override {
    SITREP_RETURN_IF_ERROR(Flush());
    if (progress_) progress_(table_, counts_->read[table_]);
    return c_->CopyEnd();
  }

 private:
  Status Flush() {
    Status st = buf_.empty() ? Status::Ok() : c_->CopyData(buf_);
    buf_.clear();
    return st;
  }
  PgConn* c_;
  CopyCounts* counts_;
  std::function<void(const std::string&, int64_t)> progress_;
  std::string table_, buf_;
};

const char* kChangedDocument =
    "(d.content_hash, d.data_version, d.pipeline_version) IS DISTINCT FROM "
    "(s.content_hash, s.data_version, s.pipeline_version)";

// The staged rows into the store's tables; fills the document counts.
Status MoveStaged(PgConn* c, CopyCounts* counts) {
  auto n = c->Query(std::string("SELECT count(*) FILTER (WHERE d.doc_id IS NULL), "
                                "count(*) FILTER (WHERE d.doc_id IS NOT NULL AND ") +
                    kChangedDocument + "), count(*) FILTER (WHERE d.doc_id IS NOT NULL AND NOT " +
                    kChangedDocument +
                    ") FROM stage_documents s LEFT JOIN documents d ON d.doc_id = s.doc_id");
  if (!n.ok()) return n.status();
  counts->documents_new = n->Int(0, 0);
  counts->documents_replaced = n->Int(0, 1);
  counts->documents_unchanged = n->Int(0, 2);
  const std::string steps[] = {
      std::string("DELETE FROM documents d USING stage_documents s WHERE d.doc_id = s.doc_id AND ") +
          kChangedDocument,
      "INSERT INTO documents(doc_id, content_hash, text, pub_date, lang, url, outlet, "
      "pipeline_version, data_version, ingested_at) SELECT doc_id, content_hash, text, pub_date, "
      "lang, url, outlet, pipeline_version, data_version, ingested_at::bigint FROM stage_documents "
      "ORDER BY seq ON CONFLICT (doc_id) DO NOTHING",
      "INSERT INTO reports(report_id, doc_id, ordinal, event_id, event_type, date_start, date_end, "
      "mergeable, lat, lon, admin1, pipeline_version, data_version, json) SELECT report_id, doc_id, "
      "ordinal::integer, event_id, event_type, date_start, date_end, mergeable::integer <> 0, "
      "lat::float8, lon::float8, admin1, pipeline_version, data_version, json FROM stage_reports "
      "ORDER BY seq ON CONFLICT (report_id) DO UPDATE SET event_id = excluded.event_id",
      "INSERT INTO evidence(report_id, start_cp, end_cp, sentence, lang) SELECT r.id, "
      "s.\"start\"::bigint, s.\"end\"::bigint, s.sentence, d.lang FROM stage_evidence s JOIN "
      "reports r ON r.report_id = s.report_id JOIN documents d ON d.doc_id = r.doc_id WHERE NOT "
      "EXISTS (SELECT 1 FROM evidence v WHERE v.report_id = r.id) ORDER BY s.seq",
      "DELETE FROM event_sources x USING events e, stage_events s WHERE x.event_id = e.id AND "
      "e.event_id = s.event_id",
  };
  for (const auto& sql : steps) SITREP_RETURN_IF_ERROR(c->Exec(sql));
  auto events = c->Query(
      "INSERT INTO events(event_id, event_type, sub_event_type, date_start, date_end, admin1, "
      "country, actor1, actor2, n_reports, n_docs, pipeline_version, data_version, outlets, "
      "reasons, updated_at, json, fatalities, fatalities_order, background, lat, lon, geom, claims) "
      "SELECT event_id, event_type, sub_event_type, date_start, date_end, admin1, country, actor1, "
      "actor2, n_reports::integer, n_docs::integer, pipeline_version, data_version, outlets, "
      "reasons, updated_at::bigint, json, fatalities::bigint, "
      "COALESCE((j->'fatalities'->>'best')::numeric::bigint, -1), background::integer <> 0, "
      "lat::float8, lon::float8, CASE WHEN lat IS NOT NULL AND lon IS NOT NULL THEN "
      "ST_SetSRID(ST_MakePoint(lon::float8, lat::float8), 4326) END, "
      "COALESCE(j->'claims', '[]'::jsonb) FROM (SELECT s.*, s.json::jsonb AS j FROM stage_events s) "
      "s ORDER BY seq ON CONFLICT (event_id) DO UPDATE SET event_type = excluded.event_type, "
      "sub_event_type = excluded.sub_event_type, date_start = excluded.date_start, date_end = "
      "excluded.date_end, admin1 = excluded.admin1, country = excluded.country, actor1 = "
      "excluded.actor1, actor2 = excluded.actor2, n_reports = excluded.n_reports, n_docs = "
      "excluded.n_docs, pipeline_version = excluded.pipeline_version, data_version = "
      "excluded.data_version, outlets = excluded.outlets, reasons = excluded.reasons, updated_at = "
      "excluded.updated_at, json = excluded.json, fatalities = excluded.fatalities, "
      "fatalities_order = excluded.fatalities_order, background = excluded.background, lat = "
      "excluded.lat, lon = excluded.lon, geom = excluded.geom, claims = excluded.claims");
  if (!events.ok()) return events.status();
  counts->events_written = events->Affected();
  SITREP_RETURN_IF_ERROR(c->Exec(
      "INSERT INTO event_sources(event_id, source) SELECT e.id, s.source FROM stage_event_sources s "
      "JOIN events e ON e.event_id = s.event_id ORDER BY s.seq ON CONFLICT DO NOTHING"));
  // The kept counts, recounted over every event (the copied and any others).
  SITREP_RETURN_IF_ERROR(c->Exec(PostgresRecountStats()));
  return c->Exec(PostgresRecountMonthStats());
}

}  // namespace

StatusOr<CopyCounts> CopySqliteToPostgres(
    const std::string& path, const std::string& url,
    const std::function<void(const std::string&, int64_t)>& progress) {
  {
    // Creates and migrates the target (and checks the address) first.
    auto target = Store::Open(url);
    if (!target.ok()) return target.status();
  }
  auto c = PgConn::Connect(url);
  if (!c.ok()) return c.status();
  CopyCounts counts;
  PgTransaction tx(c->get());
  SITREP_RETURN_IF_ERROR(tx.Begin());
  // The store-wide lock, exclusive (see postgres_store.cc): no writer meanwhile.
  SITREP_RETURN_IF_ERROR((*c)->Exec("SELECT pg_advisory_xact_lock(21876, 1)"));
  StagingSink sink(c->get(), &counts, progress);
  SITREP_RETURN_IF_ERROR(ReadSqliteStoreForCopy(path, &sink));
  SITREP_RETURN_IF_ERROR(MoveStaged(c->get(), &counts));
  SITREP_RETURN_IF_ERROR(tx.Commit());
  return counts;
}

}  // namespace sitrep
