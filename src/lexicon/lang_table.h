// One lexicon file per language (data/lexicons/<lang>/<file>), each row's
// phrase in a PhraseMatcher over stemmed folded tokens (the language's
// suffixes.tsv). Rows keep the cells of the requested columns in the order
// asked for; optional columns absent from a file read as "". Immutable
// after Load(); safe to share across threads.
#ifndef SITREP_LEXICON_LANG_TABLE_H_
#define SITREP_LEXICON_LANG_TABLE_H_

#include <map>
#include <string>
#include <vector>

#include "lexicon/phrase_matcher.h"
#include "lexicon/stemmer.h"
#include "sitrep/status.h"

namespace sitrep {

// The stemmer of every language folder that has a suffixes.tsv.
class Stemmers {
 public:
  static StatusOr<Stemmers> Load(const std::string& lexicon_dir, std::vector<std::string>* warnings);
  // The language's stemmer, or one that strips nothing.
  const Stemmer& For(const std::string& lang) const;
  std::vector<std::string> Languages() const;

 private:
  std::map<std::string, Stemmer> by_lang_;
  Stemmer identity_;
};

class LangTable {
 public:
  struct Entry {
    std::string lang;
    std::vector<std::string> cells;  // in the order of `columns` given to Load
    int line = 0;
  };
  // Reads <lexicon_dir>/<lang>/<file> for each language that has it. The
  // first `required` columns must be present and filled; column 0 is the phrase.
  static StatusOr<LangTable> Load(const std::string& lexicon_dir, const std::string& file,
                                  const std::vector<std::string>& columns, size_t required,
                                  const Stemmers& stemmers, std::vector<std::string>* warnings);

  // Leftmost-longest matches in [begin, end) of `stemmed` (tokens of a
  // document in `lang`, stemmed with that language's stemmer).
  std::vector<PhraseMatcher::Match> FindAll(const std::string& lang, const std::vector<Token>& stemmed,
                                            uint32_t begin, uint32_t end) const;
  // Most tokens start no phrase: that test is made here, inline, before the
  // matcher's walk (the finders ask several tables at every token).
  std::vector<PhraseMatcher::Match> MatchAt(const std::string& lang, const std::vector<Token>& stemmed,
                                            uint32_t start, uint32_t end) const {
    const PhraseMatcher* m = Matcher(lang);
    if (!m || start >= end || start >= stemmed.size() || !m->StartsPhrase(stemmed[start])) return {};
    return m->MatchAt(stemmed, start, end);
  }
  const Entry& entry(int32_t v) const { return entries_[static_cast<size_t>(v)]; }
  size_t size() const { return entries_.size(); }
  std::string file() const { return file_; }

 private:
  std::string file_;
  std::vector<Entry> entries_;
  // The matcher of `lang`, or null. A scan of one or two short keys: the
  // finders ask it several times per token, where a tree look-up's string
  // comparisons cost more than the match.
  const PhraseMatcher* Matcher(const std::string& lang) const {
    for (const auto& [l, m] : by_lang_)
      if (l == lang) return &m;
    return nullptr;
  }
  std::vector<std::pair<std::string, PhraseMatcher>> by_lang_;  // one per language, in name order
};

}  // namespace sitrep

#endif  // SITREP_LEXICON_LANG_TABLE_H_
