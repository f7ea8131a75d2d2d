// Finds place names in a document and resolves each to one gazetteer entry.
//
// One pass over the tokens: at each capitalised word the finder extends an
// exact key word by word while the gazetteer says a longer name starts with
// it (prefix flag), keeps the longest name found, and falls back to the loose
// (transliteration) key when no exact name starts there. Hyphens and dots
// inside names are skipped ("Deir ez-Zor", "U.S."); elided articles are their
// own tokens, so "d'Alep" and "l'Irak" read as "Alep" and "Irak".
//
// Rejected: words the document also writes in lower case (ordinary words),
// words of one or two letters unless a country/province abbreviation in
// capitals, stop names from the lexicon (Assad, Lavrov, month names), a word
// after a title ("M. Lavrov", "President Putin"). After another capitalised
// word a one-word name keeps only its larger readings (a country, a
// province, a capital, a city of 100,000: "In Washington", "Air Zimbabwe",
// "HSBC Malta"; not "Stormy Daniels"). A word in capitals is an acronym
// unless it opens a dateline ("CAIRO -", "SANAA, Yemen"). A province's
// abbreviation with its dot after a town and a comma or in brackets
// ("Aurora, Ill.", "Walker County (Ga.)", regions.tsv) is the province and
// frames the town. People: a given name from the
// lexicon (kind `person`) is not a place, and the capitalised words after it
// or after a title are the person's name for the whole document ("John
// Kelly ... Kelly said").
//
// A person by what is said of them: a name right after "selon", "according
// to", "a déclaré" (kind person_before), right before "said", "a déclaré"
// (person_after), or the subject of a speech verb in the parse (kind speech,
// by lemma) names a person unless it can only be a country, a province, a
// capital or a city of 100,000: "Kelly said" is no town, "Moscow said" stays
// Moscow. Small-town readings are dropped and, when nothing is left, the word
// is a person's name for the whole document.
//
// Organisations: a capitalised run after the name holding an organisation
// head (kind org: "Airlines", "Brigade", "Times"), a name right after a
// vessel or company noun (org_before: "the tanker", "le navire", "USS") or
// a name after "de"/"of" that ends a unit's name (kind unit: "le 1er
// régiment de spahis de Valence", a garrison) is kept as a toponym, rule
// "organisation", but casts no vote and is no event's place. A name glued by a hyphen to a modifier word (kind modifier:
// "US-led", "London-based", "Turkish-backed") is kept, rule "modifier", but
// casts no vote for the story's country and is no event's place.
//
// Dictionary words (gazetteer key flags from the system word lists): a name
// that is an ordinary word of the document's language ("Forces", "Park",
// "White House") resolves only to a country, province, continent, sea, a
// capital or province seat, a city of 100,000 or more, or a place in a
// province the document names; at a sentence start only to a country,
// province, continent, sea or capital; a province only in a country the
// story names once its country is clear ("the West Coast"). The loose key
// never applies to a word the dictionary knows ("April" is not Pearl).
//
// A facility or street named after a place and followed by "in" and a town
// (kind `site`: "Collins Avenue in Miami Beach") is in that town, precision
// near.
//
// Disambiguation: a prior per candidate (population, feature class, whether
// the matched name is a main or language-tagged one, country and province
// level, loose-match penalty), then the document's context: countries and
// provinces voted by the mentions' best priors add to candidates inside them.
// Lying inside a province the story names and lying near another of its
// places are one piece of evidence when both hold: the larger bonus counts,
// not the sum (a town near a province's point is no likelier than any other
// town of it). A province's seat takes the province's rank when written by
// its name ("Homs"), not when its own name is longer ("Oklahoma City" is not
// "Oklahoma").
// A name the text continues with more name words the gazetteer did not take
// and the dictionary does not know ("Ain" of "Ain Issa", "al-Arab" after
// "Ain"; not "Suffolk County") is only part of a longer,
// unknown name: it keeps only readings in a country the rest of the document
// names, or famous ones. A name known only as an alternate spelling
// ("Hamas" for Hamm) is dropped in a foreign country once the story's
// country is clear. Loose matches must fall in a province the document names or in the
// country most of its towns and provinces are in (country names alone do
// not decide it: "les Etats-Unis" is often an actor), and the text must
// spell the candidate's name the same way (equal vowel-slot skeletons,
// article words dropped or kept on either side, or the text's with a final
// mute -e more: Jarablous/Jarabulus, Deir Ezour/Dayr az Zawr, Afrine/Afrin;
// not Cauvery/Kovvur). Where no exact name starts, the loose key also
// reads the capitalised words and articles after the first word, up to one
// that starts a known name ("Maarat al-Noomane"). An abbreviation's dot
// inside a name is read through ("St. Louis").
//
// Relations, from data/lexicons/<lang>/places.tsv: "près de X", "au nord de
// X", "à 20 km de X", "near X", "outskirts of X" give precision near; "entre
// X et Y", "between X and Y", "la route de X à Y" make both near; "la
// province d'Idleb", "Homs province" and lists after them ("les provinces de
// Homs et Hama") resolve to the province at precision admin1; a country is at
// precision country.
//
// Regions and villages the gazetteer lacks: ACLED-style context in brackets
// ending in a province ("Boni (Douentza, Mopti)", "Kidal town (Kidal)") reads
// each bracketed name as its province, and the name before it must lie
// inside the last one (Bracket, Confine). A town followed by a province
// phrase or a country with only commas and `frame` words between ("X, in the
// Mopti region", "X, dans la province de Y", "X, Mali") keeps its reading
// inside; with none, a small town is dropped (a foreign namesake of a
// village the gazetteer lacks) and the province stands (Frame, Confine). A
// name only provinces and regions bear may end in a lower-case word
// ("Kurdistan irakien", "Benue state").
// A name the text calls a village ("the village of X", "X village", "X, a
// village", "le village de X", "X, un petit village", places.tsv kinds
// village_before/after/apposition) is no capital or city of 200,000 (a
// province or country stays: the village lies there) ("Bonn village",
// "Madina, a village in Mali" is no Medina). With none left it is a village
// the gazetteer lacks and the province or country stands for it; a frame may
// follow the description, over compass words ("X, a village in central
// Mali's Mopti region", "X, un village du nord du Burkina Faso").
// Capitalised words the gazetteer lacks after a `site` word, then a comma
// and a name that is also a province's ("in Kadji, Tillaberi", "à X, Gao";
// not a capital or a city of a million) is ACLED's "village, province": the
// province frames the village. A province word that ends the name before
// ("the Mopti region of Mali") opens no province phrase for the next one.
//
// A bare province name right after a comma ("Boise, Idaho", "Washington,
// D.C.") frames the name before it as well; a town with no reading inside is
// kept (Frame, Confine). A province the story names unambiguously lifts its
// towns as much as the story's dominant country does (Choose). A facility
// named after a faraway namesake lies in the story's town, the town most of
// its names resolve to (Situate). A lower-case `generic` head opens a sea's
// name ("mer Rouge"); a name after a `particle` that follows a capitalised
// word naming no place and no dictionary word is a surname ("Cédric de
// Pierrepont"). A people's name (kind `people`: "Arab", "Hema", "Peul")
// names its province or country ("Amhara", "Kachin"), never a namesake town.
//
// Built once; Find() is const and thread-safe.
#ifndef SITREP_MENTIONS_PLACE_FINDER_H_
#define SITREP_MENTIONS_PLACE_FINDER_H_

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "gazetteer/gazetteer.h"
#include "lexicon/phrase_matcher.h"
#include "base/budget.h"
#include "mentions/mention.h"
#include "sitrep/status.h"

