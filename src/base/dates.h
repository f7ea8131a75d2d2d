// Proleptic Gregorian calendar arithmetic on Ymd days.
#ifndef SITREP_BASE_DATES_H_
#define SITREP_BASE_DATES_H_

#include <cstdint>

#include "sitrep/event.h"

namespace sitrep {

bool IsLeapYear(int y);
int DaysInMonth(int y, int m);
int64_t DaysFromCivil(int y, int m, int d);
Ymd CivilFromDays(int64_t days);
int64_t ToDays(const Ymd& d);
Ymd AddDays(const Ymd& d, int64_t n);
// 0 = Monday ... 6 = Sunday.
int Weekday(const Ymd& d);

}  // namespace sitrep

#endif  // SITREP_BASE_DATES_H_
