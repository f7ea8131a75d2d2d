// The second-stage arc labeller: once the parser has built a tree, an
// averaged perceptron chooses each word's relation again, reading the whole
// tree around the arc (McDonald, Lerman & Pereira 2006 label their arcs the
// same way). The parser decides each label when it makes the arc, before
// the head has all its dependents and without what lies beyond the stack
// and buffer items it looks at; the labeller sees the head's and the
// dependent's other dependents, the grandparent, the punctuation and
// prepositions between and around them. It learns on the gold trees of the
// training sentences (with their jackknifed tags) and never changes a head.
// Its scores are added to the parser's own scores of the labels of the arc
// it made, times a weight chosen on the dev sentences (parser_weight()): two
// different views of the same decision.
#ifndef SITREP_SYNTAX_LABELLER_H_
#define SITREP_SYNTAX_LABELLER_H_

#include <cstdint>
#include <ostream>
#include <vector>

#include "syntax/configuration.h"
#include "syntax/perceptron.h"

namespace sitrep {

// A sentence with a tree: heads 1-based with [0] unused, 0 = root (the
// parser's ParserExample layout); labels index the relation names.
struct LabelledTree {
  const ParserInput* input = nullptr;
  const std::vector<int>* heads = nullptr;
  uint32_t domain = 0;  // the sentence's treebank, for domain copies (0: none)
};

// The labeller's view of a tree: children of every word, in order.
class TreeView {
 public:
  // With a domain, every feature is also added once more under its id
  // (Daumé III's feature augmentation, as the parser's in parser.h).
  TreeView(const ParserInput& in, const std::vector<int>& heads, uint32_t domain = 0);
  // Appends the feature keys of the arc heads[d] -> d to `out` (cleared first).
  void Features(int d, std::vector<uint32_t>* out) const;

 private:
  const ParserInput& in_;
  const std::vector<int>& heads_;
  uint32_t domain_;
  std::vector<int> first_child_;  // children as linked lists, in word order
  std::vector<int> next_sibling_;
};

class ArcLabeller {
 public:
  bool empty() const { return model_.num_classes() == 0; }
  size_t num_weights() const { return model_.num_weights(); }
  int num_classes() const { return model_.num_classes(); }
  float parser_weight() const { return parser_weight_; }
  uint32_t domain() const { return domain_; }  // the treebank whose conventions it follows (0: none)
  // Relabels every word of the tree `heads` (1-based, [0] unused, 0 = root).
  // labels[i] is word i+1's relation; `root_label` is kept for the words
  // attached to the root. `parser_scores` (optional): the parser's scores
  // of every label for word i+1's arc, at [i * num_classes()].
  void Relabel(const ParserInput& in, const std::vector<int>& heads, int root_label,
               const std::vector<float>* parser_scores, std::vector<uint16_t>* labels) const;

  // Trains on the gold trees of `train` (labels[i] the gold relation of
  // word i, -1 for unknown ones, skipped); with `dev` (the parser's trees
  // and labels of the dev sentences and their gold trees), keeps the epoch
  // with the best labelled attachment and logs it.
  struct DevTree {
    const ParserInput* input;
    std::vector<int> heads;             // the parser's, 1-based
    std::vector<uint16_t> labels;       // the parser's, 0-based words
    const std::vector<int>* gold_heads;   // 1-based
    const std::vector<int>* gold_labels;  // 1-based
    std::vector<float> parser_scores;     // as Relabel reads them
    uint32_t domain = 0;
  };
  static ArcLabeller Train(const std::vector<LabelledTree>& train,
                           const std::vector<const std::vector<int>*>& train_labels,
                           const std::vector<DevTree>& dev, int num_labels, int root_label, int epochs,
                           uint32_t seed, float prune, uint32_t domain, std::ostream* log);

  void Save(ByteWriter* w) const;
  bool Load(ByteReader* r);
  void Prune(float min_abs) {
    if (!empty()) model_ = model_.Pruned(min_abs);
  }
  // The mean of the labellers' weights and of their parser weights.
  static ArcLabeller Mean(const std::vector<const ArcLabeller*>& labellers, float min_abs);

 private:
  // The labeller's scores of word d's arc (`tree` built over `heads`).
  void Scores(const TreeView& tree, int d, std::vector<uint32_t>* f, float* scores) const;
  LinearModel model_;
  float parser_weight_ = 0;
  uint32_t domain_ = 0;
};

}  // namespace sitrep

#endif  // SITREP_SYNTAX_LABELLER_H_
