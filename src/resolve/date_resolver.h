// Places time expressions on the calendar against a publication date, with
// the codebook's precision levels. The publication date may have day
// precision, month precision (then day-relative expressions anchor at month
// level: "hier" in a document dated 2017-06 is June 2017, precision month) or
// be absent (then anything without its own year is `unknown`: a year is
// never guessed). Plain value, cheap to copy, thread-compatible.
#ifndef SITREP_RESOLVE_DATE_RESOLVER_H_
#define SITREP_RESOLVE_DATE_RESOLVER_H_

#include "sitrep/document.h"
#include "sitrep/event.h"

namespace sitrep {

// Which way an expression without a year (or a bare weekday) points.
enum class Direction {
  kPast,         // on or before the reference ("lundi" in past narration)
  kFuture,       // on or after it ("samedi, la fête commencera")
  kStrictPast,   // before it ("mardi dernier", "last Tuesday")
  kStrictFuture  // after it ("mardi prochain", "next Tuesday")
};

class DateResolver {
 public:
  explicit DateResolver(PubDate pub) : pub_(pub) {}

  DateInterval Unknown() const { return {}; }
  static DateInterval Day(const Ymd& d) { return {d, d, DatePrecision::kDay}; }
  static DateInterval Month(int y, int m);
  static DateInterval Year(int y);
  // The Monday..Sunday week holding `d`.
  static DateInterval WeekOf(const Ymd& d);

  // Publication day + `offset` days ("hier" = -1).
  DateInterval RelDay(int offset) const;
  // A night from publication day + `offset` to the next day (range).
  DateInterval Night(int offset) const;
  DateInterval RelWeek(int offset) const;
  DateInterval RelMonth(int offset) const;
  DateInterval RelYear(int offset) const;
  // The publication day and the `days` days before it ("dernières 24 heures").
  DateInterval Window(int days) const;
  // `days` days before publication: day precision (week/month/year for
  // larger units, given as `precision`).
  DateInterval Ago(int days, DatePrecision precision) const;
  // A weekday (0 = Monday) relative to the publication date.
  DateInterval Weekday(int weekday, Direction dir) const;
  // A calendar date with some parts missing: `y` 0 = no year in the text, `d`
  // 0 = month only, `weekday` -1 = none. The missing year is chosen so the
  // date points the way `dir` says (and matches the weekday when one is given).
  DateInterval Partial(int y, int m, int d, int weekday, Direction dir) const;
  // [from.start, publication day] for "depuis le 30 septembre".
  DateInterval Since(const DateInterval& from) const;
  // `offset` days from a day already resolved (anaphora: "la veille").
  static DateInterval FromAnchor(const Ymd& anchor, int offset);

  const PubDate& pub() const { return pub_; }
  // The publication date as an interval at its own precision.
  DateInterval PubInterval() const;

 private:
  Ymd PubDay() const { return {pub_.y, pub_.m, pub_.d}; }
  PubDate pub_;
};

}  // namespace sitrep

#endif  // SITREP_RESOLVE_DATE_RESOLVER_H_
