// Whose forces a possessive force head names: "Russia's defence ministry
// said its forces captured the village", "Le ministère russe de la Défense
// a affirmé que ses troupes...". The possessor is the nearest side named
// before the head in its sentence: an armed actor already resolved (a
// state's forces or a group), a country named where it is no place of the
// event ("Russia's", "Moscow said", not "in Donetsk"), or a source that
// speaks for a state (SourceMention::state, from state_sources.tsv). Stateless.
#ifndef SITREP_EVENTS_POSSESSOR_H_
#define SITREP_EVENTS_POSSESSOR_H_

#include <string>
#include <vector>

#include "events/country_codes.h"
#include "events/cues.h"
#include "mentions/mention.h"

namespace sitrep {

// The actor id m.actors[i] (a possessive bare head, id "*_ROLE") stands for:
// "RUS_MIL" for a state possessor, the group's id for a group; "" when the
// sentence names no side before it. `resolved` holds the ids of the actors
// before i (ResolvedActorIds so far).
std::string PossessorOf(const Document& doc, const MentionSet& m, const DocCues& cues, const CountryCodes& codes,
                        size_t i, const std::vector<std::string>& resolved);

}  // namespace sitrep

#endif  // SITREP_EVENTS_POSSESSOR_H_
