// What the words around a trigger do to it, read from
// data/lexicons/<lang>/event_cues.tsv and count_verbs.tsv: clause
// boundaries, negation and hypothesis (no event), purpose clauses,
// cumulative totals and remaining forces (no counts), convoy and force sizes
// (not losses), interceptions ("abattu deux missiles"), "other" occurrences, locative prepositions, subsets of a
// figure ("dont", "including") and generic count nouns, and the verbs
// that make a figure a toll (tuer), an injury count (blesser) or destroyed
// materiel (détruire). Immutable; Analyze() is thread-safe.
#ifndef SITREP_EVENTS_CUES_H_
#define SITREP_EVENTS_CUES_H_

#include <memory>
#include <string>
#include <vector>

#include "lexicon/lang_table.h"
#include "sitrep/status.h"
#include "text/document.h"

namespace sitrep {

enum class VerbRole : uint8_t { kNone, kKill, kInjure, kDestroy, kBoth };

// What a statement that nobody was hurt rules out ("aucune victime": both;
// "no one was killed": deaths; "no injuries": injuries).
enum class ZeroToll : uint8_t { kNone, kAll, kKilled, kInjured };

// Who the victims a casualty noun names are ("soldats": the state's military).
enum class VictimSide : uint8_t { kNone, kMilitary, kPolice, kCivilians };

// The cues of one document, indexed by token.
struct DocCues {
  std::vector<uint32_t> clause;      // clause number of each token (increasing through the document)
  std::vector<uint8_t> blocked;      // token is in a negated, hypothetical or purpose scope
  std::vector<uint8_t> cumulative;   // token is in a clause that gives a total over a period
  std::vector<uint8_t> remaining;    // token is in a clause about forces still at large
  std::vector<uint8_t> container;    // a figure here counts a convoy or force
  std::vector<uint8_t> distinct;     // "autres", "another" right before this token
  std::vector<uint8_t> locative;     // token follows a preposition of place
  std::vector<uint8_t> subset;       // a figure here details one given before ("dont 5 enfants", "9 of them")
  std::vector<uint8_t> since;        // a date here starts a period ("depuis 2015"): it dates no event
  std::vector<uint8_t> generic;      // a noun that counts anyone ("people", "morts"): not a distinct victim group
  std::vector<uint8_t> arrestee;     // a noun naming a politically significant arrestee (2: only with an armed group in the sentence)
  std::vector<uint8_t> zero_toll;    // a statement that nobody was hurt starts here: ZeroToll (event_cues.tsv kind zero_toll)
  // A side named here is the one an event before it is blamed on (1:
  // "attribuée aux talibans"), or the group the noun before it belongs to
  // (2: "the attackers, who belonged to ISWAP").
  std::vector<uint8_t> attribution;
  std::vector<uint8_t> cause;        // in a phrase naming an earlier event as a cause ("à la suite de la mort de dix soldats")
  std::vector<uint8_t> anaphoric;      // right after a definite or demonstrative determiner ("the", "cette")
  std::vector<uint8_t> incident;       // a noun that refers back to the event before without typing it ("the incident", "les faits")
  std::vector<uint8_t> demonstrative;  // right after a demonstrative ("cette", "that"): refers back
  std::vector<uint8_t> habitual;     // in a clause describing what happens repeatedly ("near-daily bombings")
  std::vector<uint8_t> recalled;     // in a sentence recalling an earlier occurrence ("previously", "l'an dernier")
  std::vector<uint8_t> pluperfect;   // a pluperfect auxiliary ("had", "avait") starts here
  std::vector<int32_t> intercepted;  // weapon words here are the object of an interception: its verb's token, else -1
  std::vector<uint8_t> victim;       // a casualty noun naming who the victims are (victims.tsv): a VictimSide
  std::vector<VerbRole> verb;        // count verb starting at this token
  std::vector<uint8_t> verb_part;    // a later word of a count verb's phrase ("lost their lives")
  std::vector<std::string> why;      // the cue that blocked a token (for --explain)
};

class EventCues {
 public:
  static StatusOr<std::unique_ptr<EventCues>> Create(const std::string& lexicon_dir,
                                                     std::vector<std::string>* warnings);
  DocCues Analyze(const Document& doc) const;

 private:
  Stemmers stemmers_;
  LangTable cues_, verbs_, victims_;
};

}  // namespace sitrep

#endif  // SITREP_EVENTS_CUES_H_
