#include "syntax/tagger.h"

#include <algorithm>
#include <random>
#include <unordered_map>

#include "syntax/morph.h"
#include "syntax/word_form.h"

namespace sitrep {
namespace {

constexpr int kNumUpos = 17;
const uint32_t kStart = HashString("<s>"), kEnd = HashString("</s>");

constexpr int kMinDictCount = 3;

// Feature keys of word i given the two previous UPOS tags (kNumUpos = none)
// and the tags each word was seen with in training (`amb`).
void UposFeatures(const std::vector<WordKeys>& w, const std::vector<uint32_t>& amb, size_t i, uint32_t t1,
                  uint32_t t2, std::vector<uint32_t>* f) {
  f->clear();
  const uint32_t a0 = amb[i], a1 = i + 1 < w.size() ? amb[i + 1] : 1u << 30;
  const uint32_t a2 = i + 2 < w.size() ? amb[i + 2] : 1u << 30;
  f->push_back(FeatureKey(40, a0));
  f->push_back(FeatureKey(41, a0, t1));
  f->push_back(FeatureKey(42, a1));
  f->push_back(FeatureKey(43, a0, a1));
  f->push_back(FeatureKey(44, a2));
  f->push_back(FeatureKey(45, t1, a1));
  const WordKeys& x = w[i];
  uint32_t prev = i > 0 ? w[i - 1].lower : kStart, prev2 = i > 1 ? w[i - 2].lower : kStart;
  uint32_t next = i + 1 < w.size() ? w[i + 1].lower : kEnd;
  uint32_t next2 = i + 2 < w.size() ? w[i + 2].lower : kEnd;
  uint32_t prev_suf = i > 0 ? w[i - 1].suffix[2] : kStart;
  uint32_t next_suf = i + 1 < w.size() ? w[i + 1].suffix[2] : kEnd;
  uint32_t next_shape = i + 1 < w.size() ? w[i + 1].shape : kEnd;
  f->push_back(FeatureKey(0, 0));
  f->push_back(FeatureKey(1, x.lower));
  for (int k = 0; k < 5; ++k) f->push_back(FeatureKey(2 + k, x.suffix[k]));
  for (int k = 0; k < 3; ++k) f->push_back(FeatureKey(7 + k, x.prefix[k]));
  f->push_back(FeatureKey(10, x.shape));
  f->push_back(FeatureKey(11, t1));
  f->push_back(FeatureKey(12, t2));
  f->push_back(FeatureKey(13, t1, t2));
  f->push_back(FeatureKey(14, t1, x.lower));
  f->push_back(FeatureKey(15, prev));
  f->push_back(FeatureKey(16, next));
  f->push_back(FeatureKey(17, prev2));
  f->push_back(FeatureKey(18, next2));
  f->push_back(FeatureKey(19, prev_suf));
  f->push_back(FeatureKey(20, next_suf));
  f->push_back(FeatureKey(21, next_shape));
  f->push_back(FeatureKey(22, prev, x.lower));
  f->push_back(FeatureKey(23, x.lower, next));
  f->push_back(FeatureKey(24, i == 0, x.upper, x.digit * 2 + x.hyphen));
  f->push_back(FeatureKey(25, t1, x.suffix[2]));
  f->push_back(FeatureKey(26, t1, next));
  f->push_back(FeatureKey(27, x.suffix[2], next));
  f->push_back(FeatureKey(28, prev, x.suffix[2]));
  f->push_back(FeatureKey(29, x.lower, next_suf));
  f->push_back(FeatureKey(30, t1, prev));
  f->push_back(FeatureKey(31, i + 1 < w.size() ? w[i + 1].suffix[1] : kEnd));
}

// The FEATS model adds the word's predicted UPOS and the previous FEATS class.
void FeatsFeatures(const std::vector<WordKeys>& w, size_t i, uint32_t upos, uint32_t f1,
                   std::vector<uint32_t>* f) {
  size_t n = f->size();
  for (size_t k = 0; k < n; ++k) (*f)[k] = FeatureKey(100, (*f)[k], upos);
  const WordKeys& x = w[i];
  f->push_back(FeatureKey(101, upos));
  f->push_back(FeatureKey(102, f1));
  f->push_back(FeatureKey(103, upos, f1));
  f->push_back(FeatureKey(104, x.suffix[1]));
  f->push_back(FeatureKey(105, x.suffix[2]));
  f->push_back(FeatureKey(106, x.lower));
  f->push_back(FeatureKey(107, i > 0 ? w[i - 1].lower : kStart));
}

int Argmax(const float* s, int n) {
  return static_cast<int>(std::max_element(s, s + n) - s);
}

struct Example {
  std::vector<WordKeys> words;
  std::vector<uint16_t> upos, feats;
};

}  // namespace

WordKeys MakeWordKeys(std::string_view form) {
  WordKeys k;
  std::string lower = LowerForm(form);
  k.lower = HashString(lower);
  k.shape = HashString(WordShape(form));
  for (int n = 0; n < 5; ++n) k.suffix[n] = HashString(LastCodePoints(lower, n + 1)) + n;
  for (int n = 0; n < 3; ++n) k.prefix[n] = HashString(FirstCodePoints(lower, n + 1)) + n;
  k.upper = !form.empty() && lower.substr(0, 1) != form.substr(0, 1);
  k.digit = std::any_of(form.begin(), form.end(), [](char c) { return c >= '0' && c <= '9'; });
  k.hyphen = form.find('-') != std::string_view::npos;
  return k;
}

uint32_t Tagger::Ambiguity(uint32_t lower) const {
  auto it = std::lower_bound(dict_.begin(), dict_.end(), std::make_pair(lower, 0u));
  return it != dict_.end() && it->first == lower ? it->second : 0;
}

std::vector<uint32_t> Tagger::Ambiguities(const std::vector<WordKeys>& words) const {
  std::vector<uint32_t> amb(words.size());
  for (size_t i = 0; i < words.size(); ++i) amb[i] = Ambiguity(words[i].lower);
  return amb;
}

void Tagger::Tag(const std::vector<WordKeys>& words, std::vector<uint16_t>* upos,
                 std::vector<uint16_t>* feats) const {
  const std::vector<uint32_t> amb = Ambiguities(words);
  upos->assign(words.size(), 0);
  feats->assign(words.size(), 0);
  std::vector<uint32_t> f;
  f.reserve(64);
  std::vector<float> scores(std::max(upos_.num_classes(), feats_.num_classes()) + 1);
  uint32_t t1 = kNumUpos, t2 = kNumUpos, f1 = 0xFFFF;
  for (size_t i = 0; i < words.size(); ++i) {
    UposFeatures(words, amb, i, t1, t2, &f);
    upos_.Score(f.data(), f.size(), scores.data());
    uint32_t u = Argmax(scores.data(), upos_.num_classes());
    FeatsFeatures(words, i, u, f1, &f);
    feats_.Score(f.data(), f.size(), scores.data());
    uint32_t fe = feats_.num_classes() ? Argmax(scores.data(), feats_.num_classes()) : 0;
    (*upos)[i] = u;
    (*feats)[i] = fe;
    t2 = t1;
    t1 = u;
    f1 = fe;
  }
}

Tagger Tagger::Train(const std::vector<const ConlluSentence*>& train,
                     const std::vector<const ConlluSentence*>& dev,
                     const std::vector<std::string>& feats_names, const TaggerOptions& opt,
                     std::ostream* log) {
  Tagger tagger;
  std::unordered_map<std::string, uint16_t> feats_id;
  auto intern = [&](const std::string& s, bool add) -> int {
    std::string key = s.empty() ? "_" : s;
    auto it = feats_id.find(key);
    if (it != feats_id.end()) return it->second;
    if (!add) return -1;
    feats_id.emplace(key, static_cast<uint16_t>(tagger.feats_names_.size()));
    tagger.feats_names_.push_back(key);
    return static_cast<int>(tagger.feats_names_.size() - 1);
  };
  for (const auto& name : feats_names) intern(name, true);
  intern("_", true);
  auto make = [&](const std::vector<const ConlluSentence*>& sents, bool add) {
    std::vector<Example> out;
    for (const auto* s : sents) {
      Example e;
      for (const auto& w : s->words) {
        e.words.push_back(MakeWordKeys(w.form));
        e.upos.push_back(static_cast<uint16_t>(UposFromString(w.upos)));
        int fid = intern(w.feats, add && feats_names.empty());
        e.feats.push_back(fid < 0 ? (add ? 0 : 0xFFFF) : static_cast<uint16_t>(fid));
      }
      out.push_back(std::move(e));
    }
    return out;
  };
  std::vector<Example> tr = make(train, true), dv = make(dev, false);
  // The tag dictionary of frequent words.
  std::unordered_map<uint32_t, std::pair<int, uint32_t>> seen;
  for (const Example& e : tr)
    for (size_t i = 0; i < e.words.size(); ++i) {
      auto& x = seen[e.words[i].lower];
      ++x.first;
      x.second |= 1u << e.upos[i];
    }
  for (const auto& [k, x] : seen)
    if (x.first >= kMinDictCount) tagger.dict_.emplace_back(k, x.second);
  std::sort(tagger.dict_.begin(), tagger.dict_.end());
  PerceptronTrainer up(kNumUpos), fe(static_cast<int>(tagger.feats_names_.size()));
  std::vector<size_t> order(tr.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(opt.seed);
  std::vector<uint32_t> f;
  std::vector<float> scores(std::max<size_t>(kNumUpos, tagger.feats_names_.size()));
  double best = -1;
  for (int epoch = 1; epoch <= opt.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t idx : order) {
      const Example& e = tr[idx];
      const std::vector<uint32_t> amb = tagger.Ambiguities(e.words);
      uint32_t t1 = kNumUpos, t2 = kNumUpos, f1 = 0xFFFF;
      for (size_t i = 0; i < e.words.size(); ++i) {
        UposFeatures(e.words, amb, i, t1, t2, &f);
        up.Score(f.data(), f.size(), scores.data());
        int u = Argmax(scores.data(), kNumUpos);
        up.Tick();
        up.Update(f.data(), f.size(), e.upos[i], u);
        FeatsFeatures(e.words, i, u, f1, &f);
        fe.Score(f.data(), f.size(), scores.data());
        int g = Argmax(scores.data(), fe.num_classes());
        fe.Tick();
        fe.Update(f.data(), f.size(), e.feats[i], g);
        t2 = t1;
        t1 = u;
        f1 = g;
      }
    }
    Tagger candidate;
    candidate.feats_names_ = tagger.feats_names_;
    candidate.dict_ = tagger.dict_;
    candidate.upos_ = up.Average(opt.prune);
    candidate.feats_ = fe.Average(opt.prune);
    if (dv.empty()) {
      tagger = std::move(candidate);
      continue;
    }
    size_t n = 0, ok_u = 0, ok_f = 0;
    std::vector<uint16_t> pu, pf;
    for (const Example& e : dv) {
      candidate.Tag(e.words, &pu, &pf);
      for (size_t i = 0; i < pu.size(); ++i) {
        ++n;
        ok_u += pu[i] == e.upos[i];
        ok_f += pf[i] == e.feats[i];
      }
    }
    double acc_u = static_cast<double>(ok_u) / std::max<size_t>(n, 1);
    double acc_f = static_cast<double>(ok_f) / std::max<size_t>(n, 1);
    if (log) *log << "tagger epoch " << epoch << ": dev upos " << acc_u << " feats " << acc_f << "\n" << std::flush;
    if (acc_u + acc_f > best) {
      best = acc_u + acc_f;
      tagger = std::move(candidate);
    }
  }
  return tagger;
}

bool Tagger::Mean(const std::vector<const Tagger*>& taggers, float min_abs, Tagger* out) {
  if (taggers.empty()) return false;
  std::vector<const LinearModel*> upos, feats;
  for (const Tagger* t : taggers) {
    if (t->feats_names_ != taggers[0]->feats_names_ || t->dict_ != taggers[0]->dict_) return false;
    upos.push_back(&t->upos_);
    feats.push_back(&t->feats_);
  }
  out->feats_names_ = taggers[0]->feats_names_;
  out->dict_ = taggers[0]->dict_;
  out->upos_ = LinearModel::Mean(upos, min_abs);
  out->feats_ = LinearModel::Mean(feats, min_abs);
  return true;
}

void Tagger::Save(ByteWriter* w) const {
  w->Strings(feats_names_);
  std::vector<uint32_t> keys, bits;
  for (auto [k, b] : dict_) keys.push_back(k), bits.push_back(b);
  w->Vec(keys);
  w->Vec(bits);
  upos_.Save(w);
  feats_.Save(w);
}

bool Tagger::Load(ByteReader* r) {
  std::vector<uint32_t> keys, bits;
  if (!r->Strings(&feats_names_) || !r->Vec(&keys) || !r->Vec(&bits) || keys.size() != bits.size()) return false;
  dict_.clear();
  for (size_t i = 0; i < keys.size(); ++i) dict_.emplace_back(keys[i], bits[i]);
  return upos_.Load(r) && feats_.Load(r) &&
         upos_.num_classes() == kNumUpos &&
         feats_.num_classes() == static_cast<int>(feats_names_.size());
}

}  // namespace sitrep
