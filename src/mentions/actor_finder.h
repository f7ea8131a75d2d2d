// Actors named in a document: the phrases of data/lexicons/<lang>/actors.tsv
// (Daech, FDS, aviation russe, hommes armés...) and the state-force pattern
// head + nationality (actor_heads.tsv x nationalities.tsv: "armée malienne"
// -> MLI_MIL, "Ukrainian troops" -> UKR_MIL, "police nigériane" -> NGA_POL),
// the nationality on either side of the head within three words; a bare
// head after a determiner ("the army", "l'armée") is "*_ROLE", its country
// found by the assembler (events/country_codes.h). Forces backed by a
// foreign state ("Turkish-backed Syrian fighters", "combattants soutenus par
// la Turquie", "milices pro-iraniennes") are that state's backed group
// (backed.tsv: TUR_BACKED, IRAN_BACKED). Longest
// match wins; mentions do not overlap. Which side an actor is on is the
// assembler's business. Immutable; Find() is thread-safe.
#ifndef SITREP_MENTIONS_ACTOR_FINDER_H_
#define SITREP_MENTIONS_ACTOR_FINDER_H_

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "lexicon/lang_table.h"
#include "mentions/mention.h"
#include "sitrep/status.h"

namespace sitrep {

class ActorFinder {
 public:
  static StatusOr<std::unique_ptr<ActorFinder>> Create(const std::string& lexicon_dir,
                                                       std::vector<std::string>* warnings);
  std::vector<ActorMention> Find(const Document& doc) const;

 private:
  // The longest state-force phrase starting at `i`, or false.
  bool StateForceAt(const Document& doc, const std::vector<Token>& st, uint32_t i, ActorMention* out) const;
  // A backed-group phrase starting at `i`, or false.
  bool BackedAt(const Document& doc, const std::vector<Token>& st, uint32_t i, ActorMention* out) const;
  // The kind (determiners.tsv: article, demonstrative, possessive) of the
  // determiner right before token `i`, or null.
  const std::string* DeterminerBefore(const Document& doc, const std::vector<Token>& st, uint32_t i) const;
  Stemmers stemmers_;
  std::unordered_map<std::string, std::string> determiner_kind_;  // "<lang>\t<folded word>" -> kind
  LangTable actors_, heads_, nationalities_, backed_;
  LangTable not_sides_;  // "regime-held", "pro-government": the name describes, it is no side
  // True when words of not_sides.tsv around tokens [b, e) make the name a description.
  bool Describes(const Document& doc, const std::vector<Token>& st, uint32_t b, uint32_t e) const;
};

}  // namespace sitrep

#endif  // SITREP_MENTIONS_ACTOR_FINDER_H_
