// Calendar placement of time expressions. Everything here is arithmetic on
// the publication date; recognising the words is DateFinder's job.
#include "resolve/date_resolver.h"

#include <cstdlib>

#include "base/dates.h"

namespace sitrep {
namespace {

// Months since year 0, for month-level comparisons and offsets.
int MonthIndex(int y, int m) { return y * 12 + (m - 1); }

bool PointsRight(int64_t cand, int64_t ref_lo, int64_t ref_hi, Direction dir) {
  switch (dir) {
    case Direction::kPast:
      return cand <= ref_hi;
    case Direction::kFuture:
      return cand >= ref_lo;
    case Direction::kStrictPast:
      return cand < ref_lo;
    case Direction::kStrictFuture:
      return cand > ref_hi;
  }
  return false;
}

}  // namespace

DateInterval DateResolver::Month(int y, int m) {
  return {{y, m, 1}, {y, m, DaysInMonth(y, m)}, DatePrecision::kMonth};
}

DateInterval DateResolver::Year(int y) { return {{y, 1, 1}, {y, 12, 31}, DatePrecision::kYear}; }

DateInterval DateResolver::WeekOf(const Ymd& d) {
  Ymd monday = AddDays(d, -sitrep::Weekday(d));
  return {monday, AddDays(monday, 6), DatePrecision::kWeek};
}

DateInterval DateResolver::PubInterval() const {
  if (!pub_.valid()) return {};
  if (!pub_.day_precision()) return Month(pub_.y, pub_.m);
  return Day(PubDay());
}

DateInterval DateResolver::RelDay(int offset) const {
  if (!pub_.valid() || !pub_.day_precision()) return PubInterval();
  return Day(AddDays(PubDay(), offset));
}

DateInterval DateResolver::Night(int offset) const {
  if (!pub_.valid() || !pub_.day_precision()) return PubInterval();
  Ymd s = AddDays(PubDay(), offset);
  return {s, AddDays(s, 1), DatePrecision::kRange};
}

DateInterval DateResolver::RelWeek(int offset) const {
  if (!pub_.valid() || !pub_.day_precision()) return PubInterval();
  return WeekOf(AddDays(PubDay(), 7 * offset));
}

DateInterval DateResolver::RelMonth(int offset) const {
  if (!pub_.valid()) return {};
  int idx = MonthIndex(pub_.y, pub_.m) + offset;
  return Month(idx / 12, idx % 12 + 1);
}

DateInterval DateResolver::RelYear(int offset) const {
  if (!pub_.valid()) return {};
  return Year(pub_.y + offset);
}

DateInterval DateResolver::Window(int days) const {
  if (!pub_.valid() || !pub_.day_precision()) return PubInterval();
  return {AddDays(PubDay(), -days), PubDay(), DatePrecision::kRange};
}

DateInterval DateResolver::Ago(int days, DatePrecision precision) const {
  if (!pub_.valid()) return {};
  if (!pub_.day_precision()) {
    if (precision == DatePrecision::kYear) return Year(pub_.y - days / 365);
    if (precision == DatePrecision::kMonth) return RelMonth(-(days / 30));
    return PubInterval();
  }
  Ymd d = AddDays(PubDay(), -days);
  switch (precision) {
    case DatePrecision::kYear:
      return Year(d.y);
    case DatePrecision::kMonth:
      return Month(d.y, d.m);
    case DatePrecision::kWeek:
      return WeekOf(d);
    default:
      return Day(d);
  }
}

DateInterval DateResolver::Weekday(int weekday, Direction dir) const {
  if (!pub_.valid() || !pub_.day_precision()) return PubInterval();
  Ymd pub = PubDay();
  int delta = weekday - sitrep::Weekday(pub);  // in (-7, 7)
  switch (dir) {
    case Direction::kPast:
      delta = delta > 0 ? delta - 7 : delta;
      break;
    case Direction::kStrictPast:
      delta = delta >= 0 ? delta - 7 : delta;
      break;
    case Direction::kFuture:
      delta = delta < 0 ? delta + 7 : delta;
      break;
    case Direction::kStrictFuture:
      delta = delta <= 0 ? delta + 7 : delta;
      break;
  }
  return Day(AddDays(pub, delta));
}

// With no year in the text, try the years around the publication year and
// keep the nearest one that points the right way (and, when a weekday is
// given, falls on it: "samedi 29 mai" fixes its own year).
DateInterval DateResolver::Partial(int y, int m, int d, int weekday, Direction dir) const {
  if (m < 1 || m > 12) return {};
  if (y != 0) {
    if (d == 0) return Month(y, m);
    if (d > DaysInMonth(y, m)) return {};
    return Day({y, m, d});
  }
  if (!pub_.valid()) return {};
  const bool month_only = d == 0 || !pub_.day_precision();
  int64_t ref_lo, ref_hi;
  if (pub_.day_precision() && !month_only) {
    ref_lo = ref_hi = ToDays(PubDay());
  } else {
    ref_lo = ref_hi = MonthIndex(pub_.y, pub_.m);
  }
  int best_year = 0;
  int64_t best_dist = 0;
  // A weekday given with the day fixes the year whichever way the text points.
  if (weekday >= 0 && d != 0 && pub_.day_precision()) {
    for (int cy = pub_.y - 1; cy <= pub_.y + 1; ++cy) {
      if (d > DaysInMonth(cy, m) || sitrep::Weekday({cy, m, d}) != weekday) continue;
      int64_t dist = std::llabs(DaysFromCivil(cy, m, d) - ref_lo);
      if (best_year == 0 || dist < best_dist) best_year = cy, best_dist = dist;
    }
    if (best_year != 0 && best_dist <= 200) return Day({best_year, m, d});
    best_year = 0;
  }
  for (int cy = pub_.y - 1; cy <= pub_.y + 1; ++cy) {
    if (d != 0 && d > DaysInMonth(cy, m)) continue;
    int64_t cand = month_only ? MonthIndex(cy, m) : DaysFromCivil(cy, m, d);
    if (!PointsRight(cand, ref_lo, ref_hi, dir)) continue;
    int64_t dist = std::llabs(cand - ref_lo);
    if (best_year == 0 || dist < best_dist) best_year = cy, best_dist = dist;
  }
  if (best_year == 0) return {};
  if (d == 0) return Month(best_year, m);
  return Day({best_year, m, d});
}

DateInterval DateResolver::Since(const DateInterval& from) const {
  if (!from.start.valid() || !pub_.valid() || !pub_.day_precision()) return from;
  Ymd pub = PubDay();
  if (from.start > pub) return from;
  return {from.start, pub, DatePrecision::kRange};
}

DateInterval DateResolver::FromAnchor(const Ymd& anchor, int offset) {
  return Day(AddDays(anchor, offset));
}

}  // namespace sitrep
