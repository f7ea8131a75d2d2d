// A thin RAII layer over the SQLite C API: a connection and prepared
// statements, with errors as Status values. Only src/store/sqlite_*.cc use
// it; the header keeps sqlite3.h out of every other file.
#ifndef SITREP_STORE_SQLITE_DB_H_
#define SITREP_STORE_SQLITE_DB_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "sitrep/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sitrep {

class SqliteStmt {
 public:
  SqliteStmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  SqliteStmt(SqliteStmt&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  SqliteStmt(const SqliteStmt&) = delete;
  ~SqliteStmt();

  // Binding is 1-based, as in SQLite. Empty strings bind as given.
  SqliteStmt& Bind(int i, const std::string& v);
  SqliteStmt& Bind(int i, int64_t v);
  SqliteStmt& Bind(int i, double v);
  SqliteStmt& BindNull(int i);
  SqliteStmt& BindText(int i, const std::string& v);     // NULL when empty
  SqliteStmt& BindReal(int i, std::optional<double> v);  // NULL when absent

  // Next row: true when a row is ready, false when done; a failure sets
  // *status (when given) and returns false.
  bool Step(Status* status = nullptr);
  // Runs to completion.
  Status Run();
  Status Reset();

  std::string Text(int col) const;
  int64_t Int(int col) const;
  double Real(int col) const;
  bool IsNull(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class SqliteDb {
 public:
  static StatusOr<std::unique_ptr<SqliteDb>> Open(const std::string& path, bool read_only,
                                                  int busy_timeout_ms);
  ~SqliteDb();

  Status Exec(const std::string& sql);
  StatusOr<SqliteStmt> Prepare(const std::string& sql);
  // A statement prepared once per connection and kept: reset, bindings
  // cleared, ready to bind. Valid until the SqliteDb is destroyed.
  StatusOr<SqliteStmt*> Cached(const std::string& sql);
  // Resets every cached statement (releases their read snapshots).
  void ResetCached();
  // The single value of a one-row query (first column), or an error.
  StatusOr<std::string> QueryText(const std::string& sql);
  StatusOr<int64_t> QueryInt(const std::string& sql);
  std::string ErrorMessage() const;
  sqlite3* raw() { return db_; }

 private:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::map<std::string, std::unique_ptr<SqliteStmt>> cache_;
};

// RAII transaction: rolls back unless Commit() succeeded. Top level, it is
// BEGIN IMMEDIATE (takes the write lock now, waiting up to the busy
// timeout); nested inside an open transaction, a savepoint.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteDb* db, bool nested = false) : db_(db), nested_(nested) {}
  ~SqliteTransaction();
  Status Begin();
  Status Commit();

 private:
  SqliteDb* db_;
  bool nested_;
  bool open_ = false;
};

}  // namespace sitrep

#endif  // SITREP_STORE_SQLITE_DB_H_
