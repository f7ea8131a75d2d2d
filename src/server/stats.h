// The /api/stats answer: counts of events by day, type, province, actor and
// source, over a query's result, and the span of days a timeline should show.
#ifndef SITREP_SERVER_STATS_H_
#define SITREP_SERVER_STATS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sitrep/event.h"
#include "sitrep/store.h"

namespace sitrep {

// The days a timeline of `events` should span. Background events (recalled
// as context) and events dated after `today` (impossible: a report cannot
// precede what it reports) never stretch it, nor do isolated dates far from
// the rest (a year read in a recalled passage of an undated article): from
// the middle half of the dates (25th to 75th percentile), the span grows
// over every date reached by steps no wider than twice that middle half (at
// least a year). `outside` counts the dated events left out.
struct DayRange {
  Ymd from, to;  // invalid when no event is dated
  int64_t outside = 0;
};
DayRange TimelineRange(const std::vector<Event>& events, const Ymd& today);
// The same from counts: `days` the events a timeline shows per start day
// ("YYYY-MM-DD", not background), `dated` every event with a start day.
DayRange TimelineRange(const std::map<std::string, int64_t>& days, int64_t dated, const Ymd& today);

// The counts /api/stats reports, from events in memory (Store::Aggregate
// gives the same from a store without reading the events).
EventCounts CountEvents(const std::vector<Event>& events);

// {"events": N, "fatalities": N, "by_day": [{"day", "events", "fatalities"}...] (sorted, by
// start date), "timeline": {"from", "to", "outside"} (TimelineRange; nulls when nothing is
// dated), "by_type": {...}, "by_sub_type": {...}, "by_admin1": {...}, "by_actor": {...},
// "by_source": {...}, "source_names": {id: the words the texts use most for it; not for OTHER}}
std::string StatsJson(const std::vector<Event>& events, const Ymd& today);
std::string StatsJson(const EventCounts& counts, const Ymd& today);

}  // namespace sitrep

#endif  // SITREP_SERVER_STATS_H_
