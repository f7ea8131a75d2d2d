// Mentions: what the finders read in a Document, before any event exists.
// Each carries its byte span (into Document::text), its token range and the
// rule or lexicon entry that produced it, so every event field can point
// back to its words.
#ifndef SITREP_MENTIONS_MENTION_H_
#define SITREP_MENTIONS_MENTION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sitrep/event.h"
#include "syntax/parse.h"
#include "text/document.h"

namespace sitrep {

struct TokenRange {
  uint32_t begin = 0, end = 0;  // token indexes, end exclusive
};

enum class PlaceLevel { kPlace, kAdmin1, kCountry };

struct PlaceMention {
  Span span;
  TokenRange toks;
  int64_t geonameid = 0;  // 0 when the entity has none (a province or country from other data)
  std::string name;       // gazetteer primary name
  double lat = 0, lon = 0;
  std::string admin1, admin1_name, country;  // ISO 3166-2, English name, ISO 3166-1 alpha-2
  std::string feature;                       // GeoNames "P.PPLA", "A.ADM1", "A.PCLI", or "S.*"...
  PlaceLevel level = PlaceLevel::kPlace;
  LocationPrecision precision = LocationPrecision::kPlace;  // kNear after "près de", "near", ...
  Span relation;                                            // the relative phrase, if any
  std::string rule;
};

struct NumberMention {
  Span span;
  TokenRange toks;
  Count value;
  // How it was read: "digits", "decimal", "words", "collective",
  // "collective_plural", then "/floor", "/approx" or "/ceiling" after a qualifier.
  std::string rule;
  Span noun;            // the noun the number counts, when found (empty otherwise)
  std::string noun_fold;
  // What the noun counts, from data/lexicons/<lang>/count_nouns.tsv:
  // "person" (soldats, terroristes, civilians), "killed" (morts, tués, dead),
  // "injured" (blessés, wounded), "vehicle", "armored", "facility", "weapon",
  // "aircraft", "strike" (frappes, raids, sorties), "target" (cibles),
  // "place" (villages, localités), "displaced" (réfugiés, déplacés),
  // "captive" (prisonniers, otages), or empty when unknown. (Numbers before a
  // "measure" noun — km, ans, %, heures — are not counts and never appear.)
  std::string noun_class;
  // "douze morts chez les soldats et dix-huit parmi les rebelles": the class
  // is that of the count before it; the noun is left out and the group
  // counted is another one.
  bool elided = false;
};

struct DateMention {
  Span span;
  TokenRange toks;
  DateInterval interval;  // resolved against Document::date (see resolve/date_resolver.h)
  // The pattern: "date", "weekday", "month", "month_year", "year",
  // "numeric_date", "relative_day", "relative_week", "relative_month",
  // "relative_year", "night", "night_range", "night_of_weekday", "day_range",
  // "since", "window", "ago", "anaphor", "clock", "part_of_day" (the last
  // three are read on the day mentioned before them).
  std::string rule;
};

struct ActorMention {
  Span span;
  TokenRange toks;
  std::string id;  // codebook actor id; empty for an aircraft noun with no nationality ("les bombardiers")
  std::string rule;
  // "group", "state", "civ" (victims), "unk" (unidentified), "place" (a
  // country or capital standing for its forces), "air" (aircraft noun).
  std::string kind;
  bool air = false;  // names aircraft or an air force: its attacks are air strikes
  // A state's own word for its armed opponents ("terrorists", actors.tsv
  // mode 'label'): with no group named it stands for the story country's
  // armed opposition (theatres.tsv).
  bool label = false;
  // A word for a class of armed men that a group named right after it in the
  // genitive makes that group (mode 'generic': "rebels of the M23", "les
  // insurgés du MNLA"); jihad-kind words do so too.
  bool generic = false;
  // A bare force head after a possessive determiner ("its forces", "ses
  // troupes", determiners.tsv): the forces of the side named before it in
  // the sentence (events/possessor.h), not the story country's.
  bool possessive = false;
  // A civilian installation or settlement (actors.tsv kind civ, mode
  // 'target': "une église", "a market", "le village"): its people are the
  // victims only as the target of an attack the parse gives it, never a
  // side found by nearness.
  bool target = false;
  // Peacekeepers with no mission named (actors.tsv mode 'mission':
  // "peacekeepers", "les casques bleus"): the peace operation named right
  // after them or last in the document, else the one the story's country
  // hosts (theatres.tsv column mission).
  bool mission = false;
};

struct SourceMention {
  Span span;  // the source's words ("le ministère russe de la Défense")
  TokenRange toks;
  std::string id;  // codebook source id
  Span cue;        // "selon", "a annoncé", "according to" (may be empty)
  std::string rule;
  // "report"; "same" (refers back: "la même source", "a-t-il précisé": id
  // empty, span empty); "claim" (claim of responsibility: id empty, the
  // claimant is the actor before the cue).
  std::string cue_kind = "report";
  // The ISO alpha-3 code of the state whose government or military the
  // source is (state_sources.tsv: RUS_MOD -> RUS), or empty.
  std::string state;
};

struct TriggerMention {
  Span span;
  TokenRange toks;
  std::string event_type, sub_event_type;
  std::string lemma;  // the lexicon entry
  std::string rule;
  bool weak = false;  // a generic action (détruire, attack): an event only with an armed actor
  bool flip = false;  // the grammatical subject is the side acted upon (se retirer)
  bool repel = false;  // the subject fends off the attack its object names (repousser, repel)
  bool mutual = false;  // fighting in which both sides act (combats, clashes)
  std::string modifier;  // the word that refined the type ("aérienne", "suicide"), if any
};

struct MentionSet {
  std::vector<PlaceMention> places;
  std::vector<NumberMention> numbers;
  std::vector<DateMention> dates;
  std::vector<ActorMention> actors;
  std::vector<SourceMention> sources;
  std::vector<TriggerMention> triggers;
  // Dependency parses of the sentences that hold a trigger (syntax/parse.h).
  DocParse parse;
};

}  // namespace sitrep

#endif  // SITREP_MENTIONS_MENTION_H_
