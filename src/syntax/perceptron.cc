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
      // Integer sums: the order of the additions does not matter, so each
      // run is added four weights at a time (fewer loop tests per weight).
      for (size_t i = 0; i < m; ++i) {
        const Weight* w = weights_ + begin[i];
        const Weight* const stop = weights_ + end[i];
        for (; stop - w >= 4; w += 4) {
          a[w[0].cls] += w[0].value;
          a[w[1].cls] += w[1].value;
          a[w[2].cls] += w[2].value;
          a[w[3].cls] += w[3].value;
        }
        for (; w < stop; ++w) a[w->cls] += w->value;
      }
    }
  }
  for (uint32_t c = 0; c < num_classes_; ++c) scores[c] = a[c] * scale_;
}

void LinearModel::Save(ByteWriter* w) const {
  w->Put(num_classes_);
  w->Put(features_);
  w->Put(scale_);
  w->Table(slots_, num_slots_ > 0 ? num_slots_ + 1 : 0);
  w->Table(weights_, num_weights_);
}

bool LinearModel::Load(ByteReader* r) {
  *this = LinearModel();
  uint32_t classes = 0;
  uint64_t features = 0, num_slots = 0, num_weights = 0;
  float scale = 0;
  const SlotEntry* slots = nullptr;
  const Weight* weights = nullptr;
  if (!r->Get(&classes) || !r->Get(&features) || !r->Get(&scale) || !r->View(&slots, &num_slots) ||
      !r->View(&weights, &num_weights))
    return false;
  if (classes == 0 || classes > 65536 || !std::isfinite(scale)) return false;
  if (num_slots == 1 || num_slots > (uint64_t{1} << 32) || num_weights > UINT32_MAX) return false;
  if (num_slots == 0 && (features != 0 || num_weights != 0)) return false;
  if (num_slots > 0) {
    // Every run of weights inside the table, in order; at least one empty
    // slot, so that a lookup of an absent key ends.
    uint64_t used = 0;
    for (uint64_t s = 0; s + 1 < num_slots; ++s) {
      if (slots[s].offset > slots[s + 1].offset) return false;
      used += slots[s].key != 0;
    }
    if (slots[0].offset != 0 || slots[num_slots - 1].offset != num_weights) return false;
    if (used != features || used + 1 >= num_slots) return false;
  }
  for (uint64_t e = 0; e < num_weights; ++e)
    if (weights[e].cls >= classes) return false;
  num_classes_ = classes;
  features_ = features;
  scale_ = scale;
  num_slots_ = num_slots > 0 ? static_cast<uint32_t>(num_slots - 1) : 0;
  slots_ = slots;
  weights_ = weights;
  num_weights_ = num_weights;
  tables_ = r->owner();
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
  auto owned = std::make_shared<Owned>();
  auto& slots = owned->slots;
  auto& weights = owned->weights;
  slots.assign(m.num_slots_ + 1, SlotEntry{0, 0});
  std::vector<int32_t> slot_of(m.num_slots_, -1);
  for (size_t i = 0; i < kept.size(); ++i) {
    uint32_t slot = m.Slot(kept[i].first);
    while (slots[slot].key != 0)
      if (++slot == m.num_slots_) slot = 0;
    slots[slot].key = kept[i].first;
    slot_of[slot] = static_cast<int32_t>(i);
  }
  for (uint32_t s = 0; s < m.num_slots_; ++s) {
    slots[s].offset = static_cast<uint32_t>(weights.size());
    if (slot_of[s] < 0) continue;
    for (auto [c, w] : kept[slot_of[s]].second) {
      int16_t q = static_cast<int16_t>(std::lround(w / m.scale_));
      if (q != 0) weights.push_back({c, q});
    }
  }
  slots[m.num_slots_].offset = static_cast<uint32_t>(weights.size());
  m.slots_ = slots.data();
  m.weights_ = weights.data();
  m.num_weights_ = weights.size();
  m.tables_ = std::move(owned);
  return m;
}

}  // namespace sitrep
