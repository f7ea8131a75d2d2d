// The compiled gazetteer's loader (gazetteer/gazetteer.h) on an arbitrary
// file body. The first 16 bytes give the counts of places, keys and
// postings and the strings' size; the header (magic, version, sizes,
// content hash) is then written to match, so the loader's structure checks
// are what is exercised: a file that loads must answer every lookup of its
// own keys and describe every place it points to without reading outside it.
#include <cstdlib>
#include <cstring>

#include "base/hash.h"
#include "gazetteer/gazetteer.h"

namespace {

uint32_t Le32(const uint8_t* p) { return p[0] | p[1] << 8 | p[2] << 16 | uint32_t{p[3]} << 24; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 16) return 0;
  std::string_view body(reinterpret_cast<const char*>(data) + 16, size - 16);
  // Counts are taken modulo what the body can hold, so most inputs add up.
  size_t room = body.size();
  uint32_t places = Le32(data) % (room / sizeof(sitrep::PlaceRecord) + 1);
  room -= places * sizeof(sitrep::PlaceRecord);
  uint32_t keys = Le32(data + 4) % (room / sizeof(sitrep::KeyRecord) + 1);
  room -= keys * sizeof(sitrep::KeyRecord);
  uint32_t postings = Le32(data + 8) % (room / 4 + 1);
  room -= postings * 4;
  sitrep::GazFileHeader h{};
  std::memcpy(h.magic, sitrep::kGazetteerMagic, sizeof h.magic);
  h.version = sitrep::kGazetteerFormatVersion;
  h.places = places;
  h.keys = keys;
  h.postings = postings;
  h.strings_size = (data[12] & 1) ? room : room + 1;  // sometimes sizes do not add up
  h.content_hash = sitrep::Fnv1a64(body);
  std::string file(reinterpret_cast<const char*>(&h), sizeof h);
  file.append(body);
  auto g = sitrep::Gazetteer::FromBytes(std::move(file));
  if (!g.ok()) return 0;
  const sitrep::Gazetteer& gaz = **g;
  for (uint32_t k = 0; k < gaz.key_count(); ++k) {
    auto l = gaz.Find(gaz.key(k));
    for (uint32_t p : l.postings) {
      sitrep::PlaceMention m;
      gaz.Describe(p & sitrep::kPostingIndexMask, &m);
    }
  }
  for (uint32_t i = 0; i < gaz.size(); ++i) {
    sitrep::PlaceMention m;
    gaz.Describe(i, &m);
  }
  (void)gaz.Admin1Index("SY-ID");
  (void)gaz.CountryIndex("FR");
  return 0;
}
