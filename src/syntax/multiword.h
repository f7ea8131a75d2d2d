// Multiword tokens: surface forms that Universal Dependencies splits into
// several syntactic words ("du" = "de le", "aux" = "à les", "don't" = "do
// n't"), learnt from the treebank's multiword-token lines. A form that is
// also a word on its own ("des": "de les" or the article "des") is split
// by the majority after the same previous word, else after previous words
// with the same last two letters, else by its overall majority.
#ifndef SITREP_SYNTAX_MULTIWORD_H_
#define SITREP_SYNTAX_MULTIWORD_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/conllu.h"
#include "syntax/model_file.h"

namespace sitrep {

class MultiwordTable {
 public:
  // The lower-cased words of `lower` (lower-cased surface form) after
  // `prev_lower`, or empty when it stays one word.
  std::vector<std::string> Expand(std::string_view lower, std::string_view prev_lower) const;

  static MultiwordTable Train(const std::vector<const ConlluSentence*>& train);
  void Save(ByteWriter* w) const;
  bool Load(ByteReader* r);
  size_t size() const { return forms_.size(); }

 private:
  struct Entry {
    std::vector<std::string> words;
    int split = 0, whole = 0;
  };
  std::map<std::string, Entry, std::less<>> forms_;
  void BuildSuffixBackoff();
  std::map<std::string, std::pair<int, int>, std::less<>> after_;  // "prev\tform" -> (split, whole)
  // The same counts by the previous word's last two code points (derived from after_).
  std::map<std::string, std::pair<int, int>, std::less<>> after_suffix_;
};

}  // namespace sitrep

#endif  // SITREP_SYNTAX_MULTIWORD_H_
