// Codebook JSON and GeoJSON (RFC 7946) forms of stored events.
#include <nlohmann/json.hpp>

#include "sitrep/export.h"

namespace sitrep {
namespace {

using Json = nlohmann::ordered_json;

Json EventObject(const StoredEvent& e) {
  Json j = Json::parse(EventToJson(e.event), nullptr, false);
  j["data_version"] = e.data_version;
  j["outlets"] = e.outlets;
  return j;
}

}  // namespace

std::string StoredEventToJson(const StoredEvent& e) {
  return EventObject(e).dump(-1, ' ', false, Json::error_handler_t::replace);
}

void WriteGeoJson(const std::vector<StoredEvent>& events, std::ostream& out) {
  out << "{\"type\":\"FeatureCollection\",\"features\":[";
  bool first = true;
  for (const auto& e : events) {
    const Location& l = e.event.location;
    Json f = {{"type", "Feature"}, {"id", e.event.id}, {"geometry", nullptr}};
    bool valid = l.lat && l.lon && *l.lat >= -90 && *l.lat <= 90 && *l.lon >= -180 && *l.lon <= 180;
    if (valid) f["geometry"] = {{"type", "Point"}, {"coordinates", {*l.lon, *l.lat}}};
    f["properties"] = EventObject(e);
    out << (first ? "\n" : ",\n") << f.dump(-1, ' ', false, Json::error_handler_t::replace);
    first = false;
  }
  out << "\n]}\n";
}

}  // namespace sitrep
