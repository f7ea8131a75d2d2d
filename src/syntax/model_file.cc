#include "syntax/model_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "base/hash.h"

namespace sitrep {
namespace {

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t reserved;
  uint64_t body_size;
  uint64_t content_hash;
};
static_assert(sizeof(Header) % 8 == 0, "the body starts 8-byte aligned in the file");

class CopiedBytes : public ModelBytes {
 public:
  explicit CopiedBytes(std::string_view body) : words_((body.size() + 7) / 8 + 1) {
    std::memcpy(words_.data(), body.data(), body.size());
    data_ = reinterpret_cast<const char*>(words_.data());
    size_ = body.size();
  }

 private:
  std::vector<uint64_t> words_;
};

class MappedBytes : public ModelBytes {
 public:
  MappedBytes(void* base, size_t length) : base_(base), length_(length) {
    data_ = static_cast<const char*>(base) + sizeof(Header);
    size_ = length - sizeof(Header);
  }
  ~MappedBytes() override { munmap(base_, length_); }
  MappedBytes(const MappedBytes&) = delete;
  MappedBytes& operator=(const MappedBytes&) = delete;

 private:
  void* base_;
  size_t length_;
};

}  // namespace

std::shared_ptr<const ModelBytes> CopyModelBytes(std::string_view body) {
  return std::make_shared<CopiedBytes>(body);
}

std::string WrapModelBody(const std::string& body, uint64_t* hash) {
  Header h{};
  std::memcpy(h.magic, kSyntaxMagic, sizeof h.magic);
  h.version = kSyntaxFormatVersion;
  h.body_size = body.size();
  h.content_hash = XxHash64(body);
  if (hash) *hash = h.content_hash;
  std::string out(reinterpret_cast<const char*>(&h), sizeof h);
  out += body;
  return out;
}

Status WriteModelFile(const std::string& path, const std::string& body, uint64_t* hash) {
  std::string bytes = WrapModelBody(body, hash);
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.good()) {
      std::remove(tmp.c_str());
      return Status::IoError(path + ": cannot write");
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::IoError(path + ": cannot write");
  }
  return Status::Ok();
}

StatusOr<std::shared_ptr<const ModelBytes>> MapModelBody(const std::string& path, uint64_t* hash,
                                                         uint32_t* format) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::NotFound(path + ": no syntax model");
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::IoError(path + ": cannot read the syntax model");
  }
  const size_t length = static_cast<size_t>(st.st_size);
  if (length < sizeof(Header)) {
    ::close(fd);
    return Status::Corruption(path + ": too short for a syntax model");
  }
  // Read-only and private: the tables are never written; MAP_POPULATE maps
  // every page at once (the hash reads them all anyway).
  void* base = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (base == MAP_FAILED) return Status::IoError(path + ": cannot map the syntax model");
  auto bytes = std::make_shared<MappedBytes>(base, length);
  Header h;
  std::memcpy(&h, base, sizeof h);
  if (std::memcmp(h.magic, kSyntaxMagic, sizeof h.magic) != 0)
    return Status::Corruption(path + ": not a sitrep syntax model");
  if (h.version < kOldestSyntaxFormatVersion || h.version > kSyntaxFormatVersion)
    return Status::Corruption(path + ": syntax model format " + std::to_string(h.version) +
                              ", this build reads " + std::to_string(kOldestSyntaxFormatVersion) + " to " +
                              std::to_string(kSyntaxFormatVersion));
  if (h.body_size != length - sizeof h)
    return Status::Corruption(path + ": syntax model sizes do not add up (truncated?)");
  if (XxHash64(bytes->bytes()) != h.content_hash)
    return Status::Corruption(path + ": syntax model content hash mismatch");
  if (hash) *hash = h.content_hash;
  if (format) *format = h.version;
  return std::shared_ptr<const ModelBytes>(std::move(bytes));
}

}  // namespace sitrep
