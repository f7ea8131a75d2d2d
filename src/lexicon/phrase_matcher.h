// A trie over folded tokens: finds every lexicon phrase ("forces
// démocratiques syriennes", "according to", "raids aériens") in a token
// sequence in one pass, longest match first. Built once, then read-only and
// safe to share across threads.
#ifndef SITREP_LEXICON_PHRASE_MATCHER_H_
#define SITREP_LEXICON_PHRASE_MATCHER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/document.h"

namespace sitrep {

class PhraseMatcher {
 public:
  struct Match {
    uint32_t begin = 0, end = 0;  // token indexes, end exclusive
    int32_t value = 0;            // what Add() was given
  };

  // Adds a phrase given as text (folded and tokenised like a document).
  // Returns false for a phrase with no tokens.
  bool Add(std::string_view phrase, int32_t value);
  // Adds a phrase given as folded tokens.
  void AddTokens(const std::vector<std::string>& folded, int32_t value);

  // Longest match at each start position in [begin, end); matches do not
  // overlap (leftmost-longest). Several values may share one phrase: all are
  // reported, in insertion order.
  std::vector<Match> FindAll(const std::vector<Token>& toks, uint32_t begin, uint32_t end) const;
  // Every match starting exactly at `start`, longest first.
  std::vector<Match> MatchAt(const std::vector<Token>& toks, uint32_t start, uint32_t end) const;

  size_t size() const { return phrases_; }
  // True when some phrase begins with the folded token `tok`.
  bool StartsPhrase(const std::string& tok) const { return Child(0, tok) != 0; }

  // Tokenises and folds a phrase the way documents are.
  static std::vector<std::string> FoldedTokens(std::string_view phrase);

 private:
  uint32_t Child(uint32_t node, const std::string& tok) const;
  std::vector<std::unordered_map<std::string, uint32_t>> children_{1};
  std::vector<std::vector<int32_t>> values_{1};
  size_t phrases_ = 0;
};

}  // namespace sitrep

#endif  // SITREP_LEXICON_PHRASE_MATCHER_H_
