// Calendar helpers shared by ingest and the date resolver.
#include "base/dates.h"

#include <cstdio>

#include "sitrep/document.h"

namespace sitrep {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

// Howard Hinnant's days_from_civil.
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

Ymd CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Ymd{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int64_t ToDays(const Ymd& d) { return DaysFromCivil(d.y, d.m, d.d); }

Ymd AddDays(const Ymd& d, int64_t n) { return CivilFromDays(ToDays(d) + n); }

int Weekday(const Ymd& d) {
  int64_t z = ToDays(d);
  return static_cast<int>(((z % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday (3)
}

bool ParsePubDate(const std::string& s, PubDate* out) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  PubDate r;
  if (s.size() >= 10 && std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3 && s[4] == '-' &&
      s[7] == '-') {
    if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return false;
    if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return false;
    r = {y, m, d};
  } else if (s.size() == 7 && std::sscanf(s.c_str(), "%4d-%2d%c", &y, &m, &tail) == 2 && s[4] == '-') {
    if (m < 1 || m > 12) return false;
    r = {y, m, 0};
  } else {
    return false;
  }
  if (y < 1800 || y > 2200) return false;
  *out = r;
  return true;
}

}  // namespace sitrep
