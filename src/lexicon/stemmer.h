// Suffix stripping on folded tokens, driven by data/lexicons/<lang>/suffixes.tsv
// (suffix, replace, min_stem). Lexicon phrases and document tokens are
// stemmed the same way, so one entry ("frapper", "strike") matches its
// inflected forms (frappe, frappées, frappant; strikes, striking). Not a
// linguistic stemmer: two passes of longest-suffix replacement, enough to
// make inflections meet. Immutable after Load(); safe to share.
#ifndef SITREP_LEXICON_STEMMER_H_
#define SITREP_LEXICON_STEMMER_H_

#include <string>
#include <string_view>
#include <vector>

#include "sitrep/status.h"
#include "text/document.h"

namespace sitrep {

class Stemmer {
 public:
  Stemmer() = default;  // strips nothing
  // Fails when the file cannot be read; malformed rows go to `warnings`.
  static StatusOr<Stemmer> Load(const std::string& path, std::vector<std::string>* warnings);

  std::string Stem(std::string_view fold) const;
  // Copies of `toks` whose word folds are stemmed (numbers and punctuation kept).
  std::vector<Token> StemTokens(const std::vector<Token>& toks) const;

  struct Rule {
    std::string suffix, replace;
    size_t min_stem = 3;
  };
  void AddRule(Rule r);

 private:
  std::vector<Rule> rules_;  // longest suffix first
};

}  // namespace sitrep

#endif  // SITREP_LEXICON_STEMMER_H_