namespace sitrep {

class PlaceFinder {
 public:
  // `gazetteer` must outlive the finder. Reads places.tsv of every language
  // folder under `lexicon_dir` (malformed rows go to `warnings`).
  static StatusOr<std::unique_ptr<PlaceFinder>> Create(const Gazetteer& gazetteer, const std::string& lexicon_dir,
                                                       std::vector<std::string>* warnings);

  // `parse`, when given, holds the dependency parses of some sentences
  // (MentionSet::parse): a name that is the subject of a speech verb there
  // is a person.
  // At most `max_candidates` gazetteer entries are weighed for one name
  // (the compiled gazetteer holds at most 48); a name with more counts in
  // `budget` when given.
  // `dates`, when given, are the document's time expressions in text order
  // (DateFinder): a name inside one is no place ("Mon" of "Mon 3 June" is
  // not Mon State) and casts no vote.
  std::vector<PlaceMention> Find(const Document& doc, const DocParse* parse = nullptr,
                                 BudgetLog* budget = nullptr,
                                 size_t max_candidates = BudgetLimits{}.candidates_per_place_name,
                                 const std::vector<DateMention>* dates = nullptr) const;

  static constexpr size_t kMaxWordsPerName = 6;
  static constexpr size_t kMaxMentionsPerDocument = 5000;

