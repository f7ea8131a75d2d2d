// A lexicon word list keyed by vocabulary id (text/vocabulary.h): a value
// per folded word, found for a document token by its id in one array read,
// with no string hashed per token. Built once, then read-only and safe to
// share across threads.
#ifndef SITREP_LEXICON_WORD_TABLE_H_
#define SITREP_LEXICON_WORD_TABLE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "text/document.h"
#include "text/vocabulary.h"

namespace sitrep {

template <typename T>
class WordTable {
 public:
  // Sets the value of a folded word (a later Set replaces it).
  void Set(std::string_view folded, T value) {
    uint32_t id = Vocabulary::Global().Intern(folded);
    if (id >= slots_.size()) slots_.resize(id + 1);
    slots_[id] = {std::move(value), true};
  }
  // The value of a token's fold, or null.
  const T* Find(const Token& t) const { return ById(Vocabulary::Global().IdOf(t)); }
  const T* Find(std::string_view folded) const { return ById(Vocabulary::Global().Find(folded)); }

 private:
  const T* ById(uint32_t id) const {
    return id < slots_.size() && slots_[id].present ? &slots_[id].value : nullptr;
  }
  struct Slot {
    T value{};
    bool present = false;
  };
  std::vector<Slot> slots_;  // indexed by vocabulary id
};

}  // namespace sitrep

#endif  // SITREP_LEXICON_WORD_TABLE_H_
