// The terminal table of events shared by `sitrep query` and `sitrep summary`.
#ifndef SITREP_TOOLS_EVENT_TABLE_H_
#define SITREP_TOOLS_EVENT_TABLE_H_

#include <ostream>
#include <vector>

#include "sitrep/store.h"

namespace sitrep::cli {

// The sources of the claims by the words the texts use for them ("selon
// l'OSDH" -> "l'OSDH"), the id when a claim has no words; each once, "; "-joined.
std::string SourceWords(const std::vector<Claim>& claims);

// One line per event (date, type, place, actors, dead, reports, sources,
// id), cells clipped and padded by code points, then the count.
void WriteTable(const std::vector<StoredEvent>& events, std::ostream& out);

}  // namespace sitrep::cli

#endif  // SITREP_TOOLS_EVENT_TABLE_H_
