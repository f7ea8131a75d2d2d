#include "events/status.h"

#include "base/dates.h"

namespace sitrep {
namespace {

// Whether the word at `k` has the shape of a past participle: English
// "-ed"/"-en"/irregular endings; French "-é(e)(s)", "-i(e)(s)", "-u(e)(s)",
// "-t(e)(s)", "-s" (pris, mis). Folded forms (accents removed).
bool ParticipleShape(const std::string& lang, const std::string& w) {
  auto ends = [&](const char* s) {
    size_t n = std::char_traits<char>::length(s);
    return w.size() > n + 1 && w.compare(w.size() - n, n, s) == 0;
  };
  if (lang == "en") {
    for (const char* s : {"ed", "en", "wn", "ght", "ot", "uck", "it", "ung", "one", "ut", "un", "ome", "ade", "eft", "ost"})
      if (ends(s)) return true;
    return false;
  }
  for (const char* s : {"e", "es", "ee", "ees", "i", "is", "ie", "ies", "u", "us", "ue", "ues", "t", "ts", "te", "tes"})
    if (ends(s)) return true;
  return false;
}

// A pluperfect auxiliary before the trigger in its clause, followed by a
// participle (an adverb may stand between: "had previously come",
// "avait déjà frappé"), with no reporting verb before it in its sentence.
bool RecalledByTense(const Document& doc, const MentionSet& m, const DocCues& cues, uint32_t t, std::string* why) {
  const Sentence& s = doc.sentences[doc.SentenceOfToken(t)];
  for (uint32_t k = t; k-- > s.tok_begin && cues.clause[k] == cues.clause[t];) {
    if (!cues.pluperfect[k]) continue;
    bool participle = false;
    for (uint32_t j = k + 1; j < s.tok_end && j <= k + 2 && !participle; ++j)
      participle = doc.tokens[j].kind == TokenKind::kWord && ParticipleShape(doc.lang, doc.tokens[j].fold);
    if (!participle) continue;
    // "X said (that) troops had executed": backshifted reported speech.
    for (const auto& src : m.sources) {
      if (src.cue.begin >= doc.tokens[s.tok_begin].span.begin && src.cue.end <= doc.tokens[k].span.begin) return false;
    }
    *why = "pluperfect '" + std::string(doc.Slice(doc.tokens[k].span)) + "' with no reporting verb before it";
    return true;
  }
  return false;
}

// A "since" date framing the clause of `t` that starts more than a day
// before the article, with a count of people in the framed stretch. With no
// count, the clause tells a state that has lasted since then ("have
// encircled the area since March", "assiègent la ville depuis 2016"):
// `*ongoing` is set, and it is no fresh occurrence either.
bool PeriodTotal(const Document& doc, const MentionSet& m, const DocCues& cues, uint32_t t, std::string* why,
                 bool* ongoing) {
  *ongoing = false;
  if (!doc.date.valid()) return false;
  const Sentence& s = doc.sentences[doc.SentenceOfToken(t)];
  Ymd first{doc.date.y, doc.date.m, doc.date.day_precision() ? doc.date.d : 1};
  for (const auto& d : m.dates) {
    // "since Thursday", "depuis le 30 septembre"; "over the past month", "ces derniers jours".
    bool period = d.rule == "since" || d.rule == "window" || (d.toks.begin < cues.since.size() && cues.since[d.toks.begin]);
    if (!period || d.toks.begin < s.tok_begin || d.toks.end > s.tok_end || !d.interval.start.valid()) continue;
    // "since this morning", "depuis hier", "since Monday" on a Wednesday: one
    // occurrence still going on (a battle's toll); longer, a period's.
    if (ToDays(d.interval.start) + kPeriodDays > ToDays(first)) continue;
    // Fronted, the period frames the sentence; otherwise its clause.
    bool fronted = d.toks.begin == s.tok_begin;
    if (!fronted && cues.clause[d.toks.begin] != cues.clause[t]) continue;
    for (const auto& n : m.numbers) {
      if (n.toks.begin < s.tok_begin || n.toks.begin >= s.tok_end) continue;
      if (!fronted && cues.clause[n.toks.begin] != cues.clause[t]) continue;
      if (n.noun_class != "person" && n.noun_class != "killed" && n.noun_class != "injured") continue;
      *why = "a period total: '" + std::string(doc.Slice(d.span)) + "' counts '" + std::string(doc.Slice(n.span)) + "'";
      return true;
    }
    if (!fronted && !*ongoing) {
      *ongoing = true;
      *why = "a state going on since '" + std::string(doc.Slice(d.span)) + "'";
    }
  }
  return false;
}

}  // namespace

const char* OccurrenceName(Occurrence o) {
  switch (o) {
    case Occurrence::kFresh: return "fresh";
    case Occurrence::kRecalled: return "recalled";
    case Occurrence::kHabitual: return "habitual";
    case Occurrence::kFuture: return "future";
    case Occurrence::kTotal: return "period total";
  }
  return "fresh";
}

Occurrence ClauseOccurrence(const Document& doc, const MentionSet& m, const DocCues& cues, uint32_t t,
                            const ClauseFrame* frame, std::string* why) {
  if (cues.habitual[t]) {
    *why = cues.why[t].empty() ? "habitual cue in the clause" : cues.why[t];
    return Occurrence::kHabitual;
  }
  if (cues.recalled[t]) {
    *why = cues.why[t].empty() ? "a recalling cue" : cues.why[t];
    return Occurrence::kRecalled;
  }
  bool ongoing = false;
  if (PeriodTotal(doc, m, cues, t, why, &ongoing)) return Occurrence::kTotal;
  if (ongoing) return Occurrence::kHabitual;
  why->clear();
  // "les attaques à la bombe ... sont fréquentes", "such raids are frequent":
  // a habitual word the parse makes the head of the event noun's clause
  // describes it, however long the subject between them.
  if (frame && frame->parsed && frame->predicate >= 0) {
    int32_t k = frame->predicate;
    // Up through conjuncts and noun modifiers: "les attaques à la bombe et les tirs de roquettes ... sont fréquents".
    for (int hops = 0; k >= 0 && hops < 4; ++hops) {
      Dep d = BaseDep(m.parse.Relation(static_cast<uint32_t>(k)));
      if (d != Dep::kConj && d != Dep::kNmod) break;
      k = m.parse.Head(static_cast<uint32_t>(k));
    }
    int32_t head = k >= 0 ? m.parse.Head(static_cast<uint32_t>(k)) : -1;
    if (head >= 0 && static_cast<size_t>(head) < cues.habitual.size() && cues.habitual[static_cast<size_t>(head)] &&
        BaseDep(m.parse.Relation(static_cast<uint32_t>(k))) == Dep::kNsubj) {
      *why = cues.why[static_cast<size_t>(head)].empty() ? "habitual predicate of the event noun" : cues.why[static_cast<size_t>(head)];
      return Occurrence::kHabitual;
    }
  }
  if (frame) {
    if (!frame->pluperfect) return Occurrence::kFresh;
    *why = "pluperfect (parse), not under a reporting verb";
    return Occurrence::kRecalled;
  }
  if (RecalledByTense(doc, m, cues, t, why)) return Occurrence::kRecalled;
  return Occurrence::kFresh;
}

Occurrence DateOccurrence(const PubDate& published, const DateInterval& date) {
  if (!published.valid() || !date.start.valid()) return Occurrence::kFresh;
  // A month-precision publication date: the article may be from the month's
  // first day (for recency) or its last (for the future).
  Ymd first{published.y, published.m, published.day_precision() ? published.d : 1};
  Ymd pub{published.y, published.m, published.day_precision() ? published.d : DaysInMonth(published.y, published.m)};
  Ymd end = date.end.valid() ? date.end : date.start;
  if (date.start > pub) return Occurrence::kFuture;
  if (ToDays(end) + kRecentDays < ToDays(first)) return Occurrence::kRecalled;
  return Occurrence::kFresh;
}

}  // namespace sitrep
