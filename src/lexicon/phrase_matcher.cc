#include "lexicon/phrase_matcher.h"

#include <algorithm>

namespace sitrep {

std::vector<std::string> PhraseMatcher::FoldedTokens(std::string_view phrase) {
  std::vector<Token> toks;
  Tokenize(phrase, 0, &toks);
  std::vector<std::string> out;
  out.reserve(toks.size());
  for (auto& t : toks) out.push_back(std::move(t.fold));
  return out;
}

bool PhraseMatcher::Add(std::string_view phrase, int32_t value) {
  auto toks = FoldedTokens(phrase);
  if (toks.empty()) return false;
  AddTokens(toks, value);
  return true;
}

void PhraseMatcher::AddTokens(const std::vector<std::string>& folded, int32_t value) {
  uint32_t node = 0;
  for (const auto& t : folded) {
    auto it = children_[node].find(t);
    if (it == children_[node].end()) {
      uint32_t next = static_cast<uint32_t>(children_.size());
      children_[node].emplace(t, next);
      children_.emplace_back();
      values_.emplace_back();
      node = next;
    } else {
      node = it->second;
    }
  }
  values_[node].push_back(value);
  ++phrases_;
}

uint32_t PhraseMatcher::Child(uint32_t node, const std::string& tok) const {
  auto it = children_[node].find(tok);
  return it == children_[node].end() ? 0 : it->second;
}

std::vector<PhraseMatcher::Match> PhraseMatcher::MatchAt(const std::vector<Token>& toks,
                                                         uint32_t start, uint32_t end) const {
  std::vector<Match> out;
  uint32_t node = 0;
  for (uint32_t i = start; i < end; ++i) {
    node = Child(node, toks[i].fold);
    if (node == 0) break;
    for (int32_t v : values_[node]) out.push_back({start, i + 1, v});
  }
  // Longest first, insertion order among equals.
  std::stable_sort(out.begin(), out.end(), [](const Match& a, const Match& b) { return a.end > b.end; });
  return out;
}

std::vector<PhraseMatcher::Match> PhraseMatcher::FindAll(const std::vector<Token>& toks,
                                                         uint32_t begin, uint32_t end) const {
  std::vector<Match> out;
  for (uint32_t i = begin; i < end;) {
    auto at = MatchAt(toks, i, end);
    if (at.empty()) {
      ++i;
      continue;
    }
    uint32_t longest = at.front().end;
    for (const auto& m : at)
      if (m.end == longest) out.push_back(m);
    i = longest;
  }
  return out;
}

}  // namespace sitrep
