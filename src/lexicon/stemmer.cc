#include "lexicon/stemmer.h"

#include <algorithm>
#include <filesystem>

#include "base/hash.h"
#include "lexicon/tsv.h"
#include "text/vocabulary.h"

namespace sitrep {

StatusOr<Stemmer> Stemmer::Load(const std::string& path, std::vector<std::string>* warnings) {
  auto t = ReadTsv(path, {"suffix"});
  if (!t.ok()) return t.status();
  for (const auto& e : t->errors) warnings->push_back(e);
  Stemmer s;
  int cr = t->Column("replace"), cm = t->Column("min_stem");
  for (const auto& row : t->rows) {
    Rule r;
    r.suffix = row.cells[t->Column("suffix")];
    if (cr >= 0 && static_cast<size_t>(cr) < row.cells.size()) r.replace = row.cells[cr];
    if (cm >= 0 && static_cast<size_t>(cm) < row.cells.size() && !row.cells[cm].empty()) {
      r.min_stem = static_cast<size_t>(std::max(1, std::atoi(row.cells[cm].c_str())));
    }
    s.AddRule(std::move(r));
  }
  std::filesystem::path ex = std::filesystem::path(path).parent_path() / "stem_exceptions.tsv";
  if (std::filesystem::exists(ex)) {
    auto e = ReadTsv(ex.string(), {"word", "stem"});
    if (!e.ok()) return e.status();
    for (const auto& err : e->errors) warnings->push_back(err);
    for (const auto& row : e->rows)
      s.AddException(row.cells[e->Column("word")], row.cells[e->Column("stem")]);
  }
  return s;
}

void Stemmer::AddException(std::string word, std::string stem) {
  exception_lengths_ |= word.size() < 64 ? uint64_t{1} << word.size() : 0;
  fingerprint_ = Fnv1a64("x\x1f" + word + "\x1f" + stem, fingerprint_ + 1);
  exceptions_[std::move(word)] = std::move(stem);
}

void Stemmer::AddRule(Rule r) {
  fingerprint_ = Fnv1a64("r\x1f" + r.suffix + "\x1f" + r.replace + "\x1f" + std::to_string(r.min_stem),
                         fingerprint_ + 1);
  rules_.push_back(std::move(r));
  IndexRule(static_cast<int>(rules_.size()) - 1);
}

void Stemmer::IndexRule(int rule) {
  const std::string& suffix = rules_[rule].suffix;
  uint32_t node = 0;
  for (auto it = suffix.rbegin(); it != suffix.rend(); ++it) {
    unsigned char c = static_cast<unsigned char>(*it);
    uint32_t next = 0;
    for (const auto& [b, child] : node_edges_[node])
      if (b == c) next = child;
    if (next == 0) {
      next = static_cast<uint32_t>(node_edges_.size());
      node_edges_[node].emplace_back(c, next);
      node_edges_.emplace_back();
      node_rules_.emplace_back();
    }
    node = next;
  }
  node_rules_[node].push_back(rule);
}

int Stemmer::RuleFor(std::string_view w) const {
  // Rules are tried longest suffix first (the first added among equals), so
  // the answer is the deepest node along w's tail holding a rule that
  // leaves a long enough stem.
  int best = -1;
  for (int r : node_rules_[0]) {  // an empty suffix
    if (w.size() >= rules_[r].min_stem) {
      best = r;
      break;
    }
  }
  uint32_t node = 0;
  for (size_t depth = 1; depth <= w.size(); ++depth) {
    unsigned char c = static_cast<unsigned char>(w[w.size() - depth]);
    uint32_t next = 0;
    for (const auto& [b, child] : node_edges_[node])
      if (b == c) next = child;
    if (next == 0) break;
    node = next;
    for (int r : node_rules_[node]) {
      if (w.size() >= depth + rules_[r].min_stem) {
        best = r;
        break;
      }
    }
  }
  return best;
}

std::string Stemmer::Stem(std::string_view fold) const {
  if (fold.size() < 64 && (exception_lengths_ >> fold.size() & 1)) {
    auto it = exceptions_.find(fold);
    if (it != exceptions_.end()) return it->second;
  }
  std::string w(fold);
  for (int pass = 0; pass < 2; ++pass) {
    int r = RuleFor(w);
    if (r < 0) break;
    w.resize(w.size() - rules_[r].suffix.size());
    w += rules_[r].replace;
  }
  return w;
}

namespace {

bool SameToken(const Token& a, const Token& b) {
  return a.span == b.span && a.kind == b.kind && a.punct == b.punct && a.word == b.word &&
         a.capitalized == b.capitalized && a.space_before == b.space_before &&
         a.newline_before == b.newline_before && a.fold == b.fold;
}

// The last tokens this thread stemmed and their stems: the finders of one
// document each ask for the same document's stems, and comparing tokens
// costs far less than stemming them again.
struct StemCache {
  bool filled = false;
  uint64_t stemmer = 0;  // the stemmer's fingerprint
  std::vector<Token> in, out;
  bool Holds(uint64_t s, const std::vector<Token>& toks) const {
    if (!filled || s != stemmer || toks.size() != in.size()) return false;
    for (size_t i = 0; i < toks.size(); ++i)
      if (!SameToken(toks[i], in[i])) return false;
    return true;
  }
};

}  // namespace

// Longer documents are not kept: the copies would double their tokens' memory.
constexpr size_t kMaxCachedTokens = 50000;

std::vector<Token> Stemmer::StemTokens(const std::vector<Token>& toks) const {
  thread_local StemCache cache;
  if (cache.Holds(fingerprint_, toks)) return cache.out;
  std::vector<Token> out = toks;
  for (auto& t : out) {
    if (t.kind != TokenKind::kWord) continue;
    std::string stem = Stem(t.fold);
    if (stem == t.fold) continue;
    t.fold = std::move(stem);
    t.word = 0;
  }
  Vocabulary::Global().Assign(&out);
  if (toks.size() > kMaxCachedTokens) {
    cache = StemCache{};
    return out;
  }
  cache.filled = true;
  cache.stemmer = fingerprint_;
  cache.in = toks;
  cache.out = out;
  return out;
}

}  // namespace sitrep
