// A trigger's clause read from the dependency parse (syntax/parse.h): the
// predicate that heads the trigger phrase, the actor mentions its
// grammatical arguments name, and what the tree says of its status
// (passive, negated, pluperfect, reported speech). Roles come from
// relations, not from word distance: subject and object of a verb, the
// agent of a passive, the arguments of a nominal trigger ("l'attaque de X
// contre Y", "X's attack on Y", "an air strike by X"), the subject of a
// support verb ("X a mené des frappes"), the noun a relative or
// participial clause describes ("les jihadistes qui ont attaqué", "les
// soldats tués"), and conjoined sides.
#ifndef SITREP_EVENTS_CLAUSE_H_
#define SITREP_EVENTS_CLAUSE_H_

#include <map>
#include <set>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mentions/mention.h"
#include "sitrep/status.h"
#include "text/document.h"

namespace sitrep {

// The token heading tokens [b, e) in the parse: the one whose head lies
// outside them; -1 when the tokens are not parsed.
int32_t PhraseHead(const DocParse& p, uint32_t b, uint32_t e);

struct ClauseFrame {
  bool parsed = false;      // the trigger's sentence has a parse
  int32_t predicate = -1;   // the token heading the trigger phrase
  bool verbal = false;      // the predicate is a verb (else a nominal trigger)
  bool passive = false;
  bool negated = false;
  bool pluperfect = false;
  bool reported = false;    // under a reporting verb ("X said troops had killed")
  // The predicate of a copula or its subject: "c'est une attaque horrible",
  // "ce type de violences est rare": it describes, it reports no occurrence.
  bool copular = false;
  // The object of a verb that talks about, backs, fears or prevents it ("the
  // rebels supported the strike", "police foiled an attack"): no occurrence
  // reported by this clause (governing_verbs.tsv role none).
  bool discussed = false;
  // A nominal trigger placing its clause in time ("after the attack",
  // "après l'attaque"): the side the clause's subject names (an index into
  // the mentions' actors, or -1) is no side of it.
  bool temporal = false;
  int temporal_subject = -1;
  int32_t subject = -1;          // the token the parse makes the predicate's subject (verbal triggers)
  int subject_actor = -1;        // the actor mention that subject belongs to, if any
  int actor1 = -1, actor2 = -1;  // indices into MentionSet::actors; -1: the parse names none
  std::string how1, how2;
};

// Reads clauses with the prepositions of data/lexicons/<lang>/role_cases.tsv
// ("de"/"by": the side that acts; "contre"/"on": the side acted upon;
// "dans"/"in"/"during": the means or setting of another event word;
// "with"/"avec": the means, or the other side of a fight).
// Immutable after Create; Read() is thread-safe.
class ClauseReader {
 public:
  static StatusOr<std::unique_ptr<ClauseReader>> Create(const std::string& lexicon_dir,
                                                        std::vector<std::string>* warnings);
  // Reads the clause of trigger `t`. `ids` are the resolved actor ids (an
  // empty id is no side). Without a parse of its sentence, `parsed` is
  // false and the caller reads roles another way.
  ClauseFrame Read(const Document& doc, const MentionSet& m, const std::vector<std::string>& ids,
                   const TriggerMention& t) const;
  // True when the parse makes trigger `t` the means or the cause of trigger
  // `o` in one clause, so both name one occurrence: "kills 25 civilians in
  // airstrikes", "tués lors d'une attaque", "killed by a car bomb", "the
  // blast killed 5" (its subject). Prepositions of time order ("after an
  // attack", "avant l'assaut") name another occurrence and do not link.
  bool SameOccurrence(const Document& doc, const DocParse& p, const TriggerMention& t, const TriggerMention& o) const;
  // True when the noun at token `noun` is the subject of a clause that puts
  // it inside a counted whole ("a child was among at least eight people
  // killed", "un enfant figure parmi les 12 morts"): its figure is a part,
  // not a toll of its own.
  bool PartOfWhole(const Document& doc, const DocParse& p, uint32_t noun) const;

 private:
  enum class CaseRole : uint8_t { kNone, kAgent, kTarget, kMeans, kWhole, kCounterpart, kFrom, kTime };
  CaseRole RoleOf(const std::string& lang, std::string_view case_lemma) const;
  // The role of a preposition on an event noun: 'from' names its agent
  // there ("an attack from the rebels").
  CaseRole NominalRoleOf(const std::string& lang, std::string_view case_lemma) const;
  // The armed side a fighting word's 'with/avec' argument names ("clashes
  // with Kurdish fighters", "des affrontements avec l'armée"): the other
  // side. -1 when it names none.
  int Counterpart(const Document& doc, const MentionSet& m, const std::vector<std::string>& ids, uint32_t pred) const;
  // The side named by the 'with/avec' argument of a fighting word that is an
  // oblique of the verb at `pred` ("were killed in clashes with X"), or -1.
  int FoughtWith(const Document& doc, const MentionSet& m, const std::vector<std::string>& ids, uint32_t pred) const;
  std::map<std::string, std::map<std::string, CaseRole, std::less<>>> cases_;  // by language
  // Folded nouns of people and casualties (count_nouns.tsv classes person,
  // killed, injured), by language: "among the dead" names a whole.
  std::map<std::string, std::set<std::string, std::less<>>> people_;
  // Nouns that count events or rounds of fire (count_nouns.tsv class
  // "volley": "une salve de roquettes", "a wave of strikes").
  std::map<std::string, std::set<std::string, std::less<>>> volleys_;
  // What the subject of a verb governing an event noun is (governing_verbs.tsv),
  // by language then lemma; a verb not listed: the side that acts.
  enum class GovRole : uint8_t { kActs, kNone, kUndergoes };
  GovRole GoverningRole(const std::string& lang, std::string_view lemma) const;
  std::map<std::string, std::map<std::string, GovRole, std::less<>>> governing_;
};

}  // namespace sitrep

#endif  // SITREP_EVENTS_CLAUSE_H_
