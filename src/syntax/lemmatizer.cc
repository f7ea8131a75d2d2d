#include "syntax/lemmatizer.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "base/hash.h"
#include "syntax/word_form.h"

namespace sitrep {
namespace {

constexpr size_t kMaxSuffix = 6;

uint64_t ExactKey(std::string_view lower, Upos u) {
  return Fnv1a64(lower, Fnv1a64(UposName(u)));
}

uint64_t RuleKey(std::string_view suffix, Upos u, size_t len) {
  return Fnv1a64(suffix, Fnv1a64(std::to_string(len), Fnv1a64(UposName(u), 7)));
}

// The most frequent value, ties to the smallest string (deterministic).
std::string Best(const std::map<std::string, int>& counts) {
  std::string best;
  int n = -1;
  for (const auto& [v, c] : counts)
    if (c > n) n = c, best = v;
  return best;
}

}  // namespace

std::string EditScript(std::string_view lower_form, std::string_view lower_lemma) {
  size_t p = 0;
  while (p < lower_form.size() && p < lower_lemma.size() && lower_form[p] == lower_lemma[p]) ++p;
  while (p > 0 && p < lower_form.size() && (static_cast<unsigned char>(lower_form[p]) & 0xC0) == 0x80) --p;
  return std::to_string(lower_form.size() - p) + "|" + std::string(lower_lemma.substr(p));
}

bool ApplyEditScript(std::string_view lower_form, std::string_view script, std::string* out) {
  size_t bar = script.find('|');
  if (bar == std::string_view::npos) return false;
  // A model file's script is outside input: anything but digits before the bar is no script.
  size_t strip = 0;
  auto [end, ec] = std::from_chars(script.data(), script.data() + bar, strip);
  if (ec != std::errc() || end != script.data() + bar || bar == 0) return false;
  if (strip >= lower_form.size()) return false;
  // Never cut inside a character (a rule learnt on another word's bytes).
  if ((static_cast<unsigned char>(lower_form[lower_form.size() - strip]) & 0xC0) == 0x80) return false;
  *out = std::string(lower_form.substr(0, lower_form.size() - strip));
  out->append(script.substr(bar + 1));
  return true;
}

const std::string* Lemmatizer::Find(const std::vector<std::pair<uint64_t, uint32_t>>& table,
                                    uint64_t key) const {
  auto it = std::lower_bound(table.begin(), table.end(), std::make_pair(key, uint32_t{0}));
  if (it == table.end() || it->first != key) return nullptr;
  return &strings_[it->second];
}

std::string Lemmatizer::Lemma(std::string_view form, Upos upos) const {
  std::string lower = LowerForm(form);
  if (const std::string* l = Find(exact_, ExactKey(lower, upos))) return *l;
  if (upos == Upos::kPropn || upos == Upos::kNum || upos == Upos::kPunct || upos == Upos::kSym)
    return std::string(form);
  size_t n = std::min(kMaxSuffix, CodePointCount(lower));
  for (size_t k = n; k >= 1; --k) {
    const std::string* script = Find(rules_, RuleKey(LastCodePoints(lower, k), upos, k));
    std::string out;
    if (script && ApplyEditScript(lower, *script, &out)) return out;
  }
  return lower;
}

Lemmatizer Lemmatizer::Train(const std::vector<const ConlluSentence*>& train) {
  std::unordered_map<uint64_t, std::map<std::string, int>> exact;
  std::set<std::tuple<std::string, std::string, Upos>> types;
  for (const auto* s : train) {
    for (const auto& w : s->words) {
      if (w.lemma.empty() || w.lemma == "_") continue;
      Upos u = UposFromString(w.upos);
      std::string lower = LowerForm(w.form);
      ++exact[ExactKey(lower, u)][w.lemma];
      types.emplace(lower, LowerForm(w.lemma), u);
    }
  }
  std::unordered_map<uint64_t, std::map<std::string, int>> rules;
  for (const auto& [lower, lemma, u] : types) {
    std::string script = EditScript(lower, lemma);
    size_t n = std::min(kMaxSuffix, CodePointCount(lower));
    for (size_t k = 1; k <= n; ++k) ++rules[RuleKey(LastCodePoints(lower, k), u, k)][script];
  }
  Lemmatizer l;
  std::unordered_map<std::string, uint32_t> pool;
  auto intern = [&](const std::string& s) {
    auto [it, fresh] = pool.try_emplace(s, static_cast<uint32_t>(l.strings_.size()));
    if (fresh) l.strings_.push_back(s);
    return it->second;
  };
  std::vector<std::pair<uint64_t, std::string>> sorted;
  for (const auto& [k, c] : exact) sorted.emplace_back(k, Best(c));
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [k, v] : sorted) l.exact_.emplace_back(k, intern(v));
  sorted.clear();
  for (const auto& [k, c] : rules) sorted.emplace_back(k, Best(c));
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [k, v] : sorted) l.rules_.emplace_back(k, intern(v));
  return l;
}

void Lemmatizer::Save(ByteWriter* w) const {
  std::vector<uint64_t> ek, rk;
  std::vector<uint32_t> ev, rv;
  for (auto [k, v] : exact_) ek.push_back(k), ev.push_back(v);
  for (auto [k, v] : rules_) rk.push_back(k), rv.push_back(v);
  w->Strings(strings_);
  w->Vec(ek);
  w->Vec(ev);
  w->Vec(rk);
  w->Vec(rv);
}

bool Lemmatizer::Load(ByteReader* r) {
  std::vector<uint64_t> ek, rk;
  std::vector<uint32_t> ev, rv;
  if (!r->Strings(&strings_) || !r->Vec(&ek) || !r->Vec(&ev) || !r->Vec(&rk) || !r->Vec(&rv) ||
      ek.size() != ev.size() || rk.size() != rv.size())
    return false;
  for (uint32_t v : ev)
    if (v >= strings_.size()) return false;
  for (uint32_t v : rv)
    if (v >= strings_.size()) return false;
  exact_.clear();
  rules_.clear();
  for (size_t i = 0; i < ek.size(); ++i) exact_.emplace_back(ek[i], ev[i]);
  for (size_t i = 0; i < rk.size(); ++i) rules_.emplace_back(rk[i], rv[i]);
  return true;
}

}  // namespace sitrep
