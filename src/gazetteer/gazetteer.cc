#include "gazetteer/gazetteer.h"

#include <algorithm>
#include <cstring>
#include <fstream>

#include "base/hash.h"

namespace sitrep {

std::string FixedField(const char* p, size_t n) {
  size_t len = 0;
  while (len < n && p[len] != '\0') ++len;
  return std::string(p, len);
}

namespace {

// A file whose hash matches can still be hostile (written by another tool,
// or on purpose): every string offset, posting range and place index is
// checked once here, so that no lookup ever reads outside the file.
Status CheckStructure(std::span<const PlaceRecord> places, std::span<const KeyRecord> keys,
                      std::span<const uint32_t> postings, std::string_view strings) {
  if ((!places.empty() || !keys.empty()) && (strings.empty() || strings.back() != '\0'))
    return Status::Corruption("gazetteer strings are not NUL terminated");
  for (const PlaceRecord& r : places) {
    if (r.name >= strings.size() || r.admin1_name >= strings.size())
      return Status::Corruption("gazetteer place names point outside the file");
    if (r.level > static_cast<uint8_t>(PlaceLevel::kCountry))
      return Status::Corruption("gazetteer place has an unknown level");
  }
  uint64_t last_hash = 0;
  for (const KeyRecord& k : keys) {
    if (k.str >= strings.size()) return Status::Corruption("gazetteer key points outside the file");
    if (uint64_t{k.postings} + k.count > postings.size())
      return Status::Corruption("gazetteer key's postings point outside the file");
    if (k.hash < last_hash) return Status::Corruption("gazetteer keys are not sorted");
    last_hash = k.hash;
  }
  for (uint32_t p : postings)
    if ((p & kPostingIndexMask) >= places.size())
      return Status::Corruption("gazetteer posting points past the places");
  return Status::Ok();
}

}  // namespace

StatusOr<std::unique_ptr<Gazetteer>> Gazetteer::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Status::NotFound(path + ": no compiled gazetteer (run 'sitrep gazetteer build')");
  std::string bytes(static_cast<size_t>(in.tellg()), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    return Status::IoError(path + ": cannot read");
  auto g = FromBytes(std::move(bytes));
  if (!g.ok()) return Status::Corruption(path + ": " + g.status().message());
  return g;
}

StatusOr<std::unique_ptr<Gazetteer>> Gazetteer::FromBytes(std::string bytes) {
  if (bytes.size() < sizeof(GazFileHeader)) return Status::Corruption("too short for a gazetteer");
  GazFileHeader h;
  std::memcpy(&h, bytes.data(), sizeof h);
  if (std::memcmp(h.magic, kGazetteerMagic, sizeof h.magic) != 0)
    return Status::Corruption("not a sitrep gazetteer");
  if (h.version != kGazetteerFormatVersion)
    return Status::Corruption("gazetteer format " + std::to_string(h.version) + ", this build reads " +
                              std::to_string(kGazetteerFormatVersion) + " (rebuild it)");
  uint64_t need = sizeof h + uint64_t{h.places} * sizeof(PlaceRecord) +
                  uint64_t{h.keys} * sizeof(KeyRecord) + uint64_t{h.postings} * 4 + h.strings_size;
  if (need != bytes.size()) return Status::Corruption("gazetteer sizes do not add up (truncated?)");
  std::string_view body(bytes.data() + sizeof h, bytes.size() - sizeof h);
  if (Fnv1a64(body) != h.content_hash) return Status::Corruption("gazetteer content hash mismatch");
  // The arrays are read in place: the packed structs need no alignment, but
  // the uint32 postings do, and the arrays before them are not a multiple
  // of 4 bytes long. A few leading pad bytes (the string's buffer itself is
  // malloc-aligned) put the postings on a 4-byte boundary.
  const size_t postings_at = sizeof h + size_t{h.places} * sizeof(PlaceRecord) + size_t{h.keys} * sizeof(KeyRecord);
  const size_t pad = (4 - postings_at % 4) % 4;
  if (pad) bytes.insert(0, pad, '\0');
  auto g = std::unique_ptr<Gazetteer>(new Gazetteer());
  g->bytes_ = std::move(bytes);
  g->hash_ = h.content_hash;
  const char* p = g->bytes_.data() + pad + sizeof h;
  g->places_ = {reinterpret_cast<const PlaceRecord*>(p), h.places};
  p += sizeof(PlaceRecord) * h.places;
  g->keys_ = {reinterpret_cast<const KeyRecord*>(p), h.keys};
  p += sizeof(KeyRecord) * h.keys;
  g->postings_ = {reinterpret_cast<const uint32_t*>(p), h.postings};
  p += 4ull * h.postings;
  g->strings_ = std::string_view(p, h.strings_size);
  SITREP_RETURN_IF_ERROR(CheckStructure(g->places_, g->keys_, g->postings_, g->strings_));
  for (uint32_t i = 0; i < h.places; ++i) {
    const PlaceRecord& r = g->places_[i];
    // A second-level unit (A.ADM2) reports its region's code; the code names the region.
    if (r.level == static_cast<uint8_t>(PlaceLevel::kAdmin1) && FixedField(r.feature, 8) != "A.ADM2")
      g->admin1_.emplace(FixedField(r.admin1, 8), i);
    if (r.level == static_cast<uint8_t>(PlaceLevel::kCountry)) g->countries_.emplace(FixedField(r.country, 2), i);
  }
  return g;
}

Gazetteer::Lookup Gazetteer::Find(std::string_view key) const {
  uint64_t h = Fnv1a64(key);
  auto it = std::lower_bound(keys_.begin(), keys_.end(), h,
                             [](const KeyRecord& k, uint64_t v) { return k.hash < v; });
  for (; it != keys_.end() && it->hash == h; ++it) {
    if (std::string_view(str(it->str)) != key) continue;
    Lookup l;
    l.found = true;
    l.prefix = it->flags & kKeyPrefix;
    l.flags = it->flags;
    l.postings = postings_.subspan(it->postings, it->count);
    return l;
  }
  return {};
}

uint8_t CommonWordFlag(std::string_view lang) {
  if (lang == "en") return kKeyCommonEn;
  if (lang == "fr") return kKeyCommonFr;
  return 0;
}

uint8_t KnownWordFlag(std::string_view lang) {
  if (lang == "en") return kKeyKnownEn;
  if (lang == "fr") return kKeyKnownFr;
  return 0;
}

int64_t Gazetteer::Admin1Index(std::string_view iso) const {
  auto it = admin1_.find(std::string(iso));
  return it == admin1_.end() ? int64_t{-1} : int64_t{it->second};
}

int64_t Gazetteer::CountryIndex(std::string_view iso2) const {
  auto it = countries_.find(std::string(iso2));
  return it == countries_.end() ? int64_t{-1} : int64_t{it->second};
}

std::string Gazetteer::Version() const {
  return "gazetteer/" + std::to_string(kGazetteerFormatVersion) + ":" + Hex64(hash_).substr(0, 12);
}

void Gazetteer::Describe(uint32_t i, PlaceMention* m) const {
  const PlaceRecord& r = places_[i];
  m->geonameid = r.geonameid;
  m->name = str(r.name);
  m->lat = r.lat;
  m->lon = r.lon;
  m->admin1 = FixedField(r.admin1, 8);
  m->admin1_name = str(r.admin1_name);
  m->country = FixedField(r.country, 2);
  m->feature = FixedField(r.feature, 8);
  m->level = static_cast<PlaceLevel>(r.level);
}

}  // namespace sitrep
