// The syntax model file: a fixed header (magic, format version, body size,
// FNV-1a content hash of the body) followed by the body, a sequence of
// little-endian scalars, strings and arrays written by ByteWriter and read
// back by ByteReader. A truncated or altered file fails its hash check
// before any of it is read.
#ifndef SITREP_SYNTAX_MODEL_FILE_H_
#define SITREP_SYNTAX_MODEL_FILE_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sitrep/status.h"

namespace sitrep {

inline constexpr char kSyntaxMagic[8] = {'S', 'I', 'T', 'R', 'S', 'Y', 'N', '\0'};
inline constexpr uint32_t kSyntaxFormatVersion = 2;

class ByteWriter {
 public:
  template <typename T>
  void Put(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void Str(std::string_view s) {
    Put<uint32_t>(static_cast<uint32_t>(s.size()));
    bytes_.append(s);
  }
  template <typename T>
  void Vec(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    Put<uint64_t>(v.size());
    bytes_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void Strings(const std::vector<std::string>& v) {
    Put<uint32_t>(static_cast<uint32_t>(v.size()));
    for (const auto& s : v) Str(s);
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

// Reads what ByteWriter wrote; after the first failure every call fails and ok() is false.
class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}
  template <typename T>
  bool Get(T* v) {
    if (!Need(sizeof(T))) return false;
    std::memcpy(v, data_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool Str(std::string* s) {
    uint32_t n = 0;
    if (!Get(&n) || !Need(n)) return false;
    s->assign(data_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  template <typename T>
  bool Vec(std::vector<T>* v) {
    uint64_t n = 0;
    if (!Get(&n) || n > (data_.size() - pos_) / sizeof(T) || !Need(n * sizeof(T))) return ok_ = false;
    v->resize(n);
    if (n > 0) std::memcpy(v->data(), data_.data() + pos_, n * sizeof(T));
    pos_ += n * sizeof(T);
    return true;
  }
  bool Strings(std::vector<std::string>* v) {
    uint32_t n = 0;
    if (!Get(&n) || n > data_.size() - pos_) return ok_ = false;
    v->resize(n);
    for (auto& s : *v)
      if (!Str(&s)) return false;
    return true;
  }
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == data_.size(); }

 private:
  bool Need(size_t n) {
    if (!ok_ || data_.size() - pos_ < n) return ok_ = false;
    return true;
  }
  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

// The header and body of a model file; `hash` is the body's content hash.
std::string WrapModelBody(const std::string& body, uint64_t* hash);
// Reads `path`, checks magic, version, size and hash; returns the body.
StatusOr<std::string> ReadModelBody(const std::string& path, uint64_t* hash);

}  // namespace sitrep

#endif  // SITREP_SYNTAX_MODEL_FILE_H_
