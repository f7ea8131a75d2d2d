#include "events/figures.h"

#include <algorithm>

namespace sitrep {
namespace {

bool Exact(const Count& c) { return c.high && *c.high == c.low && c.low == c.best; }


// The most conservative figure across sources (the codebook's rule): the
// lowest best any source gives, "at least 25" from one and "31" from another
// is 25; each source keeps its own in its claim.
std::optional<Count> Conservative(const std::vector<Count>& vals) {
  if (vals.empty()) return std::nullopt;
  // A vague collective ("des dizaines") counts only when no source gives a figure.
  return *std::min_element(vals.begin(), vals.end(), [](const Count& a, const Count& b) {
    if (a.vague != b.vague) return !a.vague;
    return a.best < b.best || (a.best == b.best && Exact(a) && !Exact(b));
  });
}

}  // namespace

void AddCount(std::optional<Count>* slot, const Count& c) {
  if (!*slot) {
    *slot = c;
    return;
  }
  Count& s = **slot;
  s.low += c.low;
  s.best += c.best;
  s.vague = s.vague || c.vague;
  if (s.high && c.high) *s.high += *c.high;
  else s.high.reset();
}

void KeepBest(std::optional<Count>* slot, const Count& c) {
  if (!*slot) {
    *slot = c;
    return;
  }
  const Count& s = **slot;
  // "Dozens dead" in a headline never outweighs "at least 12 people killed".
  if (c.vague != s.vague) {
    if (s.vague) *slot = c;
    return;
  }
  if (Exact(c) && !Exact(s)) *slot = c;
  else if (Exact(c) == Exact(s) && c.best > s.best) *slot = c;
}

void MergeSum(Figures* into, const Figures& from) {
  if (from.fatalities) AddCount(&into->fatalities, *from.fatalities);
  if (from.injured) AddCount(&into->injured, *from.injured);
  if (from.strikes) AddCount(&into->strikes, *from.strikes);
  for (const auto& [k, c] : from.destroyed) {
    std::optional<Count> slot;
    if (auto it = into->destroyed.find(k); it != into->destroyed.end()) slot = it->second;
    AddCount(&slot, c);
    into->destroyed[k] = *slot;
  }
}

void MergeFigures(Figures* into, const Figures& from) {
  if (from.fatalities) KeepBest(&into->fatalities, *from.fatalities);
  if (from.injured) KeepBest(&into->injured, *from.injured);
  if (from.strikes) KeepBest(&into->strikes, *from.strikes);
  for (const auto& [k, c] : from.destroyed) {
    std::optional<Count> slot;
    if (auto it = into->destroyed.find(k); it != into->destroyed.end()) slot = it->second;
    KeepBest(&slot, c);
    into->destroyed[k] = *slot;
  }
}

bool Conflict(const Figures& a, const Figures& b) {
  auto differ = [](const std::optional<Count>& x, const std::optional<Count>& y) {
    return x && y && Exact(*x) && Exact(*y) && x->best != y->best;
  };
  if (differ(a.fatalities, b.fatalities) || differ(a.injured, b.injured) || differ(a.strikes, b.strikes)) return true;
  for (const auto& [k, c] : a.destroyed) {
    auto it = b.destroyed.find(k);
    if (it != b.destroyed.end() && differ(c, it->second)) return true;
  }
  return false;
}

Figures TopLevel(const std::vector<const Figures*>& by_source) {
  Figures out;
  std::vector<Count> fat, inj, str;
  std::map<MaterielKind, std::vector<Count>> des;
  for (const Figures* f : by_source) {
    if (f->fatalities) fat.push_back(*f->fatalities);
    if (f->injured) inj.push_back(*f->injured);
    if (f->strikes) str.push_back(*f->strikes);
    for (const auto& [k, c] : f->destroyed) des[k].push_back(c);
  }
  out.fatalities = Conservative(fat);
  out.injured = Conservative(inj);
  out.strikes = Conservative(str);
  for (const auto& [k, v] : des) out.destroyed[k] = *Conservative(v);
  return out;
}

}  // namespace sitrep
