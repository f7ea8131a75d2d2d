// What enters the pipeline: one article with its metadata.
#ifndef SITREP_DOCUMENT_H_
#define SITREP_DOCUMENT_H_

#include <string>

#include "sitrep/event.h"

namespace sitrep {

// Publication date at day or month precision (d == 0 for month precision).
struct PubDate {
  int y = 0, m = 0, d = 0;
  bool valid() const { return y != 0 && m != 0; }
  bool day_precision() const { return d != 0; }
};

// Parses "YYYY-MM-DD" or "YYYY-MM" (and longer ISO timestamps, keeping the
// day). Returns false for anything else or an impossible calendar date.
bool ParsePubDate(const std::string& s, PubDate* out);

struct RawDocument {
  std::string id;     // given id, or a content hash when empty
  std::string bytes;  // the text as given (may hold invalid UTF-8)
  PubDate date;       // publication date, may be invalid (absent)
  std::string lang;   // declared language ("fr", "en"), may be empty
  std::string url, outlet;
  std::string origin;  // "file:line" for diagnostics
};

}  // namespace sitrep

#endif  // SITREP_DOCUMENT_H_
