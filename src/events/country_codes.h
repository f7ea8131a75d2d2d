// ISO 3166-1 alpha-2 -> alpha-3 (data/lexicons/country_codes.tsv), to name
// the forces of a country the text gives only as a place: "the army" in a
// story set in Mali is MLI_MIL. State forces whose country the text does not
// give at all use kUnspecified ("XXX", the ISO/ICAO code for an unspecified
// nationality): "the army" with no country anywhere is XXX_MIL. Immutable.
#ifndef SITREP_EVENTS_COUNTRY_CODES_H_
#define SITREP_EVENTS_COUNTRY_CODES_H_

#include <string>
#include <unordered_map>
#include <unordered_set>
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
  // Reads `path` (columns alpha2, opposition, voices, air): a theatre's
  // conventions. `opposition` is the codebook actor a state's own word for
  // its armed opponents ("terrorists" in Syrian state media) stands for when
  // no group is named, `voices` the source ids that speak for that state
  // (joined by '|'); `air` the side an air strike with no side named is
  // coded to, where only that side's aircraft strike. "-" is none. A
  // missing file is no error.
  Status LoadTheatres(const std::string& path, std::vector<std::string>* warnings);
  // The opposition actor for the story's country `alpha2` when one of
  // `sources` (the document's source ids) speaks for its state; else "".
  std::string Opposition(const std::string& alpha2, const std::vector<std::string>& sources) const;
  // The side of an unattributed air strike in `alpha2`, or "".
  std::string AirPower(const std::string& alpha2) const;
  // The peace operation `alpha2` hosts (optional column mission: MINUSMA in
  // Mali), or "": what "peacekeepers" with no mission named stand for.
  std::string Mission(const std::string& alpha2) const;
  // True for an id some theatre names as its peace operation.
  bool IsMission(const std::string& id) const { return !id.empty() && missions_.count(id) > 0; }
  struct Theatre {
    std::string opposition;
    std::vector<std::string> voices;
    std::string air;
    std::string mission;
  };
  void AddTheatre(const std::string& alpha2, Theatre t) {
    if (!t.mission.empty()) missions_.insert(t.mission);
    theatres_[alpha2] = std::move(t);
  }

 private:
  std::unordered_map<std::string, std::string> alpha3_;
  std::unordered_map<std::string, Theatre> theatres_;
  std::unordered_set<std::string> missions_;
};

// True for an actor id that names a state's forces by role only ("*_MIL",
// from "the army" or "government forces"): the country is still to be found.
bool IsUnownedStateId(const std::string& id);

}  // namespace sitrep

#endif  // SITREP_EVENTS_COUNTRY_CODES_H_
