#include "syntax/labeller.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>
#include <random>

#include "syntax/morph.h"
#include "syntax/word_form.h"

namespace sitrep {

TreeView::TreeView(const ParserInput& in, const std::vector<int>& heads, uint32_t domain)
    : in_(in), heads_(heads), domain_(domain), first_child_(heads.size(), -1), next_sibling_(heads.size(), -1) {
  // Backwards, so that each list ends up in word order.
  for (int d = static_cast<int>(heads.size()) - 1; d >= 1; --d) {
    const int h = heads[d];
    if (h < 0 || h >= static_cast<int>(heads.size())) continue;
    next_sibling_[d] = first_child_[h];
    first_child_[h] = d;
  }
}

// One line per template, in the order of their ids: the dependent and the
// head alone and together, the distance and direction, the dependent's own
// dependents (the preposition or conjunction that marks it, its first and
// last dependents, the tags of all of them), the head's other dependents
// next to it, the grandparent, and the words between and around the two.
void TreeView::Features(int d, std::vector<uint32_t>* out) const {
  constexpr uint32_t kNone = 0xFFFFFFFFu;
  const int n = static_cast<int>(heads_.size()) - 1;
  auto W = [&](int i) { return i < 0 || i > n ? kNone : in_.words[i].lower; };
  auto P = [&](int i) { return i < 0 || i > n ? kNone : static_cast<uint32_t>(in_.upos[i]); };
  auto F = [&](int i) { return i < 0 || i > n ? kNone : static_cast<uint32_t>(in_.feats[i]); };
  auto S3 = [&](int i) { return i < 0 || i > n ? kNone : in_.words[i].suffix[2]; };
  const int h = heads_[d];
  const uint32_t dir = h == 0 ? 2 : d < h ? 0 : 1;
  const int dist = h == 0 ? 99 : std::abs(h - d);
  const uint32_t db = static_cast<uint32_t>(std::min(dist, 6) + (dist > 10) + (dist > 20));
  const int g = h > 0 ? heads_[h] : -1;
  const uint32_t dw = W(d), dp = P(d), df = F(d), hw = W(h), hp = P(h), hf = F(h);
  // The dependent's dependents: the first one tagged ADP or SCONJ (its
  // marker), the first and last, the bit set of their tags, how many.
  int marker = -1, first = -1, last = -1, left_count = 0, right_count = 0;
  uint32_t child_tags = 0;
  for (int c = first_child_[d]; c >= 0; c = next_sibling_[c]) {
    const auto u = static_cast<Upos>(in_.upos[c]);
    if (marker < 0 && c < d && (u == Upos::kAdp || u == Upos::kSconj)) marker = c;
    if (first < 0) first = c;
    last = c;
    child_tags |= 1u << (in_.upos[c] & 31);
    (c < d ? left_count : right_count)++;
  }
  // The head's other dependents: the nearest on the dependent's side
  // between them, how many lie on that side before it, and their tags.
  int inner = -1, rank = 0;
  uint32_t sibling_tags = 0;
  if (h >= 0)
    for (int c = first_child_[h]; c >= 0; c = next_sibling_[c]) {
      if (c == d) continue;
      sibling_tags |= 1u << (in_.upos[c] & 31);
      const bool same_side = h == 0 || (c < h) == (d < h);
      if (!same_side) continue;
      const bool between = d < h ? (c > d && c < h) : (c < d && c > h);
      if (between) {
        ++rank;
        if (inner < 0 || std::abs(c - d) < std::abs(inner - d)) inner = c;
      }
    }
  // Punctuation between the two words (the one nearest the dependent).
  int punct = -1;
  if (h > 0) {
    const int step = d < h ? 1 : -1;
    for (int k = d + step; k != h; k += step)
      if (static_cast<Upos>(in_.upos[k]) == Upos::kPunct) {
        punct = k;
        break;
      }
  }
  const uint32_t mw = W(marker), pw = W(punct);
  out->clear();
  auto add = [&](uint32_t t, uint32_t a, uint32_t b = 0, uint32_t c = 0) {
    out->push_back(FeatureKey(500 + t, a, b, c));
  };
  add(0, dir);
  add(1, dp, dir); add(2, dw, dir); add(3, dw, dp); add(4, df, dp); add(5, S3(d), dp);
  add(6, hp, dir); add(7, hw, hp); add(8, hf, hp);
  add(10, hp, dp, dir); add(11, hp, dp, db * 4 + dir); add(12, hw, dp, dir); add(13, hp, dw, dir);
  add(14, hw, dw); add(15, hf, dp, dir); add(16, hp, df, dir); add(17, hf, df);
  add(20, mw, hp, dp); add(21, mw, hw); add(22, mw, dp, dir); add(23, mw, dw);
  add(24, child_tags, dp, dir); add(25, child_tags, hp, dp); add(26, W(first), dp, dir);
  add(27, P(first), P(last), dp); add(28, left_count * 16 + std::min(right_count, 15), dp, dir);
  add(30, P(g), hp, dp); add(31, W(g), hp, dp); add(32, P(g), hw, dp);
  add(40, pw, hp, dp); add(41, pw, dir, db); add(42, pw, mw, dp);
  add(43, W(d - 1), dp, hp); add(44, P(d - 1), dp, dir); add(45, P(d + 1), dp, dir);
  add(46, W(d + 1), dp); add(47, W(h - 1), hp, dp); add(48, P(h + 1), hp, dp);
  add(50, P(inner), dp, hp); add(51, std::min(rank, 3), hp, dp * 4 + dir); add(52, sibling_tags, hp, dp);
  add(53, W(inner), dp, dir);
  if (domain_ != 0) {
    const size_t n_base = out->size();
    for (size_t i = 0; i < n_base; ++i) out->push_back(FeatureKey(251, (*out)[i], domain_));
  }
}

void ArcLabeller::Scores(const TreeView& tree, int d, std::vector<uint32_t>* f, float* scores) const {
  tree.Features(d, f);
  model_.Score(f->data(), f->size(), scores);
}

namespace {

// The best label but the root's of `labeller` + weight * `parser` (parser may be null).
int BestLabel(const float* labeller, const float* parser, float weight, int num_labels, int root_label) {
  int best = -1;
  float best_score = 0;
  for (int l = 0; l < num_labels; ++l) {
    if (l == root_label) continue;
    const float s = labeller[l] + (parser ? weight * parser[l] : 0.f);
    if (best < 0 || s > best_score) best = l, best_score = s;
  }
  return best;
}

// The parser's weights Train tries (0: the labeller alone).
constexpr float kParserWeights[] = {0.f, 0.1f, 0.2f, 0.3f, 0.5f, 0.7f, 1.f, 1.5f, 2.f, 3.f, 5.f};

}  // namespace

void ArcLabeller::Relabel(const ParserInput& in, const std::vector<int>& heads, int root_label,
                          const std::vector<float>* parser_scores, std::vector<uint16_t>* labels) const {
  if (empty()) return;
  const int k = model_.num_classes();
  TreeView tree(in, heads, domain_);
  std::vector<uint32_t> f;
  f.reserve(128);
  std::vector<float> scores(k);
  for (size_t d = 1; d < heads.size(); ++d) {
    if (heads[d] == 0) {
      (*labels)[d - 1] = static_cast<uint16_t>(root_label);
      continue;
    }
    Scores(tree, static_cast<int>(d), &f, scores.data());
    const float* parser = parser_scores && parser_scores->size() >= d * k ? &(*parser_scores)[(d - 1) * k] : nullptr;
    const int best = BestLabel(scores.data(), parser, parser_weight_, k, root_label);
    if (best >= 0) (*labels)[d - 1] = static_cast<uint16_t>(best);
  }
}

ArcLabeller ArcLabeller::Train(const std::vector<LabelledTree>& train,
                               const std::vector<const std::vector<int>*>& train_labels,
                               const std::vector<DevTree>& dev, int num_labels, int root_label, int epochs,
                               uint32_t seed, float prune, uint32_t domain, std::ostream* log) {
  PerceptronTrainer trainer(num_labels);
  std::vector<size_t> order(train.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 rng(seed ^ 0x1abe11u);
  std::vector<uint32_t> f;
  std::vector<float> scores(num_labels);
  ArcLabeller best;
  double best_las = -1;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t idx : order) {
      const std::vector<int>& heads = *train[idx].heads;
      const std::vector<int>& gold = *train_labels[idx];
      TreeView tree(*train[idx].input, heads, train[idx].domain);
      for (size_t d = 1; d < heads.size(); ++d) {
        if (heads[d] == 0 || gold[d] < 0) continue;
        tree.Features(static_cast<int>(d), &f);
        trainer.Score(f.data(), f.size(), scores.data());
        const int guess = BestLabel(scores.data(), nullptr, 0.f, num_labels, root_label);
        trainer.Tick();
        if (guess != gold[d]) trainer.Update(f.data(), f.size(), gold[d], guess);
      }
    }
    ArcLabeller candidate;
    candidate.model_ = trainer.Average(prune);
    candidate.domain_ = domain;
    if (dev.empty()) {
      best = std::move(candidate);
      continue;
    }
    // Labelled attachment on dev for each parser weight (and the parser's
    // own labels), from one pass of the labeller's scores.
    constexpr size_t kWeights = std::size(kParserWeights);
    size_t n = 0, parser_las = 0, las[kWeights] = {};
    for (const DevTree& t : dev) {
      TreeView tree(*t.input, t.heads, t.domain);
      const bool with_parser = t.parser_scores.size() >= t.labels.size() * num_labels;
      for (size_t d = 1; d < t.heads.size(); ++d) {
        ++n;
        if (t.heads[d] != (*t.gold_heads)[d]) continue;
        const int gold = (*t.gold_labels)[d];
        parser_las += t.labels[d - 1] == gold;
        if (t.heads[d] == 0) {
          for (size_t w = 0; w < kWeights; ++w) las[w] += gold == root_label;
          continue;
        }
        candidate.Scores(tree, static_cast<int>(d), &f, scores.data());
        const float* parser = with_parser ? &t.parser_scores[(d - 1) * num_labels] : nullptr;
        for (size_t w = 0; w < kWeights; ++w)
          las[w] += BestLabel(scores.data(), parser, kParserWeights[w], num_labels, root_label) == gold;
      }
    }
    const size_t w = std::max_element(las, las + kWeights) - las;
    const double l = static_cast<double>(las[w]) / std::max<size_t>(n, 1);
    candidate.parser_weight_ = kParserWeights[w];
    if (log)
      *log << "labeller epoch " << epoch << ": dev las " << l << " with parser weight "
           << kParserWeights[w] << " (alone " << static_cast<double>(las[0]) / std::max<size_t>(n, 1)
           << ", parser's labels " << static_cast<double>(parser_las) / std::max<size_t>(n, 1) << ", "
           << candidate.model_.num_weights() << " weights)\n" << std::flush;
    if (l > best_las) {
      best_las = l;
      best = std::move(candidate);
    }
  }
  return best;
}

