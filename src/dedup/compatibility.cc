// When two reports describe the same occurrence (see merge.h).
#include <algorithm>
#include <cmath>
#include <string>

#include "base/dates.h"
#include "dedup/merge.h"

namespace sitrep {
namespace {

// Sub-event types that different outlets give to the same strike: an
// air strike is often reported as shelling or a missile attack.
bool SubTypesCompatible(const std::string& a, const std::string& b) {
  if (a == b) return true;
  static const char* kExchangeable[] = {"Air/drone strike", "Shelling/artillery/missile attack"};
  auto in = [](const std::string& s) {
    return std::any_of(std::begin(kExchangeable), std::end(kExchangeable),
                       [&](const char* k) { return s == k; });
  };
  return in(a) && in(b);
}

int64_t SpanDays(const DateInterval& d) {
  Ymd end = d.end.valid() ? d.end : d.start;
  return ToDays(end) - ToDays(d.start) + 1;
}

bool HasCoords(const Location& l) {
  return l.lat && l.lon &&
         (l.precision == LocationPrecision::kPlace || l.precision == LocationPrecision::kNear);
}

bool HasProvince(const Location& l) {
  return !l.admin1.empty() && l.precision != LocationPrecision::kCountry &&
         l.precision != LocationPrecision::kUnknown;
}

std::string ActorId(const std::optional<Actor>& a) { return a ? a->id : std::string(); }

// Actors agree when no side is contradicted; armed clashes are symmetric,
// so there the sides may come in either order.
bool ActorsAgree(const Event& a, const Event& b, bool* swapped, int* shared) {
  auto same = [](const std::string& x, const std::string& y) {
    return x.empty() || y.empty() || x == y;
  };
  auto count = [](const std::string& x, const std::string& y) { return int(!x.empty() && x == y); };
  std::string a1 = ActorId(a.actor1), a2 = ActorId(a.actor2), b1 = ActorId(b.actor1),
              b2 = ActorId(b.actor2);
  *swapped = false;
  if (same(a1, b1) && same(a2, b2)) {
    *shared = count(a1, b1) + count(a2, b2);
    return true;
  }
  if (a.event_type == "Battles" && same(a1, b2) && same(a2, b1)) {
    *swapped = true;
    *shared = count(a1, b2) + count(a2, b1);
    return true;
  }
  return false;
}

PairCheck No(std::string why) { return {false, 0, std::move(why)}; }

}  // namespace

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = M_PI / 180.0, kEarthKm = 6371.0088;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kRad) *
                                                           std::cos(lat2 * kRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(h)));
}

bool Mergeable(const Event& r) {
  if (r.event_type.empty() || r.docs.empty()) return false;
  if (r.date.precision == DatePrecision::kUnknown || !r.date.start.valid()) return false;
  if (SpanDays(r.date) > kMaxSpanDays) return false;
  return HasCoords(r.location) || HasProvince(r.location);
}

PairCheck CheckPair(const Event& a, const Event& b) {
  if (!Mergeable(a) || !Mergeable(b)) return No("too vague to merge (date, place or type unknown)");
  if (a.docs[0] == b.docs[0]) return No("same document");
  if (a.event_type != b.event_type) return No("event types differ");
  if (!SubTypesCompatible(a.sub_event_type, b.sub_event_type))
    return No("sub-event types differ (" + a.sub_event_type + " / " + b.sub_event_type + ")");
  Ymd a_end = a.date.end.valid() ? a.date.end : a.date.start;
  Ymd b_end = b.date.end.valid() ? b.date.end : b.date.start;
  if (a.date.start > b_end || b.date.start > a_end)
    return No("dates do not overlap (" + a.date.start.ToString() + " / " + b.date.start.ToString() +
              ")");

  PairCheck ok{true, 0, ""};
  std::string where;
  const Location &la = a.location, &lb = b.location;
  if (HasCoords(la) && HasCoords(lb)) {
    double km = DistanceKm(*la.lat, *la.lon, *lb.lat, *lb.lon);
    if (km > kMaxKm) return No(std::to_string(int(std::lround(km))) + " km apart");
    ok.score += int(kMaxKm) - int(std::lround(km));
    if (la.geonameid && la.geonameid == lb.geonameid) ok.score += 10;
    where = std::to_string(int(std::lround(km))) + " km apart";
  } else {
    if (la.admin1.empty() || la.admin1 != lb.admin1) return No("not the same province");
    where = "same province (" + la.admin1 + ") at province precision";
  }
  bool swapped = false;
  int shared = 0;
  if (!ActorsAgree(a, b, &swapped, &shared))
    return No("actors differ (" + ActorId(a.actor1) + ">" + ActorId(a.actor2) + " / " +
              ActorId(b.actor1) + ">" + ActorId(b.actor2) + ")");
  ok.score += 15 * shared;
  if (a.sub_event_type == b.sub_event_type) ok.score += 100;
  bool same_day = a.date.start == b.date.start && a_end == b_end;
  ok.score += same_day ? 20 : 10;
  ok.reason = "same type (" + a.sub_event_type +
              (a.sub_event_type == b.sub_event_type ? "" : " ~ " + b.sub_event_type) + "); dates " +
              (same_day ? "agree (" : "overlap (") + a.date.start.ToString() + "); " + where +
              "; actors " +
              (shared ? (swapped ? "agree (sides swapped)" : "agree") : "do not conflict");
  return ok;
}

}  // namespace sitrep
