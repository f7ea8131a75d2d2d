#include "store/sqlite_db.h"

#include <sqlite3.h>

namespace sitrep {
namespace {

Status Error(sqlite3* db, const std::string& what) {
  return Status::IoError("sqlite: " + what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

SqliteStmt::~SqliteStmt() {
  if (stmt_) sqlite3_finalize(stmt_);
}

SqliteStmt& SqliteStmt::Bind(int i, const std::string& v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
SqliteStmt& SqliteStmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
SqliteStmt& SqliteStmt::Bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
SqliteStmt& SqliteStmt::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}
SqliteStmt& SqliteStmt::BindText(int i, const std::string& v) {
  return v.empty() ? BindNull(i) : Bind(i, v);
}
SqliteStmt& SqliteStmt::BindReal(int i, std::optional<double> v) {
  return v ? Bind(i, *v) : BindNull(i);
}

bool SqliteStmt::Step(Status* status) {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE && status) *status = Error(db_, "step");
  return false;
}

Status SqliteStmt::Run() {
  Status st;
  while (Step(&st)) {
  }
  if (st.ok()) return Reset();
  sqlite3_reset(stmt_);
  return st;
}

Status SqliteStmt::Reset() {
  int rc = sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  return rc == SQLITE_OK ? Status::Ok() : Error(db_, "reset");
}

std::string SqliteStmt::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(stmt_, col))
           : std::string();
}
int64_t SqliteStmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double SqliteStmt::Real(int col) const { return sqlite3_column_double(stmt_, col); }
bool SqliteStmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

StatusOr<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path, bool read_only,
                                                   int busy_timeout_ms) {
  sqlite3* db = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status st = Error(db, "cannot open '" + path + "'");
    sqlite3_close(db);
    return st;
  }
  sqlite3_busy_timeout(db, busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<SqliteDb>(new SqliteDb(db));
}

SqliteDb::~SqliteDb() {
  cache_.clear();
  sqlite3_close_v2(db_);
}

StatusOr<SqliteStmt*> SqliteDb::Cached(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->Reset();
    return it->second.get();
  }
  auto stmt = Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  auto* p = new SqliteStmt(std::move(*stmt));
  cache_.emplace(sql, std::unique_ptr<SqliteStmt>(p));
  return p;
}

void SqliteDb::ResetCached() {
  for (auto& [sql, stmt] : cache_) stmt->Reset();
}

Status SqliteDb::Exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) == SQLITE_OK) return Status::Ok();
  std::string msg = err ? err : "unknown error";
  sqlite3_free(err);
  return Status::IoError("sqlite: " + msg);
}

StatusOr<SqliteStmt> SqliteDb::Prepare(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK)
    return Error(db_, "prepare");
  return SqliteStmt(db_, stmt);
}

StatusOr<std::string> SqliteDb::QueryText(const std::string& sql) {
  auto stmt = Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  Status st;
  if (!stmt->Step(&st)) return st.ok() ? Status::NotFound("no row: " + sql) : st;
  return stmt->Text(0);
}

StatusOr<int64_t> SqliteDb::QueryInt(const std::string& sql) {
  auto stmt = Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  Status st;
  if (!stmt->Step(&st)) return st.ok() ? Status::NotFound("no row: " + sql) : st;
  return stmt->Int(0);
}

std::string SqliteDb::ErrorMessage() const { return sqlite3_errmsg(db_); }

SqliteTransaction::~SqliteTransaction() {
  if (!open_) return;
  db_->ResetCached();
  db_->Exec(nested_ ? "ROLLBACK TO sitrep_doc; RELEASE sitrep_doc" : "ROLLBACK");
}

Status SqliteTransaction::Begin() {
  SITREP_RETURN_IF_ERROR(db_->Exec(nested_ ? "SAVEPOINT sitrep_doc" : "BEGIN IMMEDIATE"));
  open_ = true;
  return Status::Ok();
}

Status SqliteTransaction::Commit() {
  db_->ResetCached();
  SITREP_RETURN_IF_ERROR(db_->Exec(nested_ ? "RELEASE sitrep_doc" : "COMMIT"));
  open_ = false;
  return Status::Ok();
}

}  // namespace sitrep
