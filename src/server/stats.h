// The /api/stats answer: counts of events by day, type, province, actor and
// source, over a query's result.
#ifndef SITREP_SERVER_STATS_H_
#define SITREP_SERVER_STATS_H_

#include <string>
#include <vector>

#include "sitrep/event.h"

namespace sitrep {

// {"events": N, "fatalities": N, "by_day": [{"day", "events", "fatalities"}...] (sorted, by
// start date), "by_type": {...}, "by_sub_type": {...}, "by_admin1": {...}, "by_actor": {...},
// "by_source": {...}}
std::string StatsJson(const std::vector<Event>& events);

}  // namespace sitrep

#endif  // SITREP_SERVER_STATS_H_
