// Cross-document merging: reports of the same occurrence (one per-document
// event each) become one event that lists every document, with each
// source's claims side by side and the top-level counts recomputed.
//
// Two reports are compatible when they have the same event type (and the
// same sub-event type, or two that reports often confuse), date intervals
// that overlap (each known to within kMaxSpanDays), places within kMaxKm of
// each other (or the same province when either is known only to the
// province), and actors that do not contradict each other. Reports from one
// document are never merged: the document itself says they are distinct.
//
// Clustering is complete-linkage over candidate pairs taken strongest first
// in a canonical order, so the clusters are a function of the SET of
// reports: any input order gives the same result, and a later report can
// split an earlier merge (it may bind more strongly to one side while
// contradicting the other).
#ifndef SITREP_DEDUP_MERGE_H_
#define SITREP_DEDUP_MERGE_H_

#include <string>
#include <vector>

#include "sitrep/event.h"

namespace sitrep {

inline constexpr double kMaxKm = 25.0;
inline constexpr int kMaxSpanDays = 7;

struct PairCheck {
  bool compatible = false;
  int score = 0;       // higher binds first (same sub-type, same day, closer, same actors)
  std::string reason;  // why compatible, or why not
};

// Whether a report carries enough to be merged at all: a type, a date known
// to within kMaxSpanDays, and coordinates or a province.
bool Mergeable(const Event& report);

// Symmetric. Reports are per-document events (docs[0] is the document).
PairCheck CheckPair(const Event& a, const Event& b);

double DistanceKm(double lat1, double lon1, double lat2, double lon2);

struct Cluster {
  std::vector<size_t> members;       // indexes into the input, by report id
  std::vector<std::string> reasons;  // merges made and merges refused, one sentence each
};

// Clusters `reports` (ids must be unique). Deterministic for the set: the
// result does not depend on the order of `reports` (up to the indexes).
// Clusters come sorted by their first member's id.
std::vector<Cluster> ClusterReports(const std::vector<Event>& reports);

// The merged event for one cluster: id of the smallest member id; docs,
// claims and evidence from every member; the most precise date and place;
// the first known actors; each count the most conservative figure any
// report or claim gives. A one-member cluster gives the report unchanged.
Event BuildMergedEvent(const std::vector<const Event*>& members,
                       const std::vector<std::string>& reasons);

}  // namespace sitrep

#endif  // SITREP_DEDUP_MERGE_H_
