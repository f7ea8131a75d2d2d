#include "syntax/model_file.h"

#include <algorithm>
#include <fstream>
#include <sstream>

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

}  // namespace

std::string WrapModelBody(const std::string& body, uint64_t* hash) {
  Header h{};
  std::memcpy(h.magic, kSyntaxMagic, sizeof h.magic);
  h.version = kSyntaxFormatVersion;
  h.body_size = body.size();
  h.content_hash = Fnv1a64(body);
  if (hash) *hash = h.content_hash;
  std::string out(reinterpret_cast<const char*>(&h), sizeof h);
  out += body;
  return out;
}

StatusOr<std::string> ReadModelBody(const std::string& path, uint64_t* hash) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": no syntax model");
  in.seekg(0, std::ios::end);
  std::string bytes(static_cast<size_t>(std::max<std::streamoff>(in.tellg(), 0)), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!in) return Status::IoError(path + ": cannot read the syntax model");
  if (bytes.size() < sizeof(Header)) return Status::Corruption(path + ": too short for a syntax model");
  Header h;
  std::memcpy(&h, bytes.data(), sizeof h);
  if (std::memcmp(h.magic, kSyntaxMagic, sizeof h.magic) != 0)
    return Status::Corruption(path + ": not a sitrep syntax model");
  if (h.version != kSyntaxFormatVersion)
    return Status::Corruption(path + ": syntax model format " + std::to_string(h.version) +
                              ", this build reads " + std::to_string(kSyntaxFormatVersion));
  if (h.body_size != bytes.size() - sizeof h)
    return Status::Corruption(path + ": syntax model sizes do not add up (truncated?)");
  bytes.erase(0, sizeof h);
  std::string body = std::move(bytes);
  if (Fnv1a64(body) != h.content_hash) return Status::Corruption(path + ": syntax model content hash mismatch");
  if (hash) *hash = h.content_hash;
  return body;
}

}  // namespace sitrep
