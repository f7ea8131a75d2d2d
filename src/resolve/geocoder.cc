#include "resolve/geocoder.h"

namespace sitrep {

Location ToLocation(const PlaceMention& m) {
  Location loc;
  loc.name = m.name;
  if (m.geonameid != 0) loc.geonameid = m.geonameid;
  loc.lat = m.lat;
  loc.lon = m.lon;
  loc.country = m.country;
  loc.precision = m.precision;
  if (m.level == PlaceLevel::kCountry) {
    loc.precision = LocationPrecision::kCountry;  // no province for a whole country
    return loc;
  }
  loc.admin1 = m.admin1;
  loc.admin1_name = m.admin1_name;
  if (m.level == PlaceLevel::kAdmin1) loc.precision = LocationPrecision::kAdmin1;
  return loc;
}

}  // namespace sitrep
