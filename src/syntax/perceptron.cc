#include "syntax/perceptron.h"

#include <algorithm>
#include <cmath>

namespace sitrep {

// The hot loop of tagging and parsing. Each key costs two cache misses
// (its slot, then its run of weights) in a table of tens of megabytes, so
// the lookups are done in three passes over all keys, prefetching the next
// pass's memory: the misses of one decision overlap instead of queueing.
void LinearModel::Score(const uint32_t* keys, size_t n, float* scores) const {
  int32_t acc[1024];
  std::vector<int32_t> big;
  int32_t* a = acc;
  if (num_classes_ > 1024) {
    big.assign(num_classes_, 0);
    a = big.data();
  } else {
    std::fill(a, a + num_classes_, 0);
  }
  if (num_slots_ > 0) {
    constexpr size_t kBatch = 256;
    uint32_t slot[kBatch], begin[kBatch], end[kBatch];
    for (size_t base = 0; base < n; base += kBatch) {
      const size_t m = std::min(kBatch, n - base);
      for (size_t i = 0; i < m; ++i) {
        slot[i] = Slot(keys[base + i]);
        __builtin_prefetch(&slots_[slot[i]]);
      }
      for (size_t i = 0; i < m; ++i) {
        uint32_t k = keys[base + i], s = slot[i];
        begin[i] = end[i] = 0;
        while (slots_[s].key != k) {
          if (slots_[s].key == 0) break;
          if (++s == num_slots_) s = 0;
        }
        if (slots_[s].key != k) continue;
        begin[i] = slots_[s].offset;
        end[i] = slots_[s + 1].offset;
        __builtin_prefetch(&weights_[begin[i]]);
      }
      for (size_t i = 0; i < m; ++i)
        for (uint32_t e = begin[i]; e < end[i]; ++e) a[weights_[e].cls] += weights_[e].value;
    }
  }
  for (uint32_t c = 0; c < num_classes_; ++c) scores[c] = a[c] * scale_;
}

void LinearModel::Save(ByteWriter* w) const {
  w->Put(num_classes_);
  w->Put(features_);
  w->Put(scale_);
  std::vector<uint32_t> keys, offsets;
  std::vector<uint16_t> classes;
  std::vector<int16_t> values;
  for (uint32_t s = 0; s < num_slots_; ++s) keys.push_back(slots_[s].key);
  for (const auto& s : slots_) offsets.push_back(s.offset);
  for (const auto& x : weights_) classes.push_back(x.cls), values.push_back(x.value);
  w->Vec(keys);
  w->Vec(offsets);
  w->Vec(classes);
  w->Vec(values);
}

bool LinearModel::Load(ByteReader* r) {
  std::vector<uint32_t> keys, offsets;
  std::vector<uint16_t> classes;
  std::vector<int16_t> values;
  if (!r->Get(&num_classes_) || !r->Get(&features_) || !r->Get(&scale_) || !r->Vec(&keys) ||
      !r->Vec(&offsets) || !r->Vec(&classes) || !r->Vec(&values))
    return false;
  if (!keys.empty() && (features_ >= keys.size() || offsets.size() != keys.size() + 1 ||
                        offsets.back() != classes.size()))
    return false;
  if (classes.size() != values.size()) return false;
  for (uint16_t c : classes)
    if (c >= num_classes_) return false;
  for (size_t i = 0; i + 1 < offsets.size(); ++i)
    if (offsets[i] > offsets[i + 1]) return false;
  num_slots_ = static_cast<uint32_t>(keys.size());
  slots_.resize(offsets.size());
  for (size_t i = 0; i < offsets.size(); ++i) slots_[i] = {i < keys.size() ? keys[i] : 0u, offsets[i]};
  weights_.resize(classes.size());
  for (size_t i = 0; i < classes.size(); ++i) weights_[i] = {classes[i], values[i]};
  return true;
}

void PerceptronTrainer::Score(const uint32_t* keys, size_t n, float* scores) const {
  std::fill(scores, scores + num_classes_, 0.f);
  for (size_t i = 0; i < n; ++i) {
    auto it = index_.find(keys[i]);
    if (it == index_.end()) continue;
    for (const Entry& e : rows_[it->second]) scores[e.cls] += e.weight;
  }
}

void PerceptronTrainer::Add(uint32_t key, int cls, float delta) {
  auto [it, fresh] = index_.try_emplace(key, static_cast<uint32_t>(rows_.size()));
  if (fresh) {
    rows_.emplace_back();
    row_keys_.push_back(key);
  }
  auto& row = rows_[it->second];
  Entry* e = nullptr;
  for (auto& x : row)
    if (x.cls == cls) e = &x;
  if (!e) {
    row.push_back(Entry{0, 0, clock_, static_cast<uint16_t>(cls)});
    e = &row.back();
  }
  e->total += static_cast<double>(e->weight) * (clock_ - e->stamp);
  e->stamp = clock_;
  e->weight += delta;
}

void PerceptronTrainer::Update(const uint32_t* keys, size_t n, int gold, int guess) {
  if (gold == guess) return;
  for (size_t i = 0; i < n; ++i) {
    Add(keys[i], gold, 1.f);
    if (guess >= 0) Add(keys[i], guess, -1.f);
  }
}

LinearModel PerceptronTrainer::Average(float prune) const {
  LinearModel::Rows rows;
  double t = std::max<uint32_t>(clock_, 1);
  for (size_t r = 0; r < rows_.size(); ++r) {
    std::vector<std::pair<uint16_t, float>> w;
    for (const Entry& e : rows_[r]) {
      double avg = (e.total + static_cast<double>(e.weight) * (clock_ - e.stamp)) / t;
      if (avg != 0) w.emplace_back(e.cls, static_cast<float>(avg));
    }
    if (!w.empty()) rows.emplace_back(row_keys_[r], std::move(w));
  }
  return LinearModel::Build(num_classes_, rows, prune);
}

LinearModel::Rows LinearModel::ToRows() const {
  Rows rows;
  for (uint32_t s = 0; s < num_slots_; ++s) {
    if (slots_[s].key == 0) continue;
    std::vector<std::pair<uint16_t, float>> w;
    for (uint32_t e = slots_[s].offset; e < slots_[s + 1].offset; ++e)
      w.emplace_back(weights_[e].cls, weights_[e].value * scale_);
    rows.emplace_back(slots_[s].key, std::move(w));
  }
  return rows;
}

LinearModel LinearModel::Pruned(float min_abs) const { return Build(num_classes_, ToRows(), min_abs); }

LinearModel LinearModel::Mean(const std::vector<const LinearModel*>& models, float min_abs) {
  if (models.empty()) return LinearModel();
  const uint32_t classes = models[0]->num_classes_;
  for (const LinearModel* m : models)
    if (m->num_classes_ != classes) return LinearModel();
  // Every model's rows, sorted by key, then summed key by key and class by class.
  std::vector<std::pair<uint32_t, std::pair<uint16_t, float>>> all;
  for (const LinearModel* m : models)
    for (auto& [key, w] : m->ToRows())
      for (auto [c, v] : w) all.push_back({key, {c, v}});
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second.first < b.second.first;
  });
  const float n = static_cast<float>(models.size());
  Rows rows;
  for (size_t i = 0; i < all.size();) {
    const uint32_t key = all[i].first;
    std::vector<std::pair<uint16_t, float>> w;
    for (; i < all.size() && all[i].first == key; ++i) {
      if (w.empty() || w.back().first != all[i].second.first) w.emplace_back(all[i].second.first, 0.f);
      w.back().second += all[i].second.second / n;
    }
    rows.emplace_back(key, std::move(w));
  }
  return Build(classes, rows, min_abs);
}

