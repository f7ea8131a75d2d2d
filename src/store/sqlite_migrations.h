// The store's schema as numbered migrations. PRAGMA user_version records the
// last one applied; Open() applies the missing ones in order, each in its
// own transaction. Never edit a released migration: add the next number.
#ifndef SITREP_STORE_SQLITE_MIGRATIONS_H_
#define SITREP_STORE_SQLITE_MIGRATIONS_H_

#include <vector>

#include "store/sqlite_db.h"

namespace sitrep {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& StoreMigrations();

// Brings the database to the latest version. A read-only database that is
// behind, or any database ahead of this build, is an error.
Status Migrate(SqliteDb* db, bool read_only);

}  // namespace sitrep

#endif  // SITREP_STORE_SQLITE_MIGRATIONS_H_
