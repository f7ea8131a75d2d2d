// Exports of stored events: the codebook JSON line (plus store fields),
// ACLED-compatible CSV and GeoJSON (RFC 7946). The ACLED mappings are
// documented in docs/acled-export.md.
#ifndef SITREP_EXPORT_H_
#define SITREP_EXPORT_H_

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "sitrep/status.h"
#include "sitrep/store.h"

namespace sitrep {

// The codebook JSON line with "data_version" and "outlets" added.
std::string StoredEventToJson(const StoredEvent& e);

// Writes a FeatureCollection: one Point feature per event ([lon, lat]), or a
// null geometry when the place has no coordinates; properties hold the
// codebook event.
void WriteGeoJson(const std::vector<StoredEvent>& events, std::ostream& out);

// ACLED's columns, in ACLED's order.
const std::vector<std::string>& AcledColumns();

// One CSV record: cells joined by commas, quoted per RFC 4180 when they hold
// a comma, a quote or a line break, ended by CRLF.
void WriteCsvRecord(const std::vector<std::string>& cells, std::ostream& out);

// Writes ACLED-compatible CSV (UTF-8, RFC 4180 quoting, CRLF). Actor names,
// inter codes and country data come from <data_dir>/acled/*.tsv (empty
// data_dir: $SITREP_DATA or the source tree's data/, as for the pipeline).
class AcledCsvWriter {
 public:
  // Fails when the tables cannot be read; malformed rows go to `warnings`.
  static StatusOr<AcledCsvWriter> Create(const std::string& data_dir,
                                         std::vector<std::string>* warnings);
  void WriteHeader(std::ostream& out) const;
  void WriteRow(const StoredEvent& e, std::ostream& out) const;
  // The row as cells, in AcledColumns() order (for tests).
  std::vector<std::string> Cells(const StoredEvent& e) const;

 private:
  struct ActorInfo {
    std::string name, home;
    int inter = 0;
  };
  struct CountryInfo {
    std::string alpha2, alpha3, iso, name, region;
  };
  ActorInfo Actor(const std::string& id) const;
  std::map<std::string, ActorInfo> actors_;
  std::map<std::string, CountryInfo> countries_;  // by alpha-2
  std::map<std::string, std::string> alpha3_;     // alpha-3 -> alpha-2
};

}  // namespace sitrep

#endif  // SITREP_EXPORT_H_
