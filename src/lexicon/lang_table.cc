#include "lexicon/lang_table.h"

#include <algorithm>
#include <filesystem>

#include "lexicon/tsv.h"

namespace sitrep {

namespace fs = std::filesystem;

StatusOr<Stemmers> Stemmers::Load(const std::string& lexicon_dir, std::vector<std::string>* warnings) {
  Stemmers s;
  std::error_code ec;
  for (const auto& d : fs::directory_iterator(lexicon_dir, ec)) {
    fs::path p = d.path() / "suffixes.tsv";
    if (!fs::exists(p)) continue;
    auto st = Stemmer::Load(p.string(), warnings);
    if (!st.ok()) return st.status();
    s.by_lang_[d.path().filename().string()] = std::move(st).value();
  }
  if (ec) return Status::IoError(lexicon_dir + ": " + ec.message());
  return s;
}

const Stemmer& Stemmers::For(const std::string& lang) const {
  auto it = by_lang_.find(lang);
  return it == by_lang_.end() ? identity_ : it->second;
}

std::vector<std::string> Stemmers::Languages() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : by_lang_) out.push_back(k);
  return out;
}

StatusOr<LangTable> LangTable::Load(const std::string& lexicon_dir, const std::string& file,
                                    const std::vector<std::string>& columns, size_t required,
                                    const Stemmers& stemmers, std::vector<std::string>* warnings) {
  LangTable table;
  table.file_ = file;
  std::error_code ec;
  std::vector<fs::path> dirs;
  for (const auto& d : fs::directory_iterator(lexicon_dir, ec)) dirs.push_back(d.path());
  if (ec) return Status::IoError(lexicon_dir + ": " + ec.message());
  std::sort(dirs.begin(), dirs.end());
  std::vector<std::string> req(columns.begin(), columns.begin() + static_cast<long>(required));
  for (const auto& dir : dirs) {
    fs::path p = dir / file;
    if (!fs::exists(p)) continue;
    std::string lang = dir.filename().string();
    auto t = ReadTsv(p.string(), req);
    if (!t.ok()) return t.status();
    for (const auto& e : t->errors) warnings->push_back(e);
    std::vector<int> idx;
    for (const auto& c : columns) idx.push_back(t->Column(c));
    const Stemmer& stem = stemmers.For(lang);
    auto& matcher = table.by_lang_.emplace_back(lang, PhraseMatcher()).second;
    for (const auto& row : t->rows) {
      Entry e{lang, {}, row.line};
      for (int i : idx) {
        e.cells.push_back(i >= 0 && static_cast<size_t>(i) < row.cells.size() ? row.cells[i] : "");
      }
      std::vector<std::string> toks = PhraseMatcher::FoldedTokens(e.cells[0]);
      if (toks.empty()) {
        warnings->push_back(p.string() + ":" + std::to_string(row.line) + ": empty phrase; row skipped");
        continue;
      }
      for (auto& tok : toks) tok = stem.Stem(tok);
      matcher.AddTokens(toks, static_cast<int32_t>(table.entries_.size()));
      table.entries_.push_back(std::move(e));
    }
  }
  return table;
}

std::vector<PhraseMatcher::Match> LangTable::FindAll(const std::string& lang, const std::vector<Token>& stemmed,
                                                     uint32_t begin, uint32_t end) const {
  const PhraseMatcher* m = Matcher(lang);
  return m ? m->FindAll(stemmed, begin, end) : std::vector<PhraseMatcher::Match>{};
}

}  // namespace sitrep
