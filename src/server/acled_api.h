// ACLED's read API over the store (GET /api/acled/read, docs/acled-api.md):
// a script written for ACLED's API runs against sitrep by changing its base
// URL. The parameters are ACLED's: any column of the ACLED export as a filter
// (`country=Syria`, `iso=760`, `region=11`, `actor1=...`, `year=2023`,
// `event_date=2023-01-01|2023-03-31` with `event_date_where=BETWEEN`), `|`
// between alternatives, `<column>_where` for the comparison, `fields` (columns
// joined by `|`), `limit`, `page` and `export_type` (json or csv). Filters
// compare the cells of the ACLED export (sitrep/export.h), so the rows a
// filter keeps are the rows of `sitrep query --format csv` that carry those
// values.
#ifndef SITREP_SERVER_ACLED_API_H_
#define SITREP_SERVER_ACLED_API_H_

#include <map>
#include <string>
#include <vector>

#include "sitrep/status.h"
#include "sitrep/store.h"

namespace sitrep {

inline constexpr size_t kAcledDefaultLimit = 5000;  // ACLED's own default page size
inline constexpr size_t kAcledMaxLimit = 1'000'000;

// `<column>_where`: = (default), LIKE for text columns; =, <, <=, >, >=,
// BETWEEN for numbers and event_date.
enum class AcledOp { kEq, kLike, kLt, kLe, kGt, kGe, kBetween };

struct AcledCondition {
  size_t column = 0;                // index into AcledColumns()
  AcledOp op = AcledOp::kEq;
  std::vector<std::string> values;  // alternatives (any may match); the two bounds of BETWEEN
};

struct AcledQuery {
  std::vector<AcledCondition> conditions;  // every one must hold
  std::vector<std::string> fields;         // columns to answer, in order; empty: all
  size_t limit = kAcledDefaultLimit;       // rows per page; 0: every row
  size_t page = 1;                         // from 1
  bool csv = false;                        // export_type=csv
  // What the store is asked for: a superset of the matching events (the date
  // conditions as a date range), so that not every event is read and exported.
  QueryFilter prefilter;
};

// Columns sitrep adds after ACLED's, named so they cannot clash with any of
// ACLED's: sitrep_claims (each source's words and figures), sitrep_evidence
// (document, code-point offsets), sitrep_documents (document ids).
const std::vector<std::string>& AcledExtraColumns();

// Index of an ACLED column in AcledColumns(), or -1.
int AcledColumnIndex(const std::string& name);

// Validates the query string. `regions`: ACLED region code -> region name
// (data/acled/regions.tsv), so that `region=11` meets the column's
// "Middle East". Unknown parameters, repeated ones and bad values fail with a
// message for the client. ACLED's credentials (key, email, terms) are
// accepted and ignored: the store is local and read-only.
StatusOr<AcledQuery> ParseAcledQuery(const std::multimap<std::string, std::string>& params,
                                     const std::map<std::string, std::string>& regions);

// True when the row (cells in AcledColumns() order) meets every condition.
bool AcledRowMatches(const AcledQuery& q, const std::vector<std::string>& cells);

// ACLED region codes -> names from <data_dir>/acled/regions.tsv.
StatusOr<std::map<std::string, std::string>> ReadAcledRegions(const std::string& data_dir);

}  // namespace sitrep

#endif  // SITREP_SERVER_ACLED_API_H_
