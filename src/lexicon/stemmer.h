// Suffix stripping on folded tokens, driven by data/lexicons/<lang>/suffixes.tsv
// (suffix, replace, min_stem). Lexicon phrases and document tokens are
// stemmed the same way, so one entry ("frapper", "strike") matches its
// inflected forms (frappe, frappées, frappant; strikes, striking). Not a
// linguistic stemmer: two passes of longest-suffix replacement, enough to
// make inflections meet. Words whose stem would collide with an unrelated
// word are listed in stem_exceptions.tsv beside suffixes.tsv (word, stem),
// as classic stemmers keep exception lists: "arme" (weapon) must not meet
// "armée" (army). Immutable after Load(); safe to share.
#ifndef SITREP_LEXICON_STEMMER_H_
#define SITREP_LEXICON_STEMMER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "sitrep/status.h"
#include "text/document.h"

namespace sitrep {

class Stemmer {
 public:
  Stemmer() = default;  // strips nothing
  // Fails when the file cannot be read; malformed rows go to `warnings`.
  // Reads stem_exceptions.tsv from the same folder when it exists.
  static StatusOr<Stemmer> Load(const std::string& path, std::vector<std::string>* warnings);

  std::string Stem(std::string_view fold) const;
  // Copies of `toks` whose word folds are stemmed (numbers and punctuation kept).
  std::vector<Token> StemTokens(const std::vector<Token>& toks) const;

  struct Rule {
    std::string suffix, replace;
    size_t min_stem = 3;
  };
  void AddRule(Rule r);
  // `word` (folded) stems to `stem`, whatever the rules say.
  void AddException(std::string word, std::string stem);

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  // The rule that applies to `w`: the longest suffix whose min_stem `w`
  // allows (the first added among equal suffixes), or -1.
  int RuleFor(std::string_view w) const;
  void IndexRule(int rule);

  std::vector<Rule> rules_;  // in the order added
  // The suffixes read backwards as a byte trie, so finding the rule for a
  // word walks its last bytes once instead of testing every suffix.
  // node_edges_[n] lists (byte, child); node_rules_[n] the rules whose
  // suffix ends at n, in the order added.
  std::vector<std::vector<std::pair<unsigned char, uint32_t>>> node_edges_{1};
  std::vector<std::vector<int>> node_rules_{1};
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> exceptions_;
  uint64_t exception_lengths_ = 0;  // bit n: some exception is n bytes long (n < 64)
  // A hash of the rules and exceptions in the order added: two stemmers
  // with the same one stem alike (StemTokens' per-thread cache uses it).
  uint64_t fingerprint_ = 0;
};

}  // namespace sitrep

#endif  // SITREP_LEXICON_STEMMER_H_
