// The PostgreSQL/PostGIS implementation of Store (include/sitrep/store.h),
// for a team: one database that many people query while several workers
// write. Store::Open() chooses it for a postgresql:// address.
//
// Concurrency: any number of writers in any number of processes. Each
// document is one transaction that takes, in this order, an advisory lock
// on its id and one on each event type it had or has (sorted), so that two
// merges that could touch the same occurrence never run at once (merged
// events never join reports of two event types) while documents of
// different event types are stored side by side. A batch (BeginBatch) takes
// the store-wide lock instead: bulk loads run alone.
#ifndef SITREP_STORE_POSTGRES_STORE_H_
#define SITREP_STORE_POSTGRES_STORE_H_

#include <memory>
#include <string>

#include "sitrep/store.h"

namespace sitrep {

// True for a postgresql:// or postgres:// address.
bool IsPostgresUrl(const std::string& s);

// The address without its password (for messages).
std::string RedactPostgresUrl(const std::string& url);

// Connects and migrates (read_only: checks that the schema is current).
StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                   const StoreOptions& options);

}  // namespace sitrep

#endif  // SITREP_STORE_POSTGRES_STORE_H_
