#include "syntax/parser.h"

#include <algorithm>
#include <random>

#include "syntax/transition.h"
#include "syntax/word_form.h"

namespace sitrep {
namespace {

int RootLabel(const std::vector<std::string>& labels) {
  for (size_t i = 0; i < labels.size(); ++i)
    if (labels[i] == "root") return static_cast<int>(i);
  return 0;
}

// The highest-scoring action among those with the lowest cost.
int BestOfMinCost(const std::vector<int>& costs, const float* scores) {
  int min_cost = *std::min_element(costs.begin(), costs.end());
  int best = -1;
  for (size_t a = 0; a < costs.size(); ++a)
    if (costs[a] == min_cost && (best < 0 || scores[a] > scores[best])) best = static_cast<int>(a);
  return best;
}

// The domain copies of the first features (parser.h).
void AddDomain(uint32_t domain, std::vector<uint32_t>* f) {
  if (domain == 0) return;
  const size_t n = std::min(f->size(), Parser::kDomainKeys);
  for (size_t i = 0; i < n; ++i) f->push_back(FeatureKey(250, (*f)[i], domain));
}

}  // namespace

int Parser::Best(const ArcHybrid& system, const Configuration& c, const float* scores) const {
  int best = -1;
  for (int a = 0; a < system.num_actions(); ++a)
    if ((best < 0 || scores[a] > scores[best]) && system.Legal(c, a)) best = a;
  return best;
}

void Parser::Parse(const ParserInput& in, std::vector<int>* heads, std::vector<uint16_t>* labels) const {
  Parse(in, heads, labels, nullptr);
}

void Parser::Parse(const ParserInput& in, std::vector<int>* heads, std::vector<uint16_t>* labels,
                   std::vector<float>* arc_scores) const {
  ParseAs(in, in.domain != 0 && domain_ != 0 ? in.domain : domain_, heads, labels, arc_scores);
}

void Parser::ParseAs(const ParserInput& in, uint32_t domain, std::vector<int>* heads,
                     std::vector<uint16_t>* labels, std::vector<float>* arc_scores) const {
  const size_t n = in.size() - 1;
  const size_t num_labels = labels_.size();
  ArcHybrid system(static_cast<int>(num_labels), root_label_);
  Configuration c(n);
  std::vector<uint32_t> f;
  f.reserve(160);
  std::vector<float> scores(system.num_actions());
  // The labels' scores of each arc, for the labeller.
  std::vector<float> own_scores;
  if (!arc_scores && !labeller_.empty()) arc_scores = &own_scores;
  if (arc_scores) arc_scores->assign(n * num_labels, 0.f);
  while (!c.Terminal()) {
    c.Features(in, features_, &f);
    AddDomain(domain, &f);
    model_.Score(f.data(), f.size(), scores.data());
    const int action = Best(system, c, scores.data());
    if (arc_scores && action > 0 && c.Stack(0) > 0) {
      const int side = (action - 1) % 2;  // 0: left arc, 1: right arc
      float* out = &(*arc_scores)[(c.Stack(0) - 1) * num_labels];
      for (size_t l = 0; l < num_labels; ++l) out[l] = scores[1 + 2 * l + side];
    }
    system.Apply(action, &c);
  }
  heads->resize(n);
  labels->resize(n);
  for (size_t i = 1; i <= n; ++i) {
    (*heads)[i - 1] = c.head(static_cast<int>(i)) - 1;
    (*labels)[i - 1] = static_cast<uint16_t>(std::max(c.label(static_cast<int>(i)), 0));
  }
  if (!labeller_.empty()) {
    std::vector<int> tree(n + 1, -1);
    for (size_t i = 1; i <= n; ++i) tree[i] = std::max(c.head(static_cast<int>(i)), 0);
    labeller_.Relabel(in, tree, root_label_, arc_scores, labels);
  }
}

Parser Parser::Train(const std::vector<ParserExample>& train, const std::vector<ParserExample>& dev,
                     const std::vector<std::string>& labels, const ParserOptions& opt,
                     std::ostream* log) {
  Parser parser;
  parser.labels_ = labels;
  parser.root_label_ = RootLabel(labels);
  parser.domain_ = opt.domain;
  parser.features_ = opt.features;
  ArcHybrid system(static_cast<int>(labels.size()), parser.root_label_);
  PerceptronTrainer trainer(system.num_actions());
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(opt.seed);
  std::uniform_real_distribution<double> coin(0, 1);
  std::vector<uint32_t> f;
  std::vector<float> scores(system.num_actions());
  std::vector<int> costs;
  double best_las = -1;
  for (int epoch = 1; epoch <= opt.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t idx : order) {
      const ParserExample& ex = train[idx];
      Configuration c(ex.input.size() - 1);
      while (!c.Terminal()) {
        c.Features(ex.input, opt.features, &f);
        if (opt.domain != 0) AddDomain(ex.input.domain, &f);
        trainer.Score(f.data(), f.size(), scores.data());
        system.Costs(c, ex.heads, ex.labels, &costs);
        int pred = parser.Best(system, c, scores.data());
        int gold = BestOfMinCost(costs, scores.data());
        trainer.Tick();
        int next = gold;
        if (costs[pred] > costs[gold]) {
          trainer.Update(f.data(), f.size(), gold, pred);
          if (epoch > 1 && coin(rng) < opt.explore) next = pred;
        } else {
          next = pred;
        }
        system.Apply(next, &c);
      }
    }
    Parser candidate;
    candidate.labels_ = labels;
    candidate.root_label_ = parser.root_label_;
    candidate.domain_ = parser.domain_;
    candidate.features_ = parser.features_;
    candidate.model_ = trainer.Average(opt.prune);
    if (dev.empty()) {
      parser = std::move(candidate);
      continue;
    }
    size_t n = 0, uas = 0, las = 0;
    std::vector<int> heads;
    std::vector<uint16_t> lab;
    for (const ParserExample& ex : dev) {
      candidate.Parse(ex.input, &heads, &lab);
      for (size_t i = 0; i < heads.size(); ++i) {
        ++n;
        if (heads[i] + 1 == ex.heads[i + 1]) {
          ++uas;
          las += lab[i] == ex.labels[i + 1];
        }
      }
    }
    double l = static_cast<double>(las) / std::max<size_t>(n, 1);
    if (log)
      *log << "parser epoch " << epoch << ": dev uas " << static_cast<double>(uas) / std::max<size_t>(n, 1)
           << " las " << l << " (" << candidate.model_.num_weights() << " weights)\n" << std::flush;
    if (l > best_las) {
      best_las = l;
      parser = std::move(candidate);
    }
  }
  return parser;
}

