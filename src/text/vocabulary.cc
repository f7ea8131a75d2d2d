#include "text/vocabulary.h"

#include <mutex>

namespace sitrep {

uint32_t Vocabulary::Intern(std::string_view word) {
  std::unique_lock lock(mu_);
  auto it = ids_.find(word);
  if (it != ids_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(ids_.size()) + 1;
  ids_.emplace(std::string(word), id);
  size_.store(id, std::memory_order_release);
  return id;
}

uint32_t Vocabulary::FindLocked(std::string_view word) const {
  auto it = ids_.find(word);
  return it == ids_.end() ? kNone : it->second;
}

uint32_t Vocabulary::Find(std::string_view word) const {
  std::shared_lock lock(mu_);
  return FindLocked(word);
}

void Vocabulary::Assign(std::vector<Token>* toks, size_t begin) const {
  std::shared_lock lock(mu_);
  const uint32_t unknown = kUnknownBit | static_cast<uint32_t>(ids_.size());
  for (size_t i = begin; i < toks->size(); ++i) {
    Token& t = (*toks)[i];
    if (t.word != 0) continue;
    uint32_t id = FindLocked(t.fold);
    t.word = id == kNone ? unknown : id;
  }
}

}  // namespace sitrep
