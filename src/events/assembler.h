// Turns the mentions of one document into codebook events: one per
// reported occurrence, with its type from the trigger, and its place, date,
// actors, counts and claims taken from the mentions around it.
//
// Steps (assembler.cc): triggers in negated, hypothetical, purpose or
// cumulative clauses are dropped (cues.h); each remaining trigger becomes a
// candidate carrying the actors of its clause in their roles (subject,
// passive agent "par X"/"by X", object), the figures nearest to it (a
// figure counts as a toll, injury or destruction only with the matching
// noun or verb, never after "convoi de"), its sources (the sentence's
// reporting cues, back-references resolved) and its nearest place and date
// (else those of the previous sentence of the paragraph). Candidates that
// report the same occurrence merge (same type, compatible sides, places,
// dates and figures); a strike named at its own place splits from an
// aggregate report by province, and "d'autres frappes" starts a new event.
// Weak triggers with no armed actor ("Les frappes ont tué 80 terroristes")
// attach to the event before them.
#ifndef SITREP_EVENTS_ASSEMBLER_H_
#define SITREP_EVENTS_ASSEMBLER_H_

#include <memory>
#include <string>
#include <vector>

#include "events/clause.h"
#include "events/country_codes.h"
#include "events/cues.h"
#include "events/taxonomy.h"
#include "mentions/mention.h"
#include "sitrep/event.h"
#include "sitrep/status.h"
#include "text/document.h"

namespace sitrep {

class EventAssembler {
 public:
  // Loads the cue lexicons under `lexicon_dir`.
  static StatusOr<std::unique_ptr<EventAssembler>> Create(const std::string& lexicon_dir,
                                                          std::vector<std::string>* warnings);
  // Events for `doc`, evidence and provenance filled (ids are the caller's), in text order.
  std::vector<Event> Assemble(const Document& doc, const MentionSet& m) const;

 private:
  std::unique_ptr<EventCues> cues_;
  std::unique_ptr<ClauseReader> clauses_;
  std::unique_ptr<Taxonomy> taxonomy_;  // the sub-event type by the codebook's decisive features
  CountryCodes codes_;
};

}  // namespace sitrep

#endif  // SITREP_EVENTS_ASSEMBLER_H_
