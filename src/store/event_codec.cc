#include "store/event_codec.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace sitrep {
namespace {

using Json = nlohmann::json;

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<Count> CountOf(const Json& j) {
  if (!j.is_object() || !j.contains("best") || !j["best"].is_number_integer()) return std::nullopt;
  Count c;
  c.best = j["best"].get<int64_t>();
  c.low = j.value("low", Json(c.best)).is_number_integer() ? j["low"].get<int64_t>() : c.best;
  if (j.contains("high") && j["high"].is_number_integer()) c.high = j["high"].get<int64_t>();
  return c;
}

std::optional<Count> CountAt(const Json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() ? std::nullopt : CountOf(*it);
}

MaterielKind KindOf(const std::string& s) {
  for (auto k : {MaterielKind::kVehicle, MaterielKind::kArmored, MaterielKind::kFacility,
                 MaterielKind::kWeapon, MaterielKind::kAircraft}) {
    if (s == MaterielKindName(k)) return k;
  }
  return MaterielKind::kVehicle;
}

std::vector<Destroyed> DestroyedOf(const Json& j) {
  std::vector<Destroyed> out;
  auto it = j.find("destroyed");
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& d : *it) {
    auto c = CountOf(d);
    if (c) out.push_back({KindOf(Str(d, "kind")), *c});
  }
  return out;
}

std::optional<Actor> ActorOf(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return std::nullopt;
  return Actor{Str(*it, "id"), Str(*it, "text")};
}

DatePrecision DatePrecisionOf(const std::string& s) {
  for (auto p : {DatePrecision::kDay, DatePrecision::kRange, DatePrecision::kWeek,
                 DatePrecision::kMonth, DatePrecision::kYear}) {
    if (s == DatePrecisionName(p)) return p;
  }
  return DatePrecision::kUnknown;
}

LocationPrecision LocationPrecisionOf(const std::string& s) {
  for (auto p : {LocationPrecision::kPlace, LocationPrecision::kNear, LocationPrecision::kAdmin1,
                 LocationPrecision::kCountry}) {
    if (s == LocationPrecisionName(p)) return p;
  }
  return LocationPrecision::kUnknown;
}

std::optional<double> Number(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

Location LocationOf(const Json& j) {
  Location l;
  if (!j.is_object()) return l;
  l.name = Str(j, "name");
  if (j.contains("geonameid") && j["geonameid"].is_number_integer())
    l.geonameid = j["geonameid"].get<int64_t>();
  l.lat = Number(j, "lat");
  l.lon = Number(j, "lon");
  l.admin1 = Str(j, "admin1");
  l.admin1_name = Str(j, "admin1_name");
  l.country = Str(j, "country");
  l.precision = LocationPrecisionOf(Str(j, "precision"));
  return l;
}

DateInterval DateOf(const Json& j) {
  DateInterval d;
  if (!j.is_object()) return d;
  d.precision = DatePrecisionOf(Str(j, "precision"));
  if (!ParseYmd(Str(j, "start"), &d.start)) d.precision = DatePrecision::kUnknown;
  if (!ParseYmd(Str(j, "end"), &d.end)) d.end = d.start;
  return d;
}

}  // namespace

bool ParseYmd(const std::string& s, Ymd* out) {
  int y, m, d;
  char tail;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return false;
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  *out = Ymd{y, m, d};
  return true;
}

StatusOr<Event> EventFromJson(const std::string& json) {
  Json j = Json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument("not a JSON object");
  Event e;
  e.id = Str(j, "id");
  if (j.contains("docs") && j["docs"].is_array())
    for (const auto& d : j["docs"])
      if (d.is_string()) e.docs.push_back(d.get<std::string>());
  e.event_type = Str(j, "event_type");
  e.sub_event_type = Str(j, "sub_event_type");
  if (j.contains("date")) e.date = DateOf(j["date"]);
  if (j.contains("location")) e.location = LocationOf(j["location"]);
  e.actor1 = ActorOf(j, "actor1");
  e.actor2 = ActorOf(j, "actor2");
  e.fatalities = CountAt(j, "fatalities");
  e.injured = CountAt(j, "injured");
  e.strikes = CountAt(j, "strikes");
  e.destroyed = DestroyedOf(j);
  if (j.contains("claims") && j["claims"].is_array()) {
    for (const auto& c : j["claims"]) {
      if (!c.is_object()) continue;
      Claim cl{Str(c, "source"),      Str(c, "text"),        CountAt(c, "fatalities"),
               CountAt(c, "injured"), CountAt(c, "strikes"), DestroyedOf(c)};
      e.claims.push_back(std::move(cl));
    }
  }
  if (j.contains("evidence") && j["evidence"].is_array()) {
    for (const auto& x : j["evidence"]) {
      if (!x.is_object() || !x.value("start", Json()).is_number_integer()) continue;
      e.evidence.push_back({Str(x, "doc"), x["start"].get<int64_t>(), x.value("end", int64_t{0})});
    }
  }
  e.pipeline_version = Str(j, "pipeline_version");
  if (j.contains("explain") && j["explain"].is_object()) {
    const auto& x = j["explain"];
    e.provenance.trigger = Str(x, "trigger");
    e.provenance.trigger_rule = Str(x, "rule");
    if (x.contains("notes") && x["notes"].is_array())
      for (const auto& n : x["notes"])
        if (n.is_string()) e.provenance.notes.push_back(n.get<std::string>());
  }
  return e;
}

}  // namespace sitrep
