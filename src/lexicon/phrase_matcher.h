// A trie over folded tokens: finds every lexicon phrase ("forces
// démocratiques syriennes", "according to", "raids aériens") in a token
// sequence in one pass, longest match first. Built once, then read-only and
// safe to share across threads.
//
// The trie is over vocabulary ids (text/vocabulary.h), not strings: its
// edges are one open-addressing table keyed by (node, word id) and its
// values flat arrays, so a step costs an integer hash and a probe or two.
#ifndef SITREP_LEXICON_PHRASE_MATCHER_H_
#define SITREP_LEXICON_PHRASE_MATCHER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/document.h"
#include "text/vocabulary.h"

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
  bool StartsPhrase(const std::string& tok) const;
  bool StartsPhrase(const Token& tok) const { return Child(0, Vocabulary::Global().IdOf(tok)) != 0; }

  // Tokenises and folds a phrase the way documents are.
  static std::vector<std::string> FoldedTokens(std::string_view phrase);

 private:
  struct Edge {
    uint64_t key = 0;  // (node << 32) | word id; 0: empty slot (word ids start at 1)
    uint32_t child = 0;
  };
  static uint64_t EdgeKey(uint32_t node, uint32_t word) { return (uint64_t{node} << 32) | word; }
  static size_t Mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return static_cast<size_t>(k);
  }
  // The child of `node` by `word`, or 0 (the root is never a child).
  uint32_t Child(uint32_t node, uint32_t word) const {
    if (word == Vocabulary::kNone || edges_.empty()) return 0;
    const uint64_t key = EdgeKey(node, word);
    const size_t mask = edges_.size() - 1;
    for (size_t i = Mix(key) & mask;; i = (i + 1) & mask) {
      if (edges_[i].key == key) return edges_[i].child;
      if (edges_[i].key == 0) return 0;
    }
  }
  void InsertEdge(uint64_t key, uint32_t child);
  // The deepest node that ends a phrase along toks[start, end) and its end,
  // or {0, start}; `path` (when given) receives every node ending a phrase.
  uint32_t Walk(const std::vector<Token>& toks, uint32_t start, uint32_t end, uint32_t* match_end,
                std::vector<std::pair<uint32_t, uint32_t>>* path) const;

  std::vector<Edge> edges_;  // open addressing, size a power of two
  size_t edge_count_ = 0;
  uint32_t nodes_ = 1;  // node 0 is the root
  // The values of a node, in insertion order: first_value_[node] indexes
  // values_ and next_value_ chains them (-1 ends); last_value_ appends.
  std::vector<int32_t> first_value_{-1}, last_value_{-1};
  std::vector<int32_t> values_, next_value_;
  size_t phrases_ = 0;
};

}  // namespace sitrep

#endif  // SITREP_LEXICON_PHRASE_MATCHER_H_