bool Parser::Mean(const std::vector<const Parser*>& parsers, float min_abs, Parser* out) {
  if (parsers.empty()) return false;
  std::vector<const LinearModel*> models;
  for (const Parser* p : parsers) {
    if (p->labels_ != parsers[0]->labels_ || p->domain_ != parsers[0]->domain_ ||
        p->features_ != parsers[0]->features_)
      return false;
    models.push_back(&p->model_);
  }
  out->labels_ = parsers[0]->labels_;
  out->root_label_ = parsers[0]->root_label_;
  out->domain_ = parsers[0]->domain_;
  out->features_ = parsers[0]->features_;
  out->model_ = LinearModel::Mean(models, min_abs);
  std::vector<const ArcLabeller*> labellers;
  for (const Parser* p : parsers) labellers.push_back(&p->labeller_);
  out->labeller_ = ArcLabeller::Mean(labellers, 0.f);
  return true;
}

void Parser::Save(ByteWriter* w) const {
  w->Strings(labels_);
  w->Put<int32_t>(root_label_);
  w->Put<uint32_t>(domain_);
  w->Put<uint32_t>(features_);
  model_.Save(w);
  labeller_.Save(w);
}

bool Parser::Load(ByteReader* r, uint32_t format) {
  int32_t root = 0;
  features_ = 0;
  if (!r->Strings(&labels_) || !r->Get(&root) || !r->Get(&domain_) ||
      (format >= 5 && !r->Get(&features_)) || features_ > Configuration::kMaxFeatureSet ||
      !model_.Load(r) || !labeller_.Load(r))
    return false;
  root_label_ = root;
  return root >= 0 && static_cast<size_t>(root) < labels_.size() &&
         model_.num_classes() == static_cast<int>(1 + 2 * labels_.size()) &&
         (labeller_.empty() || labeller_.num_classes() == static_cast<int>(labels_.size()));
}

}  // namespace sitrep
