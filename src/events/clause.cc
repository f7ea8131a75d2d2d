#include "events/clause.h"

#include <algorithm>
#include <filesystem>

#include "lexicon/tsv.h"
#include "text/fold.h"

namespace sitrep {

int32_t PhraseHead(const DocParse& p, uint32_t b, uint32_t e) {
  for (uint32_t k = b; k < e; ++k) {
    const ParsedToken* pt = p.Get(k);
    if (!pt || pt->part_of >= 0) continue;
    if (pt->head < static_cast<int32_t>(b) || pt->head >= static_cast<int32_t>(e)) return static_cast<int32_t>(k);
  }
  return -1;
}

namespace {

// The actor mention an argument token names: the mention holding the token,
// else one that modifies it ("les avions de la coalition": "coalition"
// under "avions" when the aircraft have no side of their own).
// A generic word for the side ("les djihadistes du GSIM", "militants of
// IS") yields to the named group that modifies it.
int ActorAt(const DocParse& p, const MentionSet& m, const std::vector<std::string>& ids, int32_t tok) {
  if (tok < 0) return -1;
  int holder = -1;
  for (size_t i = 0; i < m.actors.size() && holder < 0; ++i)
    if (!ids[i].empty() && m.actors[i].toks.begin <= static_cast<uint32_t>(tok) &&
        static_cast<uint32_t>(tok) < m.actors[i].toks.end)
      holder = static_cast<int>(i);
  bool generic = holder >= 0 && (m.actors[holder].target || m.actors[holder].kind == "jihad" || m.actors[holder].kind == "unk" ||
                                 m.actors[holder].kind == "anaphor" || m.actors[holder].kind == "pronoun");
  if (holder >= 0 && !generic) return holder;
  for (size_t i = 0; i < m.actors.size(); ++i) {
    if (ids[i].empty()) continue;
    int32_t h = PhraseHead(p, m.actors[i].toks.begin, m.actors[i].toks.end);
    if (h < 0 || p.Head(static_cast<uint32_t>(h)) != tok) continue;
    // "les avions de la coalition", "militants of IS"; and before the noun,
    // "JNIM fighters", "Taliban gunmen": a side modifying a noun with no
    // side of its own names it (a place modifying it says where, not who).
    Dep d = BaseDep(p.Relation(static_cast<uint32_t>(h)));
    bool modifies = d == Dep::kNmod || ((d == Dep::kCompound || d == Dep::kAmod) && m.actors[i].kind != "place");
    if (modifies && (holder < 0 || m.actors[i].kind == "group" || m.actors[i].kind == "state"))
      return static_cast<int>(i);
  }
  return holder;
}

// Records `subject` as the predicate's subject and the side it names: the
// mention holding it or one under it ("Islamic State fighters"). A pronoun
// that names no side ("the army said it killed") stands for a side named
// before: no subject is recorded.
void SetSubject(const DocParse& p, const MentionSet& m, const std::vector<std::string>& ids, int32_t subject,
                ClauseFrame* f) {
  if (subject < 0) return;
  f->subject = subject;
  f->subject_actor = ActorAt(p, m, ids, subject);
  for (size_t i = 0; i < m.actors.size() && f->subject_actor < 0; ++i) {
    int32_t h = PhraseHead(p, m.actors[i].toks.begin, m.actors[i].toks.end);
    for (int up = 0; h >= 0 && up < 4 && h != subject; ++up) h = p.Head(static_cast<uint32_t>(h));
    if (h == subject && !ids[i].empty()) f->subject_actor = static_cast<int>(i);
  }
  if (f->subject_actor < 0 && p.Get(static_cast<uint32_t>(subject))->upos == Upos::kPron) f->subject = -1;
}

bool Armed(const MentionSet& m, const std::vector<std::string>& ids, int i) {
  return i >= 0 && m.actors[i].kind != "civ" && ids[i] != "CIVILIANS";
}

// "qui", "who", "that": the tagger's PronType=Rel, whatever the language.
bool IsRelativePronoun(const DocParse& p, int32_t tok) {
  const ParsedToken* pt = tok >= 0 ? p.Get(static_cast<uint32_t>(tok)) : nullptr;
  return pt && pt->upos == Upos::kPron && pt->feats.find("PronType=Rel") != std::string_view::npos;
}

// Whether a reporting cue governs the predicate through a clausal complement
// ("X said (that) troops had killed").
bool Reported(const DocParse& p, const MentionSet& m, const Document& doc, int32_t tok) {
  for (int hops = 0; tok >= 0 && hops < 6; ++hops) {
    Dep d = BaseDep(p.Relation(static_cast<uint32_t>(tok)));
    int32_t head = p.Head(static_cast<uint32_t>(tok));
    if (head < 0) return false;
    if (d == Dep::kCcomp || d == Dep::kParataxis) {
      const Span hs = doc.tokens[static_cast<size_t>(head)].span;
      for (const auto& s : m.sources)
        if (!s.cue.empty() && s.cue.begin < hs.end && hs.begin < s.cue.end) return true;
    }
    tok = head;
  }
  return false;
}

// Reads the table `file` of every language folder under `lexicon_dir` that
// has one, calling `each(lang, "path:line", row)` for each row; the table's
// own errors go to `warnings` unless it is null.
template <typename F>
Status ForEachLanguageRow(const std::string& lexicon_dir, const char* file, const std::vector<std::string>& columns,
                          std::vector<std::string>* warnings, F each) {
  std::error_code ec;
  for (const auto& dir : std::filesystem::directory_iterator(lexicon_dir, ec)) {
    std::filesystem::path f = dir.path() / file;
    if (!std::filesystem::exists(f)) continue;
    auto t = ReadTsv(f.string(), columns);
    if (!t.ok()) return t.status();
    const std::string lang = dir.path().filename().string();
    for (const auto& row : t->rows) each(lang, f.string() + ":" + std::to_string(row.line), row);
    if (warnings) warnings->insert(warnings->end(), t->errors.begin(), t->errors.end());
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::unique_ptr<ClauseReader>> ClauseReader::Create(const std::string& lexicon_dir,
                                                             std::vector<std::string>* warnings) {
  auto r = std::unique_ptr<ClauseReader>(new ClauseReader());
  Status st = ForEachLanguageRow(lexicon_dir, "role_cases.tsv", {"case", "role"}, warnings,
                                 [&](const std::string& lang, const std::string& where, const TsvRow& row) {
    const std::string& role = row.cells[1];
    if (role != "agent" && role != "target" && role != "means" && role != "whole" && role != "counterpart" &&
        role != "from" && role != "time") {
      warnings->push_back(where + ": role is 'agent', 'target', 'means', 'whole', 'counterpart', 'from' or 'time'");
      return;
    }
    r->cases_[lang][row.cells[0]] = role == "agent"         ? CaseRole::kAgent
                                    : role == "target"      ? CaseRole::kTarget
                                    : role == "means"       ? CaseRole::kMeans
                                    : role == "counterpart" ? CaseRole::kCounterpart
                                    : role == "from"        ? CaseRole::kFrom
                                    : role == "time"        ? CaseRole::kTime
                                                            : CaseRole::kWhole;
  });
  if (!st.ok()) return st;
  st = ForEachLanguageRow(lexicon_dir, "governing_verbs.tsv", {"lemma", "role"}, warnings,
                          [&](const std::string& lang, const std::string& where, const TsvRow& row) {
    const std::string& role = row.cells[1];
    if (role != "none" && role != "undergoes") {
      warnings->push_back(where + ": role is 'none' or 'undergoes'");
      return;
    }
    r->governing_[lang][row.cells[0]] = role == "none" ? GovRole::kNone : GovRole::kUndergoes;
  });
  if (!st.ok()) return st;
  // count_nouns.tsv's own errors are reported by the number finder that reads it.
  st = ForEachLanguageRow(lexicon_dir, "count_nouns.tsv", {"noun", "class"}, nullptr,
                          [&](const std::string& lang, const std::string&, const TsvRow& row) {
    if (row.cells[1] == "person" || row.cells[1] == "killed" || row.cells[1] == "injured")
      r->people_[lang].insert(Fold(row.cells[0]));
    if (row.cells[1] == "volley") r->volleys_[lang].insert(Fold(row.cells[0]));
  });
  if (!st.ok()) return st;
  return r;
}

ClauseReader::CaseRole ClauseReader::RoleOf(const std::string& lang, std::string_view case_lemma) const {
  auto l = cases_.find(lang);
  if (l == cases_.end()) return CaseRole::kNone;
  auto it = l->second.find(case_lemma);
  return it == l->second.end() ? CaseRole::kNone : it->second;
}

ClauseReader::GovRole ClauseReader::GoverningRole(const std::string& lang, std::string_view lemma) const {
  auto l = governing_.find(lang);
  if (l == governing_.end()) return GovRole::kActs;
  auto it = l->second.find(lemma);
  return it == l->second.end() ? GovRole::kActs : it->second;
}

ClauseReader::CaseRole ClauseReader::NominalRoleOf(const std::string& lang, std::string_view case_lemma) const {
  CaseRole r = RoleOf(lang, case_lemma);
  return r == CaseRole::kFrom ? CaseRole::kAgent : r;  // "an attack from the rebels"
}

bool ClauseReader::SameOccurrence(const Document& doc, const DocParse& p, const TriggerMention& t,
                                  const TriggerMention& o) const {
  if (!p.SentenceParsed(doc.SentenceOfToken(t.toks.begin))) return false;
  auto inside = [](int32_t k, const TriggerMention& x) {
    return k >= static_cast<int32_t>(x.toks.begin) && k < static_cast<int32_t>(x.toks.end);
  };
  auto links = [&](const TriggerMention& a, const TriggerMention& b) {
    int32_t h = PhraseHead(p, a.toks.begin, a.toks.end);
    if (h < 0) return false;
    int32_t head = p.Head(static_cast<uint32_t>(h));
    // "were killed and 14 injured in an attack": a verb coordinated with
    // the other word shares its modifiers.
    if (head >= 0 && !inside(head, b) && BaseDep(p.Relation(static_cast<uint32_t>(head))) == Dep::kConj)
      head = p.Head(static_cast<uint32_t>(head));
    if (head < 0 || !inside(head, b)) return false;
    Dep d = BaseDep(p.Relation(static_cast<uint32_t>(h)));
    Dep full = p.Relation(static_cast<uint32_t>(h));
    if (d == Dep::kNsubj || full == Dep::kOblAgent) return true;  // "the blast killed", "killed by a bomb"
    if (d != Dep::kObl && d != Dep::kNmod) return false;
    CaseRole r = NominalRoleOf(doc.lang, p.CaseOf(static_cast<uint32_t>(h)));
    return r == CaseRole::kMeans || r == CaseRole::kAgent || r == CaseRole::kCounterpart;
  };
  return links(t, o) || links(o, t);
}

bool ClauseReader::PartOfWhole(const Document& doc, const DocParse& p, uint32_t noun) const {
  if (noun >= doc.tokens.size() || !p.SentenceParsed(doc.SentenceOfToken(noun))) return false;
  if (BaseDep(p.Relation(noun)) != Dep::kNsubj) return false;
  int32_t pred = p.Head(noun);
  if (pred < 0) return false;
  // "a child was among eight people": the whole is the copula's predicate.
  std::vector<uint32_t> wholes = p.Children(static_cast<uint32_t>(pred));
  wholes.push_back(static_cast<uint32_t>(pred));
  for (uint32_t c : wholes) {
    if (c == noun) continue;
    bool self = c == static_cast<uint32_t>(pred);
    if (self && p.FirstChild(c, Dep::kCop) < 0) continue;
    Dep d = BaseDep(p.Relation(c));
    if ((!self && d != Dep::kObl && d != Dep::kNmod) || RoleOf(doc.lang, p.CaseOf(c)) != CaseRole::kWhole) continue;
    // The whole is a count: "among at least eight people", "parmi les 12 morts".
    const ParsedToken* pc = p.Get(c);
    if (pc && pc->upos == Upos::kNum) return true;
    for (uint32_t g : p.Children(c))
      if (BaseDep(p.Relation(g)) == Dep::kNummod) return true;
    // Or the people or casualties a toll counts: "four children were among
    // the dead", "parmi les victimes".
    if (auto l = people_.find(doc.lang); l != people_.end() && l->second.count(doc.tokens[c].fold)) return true;
  }
  return false;
}

int ClauseReader::Counterpart(const Document& doc, const MentionSet& m, const std::vector<std::string>& ids,
                              uint32_t pred) const {
  const DocParse& p = m.parse;
  for (uint32_t c : p.Children(pred)) {
    Dep d = BaseDep(p.Relation(c));
    if ((d != Dep::kNmod && d != Dep::kObl) || RoleOf(doc.lang, p.CaseOf(c)) != CaseRole::kCounterpart) continue;
    int a = ActorAt(p, m, ids, static_cast<int32_t>(c));
    if (Armed(m, ids, a)) return a;
  }
  return -1;
}

int ClauseReader::FoughtWith(const Document& doc, const MentionSet& m, const std::vector<std::string>& ids,
                             uint32_t pred) const {
  const DocParse& p = m.parse;
  // The fighting noun: an oblique of the verb, or of an adverb of time
  // that governs it ("lors d'affrontements").
  std::vector<uint32_t> nouns;
  for (uint32_t c : p.Children(pred)) {
    Dep d = BaseDep(p.Relation(c));
    if (d == Dep::kObl || d == Dep::kNmod) nouns.push_back(c);
    if (d == Dep::kAdvmod)
      for (uint32_t g : p.Children(c))
        if (BaseDep(p.Relation(g)) == Dep::kObl) nouns.push_back(g);
  }
  for (uint32_t n : nouns) {
    bool fighting = false;
    for (const auto& t : m.triggers) fighting |= t.mutual && t.toks.begin <= n && n < t.toks.end;
    if (!fighting) continue;
    if (int a = Counterpart(doc, m, ids, n); a >= 0) return a;
  }
  return -1;
}

ClauseFrame ClauseReader::Read(const Document& doc, const MentionSet& m, const std::vector<std::string>& ids,
                               const TriggerMention& t) const {
  ClauseFrame f;
  const DocParse& p = m.parse;
  if (!p.SentenceParsed(doc.SentenceOfToken(t.toks.begin))) return f;
  int32_t v = PhraseHead(p, t.toks.begin, t.toks.end);
  if (v < 0) return f;
  f.parsed = true;
  f.predicate = v;
  const ParsedToken* pt = p.Get(static_cast<uint32_t>(v));
  const uint32_t uv = static_cast<uint32_t>(v);
  f.verbal = pt->upos == Upos::kVerb || pt->upos == Upos::kAux;
  f.negated = p.IsNegated(uv);
  f.copular = p.FirstChild(uv, Dep::kCop) >= 0 ||
              (BaseDep(p.Relation(uv)) == Dep::kNsubj && p.Head(uv) >= 0 &&
               p.FirstChild(static_cast<uint32_t>(p.Head(uv)), Dep::kCop) >= 0);
  f.reported = Reported(p, m, doc, v);
  f.pluperfect = p.IsPluperfect(uv) && !f.reported;
  auto set1 = [&](int a, const char* how) {
    if (a >= 0 && m.actors[static_cast<size_t>(a)].target) return;  // an installation acts on no one
    if (f.actor1 < 0 && a >= 0) f.actor1 = a, f.how1 = how;
  };
  // A civilian installation is the victim of an attack or of its looting
  // ("torched homes"), not of a place taken ("retook the village") nor of a
  // protest's events.
  const bool strikes = t.event_type == "Battles" || t.event_type == "Explosions/Remote violence" ||
                       t.event_type == "Violence against civilians" || t.sub_event_type == "Looting/property destruction";
  auto set2 = [&](int a, const char* how) {
    if (a >= 0 && m.actors[static_cast<size_t>(a)].target &&
        (!strikes || t.sub_event_type == "Government regains territory" ||
         t.sub_event_type == "Non-state actor overtakes territory"))
      return;
    if (f.actor2 < 0 && a >= 0 && a != f.actor1) f.actor2 = a, f.how2 = how;
  };
  if (f.verbal) {
    // "s'était emparée": a pronominal verb with "être" is active.
    bool pronominal = false;
    for (uint32_t c : p.Children(uv)) {
      Dep d = p.Relation(c);
      pronominal |= d == Dep::kExpl || d == Dep::kExplPass || d == Dep::kExplSubj ||
                    (p.Get(c)->upos == Upos::kPron && (doc.tokens[c].fold == "s'" || doc.tokens[c].fold == "se"));
    }
    // The tree decides over the tag: "Gunmen killed 20 villagers" has an
    // active subject and an object whatever the participle's features.
    bool structural = p.FirstChild(uv, Dep::kAuxPass) >= 0 || p.FirstChild(uv, Dep::kNsubjPass) >= 0;
    bool active_args = p.FirstChild(uv, Dep::kNsubj) >= 0 && p.FirstChild(uv, Dep::kObj) >= 0;
    // "said that terrorists targeted with rockets ...": a participle with no
    // auxiliary whose plain subject is an armed side acts, whatever its tag.
    int32_t plain = p.FirstChild(uv, Dep::kNsubj);
    if (!active_args && plain >= 0 && p.FirstChild(uv, Dep::kAux) < 0) {
      int a = ActorAt(p, m, ids, plain);
      active_args = a >= 0 && Armed(m, ids, a);
    }
    f.passive = (structural || (p.IsPassive(uv) && !active_args)) && !pronominal;
    Dep rel = p.Relation(uv);
    // "ont incendié une école et attaqué le marché": a participle conjoined
    // to a verb, with no auxiliary of its own, shares that verb's voice.
    if (f.passive && !structural && BaseDep(rel) == Dep::kConj && p.Head(uv) >= 0 && p.FirstChild(uv, Dep::kAux) < 0 &&
        p.FirstChild(uv, Dep::kAuxTense) < 0) {
      const uint32_t h = static_cast<uint32_t>(p.Head(uv));
      if (p.FirstChild(h, Dep::kAuxPass) < 0 && p.FirstChild(h, Dep::kNsubjPass) < 0 &&
          (p.FirstChild(h, Dep::kAux) >= 0 || p.FirstChild(h, Dep::kAuxTense) >= 0 || p.FirstChild(h, Dep::kObj) >= 0))
        f.passive = false;
    }
    int32_t subject = p.Subject(uv);
    // "Un commandant des FDS a fait défection" parsed with two subjects
    // ("des" read as an article): a verb has one, and the one that names a
    // side is the other's complement.
    if (subject >= 0 && ActorAt(p, m, ids, subject) < 0)
      for (uint32_t c : p.Children(uv))
        if (static_cast<int32_t>(c) != subject && (p.Relation(c) == Dep::kNsubj || p.Relation(c) == Dep::kNsubjPass) &&
            ActorAt(p, m, ids, static_cast<int32_t>(c)) >= 0) {
          subject = static_cast<int32_t>(c);
          break;
        }
    // "les jihadistes qui ont attaqué": the relative pronoun stands for the noun.
    if ((subject < 0 || IsRelativePronoun(p, subject)) && rel == Dep::kAclRelcl) subject = p.Head(uv);
    // "Troops advanced, killing five rebels", "IS tried to seize the town":
    // an adverbial or complement clause with no subject of its own shares
    // the subject of the verb it depends on.
    if (subject < 0 && (BaseDep(rel) == Dep::kAdvcl || BaseDep(rel) == Dep::kXcomp) && p.Head(uv) >= 0 &&
        p.FirstChild(uv, Dep::kMark) < 0)
      subject = p.Subject(static_cast<uint32_t>(p.Head(uv)));
    // "Gunmen stormed the post and killed four", "ont pris d'assaut le poste
    // et tué quatre gardes": a verb conjoined to another with no subject of
    // its own shares that verb's subject.
    if (subject < 0 && BaseDep(rel) == Dep::kConj && p.Head(uv) >= 0) {
      const ParsedToken* ph = p.Get(static_cast<uint32_t>(p.Head(uv)));
      if (ph && (ph->upos == Upos::kVerb || ph->upos == Upos::kAux)) subject = p.Subject(static_cast<uint32_t>(p.Head(uv)));
    }
    // "Villagers said the attackers, who ..., torched homes" parsed as two
    // conjoined verbs: a reporting verb's object before the second verb,
    // which has no subject of its own, is its subject, not the speaker.
    if (BaseDep(rel) == Dep::kConj && p.Head(uv) >= 0 && p.FirstChild(uv, Dep::kNsubj) < 0 &&
        p.FirstChild(uv, Dep::kNsubjPass) < 0) {
      const uint32_t h = static_cast<uint32_t>(p.Head(uv));
      const Span hs = doc.tokens[h].span;
      bool reporting = std::any_of(m.sources.begin(), m.sources.end(), [&](const SourceMention& sm) {
        return sm.cue.begin <= hs.begin && sm.cue.end >= hs.end;
      });
      int32_t obj = reporting ? p.Object(h) : -1;
      if (obj >= 0 && static_cast<uint32_t>(obj) < uv) subject = obj;
    }
    SetSubject(p, m, ids, subject, &f);
    if (f.passive) {
      set1(ActorAt(p, m, ids, p.Agent(uv)), "agent (parse)");
      set2(ActorAt(p, m, ids, subject), "passive subject (parse)");
      // "were killed in clashes with Kurdish fighters", "tués lors
      // d'affrontements avec l'armée": the side the fighting was with.
      set1(FoughtWith(doc, m, ids, uv), "'with/avec' side of the fighting its victims died in (parse)");
    } else if (BaseDep(rel) == Dep::kAcl && subject < 0 && pt->morph.verb_form == VerbForm::kPart) {
      // "les soldats tués", "300 membres de Daesh tués": the noun described is the victim.
      set1(ActorAt(p, m, ids, p.Agent(uv)), "agent (parse)");
      set2(ActorAt(p, m, ids, p.Head(uv)), "noun the participle describes (parse)");
    } else if (t.repel) {
      // "Troops repelled an attack by the rebels", "ont repoussé les
      // assaillants": the side that attacked acts (the object, or the 'by/de'
      // argument of the attack it names); the subject is the side attacked.
      int32_t obj = p.Object(uv);
      int a = ActorAt(p, m, ids, obj);
      if (a < 0 && obj >= 0)
        for (uint32_t c : p.Children(static_cast<uint32_t>(obj)))
          if (Dep d = p.Relation(c); d == Dep::kNmodPoss || d == Dep::kAmod || d == Dep::kCompound ||
                                     (BaseDep(d) == Dep::kNmod && NominalRoleOf(doc.lang, p.CaseOf(c)) == CaseRole::kAgent))
            if (int b = ActorAt(p, m, ids, static_cast<int32_t>(c)); b >= 0 && a < 0) a = b;
      if (Armed(m, ids, a)) set1(a, "the side repelled (parse)");
      set2(ActorAt(p, m, ids, subject), "subject that repels the attack (parse)");
    } else {
      int a = ActorAt(p, m, ids, subject);
      if (Armed(m, ids, a)) set1(a, "subject (parse)");
      set2(ActorAt(p, m, ids, p.Object(uv)), "object (parse)");
      if (t.mutual) set2(Counterpart(doc, m, ids, uv), "'with/avec' argument of the fighting (parse)");
      // "recaptured the town from IS", "a repris la ville à l'EI": the side
      // a place is taken from.
      if (t.sub_event_type == "Government regains territory" || t.sub_event_type == "Non-state actor overtakes territory")
        for (uint32_t c : p.Children(uv))
          if (BaseDep(p.Relation(c)) == Dep::kObl && RoleOf(doc.lang, p.CaseOf(c)) == CaseRole::kFrom)
            if (int b = ActorAt(p, m, ids, static_cast<int32_t>(c)); Armed(m, ids, b))
              set2(b, "side the place is taken from (parse)");
    }
  } else {
    // A nominal trigger: its possessor and prepositional arguments.
    for (uint32_t c : p.Children(uv)) {
      Dep d = p.Relation(c);
      int a = ActorAt(p, m, ids, static_cast<int32_t>(c));
      if (a < 0) continue;
      if (d == Dep::kNmodPoss || d == Dep::kAmod || d == Dep::kCompound) {
        // "the Damascus car bomb", "Aleppo attack": a place name before an
        // event noun says where, not who; "Russia's strikes" (possessive) says who.
        bool where = m.actors[static_cast<size_t>(a)].kind == "place" && d == Dep::kCompound;
        if (Armed(m, ids, a) && !where) set1(a, "modifier of the event noun (parse)");
        continue;
      }
      if (BaseDep(d) != Dep::kNmod && BaseDep(d) != Dep::kObl) continue;
      CaseRole role = NominalRoleOf(doc.lang, p.CaseOf(c));
      if (role == CaseRole::kAgent && Armed(m, ids, a)) set1(a, "'de/by' argument of the event noun (parse)");
      // "the killing of two activists", "l'enlèvement de trois villageois":
      // an 'of/de' argument that names no armed side is who it struck.
      if (role == CaseRole::kAgent && !Armed(m, ids, a) && p.Relation(c) != Dep::kOblAgent)
        set2(a, "'de/of' argument of the event noun that names no armed side (parse)");
      if (role == CaseRole::kTarget) set2(a, "'contre/on' argument of the event noun (parse)");
    }
    if (t.mutual) set2(Counterpart(doc, m, ids, uv), "'with/avec' argument of the fighting (parse)");
    // Who the noun's side may be: the subject of the verb it is the object
    // of ("IS claimed the attack") or the means of in an active clause ("IS
    // fighters killed five soldiers in an ambush"); the noun itself when it
    // is a subject ("a roadside bomb killed") or the means of a passive
    // ("terrorists were killed in air strikes": the dead are not its side).
    int32_t n = v;
    while (BaseDep(p.Relation(static_cast<uint32_t>(n))) == Dep::kConj && p.Head(static_cast<uint32_t>(n)) >= 0)
      n = p.Head(static_cast<uint32_t>(n));
    // "a tiré une salve de roquettes", "launched a wave of strikes": the
    // noun that counts the events stands for them in the clause.
    if (auto l = volleys_.find(doc.lang); l != volleys_.end() && BaseDep(p.Relation(static_cast<uint32_t>(n))) == Dep::kNmod) {
      int32_t h = p.Head(static_cast<uint32_t>(n));
      if (h >= 0 && l->second.count(doc.tokens[static_cast<size_t>(h)].fold)) {
        n = h;
        while (BaseDep(p.Relation(static_cast<uint32_t>(n))) == Dep::kConj && p.Head(static_cast<uint32_t>(n)) >= 0)
          n = p.Head(static_cast<uint32_t>(n));
      }
    }
    Dep nrel = BaseDep(p.Relation(static_cast<uint32_t>(n)));
    int32_t gov = p.Head(static_cast<uint32_t>(n));
    if (nrel == Dep::kNsubj) {
      SetSubject(p, m, ids, v, &f);
      // "Des combats ont opposé les FSR à l'armée", "fighting pitted X
      // against Y": the verb a fighting noun is the subject of names the
      // sides as its object and its 'à/against/with' oblique.
      if (t.mutual && gov >= 0) {
        const uint32_t g = static_cast<uint32_t>(gov);
        int32_t obj = p.FirstChild(g, Dep::kObj);
        int a = ActorAt(p, m, ids, obj);
        if (Armed(m, ids, a)) {
          for (uint32_t c : p.Children(g)) {
            if (BaseDep(p.Relation(c)) != Dep::kObl) continue;
            CaseRole role = RoleOf(doc.lang, p.CaseOf(c));
            if (role != CaseRole::kTarget && role != CaseRole::kCounterpart && role != CaseRole::kFrom) continue;
            int b = ActorAt(p, m, ids, static_cast<int32_t>(c));
            if (Armed(m, ids, b) && b != a) {
              set1(a, "object of the verb the fighting is the subject of (parse)");
              set2(b, "'à/against' oblique of the verb the fighting is the subject of (parse)");
              break;
            }
          }
        }
      }
      // "The raids were carried out by regime warplanes", "l'attaque a été
      // menée par les shebab": the agent of the passive verb it is the subject of.
      if (gov >= 0 && p.IsPassive(static_cast<uint32_t>(gov)) &&
          GoverningRole(doc.lang, p.Get(static_cast<uint32_t>(gov))->lemma) == GovRole::kActs) {
        int32_t agent = p.Agent(static_cast<uint32_t>(gov));
        int a = ActorAt(p, m, ids, agent);
        // "by either Russian or regime warplanes": the first conjunct that names a side.
        if (a < 0 && agent >= 0)
          for (uint32_t c : p.Children(static_cast<uint32_t>(agent), Dep::kConj))
            if (a < 0) a = ActorAt(p, m, ids, static_cast<int32_t>(c));
        if (Armed(m, ids, a)) set1(a, "agent of the passive verb the event noun is the subject of (parse)");
      }
    } else if (gov >= 0 && nrel == Dep::kObj) {
      SetSubject(p, m, ids, p.Subject(static_cast<uint32_t>(gov)), &f);
      // "The rebels supported the strike", "the convoy suffered an ambush":
      // a subject that does not act is no side of it, or the side acted upon.
      GovRole gr = GoverningRole(doc.lang, p.Get(static_cast<uint32_t>(gov))->lemma);
      if (gr != GovRole::kActs && f.subject >= 0) {
        if (gr == GovRole::kUndergoes) set2(f.subject_actor, "subject of a verb that undergoes the event noun (parse)");
        f.discussed = gr == GovRole::kNone;
        f.subject_actor = -1;
      }
    }
    // ("La police a bouclé le quartier après l'attaque": a noun placing the
    // clause in time is no occurrence the clause's subject takes part in.)
    else if (gov >= 0 && nrel == Dep::kObl && RoleOf(doc.lang, p.CaseOf(static_cast<uint32_t>(n))) == CaseRole::kTime) {
      f.temporal = true;
      f.temporal_subject = ActorAt(p, m, ids, p.Subject(static_cast<uint32_t>(gov)));
      // "M23 had seized the town after heavy fighting": told in the past of
      // the main clause. (Only of the main clause: a trailing "après des
      // raids" hung on a relative or conjoined verb belongs as often to the
      // main one.)
      f.pluperfect |= p.IsPluperfect(static_cast<uint32_t>(gov)) && !f.reported && p.Head(static_cast<uint32_t>(gov)) < 0;
    }
    else if (gov >= 0 && nrel == Dep::kObl && p.Relation(static_cast<uint32_t>(n)) != Dep::kOblAgent) {
      uint32_t g = static_cast<uint32_t>(gov);
      // "were killed and two others wounded in an attack": a conjoined verb
      // with no subject of its own shares the first verb's voice and subject.
      while (p.FirstChild(g, Dep::kNsubj) < 0 && p.FirstChild(g, Dep::kNsubjPass) < 0 &&
             BaseDep(p.Relation(g)) == Dep::kConj && p.Head(g) >= 0)
        g = static_cast<uint32_t>(p.Head(g));
      bool passive = p.FirstChild(g, Dep::kAuxPass) >= 0 || p.FirstChild(g, Dep::kNsubjPass) >= 0;
      SetSubject(p, m, ids, passive ? v : p.Subject(g), &f);
    }
    // "L'armée a mené des frappes", "IS claimed the attack": the subject of
    // the verb the event noun is the object of.
    if (f.actor1 < 0 && p.Relation(static_cast<uint32_t>(n)) == Dep::kObj) {
      int32_t gov = p.Head(static_cast<uint32_t>(n));
      if (gov >= 0 && !p.IsPassive(static_cast<uint32_t>(gov)) &&
          GoverningRole(doc.lang, p.Get(static_cast<uint32_t>(gov))->lemma) == GovRole::kActs) {
        int a = ActorAt(p, m, ids, p.Subject(static_cast<uint32_t>(gov)));
        if (Armed(m, ids, a)) set1(a, "subject of the verb that governs the event noun (parse)");
      }
    }
  }
  // "X and Y clashed": the conjoined subject is the other side (of fighting
  // only: "the army and its allies retook the town" names one side).
  // So are the two parties of an agreement ("the government and the TPLF signed").
  const bool symmetric = t.mutual || t.sub_event_type == "Agreement";
  if (symmetric && f.actor1 >= 0 && f.actor2 < 0) {
    int32_t h = PhraseHead(p, m.actors[f.actor1].toks.begin, m.actors[f.actor1].toks.end);
    if (h >= 0)
      for (uint32_t c : p.Children(static_cast<uint32_t>(h), Dep::kConj)) {
        int a = ActorAt(p, m, ids, static_cast<int32_t>(c));
        // "et le groupe armé 3R": a conjunct that is a common noun named by the side right after it.
        for (size_t j = 0; a < 0 && j < m.actors.size(); ++j)
          if (!ids[j].empty() && m.actors[j].toks.begin > c && m.actors[j].toks.begin <= c + 3) a = static_cast<int>(j);
        set2(a, "conjoined side (parse)");
      }
    // "ELN and FARC dissidents clashed" (coordinated as modifiers of one
    // noun): a side joined to the subject's by "and"/"et", right before or
    // after it, an article allowed between.
    if (f.actor2 < 0) {
      const auto& a = m.actors[static_cast<size_t>(f.actor1)];
      auto joins = [&](uint32_t end, uint32_t begin) {  // tokens [end, begin) are "and" and maybe an article
        if (begin <= end || begin - end > 2) return false;
        if (!IsCoordinator(doc.tokens[end].fold)) return false;
        return begin - end == 1 || p.Get(end + 1) == nullptr || p.Get(end + 1)->upos == Upos::kDet;
      };
      for (size_t j = 0; j < m.actors.size() && f.actor2 < 0; ++j) {
        if (static_cast<int>(j) == f.actor1 || ids[j].empty() || ids[j] == ids[static_cast<size_t>(f.actor1)]) continue;
        const auto& b = m.actors[j];
        if (joins(b.toks.end, a.toks.begin) || joins(a.toks.end, b.toks.begin))
          set2(static_cast<int>(j), "side joined to the subject by 'and' (coordination)");
      }
    }
  }
  return f;
}

}  // namespace sitrep
