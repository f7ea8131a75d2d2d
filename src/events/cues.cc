#include "events/cues.h"

#include <algorithm>
#include <cstdlib>

namespace sitrep {
namespace {

constexpr uint32_t kContainerReach = 4;  // "un convoi de 39 véhicules et 120 combattants"
constexpr uint32_t kDistinctReach = 3;   // "40 autres frappes aériennes"
constexpr uint32_t kSubsetReach = 3;     // "dont au moins 5 enfants", "including three children"
constexpr uint32_t kInterceptReach = 6;
constexpr uint32_t kAttributionReach = 3;
constexpr uint32_t kMembershipReach = 8;  // "qui appartiennent selon l'armée à Boko Haram"  // "attributed to the Islamic State", "imputée aux talibans"
constexpr uint32_t kAdverbReach = 2;
constexpr uint32_t kSuperlativeReach = 10;  // "the first explosion to hit the heart of the town since 2011"     // "avait auparavant frappé", "previously hit"  // "abattu deux des sept missiles", "shot down two of the drones"

bool PunctBoundary(const Token& t) {
  if (t.kind != TokenKind::kPunct) return false;
  switch (t.punct) {
    case ',': case ';': case ':': case '(': case ')': case '"': case 0xAB: case 0xBB:
    case 0x201C: case 0x201D: case '.': case '!': case '?':
      return true;
    default:
      return false;
  }
}

// A year written in digits: "2014".
bool IsYear(const Token& t) {
  if (t.kind != TokenKind::kNumber || t.fold.size() != 4) return false;
  int y = std::atoi(t.fold.c_str());
  return y >= 1900 && y <= 2100;
}

// A French infinitive ends in -er, -ir or -re.
bool LooksInfinitive(const std::string& fold) {
  auto ends = [&](const char* s) {
    size_t n = std::char_traits<char>::length(s);
    return fold.size() > n + 1 && fold.compare(fold.size() - n, n, s) == 0;
  };
  return ends("er") || ends("ir") || ends("re");
}

}  // namespace

StatusOr<std::unique_ptr<EventCues>> EventCues::Create(const std::string& lexicon_dir,
                                                       std::vector<std::string>* warnings) {
  auto c = std::unique_ptr<EventCues>(new EventCues());
  auto st = Stemmers::Load(lexicon_dir, warnings);
  if (!st.ok()) return st.status();
  c->stemmers_ = std::move(st).value();
  auto cues = LangTable::Load(lexicon_dir, "event_cues.tsv", {"phrase", "kind", "needs_inf"}, 2, c->stemmers_, warnings);
  if (!cues.ok()) return cues.status();
  c->cues_ = std::move(cues).value();
  auto verbs = LangTable::Load(lexicon_dir, "count_verbs.tsv", {"phrase", "role"}, 2, c->stemmers_, warnings);
  if (!verbs.ok()) return verbs.status();
  c->verbs_ = std::move(verbs).value();
  auto victims = LangTable::Load(lexicon_dir, "victims.tsv", {"phrase", "side"}, 2, c->stemmers_, warnings);
  if (!victims.ok()) return victims.status();
  c->victims_ = std::move(victims).value();
  return c;
}

DocCues EventCues::Analyze(const Document& doc) const {
  const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
  std::vector<Token> st = stemmers_.For(doc.lang).StemTokens(doc.tokens);
  DocCues d;
  d.clause.assign(n, 0);
  d.blocked.assign(n, 0);
  d.cumulative.assign(n, 0);
  d.remaining.assign(n, 0);
  d.container.assign(n, 0);
  d.distinct.assign(n, 0);
  d.locative.assign(n, 0);
  d.subset.assign(n, 0);
  d.generic.assign(n, 0);
  d.incident.assign(n, 0);
  d.since.assign(n, 0);
  d.habitual.assign(n, 0);
  d.anaphoric.assign(n, 0);
  d.demonstrative.assign(n, 0);
  d.recalled.assign(n, 0);
  d.pluperfect.assign(n, 0);
  d.intercepted.assign(n, -1);
  d.cause.assign(n, 0);
  d.attribution.assign(n, 0);
  d.zero_toll.assign(n, 0);
  d.arrestee.assign(n, 0);
  d.verb.assign(n, VerbRole::kNone);
  d.verb_part.assign(n, 0);
  d.victim.assign(n, 0);
  d.why.assign(n, std::string());
  auto matches = cues_.FindAll(doc.lang, st, 0, n);
  // Clause numbers: punctuation, sentence starts and boundary words open a new clause.
  std::vector<uint8_t> opens(n, 0);
  for (const auto& s : doc.sentences)
    if (s.tok_begin < n) opens[s.tok_begin] = 1;
  for (uint32_t i = 0; i < n; ++i)
    if (PunctBoundary(doc.tokens[i])) opens[i] = 1;
  for (const auto& m : matches)
    if (cues_.entry(m.value).cells[1] == "boundary" || cues_.entry(m.value).cells[1] == "subset") opens[m.begin] = 1;
  uint32_t c = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (opens[i] && i > 0) ++c;
    d.clause[i] = c;
  }
  auto clause_range = [&](uint32_t t, uint32_t* b, uint32_t* e) {
    *b = t;
    while (*b > 0 && d.clause[*b - 1] == d.clause[t]) --*b;
    *e = t;
    while (*e < n && d.clause[*e] == d.clause[t]) ++*e;
  };
  // Negation, hypothesis and purpose reach over "et": "pour lancer des
  // évasions et des bombardements"; they stop at punctuation.
  auto scope_range = [&](uint32_t t, uint32_t* b, uint32_t* e) {
    *b = t;
    while (*b > 0 && !PunctBoundary(doc.tokens[*b - 1]) && !(*b == t ? false : opens[*b] && PunctBoundary(doc.tokens[*b]))) --*b;
    *e = t + 1;
    while (*e < n && !PunctBoundary(doc.tokens[*e])) ++*e;
  };
  std::vector<uint32_t> superlatives;
  for (const auto& m : matches)
    if (cues_.entry(m.value).cells[1] == "superlative") superlatives.push_back(m.begin);
  auto superlative_before = [&](uint32_t t) {
    for (uint32_t s : superlatives)
      if (s < t && t - s <= kSuperlativeReach) return true;
    return false;
  };
  for (const auto& m : matches) {
    const auto& e = cues_.entry(m.value);
    const std::string& kind = e.cells[1];
    uint32_t cb, ce, sb, se;
    clause_range(m.begin, &cb, &ce);
    scope_range(m.begin, &sb, &se);
    std::string why = kind + " cue '" + e.cells[0] + "'";
    if (kind == "denial") {  // "l'information n'a pas été confirmée": the whole sentence
      size_t si = doc.SentenceOfToken(m.begin);
      for (uint32_t k = doc.sentences[si].tok_begin; k < doc.sentences[si].tok_end; ++k) d.blocked[k] = 1, d.why[k] = why;
    } else if (kind == "negation" || kind == "hypothesis") {
      for (uint32_t k = sb; k < se; ++k) d.blocked[k] = 1, d.why[k] = why;
    } else if (kind == "purpose") {
      if (e.cells[2] == "inf" && (m.end >= n || !LooksInfinitive(doc.tokens[m.end].fold))) continue;
      for (uint32_t k = m.end; k < se; ++k) d.blocked[k] = 1, d.why[k] = why;
    } else if (kind == "anaphoric" || kind == "demonstrative") {
      if (m.end < n) d.anaphoric[m.end] = 1;
      if (m.end < n && kind == "demonstrative") d.demonstrative[m.end] = 1;
    } else if (kind == "habitual") {
      // Fronted ("Habituellement, les shebab ciblent..."), the whole sentence.
      const Sentence& sent = doc.sentences[doc.SentenceOfToken(m.begin)];
      if (cb == sent.tok_begin) ce = sent.tok_end;
      for (uint32_t k = cb; k < ce; ++k) d.habitual[k] = 1, d.why[k] = why;
    } else if (kind == "recalled") {
      // Its clause; fronted ("L'an dernier, l'EI avait attaqué..."), the whole sentence.
      const Sentence& sent = doc.sentences[doc.SentenceOfToken(m.begin)];
      if (cb == sent.tok_begin) ce = sent.tok_end;
      for (uint32_t k = cb; k < ce; ++k) d.recalled[k] = 1, d.why[k] = why;
    } else if (kind == "recalled_near") {  // an adverb: only the words right around it ("auparavant repérée")
      for (uint32_t k = m.begin > kAdverbReach ? m.begin - kAdverbReach : 0; k < n && k < m.end + kAdverbReach; ++k)
        if (d.clause[k] == d.clause[m.begin]) d.recalled[k] = 1, d.why[k] = why;
    } else if (kind == "pluperfect") {
      d.pluperfect[m.begin] = 1;
    } else if (kind == "war") {
      // "More than 146000 people have been killed in the war": a war as a
      // whole counts a running total; "the war-torn city" is an adjective.
      if (m.end < n && doc.tokens[m.end].punct == '-' && !doc.tokens[m.end].space_before) continue;
      for (uint32_t k = sb; k < se; ++k) d.cumulative[k] = 1, d.why[k] = why;
    } else if (kind == "cumulative" || kind == "total") {
      // Fronted ("Depuis le début de la guerre, le conflit a tué..."), it
      // frames the whole sentence.
      const Sentence& sent = doc.sentences[doc.SentenceOfToken(m.begin)];
      if (cb == sent.tok_begin) ce = sent.tok_end;
      for (uint32_t k = cb; k < ce; ++k) d.cumulative[k] = 1, d.why[k] = why;
    } else if (kind == "duration") {
      // "Six days of heavy bombing have killed dozens": the period and what
      // its clause counts after it are a running total, not an occurrence.
      for (uint32_t k = m.end; k < n && k < std::max(ce, m.end + 2); ++k) d.cumulative[k] = 1, d.why[k] = why;
    } else if (kind == "remaining") {
      for (uint32_t k = cb; k < ce; ++k) d.remaining[k] = 1;
    } else if (kind == "container") {
      for (uint32_t k = m.end; k < n && k < m.end + kContainerReach; ++k) d.container[k] = 1;
    } else if (kind == "distinct") {
      for (uint32_t k = m.end; k < n && k < m.end + kDistinctReach; ++k) d.distinct[k] = 1;
    } else if (kind == "subset") {
      for (uint32_t k = m.end; k < n && k < m.end + kSubsetReach; ++k) d.subset[k] = 1;
    } else if (kind == "subset_before") {
      for (uint32_t k = m.begin; k > 0 && m.begin - k < kSubsetReach; --k) d.subset[k - 1] = 1;
    } else if (kind == "since") {  // "depuis 2015", "depuis le 3 mai", "since March"
      for (uint32_t k = m.begin; k < n && k < m.end + 2; ++k) d.since[k] = 1;  // the date may include the cue
      // "735 civilians in its strikes on Syria and Iraq since 2014": a period
      // of years makes its stretch between punctuation a running total, never
      // an occurrence, unless a superlative dates a fresh one by it ("the
      // first attack since 2014"); "le Burkina, confronté depuis 2015 à des
      // attaques, a été endeuillé mardi" keeps its fresh event.
      if (m.end < n && IsYear(doc.tokens[m.end]) && !superlative_before(m.begin))
        for (uint32_t k = sb; k < se; ++k) d.cumulative[k] = 1, d.why[k] = "since a year";
    } else if (kind == "cause") {  // up to the next punctuation
      for (uint32_t k = m.end; k < se; ++k) d.cause[k] = 1;
    } else if (kind == "zero_toll") {
      const std::string& what = e.cells[2];
      d.zero_toll[m.begin] = static_cast<uint8_t>(what == "killed"    ? ZeroToll::kKilled
                                                  : what == "injured" ? ZeroToll::kInjured
                                                                      : ZeroToll::kAll);
    } else if (kind == "attribution" || kind == "membership") {  // "blamed on", "imputée aux": the words right after it in its clause
      uint32_t reach = kind == "attribution" ? kAttributionReach : kMembershipReach;
      for (uint32_t k = m.end; k < ce && k < m.end + reach; ++k) d.attribution[k] = kind == "attribution" ? 1 : 2;
    } else if (kind == "intercept") {  // "ont abattu deux des sept missiles", "intercepted a drone"
      for (uint32_t k = m.end; k < ce && k < m.end + kInterceptReach; ++k) d.intercepted[k] = static_cast<int32_t>(m.begin);
    } else if (kind == "arrestee") {  // "militants", "suspected jihadists"; "complices" only with a group
      for (uint32_t k = m.begin; k < m.end; ++k) d.arrestee[k] = e.cells[2] == "group" ? 2 : 1;
    } else if (kind == "generic") {
      for (uint32_t k = m.begin; k < m.end; ++k) d.generic[k] = 1;
    } else if (kind == "incident") {
      for (uint32_t k = m.begin; k < m.end; ++k) d.incident[k] = 1;
    } else if (kind == "locative") {
      uint32_t k = m.end;
      // Skip an article: "en Syrie", "à la Russie".
      while (k < n && k < m.end + 2 && (st[k].fold == "la" || st[k].fold == "l'" || st[k].fold == "le" ||
                                         st[k].fold == "les" || st[k].fold == "the")) ++k;
      if (k < n) d.locative[k] = 1;
    }
  }
  for (const auto& m : victims_.FindAll(doc.lang, st, 0, n)) {
    const std::string& side = victims_.entry(m.value).cells[1];
    VictimSide v = side == "MIL" ? VictimSide::kMilitary : side == "POL" ? VictimSide::kPolice : VictimSide::kCivilians;
    for (uint32_t k = m.begin; k < m.end; ++k) d.victim[k] = static_cast<uint8_t>(v);
  }
  for (const auto& m : verbs_.FindAll(doc.lang, st, 0, n)) {
    const std::string& r = verbs_.entry(m.value).cells[1];
    d.verb[m.begin] = r == "kill" ? VerbRole::kKill : r == "injure" ? VerbRole::kInjure
                    : r == "destroy" ? VerbRole::kDestroy : VerbRole::kBoth;
    for (uint32_t k = m.begin + 1; k < m.end; ++k) d.verb_part[k] = 1;
  }
  return d;
}

}  // namespace sitrep
