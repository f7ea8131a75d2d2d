// Copying a store from one backend to another (`sitrep migrate`): the
// source's tables as rows of text, handed table by table to a sink. The
// SQLite side reads (sqlite_copy.cc), the PostgreSQL side writes
// (postgres_copy.cc); neither sees the other's client library.
//
// Tables and columns, in this order (NULL is an absent value):
//   documents(doc_id, content_hash, text, pub_date, lang, url, outlet,
//             pipeline_version, data_version, ingested_at)
//   reports(report_id, doc_id, ordinal, event_id, event_type, date_start,
//           date_end, mergeable, lat, lon, admin1, pipeline_version,
//           data_version, json)
//   evidence(report_id, start, end, sentence)      in the source's order
//   events(event_id, event_type, sub_event_type, date_start, date_end,
//          admin1, country, actor1, actor2, n_reports, n_docs,
//          pipeline_version, data_version, outlets, reasons, updated_at,
//          json, fatalities, background, lat, lon)
//   event_sources(event_id, source)
#ifndef SITREP_STORE_STORE_COPY_H_
#define SITREP_STORE_STORE_COPY_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sitrep/status.h"

namespace sitrep {

using CopyRow = std::vector<std::optional<std::string>>;

class CopySink {
 public:
  virtual ~CopySink() = default;
  virtual Status BeginTable(const std::string& table, const std::vector<std::string>& columns) = 0;
  virtual Status Row(const CopyRow& row) = 0;
  virtual Status EndTable() = 0;
};

// Reads the SQLite store at `path` (read-only) into `sink`.
Status ReadSqliteStoreForCopy(const std::string& path, CopySink* sink);

// Rows written per table, and what the target did with them.
struct CopyCounts {
  std::map<std::string, int64_t> read;  // table -> rows read
  int64_t documents_new = 0, documents_replaced = 0, documents_unchanged = 0;
  int64_t events_written = 0;
};

// Copies `path` into the PostgreSQL store at `url` (created and migrated
// when needed) in one transaction: a document already there with the same
// content hash and versions is left as it is, a changed one is replaced
// (its reports and evidence with it); events and their sources are written
// by id (inserted or overwritten). Running it twice leaves the same content.
// `progress` is called with each table's name and rows read so far.
StatusOr<CopyCounts> CopySqliteToPostgres(
    const std::string& path, const std::string& url,
    const std::function<void(const std::string&, int64_t)>& progress = nullptr);

}  // namespace sitrep

#endif  // SITREP_STORE_STORE_COPY_H_
