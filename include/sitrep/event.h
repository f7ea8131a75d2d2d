// The output contract of ../shared/codebook.md as C++ values, and their JSON
// form ("sitrep.event/1"). Plain values: copyable, no hidden state.
#ifndef SITREP_EVENT_H_
#define SITREP_EVENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sitrep {

// A UCDP-style estimate. `high` absent means open-ended ("plus de 300").
struct Count {
  int64_t low = 0;
  int64_t best = 0;
  std::optional<int64_t> high;
  // A plural collective with no figure ("dozens", "des dizaines"): the
  // floor the codebook gives it, less specific than any stated figure. Not
  // part of the output.
  bool vague = false;
  static Count Exact(int64_t n) { return {n, n, n}; }
  bool operator==(const Count&) const = default;
};

enum class DatePrecision { kDay, kRange, kWeek, kMonth, kYear, kUnknown };
const char* DatePrecisionName(DatePrecision p);

// A calendar day; y == 0 means absent.
struct Ymd {
  int y = 0, m = 0, d = 0;
  bool valid() const { return y != 0; }
  std::string ToString() const;  // YYYY-MM-DD
  auto operator<=>(const Ymd&) const = default;
};

struct DateInterval {
  Ymd start, end;
  DatePrecision precision = DatePrecision::kUnknown;
  bool operator==(const DateInterval&) const = default;
};

enum class LocationPrecision { kPlace, kNear, kAdmin1, kCountry, kUnknown };
const char* LocationPrecisionName(LocationPrecision p);

struct Location {
  std::string name;
  std::optional<int64_t> geonameid;
  std::optional<double> lat, lon;
  std::string admin1;       // ISO 3166-2, empty when unknown
  std::string admin1_name;  // English name of the province
  std::string country;      // ISO 3166-1 alpha-2, empty when unknown
  LocationPrecision precision = LocationPrecision::kUnknown;
};

struct Actor {
  std::string id;    // codebook actor id (RUS_MIL, IS, ...)
  std::string text;  // the words as written
};

enum class MaterielKind { kVehicle, kArmored, kFacility, kWeapon, kAircraft };
const char* MaterielKindName(MaterielKind k);

struct Destroyed {
  MaterielKind kind = MaterielKind::kVehicle;
  Count count;
};

struct Claim {
  std::string source;  // codebook source id (RUS_MOD, SOHR, ..., OTHER)
  std::string text;    // the words that credit the source
  std::optional<Count> fatalities, injured, strikes;
  std::vector<Destroyed> destroyed;
};

// Code point offsets into the document text as given; end exclusive.
struct Evidence {
  std::string doc;
  int64_t start = 0, end = 0;
};

// Why an event exists: the trigger and the rules that produced its fields
// (shown by `sitrep extract --explain`).
struct Provenance {
  std::string trigger;       // the trigger words
  std::string trigger_rule;  // lexicon entry or rule name
  std::vector<std::string> notes;
};

struct Event {
  std::string id;
  std::vector<std::string> docs;
  std::string event_type, sub_event_type;
  DateInterval date;
  Location location;
  std::optional<Actor> actor1, actor2;
  std::optional<Count> fatalities, injured, strikes;
  std::vector<Destroyed> destroyed;
  std::vector<Claim> claims;
  std::vector<Evidence> evidence;
  Provenance provenance;
  std::string pipeline_version;
  // Recalled as context (an earlier attack, an earlier capture) rather than
  // reported as news; dropped unless PipelineOptions::keep_background.
  bool background = false;
};

// One JSON line in the codebook format (no trailing newline). With
// `explain`, adds an "explain" object carrying the provenance.
std::string EventToJson(const Event& e, bool explain = false);

// Stable identifier from the event's content (docs, type, evidence, place,
// date): the same input gives the same id on every machine.
std::string ComputeEventId(const Event& e);

}  // namespace sitrep

#endif  // SITREP_EVENT_H_
