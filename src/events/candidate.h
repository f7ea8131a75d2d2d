// One trigger read in its sentence: the event it may report, before
// candidates about the same occurrence are merged (assembler.cc).
#ifndef SITREP_EVENTS_CANDIDATE_H_
#define SITREP_EVENTS_CANDIDATE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "events/clause.h"
#include "events/country_codes.h"
#include "events/cues.h"
#include "events/figures.h"
#include "events/status.h"
#include "mentions/mention.h"
#include "text/document.h"

namespace sitrep {

struct SourceRef {
  std::string id;    // codebook source id
  std::string text;  // the words that credit it
  uint32_t tok = 0;  // where the sentence credits it (the source's first token, else its cue's)
  // What figures are filed under: the id, except that two unnamed sources
  // ("the governor", "state media": both OTHER) are two sources.
  std::string Key() const;
};

struct Candidate {
  const TriggerMention* trigger = nullptr;
  // The other triggers of its sentence read as the same occurrence ("killed"
  // beside "kills"): a later word linked to any of them joins it too.
  std::vector<const TriggerMention*> parts;
  size_t sentence = 0;
  std::string event_type, sub_event_type;
  bool weak = false;      // generic action with no armed actor and no modifier
  bool distinct = false;  // "d'autres frappes": never merged into an earlier event
  bool paired = false;
  bool anaphoric = false;
  bool demonstrative = false;  // "cette attaque", "that attack": refers back, never starts an event
  std::optional<Actor> actor1, actor2;
  bool air = false;                 // the acting side flies (an air force, aircraft)
  int place = -1;                   // index into MentionSet::places
  bool place_inherited = false;     // from the previous sentence of the paragraph
  int date = -1;                    // index into MentionSet::dates
  bool date_inherited = false;
  // Its own date (not inherited) lies more than kRecentDays before the article.
  bool old_date = false;
  // Recalled by a word that names an earlier occurrence ("l'an dernier",
  // "la dernière remonte à juin"), not only by its tense: never the
  // continuation of a fresh event's story.
  bool recall_cue = false;
  // actor2 is the people of a civilian installation attacked ("une maison"):
  // a side the occurrence's victims are named as replaces it.
  bool actor2_target = false;
  // actor2 is a word for anyone ("people", "personnes"): the casualties of
  // fighting are no side of it ("20 people were killed in clashes between").
  bool actor2_people = false;
  std::map<std::string, Figures> figures;  // by SourceRef::Key(), "" for figures no source is credited with
  std::vector<SourceRef> sources;
  std::string claimant;  // actor id that claimed responsibility, if any
  Occurrence occurrence = Occurrence::kFresh;
  // The words of a figure that counts anyone ("50 people", "sept
  // personnes") when no victim group is named.
  std::string people_text;
  bool type_inherited = false;  // typed as the event reported before it ("own figures but no actor")
  bool attack_word = false;  // a trigger of it names an attack or explosion, not only a killing ("tués")
  VictimSide victims = VictimSide::kNone;  // who its casualties are, when a casualty noun says (victims.tsv)
  std::string victims_text;                 // that noun's words  // what its clause reports (status.h)
  // The one victim a singular casualty noun names as the killing or
  // wounding verb's undergoer ("un journaliste a été tué"): counts 1 when no
  // figure is given for that field. kNone when there is none.
  VerbRole one_victim = VerbRole::kNone;
  std::vector<std::string> notes;
};

// Reads every trigger of `doc` that survives the cues into a candidate.
// `sources_by_sentence` holds each sentence's resolved sources; `codes`
// names the country of a bare state force ("the army": the story's country).
std::vector<Candidate> BuildCandidates(const Document& doc, const MentionSet& m, const DocCues& cues,
                                       const ClauseReader& clauses,
                                       const std::vector<std::vector<SourceRef>>& sources_by_sentence,
                                       const std::vector<std::string>& claimant_by_sentence,
                                       const CountryCodes& codes);

// Resolves each sentence's sources: back-references ("la même source",
// "a-t-il précisé") to the sources named before, an unnamed ministry to the
// last ministry named. Claims of responsibility go to `claimants` (the
// actor id before the cue, per sentence) and, for IS, as IS_CLAIM.
std::vector<std::vector<SourceRef>> ResolveSources(const Document& doc, const MentionSet& m,
                                                   std::vector<std::string>* claimants);

// True for a demonym inside a side's name ("Israeli strikes", "armée
// malienne"): it says who fights, not where; and for a place whose words
// are exactly an armed group's name ("Hamas" read as Hamm).
bool NamesASide(const MentionSet& m, const PlaceMention& p);

// Token distance with a penalty for each clause boundary crossed.
int Distance(const DocCues& cues, uint32_t a, uint32_t b);

}  // namespace sitrep

#endif  // SITREP_EVENTS_CANDIDATE_H_
