// The parser state (stack, buffer, partial tree) and the feature templates
// read from it. Words count from 1; 0 is the artificial root, which sits at
// the end of the buffer (Ballesteros & Nivre 2013), so the root word is
// chosen last. Training and run time both extract features here.
#ifndef SITREP_SYNTAX_CONFIGURATION_H_
#define SITREP_SYNTAX_CONFIGURATION_H_

#include <cstdint>
#include <vector>

#include "syntax/tagger.h"

namespace sitrep {

// What the parser reads of the sentence (index 0 is the root, then the words).
struct ParserInput {
  std::vector<WordKeys> words;
  std::vector<uint16_t> upos, feats;
  // The treebank (domain) whose conventions this sentence follows, for the
  // parser's domain copies of its features (parser.h); 0 = the model's own.
  uint32_t domain = 0;
  // Running counts over words 1..i of punctuation and of verbs (and
  // auxiliaries) ([0] = 0), for the "between" features of feature set 1.
  std::vector<uint16_t> punct_upto, verb_upto;
  size_t size() const { return words.size(); }  // words + 1 (the root)
};
// Builds a ParserInput from tagged words (adds the root in front).
ParserInput MakeParserInput(const std::vector<WordKeys>& words, const std::vector<uint16_t>& upos,
                            const std::vector<uint16_t>& feats);

class Configuration {
 public:
  explicit Configuration(size_t num_words);  // words 1..num_words
  int Stack(size_t k) const {  // k-th from the top, -1 when absent
    return k < stack_.size() ? stack_[stack_.size() - 1 - k] : -1;
  }
  int Buffer(size_t k) const {  // k-th of the buffer, the root last; -1 past it
    size_t p = next_ + k;
    return p <= n_ ? static_cast<int>(p) : (p == n_ + 1 ? 0 : -1);
  }
  size_t stack_size() const { return stack_.size(); }
  bool Terminal() const { return stack_.empty() && next_ > n_; }
  bool OnStack(int w) const { return w > 0 && on_stack_[w]; }
  bool InBuffer(int w) const { return w == 0 || (w > 0 && static_cast<size_t>(w) >= next_); }
  int head(int w) const { return head_[w]; }
  int label(int w) const { return label_[w]; }

  void Shift();
  void AddArc(int h, int d, int label);  // and pops d, which is on top of the stack
  void PopTop() { on_stack_[stack_.back()] = false, stack_.pop_back(); }

  // Appends the feature keys of this state to `out` (cleared first).
  // Feature set 0 is the original one; set 1 adds the templates of
  // Features1 (configuration.cc).
  void Features(const ParserInput& in, uint32_t feature_set, std::vector<uint32_t>* out) const;
  static constexpr uint32_t kMaxFeatureSet = 1;

 private:
  void Features1(const ParserInput& in, std::vector<uint32_t>* out) const;
  size_t n_;
  size_t next_ = 1;
  std::vector<int> stack_;
  std::vector<char> on_stack_;
  std::vector<int> head_, label_;
  std::vector<int> lc1_, lc2_, rc1_, rc2_;  // two leftmost / rightmost children, -1 if none
  std::vector<uint8_t> nl_, nr_;
  std::vector<uint64_t> lset_, rset_;  // labels of left / right children (bit set, hashed)
};

}  // namespace sitrep

#endif  // SITREP_SYNTAX_CONFIGURATION_H_
