// The read side of the PostgreSQL store: the Store queries as SQL over the
// schema of postgres_migrations.cc. Each function is one Store method
// (include/sitrep/store.h documents the contract) on a connection.
//
// Counts for no filter or one event type come from `event_stats`, kept up
// to date by the write path (as in the SQLite store); any other filter is
// counted in SQL. A difference from SQLite, by design: the full-text fields
// use PostgreSQL's web-search syntax (words, "quoted phrases", OR, -word) in
// the French and English configurations, so no query text is an error.
#ifndef SITREP_STORE_POSTGRES_QUERY_H_
#define SITREP_STORE_POSTGRES_QUERY_H_

#include <string>
#include <vector>

#include "sitrep/store.h"
#include "store/postgres_db.h"

namespace sitrep {

StatusOr<std::vector<StoredEvent>> PgQueryEvents(PgConn* c, const QueryFilter& f);
StatusOr<int64_t> PgCountEvents(PgConn* c, const QueryFilter& f);
StatusOr<EventCounts> PgAggregate(PgConn* c, const QueryFilter& f);
StatusOr<std::vector<GridCell>> PgGrid(PgConn* c, const QueryFilter& f, int level);
StatusOr<EventExplanation> PgExplain(PgConn* c, const std::string& id);
StatusOr<StoredDocument> PgGetDocument(PgConn* c, const std::string& doc_id);
StatusOr<StoreStats> PgStats(PgConn* c);
StatusOr<std::vector<std::string>> PgCheckConsistency(PgConn* c);

}  // namespace sitrep

#endif  // SITREP_STORE_POSTGRES_QUERY_H_
