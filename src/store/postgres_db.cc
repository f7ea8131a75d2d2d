#include "store/postgres_db.h"

#include <libpq-fe.h>

#include <cstdlib>

namespace sitrep {

PgParam PgText(const std::string& v) {
  if (v.empty()) return std::nullopt;
  return v;
}
PgParam PgInt(int64_t v) { return std::to_string(v); }
PgParam PgReal(std::optional<double> v) {
  if (!v) return std::nullopt;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", *v);
  return std::string(buf);
}

PgResult& PgResult::operator=(PgResult&& o) noexcept {
  if (this != &o) {
    if (r_) PQclear(r_);
    r_ = o.r_;
    o.r_ = nullptr;
  }
  return *this;
}
PgResult::~PgResult() {
  if (r_) PQclear(r_);
}
int PgResult::Rows() const { return r_ ? PQntuples(r_) : 0; }
std::string PgResult::Text(int row, int col) const {
  if (PQgetisnull(r_, row, col)) return "";
  return std::string(PQgetvalue(r_, row, col), PQgetlength(r_, row, col));
}
int64_t PgResult::Int(int row, int col) const {
  if (PQgetisnull(r_, row, col)) return 0;
  return std::strtoll(PQgetvalue(r_, row, col), nullptr, 10);
}
double PgResult::Real(int row, int col) const {
  if (PQgetisnull(r_, row, col)) return 0;
  return std::strtod(PQgetvalue(r_, row, col), nullptr);
}
bool PgResult::IsNull(int row, int col) const { return PQgetisnull(r_, row, col); }
int64_t PgResult::Affected() const {
  const char* n = PQcmdTuples(r_);
  return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}

namespace {

// Server notices (a table already exists, ...) are not for the user.
void IgnoreNotice(void*, const PGresult*) {}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

struct Params {
  std::vector<const char*> values;
  explicit Params(const PgParams& p) {
    for (const auto& v : p) values.push_back(v ? v->c_str() : nullptr);
  }
};

}  // namespace

StatusOr<std::unique_ptr<PgConn>> PgConn::Connect(const std::string& url) {
  PGconn* c = PQconnectdb(url.c_str());
  if (!c) return Status::IoError("cannot allocate a PostgreSQL connection");
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = Trim(PQerrorMessage(c));
    PQfinish(c);
    return Status::IoError("cannot connect to PostgreSQL: " + msg);
  }
  PQsetNoticeReceiver(c, IgnoreNotice, nullptr);
  return std::unique_ptr<PgConn>(new PgConn(c));
}

PgConn::~PgConn() {
  if (c_) PQfinish(c_);
}

bool PgConn::InTransaction() const { return PQtransactionStatus(c_) != PQTRANS_IDLE; }

StatusOr<PgResult> PgConn::Check(pg_result* r, const std::string& what) {
  PgResult res(r);
  ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
    sqlstate_.clear();
    return res;
  }
  const char* code = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  sqlstate_ = code ? code : "";
  std::string msg = Trim(r ? PQresultErrorMessage(r) : PQerrorMessage(c_));
  if (msg.empty()) msg = Trim(PQerrorMessage(c_));
  if (PQstatus(c_) != CONNECTION_OK) return Status::IoError("PostgreSQL connection lost: " + msg);
  return Status::Internal(msg + (what.empty() ? "" : " (in " + what.substr(0, 120) + ")"));
}

Status PgConn::Exec(const std::string& sql) {
  auto r = Check(PQexec(c_, sql.c_str()), sql);
  return r.ok() ? Status::Ok() : r.status();
}

StatusOr<PgResult> PgConn::Run(const std::string& sql, const PgParams& params) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "s" + std::to_string(prepared_.size() + 1);
    auto p = Check(PQprepare(c_, name.c_str(), sql.c_str(), 0, nullptr), sql);
    if (!p.ok()) return p.status();
    it = prepared_.emplace(sql, name).first;
  }
  Params v(params);
  return Check(PQexecPrepared(c_, it->second.c_str(), static_cast<int>(v.values.size()),
                              v.values.data(), nullptr, nullptr, 0),
               sql);
}

StatusOr<PgResult> PgConn::Query(const std::string& sql, const PgParams& params) {
  Params v(params);
  return Check(PQexecParams(c_, sql.c_str(), static_cast<int>(v.values.size()), nullptr,
                            v.values.data(), nullptr, nullptr, 0),
               sql);
}

StatusOr<int64_t> PgConn::QueryInt(const std::string& sql, const PgParams& params) {
  auto r = Query(sql, params);
  if (!r.ok()) return r.status();
  if (r->Rows() == 0) return Status::Internal("no row: " + sql);
  return r->Int(0, 0);
}

Status PgConn::CopyStart(const std::string& sql) {
  PGresult* r = PQexec(c_, sql.c_str());
  bool ok = r && PQresultStatus(r) == PGRES_COPY_IN;
  if (ok) {
    PQclear(r);
    return Status::Ok();
  }
  auto res = Check(r, sql);
  return res.ok() ? Status::Internal("COPY did not start: " + sql) : res.status();
}

Status PgConn::CopyData(const std::string& data) {
  if (PQputCopyData(c_, data.data(), static_cast<int>(data.size())) != 1)
    return Status::IoError("COPY failed: " + Trim(PQerrorMessage(c_)));
  return Status::Ok();
}

Status PgConn::CopyEnd() {
  if (PQputCopyEnd(c_, nullptr) != 1) return Status::IoError("COPY failed: " + Trim(PQerrorMessage(c_)));
  Status out = Status::Ok();
  while (PGresult* r = PQgetResult(c_)) {
    auto res = Check(r, "COPY");
    if (!res.ok() && out.ok()) out = res.status();
  }
  return out;
}

PgTransaction::~PgTransaction() {
  if (open_) (void)c_->Exec(nested_ ? "ROLLBACK TO SAVEPOINT doc; RELEASE SAVEPOINT doc" : "ROLLBACK");
}

Status PgTransaction::Begin() {
  SITREP_RETURN_IF_ERROR(c_->Exec(nested_ ? "SAVEPOINT doc" : "BEGIN"));
  open_ = true;
  return Status::Ok();
}

Status PgTransaction::Commit() {
  SITREP_RETURN_IF_ERROR(c_->Exec(nested_ ? "RELEASE SAVEPOINT doc" : "COMMIT"));
  open_ = false;
  return Status::Ok();
}

}  // namespace sitrep
