// A thin layer over libpq: a connection, results and parameters, with errors
// as Status values. Only src/store/postgres_*.cc use it; the header keeps
// libpq-fe.h out of every other file.
//
// Parameters travel as text ($1, $2, ...); an absent optional is NULL.
// Statements run through Run() are prepared once per connection (named by
// their text) and reused.
#ifndef SITREP_STORE_POSTGRES_DB_H_
#define SITREP_STORE_POSTGRES_DB_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sitrep/status.h"

struct pg_conn;
struct pg_result;

namespace sitrep {

using PgParam = std::optional<std::string>;
using PgParams = std::vector<PgParam>;

// Parameter helpers: NULL for an empty string or an absent value.
PgParam PgText(const std::string& v);  // NULL when empty
PgParam PgInt(int64_t v);
PgParam PgReal(std::optional<double> v);

// The rows of one statement. Move-only; frees the libpq result.
class PgResult {
 public:
  explicit PgResult(pg_result* r) : r_(r) {}
  PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  PgResult& operator=(PgResult&& o) noexcept;
  PgResult(const PgResult&) = delete;
  ~PgResult();

  int Rows() const;
  std::string Text(int row, int col) const;  // "" for NULL
  int64_t Int(int row, int col) const;       // 0 for NULL
  double Real(int row, int col) const;
  bool IsNull(int row, int col) const;
  // Rows changed by an INSERT/UPDATE/DELETE.
  int64_t Affected() const;

 private:
  pg_result* r_;
};

class PgConn {
 public:
  // `url` is a libpq connection URI (postgresql://user@host:port/db).
  static StatusOr<std::unique_ptr<PgConn>> Connect(const std::string& url);
  ~PgConn();

  // One or more statements with no parameters and no result.
  Status Exec(const std::string& sql);
  // A statement with parameters, prepared once per connection.
  StatusOr<PgResult> Run(const std::string& sql, const PgParams& params = {});
  // A statement with parameters, not prepared (SQL built per call).
  StatusOr<PgResult> Query(const std::string& sql, const PgParams& params = {});
  // The first column of the first row (an error when there is no row).
  StatusOr<int64_t> QueryInt(const std::string& sql, const PgParams& params = {});

  // COPY ... FROM STDIN: start it, send text-format data, end it.
  Status CopyStart(const std::string& sql);
  Status CopyData(const std::string& data);
  Status CopyEnd();

  // The SQLSTATE of the last failure ("40P01" deadlock, "40001"
  // serialization), "" after a success.
  const std::string& LastSqlState() const { return sqlstate_; }
  bool InTransaction() const;

 private:
  explicit PgConn(pg_conn* c) : c_(c) {}
  StatusOr<PgResult> Check(pg_result* r, const std::string& what);

  pg_conn* c_;
  std::map<std::string, std::string> prepared_;  // sql -> statement name
  std::string sqlstate_;
};

// RAII transaction: rolls back unless Commit() succeeded; nested inside an
// open transaction, a savepoint.
class PgTransaction {
 public:
  explicit PgTransaction(PgConn* c, bool nested = false) : c_(c), nested_(nested) {}
  ~PgTransaction();
  Status Begin();
  Status Commit();

 private:
  PgConn* c_;
  bool nested_;
  bool open_ = false;
};

}  // namespace sitrep

#endif  // SITREP_STORE_POSTGRES_DB_H_
