// JSON form of the codebook event ("sitrep.event/1"), with fields in the
// codebook's order so that output diffs stay readable.
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "base/hash.h"
#include "sitrep/event.h"

namespace sitrep {
namespace {

using Json = nlohmann::ordered_json;

Json CountJson(const std::optional<Count>& c) {
  if (!c) return nullptr;
  Json j = {{"low", c->low}, {"best", c->best}, {"high", nullptr}};
  if (c->high) j["high"] = *c->high;
  return j;
}

Json DestroyedJson(const std::vector<Destroyed>& ds) {
  Json arr = Json::array();
  for (const auto& d : ds) {
    Json j = {{"kind", MaterielKindName(d.kind)}, {"low", d.count.low}, {"best", d.count.best},
              {"high", nullptr}};
    if (d.count.high) j["high"] = *d.count.high;
    arr.push_back(std::move(j));
  }
  return arr;
}

Json DateJson(const DateInterval& d) {
  Json j = {{"start", nullptr}, {"end", nullptr}, {"precision", DatePrecisionName(d.precision)}};
  if (d.precision != DatePrecision::kUnknown && d.start.valid()) {
    j["start"] = d.start.ToString();
    j["end"] = (d.end.valid() ? d.end : d.start).ToString();
  } else {
    j["precision"] = "unknown";
  }
  return j;
}

Json Round(std::optional<double> v) {
  if (!v) return nullptr;
  return std::round(*v * 1e5) / 1e5;
}

Json LocationJson(const Location& l) {
  auto str = [](const std::string& s) -> Json { return s.empty() ? Json(nullptr) : Json(s); };
  Json j = {{"name", str(l.name)}, {"geonameid", nullptr}, {"lat", Round(l.lat)},
            {"lon", Round(l.lon)}, {"admin1", str(l.admin1)}, {"admin1_name", str(l.admin1_name)},
            {"country", str(l.country)}, {"precision", LocationPrecisionName(l.precision)}};
  if (l.geonameid) j["geonameid"] = *l.geonameid;
  return j;
}

Json ActorJson(const std::optional<Actor>& a) {
  if (!a) return nullptr;
  return Json{{"id", a->id}, {"text", a->text}};
}

}  // namespace

const char* DatePrecisionName(DatePrecision p) {
  switch (p) {
    case DatePrecision::kDay: return "day";
    case DatePrecision::kRange: return "range";
    case DatePrecision::kWeek: return "week";
    case DatePrecision::kMonth: return "month";
    case DatePrecision::kYear: return "year";
    case DatePrecision::kUnknown: break;
  }
  return "unknown";
}

const char* LocationPrecisionName(LocationPrecision p) {
  switch (p) {
    case LocationPrecision::kPlace: return "place";
    case LocationPrecision::kNear: return "near";
    case LocationPrecision::kAdmin1: return "admin1";
    case LocationPrecision::kCountry: return "country";
    case LocationPrecision::kUnknown: break;
  }
  return "unknown";
}

const char* MaterielKindName(MaterielKind k) {
  switch (k) {
    case MaterielKind::kVehicle: return "vehicle";
    case MaterielKind::kArmored: return "armored";
    case MaterielKind::kFacility: return "facility";
    case MaterielKind::kWeapon: return "weapon";
    case MaterielKind::kAircraft: return "aircraft";
  }
  return "vehicle";
}

std::string Ymd::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string ComputeEventId(const Event& e) {
  uint64_t h = Fnv1a64("sitrep.event/1");
  for (const auto& d : e.docs) h = Fnv1a64(d + "\x1f", h);
  h = Fnv1a64(e.event_type + "\x1f" + e.sub_event_type + "\x1f", h);
  for (const auto& ev : e.evidence)
    h = Fnv1a64(ev.doc + ":" + std::to_string(ev.start) + "-" + std::to_string(ev.end) + ";", h);
  h = Fnv1a64(e.location.name + "\x1f" + e.date.start.ToString() + "\x1f", h);
  if (e.actor1) h = Fnv1a64(e.actor1->id, h);
  if (e.actor2) h = Fnv1a64("/" + e.actor2->id, h);
  return "ev_" + Hex64(h);
}

std::string EventToJson(const Event& e, bool explain) {
  Json j;
  j["schema"] = "sitrep.event/1";
  j["id"] = e.id;
  j["docs"] = e.docs;
  j["event_type"] = e.event_type;
  j["sub_event_type"] = e.sub_event_type;
  j["date"] = DateJson(e.date);
  j["location"] = LocationJson(e.location);
  j["actor1"] = ActorJson(e.actor1);
  j["actor2"] = ActorJson(e.actor2);
  j["fatalities"] = CountJson(e.fatalities);
  j["injured"] = CountJson(e.injured);
  j["destroyed"] = DestroyedJson(e.destroyed);
  j["strikes"] = CountJson(e.strikes);
  Json claims = Json::array();
  for (const auto& c : e.claims) {
    claims.push_back({{"source", c.source}, {"text", c.text}, {"fatalities", CountJson(c.fatalities)},
                      {"injured", CountJson(c.injured)}, {"destroyed", DestroyedJson(c.destroyed)},
                      {"strikes", CountJson(c.strikes)}});
  }
  j["claims"] = std::move(claims);
  Json ev = Json::array();
  for (const auto& x : e.evidence) ev.push_back({{"doc", x.doc}, {"start", x.start}, {"end", x.end}});
  j["evidence"] = std::move(ev);
  if (e.background) j["background"] = true;
  j["pipeline_version"] = e.pipeline_version;
  if (explain) {
    j["explain"] = {{"trigger", e.provenance.trigger}, {"rule", e.provenance.trigger_rule},
                    {"notes", e.provenance.notes}};
  }
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace sitrep
