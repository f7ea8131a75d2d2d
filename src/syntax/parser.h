// The dependency parser: greedy arc-hybrid transitions scored by an
// averaged perceptron over the features of configuration.h, trained with
// the dynamic oracle of transition.h (exploring the model's own mistakes
// after the first epoch).
//
// Domains (Daume III 2007, "frustratingly easy domain adaptation"): when
// training sentences come from treebanks with different conventions, each
// sentence's first kDomainKeys features (bias, words and tags of the stack
// and buffer items) are also added once more under its treebank's id, so
// the model learns what is shared and what each treebank does its own
// way. At run time the parser adds the copies of one domain, the target's
// (domain()); a model trained without domains has none and adds nothing.
#ifndef SITREP_SYNTAX_PARSER_H_
#define SITREP_SYNTAX_PARSER_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "syntax/configuration.h"
#include "syntax/labeller.h"
#include "syntax/perceptron.h"

namespace sitrep {

// A training or evaluation sentence: tagged words and the gold tree
// (heads 1-based with [0] unused, 0 = root; labels index the parser's labels).
struct ParserExample {
  ParserInput input;
  std::vector<int> heads, labels;
  std::vector<int> tree_heads;  // the gold heads before Projectivize (the labeller's)
};

struct ParserOptions {
  int epochs = 10;
  uint32_t seed = 1;
  double explore = 0.9;  // probability of following a wrong prediction after epoch 1
  float prune = 0.f;
  uint32_t domain = 0;  // the run-time domain (0: no domain copies)
  uint32_t features = 0;  // the feature set (Configuration::Features)
};

class ArcHybrid;

class Parser {
 public:
  // heads: for word i (0-based), the 0-based index of its head or -1 for the root.
  void Parse(const ParserInput& in, std::vector<int>* heads, std::vector<uint16_t>* labels) const;
  // The same, and the parser's scores of every label for each word's arc
  // (word i's at [i * labels().size()]), as the labeller reads them.
  void Parse(const ParserInput& in, std::vector<int>* heads, std::vector<uint16_t>* labels,
             std::vector<float>* arc_scores) const;
  const std::vector<std::string>& labels() const { return labels_; }
  uint32_t domain() const { return domain_; }
  uint32_t feature_set() const { return features_; }
  static constexpr size_t kDomainKeys = 24;
  size_t num_weights() const { return model_.num_weights(); }

  // `labels` are the relation names the examples' label ids refer to.
  static Parser Train(const std::vector<ParserExample>& train, const std::vector<ParserExample>& dev,
                      const std::vector<std::string>& labels, const ParserOptions& opt,
                      std::ostream* log);
  void Save(ByteWriter* w) const;
  // `format` is the file's format version (4: no feature set, set 0).
  bool Load(ByteReader* r, uint32_t format);
  void Prune(float min_abs, float labeller_min_abs = 0.f) {
    model_ = model_.Pruned(min_abs);
    labeller_.Prune(labeller_min_abs);
  }
  // The second-stage labeller (labeller.h); an empty one keeps the parser's labels.
  const ArcLabeller& labeller() const { return labeller_; }
  void SetLabeller(ArcLabeller labeller) { labeller_ = std::move(labeller); }
  int root_label() const { return root_label_; }
  // The parser whose weights are the mean of `parsers`' (same relations); false when they differ.
  static bool Mean(const std::vector<const Parser*>& parsers, float min_abs, Parser* out);

 private:
  int Best(const ArcHybrid& system, const Configuration& c, const float* scores) const;
  void ParseAs(const ParserInput& in, uint32_t domain, std::vector<int>* heads,
               std::vector<uint16_t>* labels, std::vector<float>* arc_scores) const;
  LinearModel model_;
  ArcLabeller labeller_;
  std::vector<std::string> labels_;
  int root_label_ = 0;
  uint32_t domain_ = 0;
  uint32_t features_ = 0;
};

}  // namespace sitrep

#endif  // SITREP_SYNTAX_PARSER_H_
