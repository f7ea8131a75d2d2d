// The vocabulary of the lexicons: every folded (or stemmed) token that a
// lexicon phrase is made of gets a dense integer id when the lexicons load,
// and every document token looks its fold up once, when it is made
// (Tokenize). The matchers (lexicon/phrase_matcher.h) then walk their tries
// over integers: no string is hashed or compared per token in their loops.
//
// One vocabulary serves the whole process, so that a document's ids fit
// every matcher. It only grows; ids are never reused. Thread-safe: loading
// (Intern) takes an exclusive lock, look-ups a shared one, once per batch of
// tokens.
#ifndef SITREP_TEXT_VOCABULARY_H_
#define SITREP_TEXT_VOCABULARY_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/document.h"

namespace sitrep {

class Vocabulary {
 public:
  static constexpr uint32_t kNone = 0;  // a word no lexicon knows

  static Vocabulary& Global() {
    static Vocabulary* v = new Vocabulary();  // never destroyed: used until exit
    return *v;
  }

  // The id of `word`, adding it when new.
  uint32_t Intern(std::string_view word);
  // The id of `word`, or kNone.
  uint32_t Find(std::string_view word) const;

  // Looks up Token::word for the tokens of [begin, toks->size()) whose
  // `word` is 0 (never looked up), under one lock.
  void Assign(std::vector<Token>* toks, size_t begin = 0) const;

  // The id of a token's fold, or kNone. Uses the id stored in the token when
  // it is current: a word unknown when the token was made may have been
  // added since (a lexicon loaded later), and is then looked up again.
  uint32_t IdOf(const Token& t) const {
    uint32_t w = t.word;
    if (w != 0 && w < kUnknownBit) return w;
    if (w != 0 && (w & ~kUnknownBit) == size_.load(std::memory_order_acquire)) return kNone;
    return Find(t.fold);
  }

  uint32_t size() const { return size_.load(std::memory_order_acquire); }

 private:
  // Token::word of a word that was unknown, with the vocabulary's size then.
  static constexpr uint32_t kUnknownBit = 0x80000000u;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  uint32_t FindLocked(std::string_view word) const;

  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> ids_;
  std::atomic<uint32_t> size_{0};
};

}  // namespace sitrep

#endif  // SITREP_TEXT_VOCABULARY_H_
