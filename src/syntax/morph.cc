#include "syntax/morph.h"

#include <array>

namespace sitrep {
namespace {

constexpr std::array<std::string_view, 17> kUposNames = {
    "X",    "ADJ",  "ADP",  "ADV",   "AUX",   "CCONJ", "DET", "INTJ", "NOUN",
    "NUM",  "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB"};

constexpr std::array<std::string_view, static_cast<size_t>(Dep::kCount)> kDepNames = {
    "dep",       "acl",        "acl:relcl", "advcl",      "advmod",    "amod",       "appos",
    "aux",       "aux:pass",   "aux:tense", "aux:caus",   "case",      "cc",         "ccomp",
    "clf",       "compound",   "compound:prt", "conj",    "cop",       "csubj",      "csubj:pass",
    "det",       "discourse",  "dislocated", "expl",      "expl:pass", "expl:subj",  "fixed",
    "flat",      "flat:name",  "goeswith",  "iobj",       "iobj:agent", "list",      "mark",
    "nmod",      "nmod:poss",  "nsubj",     "nsubj:pass", "nummod",    "obj",        "obl",
    "obl:agent", "obl:arg",    "obl:mod",   "obl:tmod",   "orphan",    "parataxis",  "punct",
    "reparandum", "root",      "vocative",  "xcomp"};

// Value of `key` in a FEATS string, or empty.
std::string_view FeatValue(std::string_view feats, std::string_view key) {
  size_t pos = 0;
  while (pos < feats.size()) {
    size_t bar = feats.find('|', pos);
    if (bar == std::string_view::npos) bar = feats.size();
    std::string_view f = feats.substr(pos, bar - pos);
    if (f.size() > key.size() && f.substr(0, key.size()) == key && f[key.size()] == '=')
      return f.substr(key.size() + 1);
    pos = bar + 1;
  }
  return {};
}

template <typename E, size_t N>
E Pick(std::string_view v, const std::array<std::string_view, N>& names) {
  for (size_t i = 0; i < N; ++i)
    if (v == names[i]) return static_cast<E>(i + 1);
  return static_cast<E>(0);
}

}  // namespace

Upos UposFromString(std::string_view s) {
  for (size_t i = 0; i < kUposNames.size(); ++i)
    if (s == kUposNames[i]) return static_cast<Upos>(i);
  return Upos::kX;
}

std::string_view UposName(Upos u) { return kUposNames[static_cast<size_t>(u)]; }

Dep DepFromString(std::string_view s) {
  for (size_t i = 0; i < kDepNames.size(); ++i)
    if (s == kDepNames[i]) return static_cast<Dep>(i);
  size_t colon = s.find(':');
  if (colon != std::string_view::npos) return DepFromString(s.substr(0, colon));
  return Dep::kDep;
}

std::string_view DepName(Dep d) { return kDepNames[static_cast<size_t>(d)]; }

Dep BaseDep(Dep d) {
  std::string_view name = DepName(d);
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? d : DepFromString(name.substr(0, colon));
}

Morph MorphFromFeats(std::string_view feats) {
  Morph m;
  if (feats.empty() || feats == "_") return m;
  m.tense = Pick<Tense>(FeatValue(feats, "Tense"),
                        std::array<std::string_view, 5>{"Past", "Pres", "Fut", "Imp", "Pqp"});
  m.mood = Pick<Mood>(FeatValue(feats, "Mood"), std::array<std::string_view, 4>{"Ind", "Sub", "Cnd", "Imp"});
  m.verb_form = Pick<VerbForm>(FeatValue(feats, "VerbForm"),
                               std::array<std::string_view, 4>{"Fin", "Inf", "Part", "Ger"});
  m.voice = Pick<Voice>(FeatValue(feats, "Voice"), std::array<std::string_view, 2>{"Act", "Pass"});
  m.number = Pick<Number>(FeatValue(feats, "Number"), std::array<std::string_view, 2>{"Sing", "Plur"});
  m.polarity = Pick<Polarity>(FeatValue(feats, "Polarity"), std::array<std::string_view, 2>{"Neg", "Pos"});
  m.gender = Pick<Gender>(FeatValue(feats, "Gender"), std::array<std::string_view, 3>{"Masc", "Fem", "Neut"});
  std::string_view person = FeatValue(feats, "Person");
  if (person.size() == 1 && person[0] >= '0' && person[0] <= '4') m.person = person[0] - '0';
  return m;
}

}  // namespace sitrep