  enum class Kind {
    kNear, kBetween, kRoad, kLink, kAdmin1Before, kAdmin1After, kTitle, kPersonBefore, kPersonAfter, kOrgBefore, kQuarterBefore,
    kVillageBefore, kVillageAfter, kVillageApposition
  };

 private:
  explicit PlaceFinder(const Gazetteer& g) : gaz_(g) {}
  struct Lexicon {
    PhraseMatcher phrases;  // value: Kind
    std::unordered_set<std::string> stop;    // folded
    std::unordered_set<std::string> person;  // folded given names
    std::unordered_set<std::string> feature;  // folded facility and feature words ("valley", "hospital")
    std::unordered_set<std::string> org;      // folded heads of organisation names ("airlines", "brigade")
    std::unordered_set<std::string> modifier;  // folded words after a hyphen: "led" of "US-led"
    std::unordered_set<std::string> speech;    // lemmas of speech verbs ("say", "déclarer")
    std::unordered_set<std::string> unit;      // military units named after a garrison ("régiment de X")
    std::unordered_set<std::string> quarter;   // a quarter of a city after its name ("the Midan neighbourhood")
    std::unordered_set<std::string> frame;     // words between a town and the province framing it ("in", "dans")
    std::unordered_set<std::string> site;      // words putting a facility in a town ("Collins Avenue in Miami Beach")
    std::unordered_set<std::string> particle;  // lower-case words inside a person's name ("de", "van", "ould")
    std::unordered_set<std::string> generic;   // lower-case heads that open a sea's name ("mer Rouge")
    std::unordered_set<std::string> people;    // peoples' names: a province or a country, never a town ("Arab", "Hema")
  };
  struct Match;
  const Lexicon& LexiconFor(const std::string& lang) const;
  std::vector<Match> Scan(const Document& doc, const Lexicon& lex, const DocParse* parse) const;
  bool SaysSomething(const Document& doc, const Lexicon& lex, const DocParse* parse, uint32_t b, uint32_t e) const;
  void Relate(const Document& doc, const Lexicon& lex, std::vector<Match>* ms) const;
  void Bracket(const Document& doc, std::vector<Match>* ms) const;
  void Frame(const Document& doc, const Lexicon& lex, std::vector<Match>* ms) const;
  void Confine(std::vector<Match>* ms) const;
  void Situate(std::vector<Match>* ms) const;
  static constexpr int kMinStoryTownMentions = 2;
  static constexpr uint32_t kMaxBracketTokens = 12;  // "(Douentza, Mopti)" and longer district names
  static constexpr uint32_t kMaxFrameGap = 6;        // ", dans la" / ", in Syria's"
  struct Evidence {
    struct Vote {
      std::string country, admin1;
      bool local = false;  // a town or province, not a country name
      double weight = 0;
    };
    std::unordered_map<std::string, double> country, local, admin1;
    std::unordered_map<std::string, int> mentions, local_mentions;  // breaks ties
    std::unordered_map<std::string, Vote> votes;  // by name key
    // Points of unambiguous towns and provinces, one per name (at most
    // kMaxAnchors): a candidate near another name of the story is likelier.
    struct Anchor {
      std::string key;
      float lat, lon;
    };
    std::vector<Anchor> anchors;
  };
  static constexpr size_t kMaxAnchors = 64;
  double Prior(const Match& m, size_t c) const;
  void Resolve(std::vector<Match>* ms) const;
  Evidence Gather(const std::vector<Match>& ms, const std::vector<int>& choice, bool settled) const;
  int Choose(const Match& m, const Evidence& ev) const;
  static bool NearAnchor(const Evidence& ev, const std::string& key, const PlaceRecord& r);
  PlaceMention ToMention(const Document& doc, const Match& m) const;
  bool EndsWith(const Document& doc, const Lexicon& lex, uint32_t tok, Kind kind, Span* span) const;
  // The token after a village word that follows the name ending at `e` ("X
  // village", "X, a village", "X, un village"), or 0.
  uint32_t VillageAfter(const Document& doc, const Lexicon& lex, uint32_t e) const;

  const Gazetteer& gaz_;
  std::map<std::string, Lexicon> lex_;
};

}  // namespace sitrep

#endif  // SITREP_MENTIONS_PLACE_FINDER_H_
