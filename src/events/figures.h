// The figures one source gives for one event (fatalities, injured,
// destroyed materiel, strikes) and how figures from several sentences and
// sources combine: within a source the most specific figure wins (an exact
// 36 over "des dizaines"); across sources the top level is the most
// conservative figure (ACLED's rule): the lowest best any source gives
// ("at least 25" and "31" give 25), each source's own figure in its claim.
#ifndef SITREP_EVENTS_FIGURES_H_
#define SITREP_EVENTS_FIGURES_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sitrep/event.h"

namespace sitrep {

struct Figures {
  std::optional<Count> fatalities, injured, strikes;
  std::map<MaterielKind, Count> destroyed;
  bool empty() const { return !fatalities && !injured && !strikes && destroyed.empty(); }
};

// Adds `c` to `*slot` as one more item of the same report ("36 véhicules,
// huit camions et 17 pickups": 61).
void AddCount(std::optional<Count>* slot, const Count& c);
// Keeps the more specific or larger of two reports of the same figure.
void KeepBest(std::optional<Count>* slot, const Count& c);
// Adds every figure of `from` to `into` (items of one sentence).
void MergeSum(Figures* into, const Figures& from);
// Merges `from` into `into` with KeepBest.
void MergeFigures(Figures* into, const Figures& from);
// True when both give an exact figure for one field and the figures differ:
// two different occurrences, not two sentences about one.
bool Conflict(const Figures& a, const Figures& b);
// Most conservative figure across sources for each field.
Figures TopLevel(const std::vector<const Figures*>& by_source);

}  // namespace sitrep

#endif  // SITREP_EVENTS_FIGURES_H_
