#include "lexicon/stemmer.h"

#include <algorithm>

#include "lexicon/tsv.h"

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
  return s;
}

void Stemmer::AddRule(Rule r) {
  rules_.push_back(std::move(r));
  std::stable_sort(rules_.begin(), rules_.end(),
                   [](const Rule& a, const Rule& b) { return a.suffix.size() > b.suffix.size(); });
}

std::string Stemmer::Stem(std::string_view fold) const {
  std::string w(fold);
  for (int pass = 0; pass < 2; ++pass) {
    bool changed = false;
    for (const auto& r : rules_) {
      if (w.size() < r.suffix.size() + r.min_stem) continue;
      if (w.compare(w.size() - r.suffix.size(), r.suffix.size(), r.suffix) != 0) continue;
      w.resize(w.size() - r.suffix.size());
      w += r.replace;
      changed = true;
      break;
    }
    if (!changed) break;
  }
  return w;
}

std::vector<Token> Stemmer::StemTokens(const std::vector<Token>& toks) const {
  std::vector<Token> out = toks;
  for (auto& t : out)
    if (t.kind == TokenKind::kWord) t.fold = Stem(t.fold);
  return out;
}

}  // namespace sitrep
