// The PostgreSQL store's schema as numbered migrations, recorded in the
// `schema_migrations` table (version, name, applied_at). Migrate() applies
// the missing ones in order, each in its own transaction, under an advisory
// lock so that several processes starting at once migrate once.
#ifndef SITREP_STORE_POSTGRES_MIGRATIONS_H_
#define SITREP_STORE_POSTGRES_MIGRATIONS_H_

#include <string>
#include <vector>

#include "sitrep/status.h"
#include "store/postgres_db.h"

namespace sitrep {

struct PgMigration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<PgMigration>& PostgresMigrations();

// SQL that recounts `event_stats` from the events (migration 002 and
// after a copy).
const char* PostgresRecountStats();

// SQL that recounts `event_stats_month` (migration 003 and after a copy).
const char* PostgresRecountMonthStats();

// The highest applied version (0 for an empty database).
StatusOr<int> PostgresSchemaVersion(PgConn* c);

// Brings the schema up to date; read_only only checks that it is.
Status MigratePostgres(PgConn* c, bool read_only);

}  // namespace sitrep

#endif  // SITREP_STORE_POSTGRES_MIGRATIONS_H_