LinearModel LinearModel::Build(uint32_t num_classes, const Rows& rows, float min_abs) {
  Rows kept;
  float max_abs = 0;
  for (const auto& [key, w] : rows) {
    std::vector<std::pair<uint16_t, float>> k;
    for (auto [c, v] : w) {
      if (std::fabs(v) < min_abs || v == 0) continue;
      k.emplace_back(c, v);
      max_abs = std::max(max_abs, std::fabs(v));
    }
    if (k.empty()) continue;
    std::sort(k.begin(), k.end());
    kept.emplace_back(key, std::move(k));
  }
  LinearModel m;
  m.num_classes_ = num_classes;
  m.features_ = kept.size();
  m.scale_ = max_abs > 0 ? max_abs / 32767.f : 1.f;
  if (kept.empty()) return m;
  m.num_slots_ = static_cast<uint32_t>(kept.size() * 10 / 7 + 2);
  m.slots_.assign(m.num_slots_ + 1, SlotEntry{0, 0});
  std::vector<int32_t> slot_of(m.num_slots_, -1);
  for (size_t i = 0; i < kept.size(); ++i) {
    uint32_t slot = m.Slot(kept[i].first);
    while (m.slots_[slot].key != 0)
      if (++slot == m.num_slots_) slot = 0;
    m.slots_[slot].key = kept[i].first;
    slot_of[slot] = static_cast<int32_t>(i);
  }
  for (uint32_t s = 0; s < m.num_slots_; ++s) {
    m.slots_[s].offset = static_cast<uint32_t>(m.weights_.size());
    if (slot_of[s] < 0) continue;
    for (auto [c, w] : kept[slot_of[s]].second) {
      int16_t q = static_cast<int16_t>(std::lround(w / m.scale_));
      if (q != 0) m.weights_.push_back({c, q});
    }
  }
  m.slots_[m.num_slots_].offset = static_cast<uint32_t>(m.weights_.size());
  return m;
}

}  // namespace sitrep
