// Counts in text: "1 199", "1.199", "1,5 million", "dix-sept",
// "quatre-vingt-quinze", "two hundred and five", "une quarantaine",
// "des dizaines", "dozens of", with the qualifier that sets their range
// ("plus de 300": low 300, high open; see ../shared/codebook.md "count") and
// the noun they count ("36 véhicules", "17 Syrian soldiers") classed by
// data/lexicons/<lang>/count_nouns.tsv.
//
// Numbers that are not counts are left out: years, times of day, dates
// ("le 25 mai", "May 25"), percentages and other measures (the "measure"
// class of count_nouns.tsv), ages, calibres, model numbers ("Su-34"),
// ordinals ("1er", "3rd"), labels ("résolution 2254"). A lone "un"/"une"/
// "one" is reported only before a known count noun ("un soldat"), and a
// number word only when it counts a noun.
//
// Number words live in numbers.tsv, qualifiers in number_qualifiers.tsv;
// the composition rules are in number_finder.cc. Create() loads the data
// once; Find() is const and thread-safe.
#ifndef SITREP_MENTIONS_NUMBER_FINDER_H_
#define SITREP_MENTIONS_NUMBER_FINDER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "mentions/mention.h"
#include "sitrep/status.h"

namespace sitrep {

class NumberLexicon;  // number_finder.cc

class NumberFinder {
 public:
  // Loads every language folder under `lexicon_dir` that has a numbers.tsv
  // (with number_qualifiers.tsv, count_nouns.tsv and the month names of
  // dates.tsv when present). Malformed rows go to `warnings`.
  static StatusOr<std::unique_ptr<NumberFinder>> Create(const std::string& lexicon_dir,
                                                        std::vector<std::string>* warnings);
  ~NumberFinder();

  // Counts in document order, non-overlapping. Empty for a language with no lexicon.
  std::vector<NumberMention> Find(const Document& doc) const;

 private:
  NumberFinder() = default;
  std::map<std::string, std::unique_ptr<NumberLexicon>> by_lang_;
};

}  // namespace sitrep

#endif  // SITREP_MENTIONS_NUMBER_FINDER_H_
