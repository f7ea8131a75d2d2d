// Reading the project's data files: tab-separated, '#' starts a comment
// line, the first non-comment line is the header. A malformed row is
// reported with its file and line number and skipped.
#ifndef SITREP_LEXICON_TSV_H_
#define SITREP_LEXICON_TSV_H_

#include <string>
#include <vector>

#include "sitrep/status.h"

namespace sitrep {

struct TsvRow {
  int line = 0;
  std::vector<std::string> cells;
};

struct TsvTable {
  std::string path;
  std::vector<std::string> header;
  std::vector<TsvRow> rows;
  std::vector<std::string> errors;  // "path:line: reason" for rows that were skipped
  // Column index by header name, -1 when absent.
  int Column(const std::string& name) const;
};

// Fails when the file cannot be read or lacks one of `required` columns.
// Rows with fewer cells than `required` columns are reported and skipped.
StatusOr<TsvTable> ReadTsv(const std::string& path, const std::vector<std::string>& required);

std::vector<std::string> SplitString(const std::string& s, char sep);

}  // namespace sitrep

#endif  // SITREP_LEXICON_TSV_H_
