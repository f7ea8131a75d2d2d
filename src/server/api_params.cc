#include "server/api_params.h"

#include <httplib.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <set>

#include "base/dates.h"

namespace sitrep {
std::multimap<std::string, std::string> ParseQueryString(const std::string& query) {
  httplib::Params params;
  httplib::detail::parse_query_text(query, params);
  return {params.begin(), params.end()};
}

bool ParseDay(const std::string& s, Ymd* out) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  Ymd d{std::atoi(s.substr(0, 4).c_str()), std::atoi(s.substr(5, 2).c_str()),
        std::atoi(s.substr(8, 2).c_str())};
  if (d.m < 1 || d.m > 12 || d.d < 1 || d.d > DaysInMonth(d.y, d.m)) return false;
  *out = d;
  return true;
}

bool ParseDouble(const std::string& s, double* out) {
  if (s.empty() || s.size() > 32 || std::isspace(static_cast<unsigned char>(s[0]))) return false;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

bool ParseSize(const std::string& s, size_t max, size_t* out) {
  if (s.empty() || s.size() > 12) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  unsigned long long v = std::strtoull(s.c_str(), nullptr, 10);
  if (v > max) return false;
  *out = static_cast<size_t>(v);
  return true;
}

namespace {

Status ParseBbox(const std::string& s, BoundingBox* out) {
  double v[4];
  size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    size_t comma = s.find(',', start);
    if ((i < 3) != (comma != std::string::npos)) break;
    std::string part = s.substr(start, i < 3 ? comma - start : std::string::npos);
    if (!ParseDouble(part, &v[i])) {
      return Status::InvalidArgument("bbox: '" + part + "' is not a number");
    }
    start = comma + 1;
    if (i == 3) {
      BoundingBox b{v[0], v[1], v[2], v[3]};
      if (b.min_lon < -180 || b.max_lon > 180 || b.min_lat < -90 || b.max_lat > 90)
        return Status::InvalidArgument("bbox: coordinates out of range (lon -180..180, lat -90..90)");
      if (b.min_lon > b.max_lon || b.min_lat > b.max_lat)
        return Status::InvalidArgument("bbox: minimum greater than maximum");
      *out = b;
      return Status::Ok();
    }
  }
  return Status::InvalidArgument("bbox: expected min_lon,min_lat,max_lon,max_lat");
}

bool IsCode(const std::string& s, size_t min, size_t max, bool dash) {
  if (s.size() < min || s.size() > max) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && !(dash && c == '-')) return false;
  return true;
}

}  // namespace

bool IsValidId(const std::string& id) {
  if (id.empty() || id.size() > 200) return false;
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.' && c != ':')
      return false;
  return true;
}

StatusOr<ApiQuery> ParseApiQuery(const std::multimap<std::string, std::string>& params) {
  static const std::set<std::string> kKnown = {"from", "to", "bbox", "admin1", "country", "type",
                                               "sub_type", "actor", "source", "q", "limit",
                                               "offset", "sort"};
  ApiQuery q;
  for (const auto& [key, value] : params) {
    if (!kKnown.count(key)) return Status::InvalidArgument("unknown parameter '" + key + "'");
    if (params.count(key) > 1) return Status::InvalidArgument("parameter '" + key + "' given twice");
    if (value.size() > 1000) return Status::InvalidArgument("parameter '" + key + "' is too long");
    if (value.empty()) continue;
    QueryFilter& f = q.filter;
    if (key == "from" || key == "to") {
      Ymd d;
      if (!ParseDay(value, &d))
        return Status::InvalidArgument(key + ": '" + value + "' is not a date (YYYY-MM-DD)");
      (key == "from" ? f.from : f.to) = d;
    } else if (key == "bbox") {
      BoundingBox b;
      SITREP_RETURN_IF_ERROR(ParseBbox(value, &b));
      f.bbox = b;
    } else if (key == "admin1") {
      if (!IsCode(value, 4, 6, true)) return Status::InvalidArgument("admin1: expected an ISO 3166-2 code such as SY-ID");
      f.admin1 = value;
    } else if (key == "country") {
      if (!IsCode(value, 2, 2, false)) return Status::InvalidArgument("country: expected an ISO 3166-1 alpha-2 code such as SY");
      f.country = value;
    } else if (key == "type") {
      f.event_type = value;
    } else if (key == "sub_type") {
      f.sub_event_type = value;
    } else if (key == "actor") {
      f.actor = value;
    } else if (key == "source") {
      f.source = value;
    } else if (key == "q") {
      f.text = value;
    } else if (key == "limit") {
      if (!ParseSize(value, kMaxPageSize, &q.limit) || q.limit == 0)
        return Status::InvalidArgument("limit: expected an integer from 1 to " + std::to_string(kMaxPageSize));
    } else if (key == "offset") {
      if (!ParseSize(value, kMaxOffset, &q.offset))
        return Status::InvalidArgument("offset: expected an integer from 0 to " + std::to_string(kMaxOffset));
    } else if (key == "sort") {
      if (value == "date") q.filter.order = QueryOrder::kDateAsc;
      else if (value == "-date") q.filter.order = QueryOrder::kDateDesc;
      else if (value == "-fatalities") q.filter.order = QueryOrder::kFatalitiesDesc;
      else return Status::InvalidArgument("sort: expected date, -date or -fatalities");
    }
  }
  if (q.filter.from && q.filter.to && *q.filter.to < *q.filter.from)
    return Status::InvalidArgument("from is after to");
  return q;
}

}  // namespace sitrep
