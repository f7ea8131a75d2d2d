#include "lexicon/stemmer.h"

#include <algorithm>
#include <filesystem>

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
  exceptions_[std::move(word)] = std::move(stem);
}

void Stemmer::AddRule(Rule r) {
  rules_.push_back(std::move(r));
  std::stable_sort(rules_.begin(), rules_.end(),
                   [](const Rule& a, const Rule& b) { return a.suffix.size() > b.suffix.size(); });
}

std::string Stemmer::Stem(std::string_view fold) const {
  if (!exceptions_.empty()) {
    auto it = exceptions_.find(std::string(fold));
    if (it != exceptions_.end()) return it->second;
  }
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
