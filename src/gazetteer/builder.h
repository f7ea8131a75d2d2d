// Compiles places and their names into the gazetteer file (gazetteer.h).
// Sources add places and names; Serialize() indexes every name under its
// exact and loose keys, flags keys made only of dictionary words, caps each key's candidate list (largest population
// first, provinces and countries before towns) and writes the flat file.
#ifndef SITREP_GAZETTEER_BUILDER_H_
#define SITREP_GAZETTEER_BUILDER_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "mentions/mention.h"
#include "sitrep/status.h"

namespace sitrep {

struct BuildPlace {
  int64_t geonameid = 0;
  std::string name;  // primary (English) name
  double lat = 0, lon = 0;
  int64_t population = 0;
  std::string country, admin1, feature;  // ISO alpha-2, ISO 3166-2, "P.PPL"
  PlaceLevel level = PlaceLevel::kPlace;
};

class GazetteerBuilder {
 public:
  static constexpr size_t kMaxPostingsPerKey = 48;

  // Returns the new place's index.
  uint32_t AddPlace(BuildPlace p);
  // `preferred`: the main name or a language-tagged one (vs. any alternate).
  void AddName(uint32_t place, const std::string& name, bool preferred);
  // A one-word abbreviation written with its final dot ("Calif.", "La."):
  // stored under its folded word and the dot ("calif."), a key no written
  // word makes, so the finder reads it only where it sees the dot.
  void AddAbbreviation(uint32_t place, const std::string& name);

  // A dictionary word of language `lang` ("en", "fr"): known in any case,
  // common when written lower case. Entries of more than one token are ignored.
  void AddDictionaryWord(const std::string& word, const std::string& lang);

  // Admin1 English names by ISO 3166-2 (filled by the province source) so
  // every place can carry its province's name.
  void SetAdmin1Name(const std::string& iso, const std::string& name) { admin1_names_[iso] = name; }

  // A province's population is the sum of its towns' (sources give none):
  // it ranks "Florida" (US, millions) above a same-named province of a few
  // thousand. Call once every source is read; provinces with a population
  // of their own keep it.
  void SumProvincePopulations();

  size_t places() const { return places_.size(); }
  BuildPlace& place(uint32_t i) { return places_[i]; }

  // The complete file (header + body).
  std::string Serialize() const;
  Status Write(const std::string& path) const;

 private:
  std::vector<BuildPlace> places_;
  struct NameRef {
    uint32_t place;
    bool preferred;
  };
  std::unordered_map<std::string, std::vector<NameRef>> keys_;
  std::unordered_map<std::string, std::string> admin1_names_;
  std::unordered_map<std::string, uint8_t> common_;  // folded word -> kKeyCommon* bits
  uint8_t CommonFlags(const std::string& key) const;
  void AddKey(const std::string& key, NameRef ref);
};

}  // namespace sitrep

#endif  // SITREP_GAZETTEER_BUILDER_H_
