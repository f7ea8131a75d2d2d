// Errors are values: Status and StatusOr<T>, in the manner of leveldb.
// A Status is cheap to copy when OK; a failed Status carries a code and a
// message meant for a human ("file.jsonl:12: not JSON").
#ifndef SITREP_STATUS_H_
#define SITREP_STATUS_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace sitrep {

enum class StatusCode { kOk, kInvalidArgument, kNotFound, kIoError, kCorruption, kResourceExhausted, kInternal };

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return Status(StatusCode::kInvalidArgument, std::move(m)); }
  static Status NotFound(std::string m) { return Status(StatusCode::kNotFound, std::move(m)); }
  static Status IoError(std::string m) { return Status(StatusCode::kIoError, std::move(m)); }
  static Status Corruption(std::string m) { return Status(StatusCode::kCorruption, std::move(m)); }
  static Status ResourceExhausted(std::string m) { return Status(StatusCode::kResourceExhausted, std::move(m)); }
  static Status Internal(std::string m) { return Status(StatusCode::kInternal, std::move(m)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const { return ok() ? "OK" : message_; }

 private:
  Status(StatusCode c, std::string m) : code_(c), message_(std::move(m)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Holds either a value or a failed Status. Accessing value() of a failed
// StatusOr is a programming error (checked by std::get).
template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : v_(std::move(value)) {}             // NOLINT: implicit by design
  StatusOr(Status status) : v_(std::move(status)) {}      // NOLINT
  bool ok() const { return std::holds_alternative<T>(v_); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<Status, T> v_;
};

#define SITREP_RETURN_IF_ERROR(expr)          \
  do {                                        \
    ::sitrep::Status _st = (expr);            \
    if (!_st.ok()) return _st;                \
  } while (0)

}  // namespace sitrep

#endif  // SITREP_STATUS_H_