void ArcLabeller::Save(ByteWriter* w) const {
  w->Put<uint8_t>(empty() ? 0 : 1);
  if (empty()) return;
  w->Put<float>(parser_weight_);
  w->Put<uint32_t>(domain_);
  model_.Save(w);
}

bool ArcLabeller::Load(ByteReader* r) {
  *this = ArcLabeller();
  uint8_t present = 0;
  if (!r->Get(&present) || present > 1) return false;
  if (present == 0) return true;
  return r->Get(&parser_weight_) && std::isfinite(parser_weight_) && r->Get(&domain_) && model_.Load(r);
}

ArcLabeller ArcLabeller::Mean(const std::vector<const ArcLabeller*>& labellers, float min_abs) {
  ArcLabeller out;
  std::vector<const LinearModel*> models;
  float weight = 0;
  for (const ArcLabeller* l : labellers) {
    if (l->empty() || l->domain_ != labellers[0]->domain_) return out;
    models.push_back(&l->model_);
    weight += l->parser_weight_;
  }
  if (models.empty()) return out;
  out.model_ = LinearModel::Mean(models, min_abs);
  out.parser_weight_ = weight / static_cast<float>(models.size());
  out.domain_ = labellers[0]->domain_;
  return out;
}

}  // namespace sitrep
