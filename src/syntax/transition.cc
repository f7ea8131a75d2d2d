#include "syntax/transition.h"

#include <algorithm>
#include <climits>

namespace sitrep {

bool ArcHybrid::Legal(const Configuration& c, int action) const {
  if (action == 0) return c.Buffer(0) > 0;
  int label = (action - 1) / 2;
  bool left = (action - 1) % 2 == 0;
  if (left) {
    int b0 = c.Buffer(0);
    if (c.stack_size() == 0 || b0 < 0) return false;
    if (b0 == 0) return c.stack_size() == 1 && label == root_label_;
    return label != root_label_;
  }
  return c.stack_size() >= 2 && label != root_label_;
}

void ArcHybrid::Apply(int action, Configuration* c) const {
  if (action == 0) {
    c->Shift();
    return;
  }
  int label = (action - 1) / 2;
  bool left = (action - 1) % 2 == 0;
  c->AddArc(left ? c->Buffer(0) : c->Stack(1), c->Stack(0), label);
}

void ArcHybrid::Costs(const Configuration& c, const std::vector<int>& heads,
                      const std::vector<int>& labels, std::vector<int>* costs) const {
  costs->assign(num_actions(), INT_MAX / 2);
  const int s0 = c.Stack(0), s1 = c.Stack(1), b0 = c.Buffer(0);
  const int n = static_cast<int>(heads.size()) - 1;
  // Dependents of s0 still in the buffer (lost by any arc that pops s0).
  int s0_deps_in_buffer = 0;
  if (s0 > 0)
    for (int d = std::max(b0, 1); b0 != 0 && d <= n; ++d) s0_deps_in_buffer += heads[d] == s0;
  if (Legal(c, 0)) {
    int cost = 0;
    if (c.OnStack(heads[b0]) && heads[b0] != s0) ++cost;
    for (size_t k = 0; k < c.stack_size(); ++k) cost += heads[c.Stack(k)] == b0;
    (*costs)[0] = cost;
  }
  if (s0 <= 0) return;
  int left_base = s0_deps_in_buffer;
  int h = heads[s0];
  if (h != b0 && (h == s1 || c.InBuffer(h))) ++left_base;
  int right_base = s0_deps_in_buffer + (c.InBuffer(h) ? 1 : 0);
  for (int l = 0; l < num_labels_; ++l) {
    int left = 1 + 2 * l, right = 2 + 2 * l;
    if (Legal(c, left)) (*costs)[left] = left_base + (h == b0 && labels[s0] != l);
    if (Legal(c, right)) (*costs)[right] = right_base + (h == s1 && labels[s0] != l);
  }
}

namespace {

bool Dominates(const std::vector<int>& heads, int h, int d) {
  for (int x = d, guard = 0; x > 0 && guard < static_cast<int>(heads.size()); x = heads[x], ++guard)
    if (x == h) return true;
  return h == 0;
}

bool Projective(const std::vector<int>& heads, int d) {
  int h = heads[d];
  int lo = std::min(h, d), hi = std::max(h, d);
  for (int k = lo + 1; k < hi; ++k)
    if (!Dominates(heads, h, k)) return false;
  return true;
}

}  // namespace

void Projectivize(std::vector<int>* heads) {
  const int n = static_cast<int>(heads->size()) - 1;
  for (int round = 0; round < 4 * n + 4; ++round) {
    int best = -1, best_len = INT_MAX;
    for (int d = 1; d <= n; ++d) {
      int h = (*heads)[d];
      if (h <= 0) continue;
      int len = std::abs(h - d);
      if (len < best_len && !Projective(*heads, d)) best = d, best_len = len;
    }
    if (best < 0) return;
    (*heads)[best] = (*heads)[(*heads)[best]];
  }
}

}  // namespace sitrep
