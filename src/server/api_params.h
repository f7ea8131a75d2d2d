// Validation of the HTTP API's query parameters. Every parameter is checked
// and turned into a store QueryFilter; the first bad one gives a message
// meant for the client (answered as 400 Bad Request).
#ifndef SITREP_SERVER_API_PARAMS_H_
#define SITREP_SERVER_API_PARAMS_H_

#include <map>
#include <string>

#include "sitrep/status.h"
#include "sitrep/store.h"

namespace sitrep {

inline constexpr size_t kDefaultPageSize = 100;
inline constexpr size_t kMaxPageSize = 5000;
inline constexpr size_t kMaxOffset = 10'000'000;

struct ApiQuery {
  QueryFilter filter;  // the filters and the order; paging is applied by the caller
  size_t limit = kDefaultPageSize;
  size_t offset = 0;
};

// Parameters: from, to (YYYY-MM-DD), bbox (min_lon,min_lat,max_lon,max_lat),
// admin1 (ISO 3166-2), country (ISO alpha-2), type, sub_type, actor,
// source, q (full text over evidence), limit (1..5000), offset, sort
// (date, -date, -fatalities). Unknown parameters are rejected, so that a
// typo never silently returns everything.
StatusOr<ApiQuery> ParseApiQuery(const std::multimap<std::string, std::string>& params);

// Strict readers for parameter values, shared by every endpoint: a
// calendar day "YYYY-MM-DD"; a finite decimal number with nothing around
// it; a count of digits only, at most `max`.
bool ParseDay(const std::string& s, Ymd* out);
bool ParseDouble(const std::string& s, double* out);
bool ParseSize(const std::string& s, size_t max, size_t* out);

// What the HTTP library makes of a query string ("a=1&b=%20x"): split at
// '&' and '=', '+' and percent escapes decoded; a malformed escape ("%zz",
// a trailing "%") is kept as written. The server's handlers see exactly this.
std::multimap<std::string, std::string> ParseQueryString(const std::string& query);

// Ids in URL paths: letters, digits, '_', '-', '.', ':' and at most 200 bytes.
bool IsValidId(const std::string& id);

}  // namespace sitrep

#endif  // SITREP_SERVER_API_PARAMS_H_
