// The syntax model file: a fixed header (magic, format version, body size,
// XxHash64 content hash of the body) followed by the body, a sequence of
// little-endian scalars, strings and arrays written by ByteWriter and read
// back by ByteReader. A truncated or altered file fails its hash check
// before any of it is read.
//
// The large tables (the weights of the linear models) are stored in their
// run-time layout, each aligned to its element type inside the body: the
// loader maps the file and reads them in place (ByteReader::View) instead
// of copying them, after the header, the hash and every table's bounds were
// checked once. A model file is replaced by writing a new file and renaming
// it over the old one (SyntaxModel::Save does), never by rewriting it in
// place: a process that has the old file mapped keeps reading the old bytes.
#ifndef SITREP_SYNTAX_MODEL_FILE_H_
#define SITREP_SYNTAX_MODEL_FILE_H_

#include <cstdint>
#include <bit>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sitrep/status.h"

namespace sitrep {

inline constexpr char kSyntaxMagic[8] = {'S', 'I', 'T', 'R', 'S', 'Y', 'N', '\0'};
// Format 5 added the parser's feature set; format 4 files (feature set 0)
// are still read.
inline constexpr uint32_t kSyntaxFormatVersion = 5;
inline constexpr uint32_t kOldestSyntaxFormatVersion = 4;
static_assert(std::endian::native == std::endian::little, "model files are little-endian");

// The bytes of a model body, 8-byte aligned: a read-only mapping of the file
// or an aligned copy. Tables read in place hold a reference to it.
class ModelBytes {
 public:
  virtual ~ModelBytes() = default;
  std::string_view bytes() const { return {data_, size_}; }

 protected:
  const char* data_ = nullptr;
  size_t size_ = 0;
};

// An aligned copy of `body` (for bodies that are not read from a file).
std::shared_ptr<const ModelBytes> CopyModelBytes(std::string_view body);

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
  // Zero bytes up to the next multiple of `n` (a power of two) from the body's start.
  void Align(size_t n) { bytes_.append((n - bytes_.size() % n) % n, '\0'); }
  // An array ByteReader::View reads in place: its length, then its elements
  // aligned to their type.
  template <typename T>
  void Table(const T* data, size_t n) {
    static_assert(std::is_trivially_copyable_v<T> && std::has_unique_object_representations_v<T>);
    Put<uint64_t>(n);
    Align(alignof(T));
    bytes_.append(reinterpret_cast<const char*>(data), n * sizeof(T));
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
// Constructed over ModelBytes, it can also hand out tables in place (View).
class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}
  explicit ByteReader(std::shared_ptr<const ModelBytes> owner)
      : data_(owner->bytes()), owner_(std::move(owner)) {}
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
  // A table written by ByteWriter::Table, in place: *data points into the
  // bytes (nullptr when empty), valid as long as owner() is held. Fails
  // without an owner, when the table runs past the end or is misaligned.
  template <typename T>
  bool View(const T** data, uint64_t* n) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (!owner_ || !Get(n)) return ok_ = false;
    const size_t pad = (alignof(T) - pos_ % alignof(T)) % alignof(T);
    if (!Need(pad)) return false;
    pos_ += pad;
    if (*n > (data_.size() - pos_) / sizeof(T)) return ok_ = false;
    const char* p = data_.data() + pos_;
    if (reinterpret_cast<uintptr_t>(p) % alignof(T) != 0) return ok_ = false;
    *data = *n > 0 ? reinterpret_cast<const T*>(p) : nullptr;
    pos_ += *n * sizeof(T);
    return true;
  }
  const std::shared_ptr<const ModelBytes>& owner() const { return owner_; }
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
  std::shared_ptr<const ModelBytes> owner_;
  size_t pos_ = 0;
  bool ok_ = true;
};

// The header and body of a model file; `hash` is the body's content hash.
std::string WrapModelBody(const std::string& body, uint64_t* hash);
// Maps `path` read-only, checks magic, version, size and hash; returns the
// body. `format` gets the file's format version.
StatusOr<std::shared_ptr<const ModelBytes>> MapModelBody(const std::string& path, uint64_t* hash,
                                                         uint32_t* format = nullptr);
// Writes header and body to `path` through a temporary file renamed over it.
Status WriteModelFile(const std::string& path, const std::string& body, uint64_t* hash);

}  // namespace sitrep

#endif  // SITREP_SYNTAX_MODEL_FILE_H_
