// The SQLite side of a store copy (store_copy.h): each table's rows as text.
#include <sqlite3.h>

#include <cstdio>

#include "store/sqlite_db.h"
#include "store/sqlite_migrations.h"
#include "store/store_copy.h"

namespace sitrep {
namespace {

struct CopyQuery {
  const char* table;
  std::vector<std::string> columns;
  const char* sql;
};

const std::vector<CopyQuery>& CopyQueries() {
  static const std::vector<CopyQuery> kQueries = {
      {"documents",
       {"doc_id", "content_hash", "text", "pub_date", "lang", "url", "outlet", "pipeline_version",
        "data_version", "ingested_at"},
       "SELECT doc_id, content_hash, text, pub_date, lang, url, outlet, pipeline_version, "
       "data_version, ingested_at FROM documents ORDER BY rowid"},
      {"reports",
       {"report_id", "doc_id", "ordinal", "event_id", "event_type", "date_start", "date_end",
        "mergeable", "lat", "lon", "admin1", "pipeline_version", "data_version", "json"},
       "SELECT report_id, doc_id, ordinal, event_id, event_type, date_start, date_end, mergeable, "
       "lat, lon, admin1, pipeline_version, data_version, json FROM reports ORDER BY rowid"},
      {"evidence",
       {"report_id", "start", "end", "sentence"},
       "SELECT r.report_id, v.start, v.end, v.sentence FROM evidence v JOIN reports r ON r.rowid = "
       "v.report_rowid ORDER BY v.rowid"},
      {"events",
       {"event_id", "event_type", "sub_event_type", "date_start", "date_end", "admin1", "country",
        "actor1", "actor2", "n_reports", "n_docs", "pipeline_version", "data_version", "outlets",
        "reasons", "updated_at", "json", "fatalities", "background", "lat", "lon"},
       "SELECT event_id, event_type, sub_event_type, date_start, date_end, admin1, country, actor1, "
       "actor2, n_reports, n_docs, pipeline_version, data_version, outlets, reasons, updated_at, "
       "json, fatalities, background, lat, lon FROM events ORDER BY rowid"},
      {"event_sources",
       {"event_id", "source"},
       "SELECT e.event_id, s.source FROM event_sources s JOIN events e ON e.rowid = s.event_rowid "
       "ORDER BY s.event_rowid, s.source"},
  };
  return kQueries;
}

// A column as text; reals keep every digit.
std::optional<std::string> ColumnText(sqlite3_stmt* s, int i) {
  switch (sqlite3_column_type(s, i)) {
    case SQLITE_NULL:
      return std::nullopt;
    case SQLITE_INTEGER:
      return std::to_string(sqlite3_column_int64(s, i));
    case SQLITE_FLOAT: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.17g", sqlite3_column_double(s, i));
      return std::string(buf);
    }
    default: {
      const unsigned char* t = sqlite3_column_text(s, i);
      return std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(s, i));
    }
  }
}

}  // namespace

Status ReadSqliteStoreForCopy(const std::string& path, CopySink* sink) {
  auto db = SqliteDb::Open(path, /*read_only=*/true, 30000);
  if (!db.ok()) return db.status();
  SITREP_RETURN_IF_ERROR(Migrate(db->get(), /*read_only=*/true));
  // One read transaction: a consistent snapshot even while an ingest writes.
  SITREP_RETURN_IF_ERROR((*db)->Exec("BEGIN"));
  for (const auto& q : CopyQueries()) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2((*db)->raw(), q.sql, -1, &s, nullptr) != SQLITE_OK)
      return Status::Internal(std::string("reading ") + q.table + ": " + (*db)->ErrorMessage());
    Status st = sink->BeginTable(q.table, q.columns);
    CopyRow row(q.columns.size());
    int rc = SQLITE_ROW;
    while (st.ok() && (rc = sqlite3_step(s)) == SQLITE_ROW) {
      for (size_t i = 0; i < q.columns.size(); ++i) row[i] = ColumnText(s, static_cast<int>(i));
      st = sink->Row(row);
    }
    sqlite3_finalize(s);
    if (!st.ok()) return st;
    if (rc != SQLITE_DONE)
      return Status::Internal(std::string("reading ") + q.table + ": " + (*db)->ErrorMessage());
    SITREP_RETURN_IF_ERROR(sink->EndTable());
  }
  return (*db)->Exec("COMMIT");
}

}  // namespace sitrep
