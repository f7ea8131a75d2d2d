// The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez & Satta 2011)
// with the root at the end of the buffer, its labelled actions and its
// dynamic oracle (Goldberg & Nivre 2013): the cost of an action is the
// number of gold arcs it makes unreachable. Gold trees are first made
// projective by lifting (Nivre & Nilsson 2005, without label encoding).
//
// Actions: 0 = SHIFT, 1 + 2l = LEFT-l (b0 becomes the head of s0),
// 2 + 2l = RIGHT-l (s1 becomes the head of s0).
#ifndef SITREP_SYNTAX_TRANSITION_H_
#define SITREP_SYNTAX_TRANSITION_H_

#include <vector>

#include "syntax/configuration.h"

namespace sitrep {

class ArcHybrid {
 public:
  ArcHybrid(int num_labels, int root_label) : num_labels_(num_labels), root_label_(root_label) {}
  int num_actions() const { return 1 + 2 * num_labels_; }
  bool Legal(const Configuration& c, int action) const;
  void Apply(int action, Configuration* c) const;
  // costs[a] for every action (a large value when illegal). heads/labels are
  // the gold tree, 1-based with [0] unused; heads must be projective.
  void Costs(const Configuration& c, const std::vector<int>& heads, const std::vector<int>& labels,
             std::vector<int>* costs) const;

 private:
  int num_labels_;
  int root_label_;
};

// Lifts non-projective arcs (shortest first) until the tree is projective.
// heads: 1-based, heads[0] unused, 0 = root.
void Projectivize(std::vector<int>* heads);

}  // namespace sitrep

#endif  // SITREP_SYNTAX_TRANSITION_H_
