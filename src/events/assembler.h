// Turns the mentions of one document into codebook events: one per
// reported occurrence, with its type from the trigger, and its place, date,
// actors, counts and claims taken from the mentions around it.
#ifndef SITREP_EVENTS_ASSEMBLER_H_
#define SITREP_EVENTS_ASSEMBLER_H_

#include <memory>
#include <string>
#include <vector>

#include "mentions/mention.h"
#include "sitrep/event.h"
#include "sitrep/status.h"
#include "text/document.h"

namespace sitrep {

class EventAssembler {
 public:
  EventAssembler() = default;
  // Events for `doc`, ids and evidence filled, in text order.
  std::vector<Event> Assemble(const Document& doc, const MentionSet& m) const;
};

}  // namespace sitrep

#endif  // SITREP_EVENTS_ASSEMBLER_H_
