// A linear multi-class model over hashed sparse features, trained as an
// averaged perceptron (Collins 2002; Freund & Schapire 1999).
//
// LinearModel is the immutable run-time form: an open-addressing table of
// 32-bit feature keys, each pointing to the few classes that feature has a
// weight for (weights quantised to 16 bits). It is const and thread-safe.
// Its two tables are either its own (trained, averaged, pruned) or read in
// place from a model file's bytes, which it then keeps alive; copies share
// them.
// PerceptronTrainer holds the sparse training weights with lazy averaging
// and produces a LinearModel, pruning the averaged weights near zero.
#ifndef SITREP_SYNTAX_PERCEPTRON_H_
#define SITREP_SYNTAX_PERCEPTRON_H_

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "syntax/model_file.h"

namespace sitrep {

class LinearModel {
 public:
  int num_classes() const { return static_cast<int>(num_classes_); }
  // scores[0..num_classes) = sum of the weights of `keys` (keys not in the model count 0).
  void Score(const uint32_t* keys, size_t n, float* scores) const;
  size_t num_features() const { return features_; }
  size_t num_weights() const { return num_weights_; }

  void Save(ByteWriter* w) const;
  // Reads the tables in place (`r` must have an owner) and checks them: no
  // lookup or score of a model that loads goes outside them or loops.
  bool Load(ByteReader* r);

  // The same model without the weights whose magnitude is below `min_abs`.
  LinearModel Pruned(float min_abs) const;
  // The mean of models over the same classes (an absent weight counts 0):
  // scores are the mean of their scores. Empty when the class counts differ.
  static LinearModel Mean(const std::vector<const LinearModel*>& models, float min_abs);

  // Feature key -> (class, weight) rows; weights below `min_abs` are dropped.
  using Rows = std::vector<std::pair<uint32_t, std::vector<std::pair<uint16_t, float>>>>;
  static LinearModel Build(uint32_t num_classes, const Rows& rows, float min_abs);

 private:
  Rows ToRows() const;
  uint32_t Slot(uint32_t key) const {
    return static_cast<uint32_t>((static_cast<uint64_t>(key * 2654435761u) * num_slots_) >> 32);
  }
  // Run-time layout: a slot's key and first entry side by side, an entry's
  // class and weight side by side (two cache misses per feature, not four).
  struct SlotEntry {
    uint32_t key;     // 0 = empty
    uint32_t offset;  // entries of slot i are [slots_[i].offset, slots_[i+1].offset)
  };
  struct Weight {
    uint16_t cls;
    int16_t value;
  };
  struct Owned {
    std::vector<SlotEntry> slots;
    std::vector<Weight> weights;
  };
  uint32_t num_classes_ = 0;
  uint64_t features_ = 0;
  float scale_ = 0;
  uint32_t num_slots_ = 0;             // open addressing, load <= 0.7
  const SlotEntry* slots_ = nullptr;   // num_slots_ + 1 (the last one closes the entries), or none
  const Weight* weights_ = nullptr;    // num_weights_
  size_t num_weights_ = 0;
  std::shared_ptr<const void> tables_; // what slots_ and weights_ point into
};

class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(int num_classes) : num_classes_(num_classes) {}
  int num_classes() const { return num_classes_; }
  // Current (not averaged) weights.
  void Score(const uint32_t* keys, size_t n, float* scores) const;
  // One training instance was seen (advances the averaging clock).
  void Tick() { ++clock_; }
  // Moves the weights of `keys` towards `gold` and away from `guess`.
  void Update(const uint32_t* keys, size_t n, int gold, int guess);
  // The averaged model; weights whose magnitude is below `prune` are dropped.
  LinearModel Average(float prune) const;

 private:
  struct Entry {
    double total = 0;  // sum of the weight over time up to `stamp`
    float weight = 0;
    uint32_t stamp = 0;
    uint16_t cls = 0;
  };
  void Add(uint32_t key, int cls, float delta);

  int num_classes_;
  uint32_t clock_ = 0;
  std::unordered_map<uint32_t, uint32_t> index_;
  std::vector<uint32_t> row_keys_;
  std::vector<std::vector<Entry>> rows_;
};

}  // namespace sitrep

#endif  // SITREP_SYNTAX_PERCEPTRON_H_
