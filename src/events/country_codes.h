// ISO 3166-1 alpha-2 -> alpha-3 (data/lexicons/country_codes.tsv), to name
// the forces of a country the text gives only as a place: "the army" in a
// story set in Mali is MLI_MIL. State forces whose country the text does not
// give at all use kUnspecified ("XXX", the ISO/ICAO code for an unspecified
// nationality): "the army" with no country anywhere is XXX_MIL. Immutable.
#ifndef SITREP_EVENTS_COUNTRY_CODES_H_
#define SITREP_EVENTS_COUNTRY_CODES_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "sitrep/status.h"

namespace sitrep {

class CountryCodes {
 public:
  static constexpr const char* kUnspecified = "XXX";
  // Reads `path` (columns alpha2, alpha3); malformed rows go to `warnings`.
  static StatusOr<CountryCodes> Load(const std::string& path, std::vector<std::string>* warnings);
  // The alpha-3 code of `alpha2`, or "" when unknown.
  std::string Alpha3(const std::string& alpha2) const;
  void Add(const std::string& alpha2, const std::string& alpha3) { alpha3_[alpha2] = alpha3; }

 private:
  std::unordered_map<std::string, std::string> alpha3_;
};

// True for an actor id that names a state's forces by role only ("*_MIL",
// from "the army" or "government forces"): the country is still to be found.
bool IsUnownedStateId(const std::string& id);

}  // namespace sitrep

#endif  // SITREP_EVENTS_COUNTRY_CODES_H_
