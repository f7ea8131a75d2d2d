#include "lexicon/phrase_matcher.h"

#include "text/vocabulary.h"

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

void PhraseMatcher::InsertEdge(uint64_t key, uint32_t child) {
  if ((edge_count_ + 1) * 2 > edges_.size()) {  // keep the load under one half
    std::vector<Edge> old = std::move(edges_);
    edges_.assign(old.empty() ? 64 : old.size() * 2, Edge{});
    edge_count_ = 0;
    for (const Edge& e : old)
      if (e.key) InsertEdge(e.key, e.child);
  }
  size_t mask = edges_.size() - 1;
  for (size_t i = Mix(key) & mask;; i = (i + 1) & mask) {
    if (edges_[i].key == 0) {
      edges_[i] = {key, child};
      ++edge_count_;
      return;
    }
  }
}

void PhraseMatcher::AddTokens(const std::vector<std::string>& folded, int32_t value) {
  Vocabulary& vocab = Vocabulary::Global();
  uint32_t node = 0;
  for (const auto& t : folded) {
    uint32_t word = vocab.Intern(t);
    uint32_t next = Child(node, word);
    if (next == 0) {
      next = nodes_++;
      InsertEdge(EdgeKey(node, word), next);
      first_value_.push_back(-1);
      last_value_.push_back(-1);
    }
    node = next;
  }
  int32_t v = static_cast<int32_t>(values_.size());
  values_.push_back(value);
  next_value_.push_back(-1);
  if (last_value_[node] < 0) first_value_[node] = v;
  else next_value_[last_value_[node]] = v;
  last_value_[node] = v;
  ++phrases_;
}

bool PhraseMatcher::StartsPhrase(const std::string& tok) const {
  return Child(0, Vocabulary::Global().Find(tok)) != 0;
}

uint32_t PhraseMatcher::Walk(const std::vector<Token>& toks, uint32_t start, uint32_t end,
                             uint32_t* match_end, std::vector<std::pair<uint32_t, uint32_t>>* path) const {
  const Vocabulary& vocab = Vocabulary::Global();
  uint32_t node = 0, best = 0;
  *match_end = start;
  for (uint32_t i = start; i < end; ++i) {
    node = Child(node, vocab.IdOf(toks[i]));
    if (node == 0) break;
    if (first_value_[node] < 0) continue;
    best = node;
    *match_end = i + 1;
    if (path) path->emplace_back(node, i + 1);
  }
  return best;
}

std::vector<PhraseMatcher::Match> PhraseMatcher::MatchAt(const std::vector<Token>& toks,
                                                         uint32_t start, uint32_t end) const {
  std::vector<Match> out;
  if (start >= end || Child(0, Vocabulary::Global().IdOf(toks[start])) == 0) return out;
  std::vector<std::pair<uint32_t, uint32_t>> path;  // (node, end), shortest first
  uint32_t match_end;
  if (Walk(toks, start, end, &match_end, &path) == 0) return out;
  // Longest first, insertion order among equals.
  for (auto it = path.rbegin(); it != path.rend(); ++it)
    for (int32_t v = first_value_[it->first]; v >= 0; v = next_value_[v])
      out.push_back({start, it->second, values_[v]});
  return out;
}

std::vector<PhraseMatcher::Match> PhraseMatcher::FindAll(const std::vector<Token>& toks,
                                                         uint32_t begin, uint32_t end) const {
  std::vector<Match> out;
  const Vocabulary& vocab = Vocabulary::Global();
  for (uint32_t i = begin; i < end;) {
    if (Child(0, vocab.IdOf(toks[i])) == 0) {  // most words start no phrase
      ++i;
      continue;
    }
    uint32_t match_end;
    uint32_t node = Walk(toks, i, end, &match_end, nullptr);
    if (node == 0) {
      ++i;
      continue;
    }
    for (int32_t v = first_value_[node]; v >= 0; v = next_value_[v])
      out.push_back({i, match_end, values_[v]});
    i = match_end;
  }
  return out;
}

}  // namespace sitrep
