// The compiled gazetteer: every place, province and country the place finder
// can name, with its names indexed by key (gazetteer/name_key.h). Built by
// GazetteerBuilder (gazetteer/builder.h) into one file that Load() reads in a
// single read: a header, then flat arrays used in place (no parsing, no
// per-entry allocation), so loading takes milliseconds.
//
// File layout (little endian): FileHeader, PlaceRecord[places],
// KeyRecord[keys] sorted by hash, uint32 postings[postings], char strings[].
// The header carries kFormatVersion and the FNV-1a hash of everything after
// it; Load() refuses a file whose version or hash does not match.
//
// Immutable after Load(): safe to share across threads.
#ifndef SITREP_GAZETTEER_GAZETTEER_H_
#define SITREP_GAZETTEER_GAZETTEER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mentions/mention.h"
#include "sitrep/status.h"

namespace sitrep {

inline constexpr uint32_t kGazetteerFormatVersion = 2;
inline constexpr char kGazetteerMagic[8] = {'S', 'I', 'T', 'G', 'A', 'Z', '\0', '\0'};

#pragma pack(push, 1)
struct GazFileHeader {
  char magic[8];
  uint32_t version;
  uint32_t places, keys, postings;
  uint64_t strings_size;
  uint64_t content_hash;  // FNV-1a 64 of every byte after the header
};

struct PlaceRecord {
  int64_t geonameid;  // 0 when none
  float lat, lon;
  uint32_t population;
  uint32_t name;        // string offset of the primary (English) name, NUL terminated
  uint32_t admin1_name; // string offset of the province's English name ("" when unknown)
  char country[2];      // ISO 3166-1 alpha-2 ("\0\0" for continents)
  char admin1[8];       // ISO 3166-2, NUL padded
  char feature[8];      // GeoNames "P.PPLA", "A.ADM1", "A.PCLI", "L.CONT"
  uint8_t level;        // PlaceLevel
  uint8_t pad[3];
};

struct KeyRecord {
  uint64_t hash;      // FNV-1a 64 of the key
  uint32_t str;       // string offset of the key
  uint32_t postings;  // first posting
  uint16_t count;     // number of postings (0 for a prefix-only key)
  uint8_t flags;      // kKeyPrefix
  uint8_t pad;
};
#pragma pack(pop)

inline constexpr uint8_t kKeyPrefix = 1;        // a longer exact key starts with this one
// Common: every word of the key is an ordinary lower-case word of that
// language's dictionary ("forces", "white house"). Known: every word is in
// the dictionary in some case ("April", "Korean", "forces"). Dictionary
// words that are no name but match one loosely are stored as keys without
// postings so the finder can tell them apart.
inline constexpr uint8_t kKeyCommonEn = 2;
inline constexpr uint8_t kKeyCommonFr = 4;
inline constexpr uint8_t kKeyKnownEn = 8;
inline constexpr uint8_t kKeyKnownFr = 16;
// The common-word and known-word flags for a language code ("en", "fr");
// 0 for other languages.
uint8_t CommonWordFlag(std::string_view lang);
uint8_t KnownWordFlag(std::string_view lang);
inline constexpr uint32_t kPostingPreferred = 1u << 31;  // the main or a language-tagged name
inline constexpr uint32_t kPostingIndexMask = (1u << 30) - 1;
inline constexpr char kLooseKeyMarker = '\x01';  // loose keys are stored as marker + key

class Gazetteer {
 public:
  // One read of the file; fails with kNotFound when absent, kCorruption when
  // the magic, the version, the sizes or the content hash are wrong.
  static StatusOr<std::unique_ptr<Gazetteer>> Load(const std::string& path);
  // Same from bytes already in memory (tests).
  static StatusOr<std::unique_ptr<Gazetteer>> FromBytes(std::string bytes);

  struct Lookup {
    bool found = false;
    bool prefix = false;  // some longer key starts with this one
    uint8_t flags = 0;    // kKey* bits
    std::span<const uint32_t> postings;
  };
  // `key` as made by ExactKey(); for a loose key pass kLooseKeyMarker + key.
  Lookup Find(std::string_view key) const;

  size_t size() const { return places_.size(); }
  size_t key_count() const { return keys_.size(); }
  std::string_view key(uint32_t k) const { return str(keys_[k].str); }
  const PlaceRecord& place(uint32_t i) const { return places_[i]; }
  const char* str(uint32_t off) const { return strings_.data() + off; }
  // The province entry for an ISO 3166-2 code, or -1.
  int64_t Admin1Index(std::string_view iso) const;
  // The country entry for an ISO alpha-2 code, or -1.
  int64_t CountryIndex(std::string_view iso2) const;

  // "gazetteer/<format>:<first 12 hex digits of the content hash>".
  std::string Version() const;
  uint64_t content_hash() const { return hash_; }

  // Fills the place fields of a mention (name, ids, point, admin1, country,
  // feature, level) from entry `i`.
  void Describe(uint32_t i, PlaceMention* m) const;

 private:
  Gazetteer() = default;
  std::string bytes_;
  uint64_t hash_ = 0;
  std::span<const PlaceRecord> places_;
  std::span<const KeyRecord> keys_;
  std::span<const uint32_t> postings_;
  std::string_view strings_;
  std::unordered_map<std::string, uint32_t> admin1_, countries_;
};

// Copies a NUL-padded fixed field into a string.
std::string FixedField(const char* p, size_t n);

}  // namespace sitrep

#endif  // SITREP_GAZETTEER_GAZETTEER_H_
