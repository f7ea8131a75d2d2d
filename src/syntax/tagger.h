// The part-of-speech and morphology tagger: two averaged perceptrons read
// the sentence greedily left to right, one for UPOS (over the word, its
// affixes and shape, its neighbours and the two tags before it), then one
// for the FEATS string (one class per distinct string of the treebank, with
// the predicted UPOS among its features).
#ifndef SITREP_SYNTAX_TAGGER_H_
#define SITREP_SYNTAX_TAGGER_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "syntax/conllu.h"
#include "syntax/perceptron.h"

namespace sitrep {

// The hashed views of one word that the tagger and parser features use.
struct WordKeys {
  uint32_t lower = 0, shape = 0;
  uint32_t suffix[5] = {};  // last 1..5 code points of the lower-cased form
  uint32_t prefix[3] = {};  // first 1..3
  bool upper = false, digit = false, hyphen = false;
};
WordKeys MakeWordKeys(std::string_view form);

struct TaggerOptions {
  int epochs = 8;
  uint32_t seed = 1;
  float prune = 0.f;
};

class Tagger {
 public:
  // UPOS class c is Upos(c) (see morph.h); FEATS class c is feats_names()[c].
  void Tag(const std::vector<WordKeys>& words, std::vector<uint16_t>* upos,
           std::vector<uint16_t>* feats) const;
  const std::vector<std::string>& feats_names() const { return feats_names_; }
  size_t num_weights() const { return upos_.num_weights() + feats_.num_weights(); }

  // Trains on `train`; with `dev`, logs accuracy per epoch and keeps the best epoch.
  // `feats_names` fixes the FEATS classes (so that taggers trained on parts
  // of the data agree); a FEATS string outside it counts as class 0.
  static Tagger Train(const std::vector<const ConlluSentence*>& train,
                      const std::vector<const ConlluSentence*>& dev,
                      const std::vector<std::string>& feats_names, const TaggerOptions& opt,
                      std::ostream* log);
  void Save(ByteWriter* w) const;
  bool Load(ByteReader* r);
  void Prune(float min_abs) { upos_ = upos_.Pruned(min_abs), feats_ = feats_.Pruned(min_abs); }
  // The tagger whose weights are the mean of `taggers`' (trained on the same
  // data with other seeds: same classes and tag dictionary); false when they differ.
  static bool Mean(const std::vector<const Tagger*>& taggers, float min_abs, Tagger* out);

 private:
  // The UPOS tags a word was seen with in training (bit per tag), for words
  // seen at least kMinDictCount times; 0 for others.
  uint32_t Ambiguity(uint32_t lower) const;
  std::vector<uint32_t> Ambiguities(const std::vector<WordKeys>& words) const;
  LinearModel upos_, feats_;
  std::vector<std::pair<uint32_t, uint32_t>> dict_;  // sorted: lower-form hash -> tag bits
  std::vector<std::string> feats_names_;
};

}  // namespace sitrep

#endif  // SITREP_SYNTAX_TAGGER_H_
