#include "syntax/configuration.h"

#include <algorithm>

#include "syntax/morph.h"
#include "syntax/word_form.h"

namespace sitrep {

ParserInput MakeParserInput(const std::vector<WordKeys>& words, const std::vector<uint16_t>& upos,
                            const std::vector<uint16_t>& feats) {
  ParserInput in;
  WordKeys root;
  root.lower = root.shape = HashString("<root>");
  in.words.push_back(root);
  in.words.insert(in.words.end(), words.begin(), words.end());
  in.upos.push_back(17);
  in.upos.insert(in.upos.end(), upos.begin(), upos.end());
  in.feats.push_back(0xFFFE);
  in.feats.insert(in.feats.end(), feats.begin(), feats.end());
  in.punct_upto.assign(in.upos.size(), 0);
  in.verb_upto.assign(in.upos.size(), 0);
  for (size_t i = 1; i < in.upos.size(); ++i) {
    const auto u = static_cast<Upos>(in.upos[i]);
    in.punct_upto[i] = static_cast<uint16_t>(in.punct_upto[i - 1] + (u == Upos::kPunct));
    in.verb_upto[i] = static_cast<uint16_t>(in.verb_upto[i - 1] + (u == Upos::kVerb || u == Upos::kAux));
  }
  return in;
}

Configuration::Configuration(size_t num_words)
    : n_(num_words),
      on_stack_(num_words + 1, 0),
      head_(num_words + 1, -1),
      label_(num_words + 1, -1),
      lc1_(num_words + 1, -1),
      lc2_(num_words + 1, -1),
      rc1_(num_words + 1, -1),
      rc2_(num_words + 1, -1),
      nl_(num_words + 1, 0),
      nr_(num_words + 1, 0),
      lset_(num_words + 1, 0),
      rset_(num_words + 1, 0) {
  stack_.reserve(num_words);
}

void Configuration::Shift() {
  stack_.push_back(static_cast<int>(next_));
  on_stack_[next_] = true;
  ++next_;
}

void Configuration::AddArc(int h, int d, int label) {
  head_[d] = h;
  label_[d] = label;
  PopTop();
  uint64_t bit = 1ull << (label & 63);
  if (d < h) {
    if (lc1_[h] < 0 || d < lc1_[h]) {
      lc2_[h] = lc1_[h];
      lc1_[h] = d;
    } else if (lc2_[h] < 0 || d < lc2_[h]) {
      lc2_[h] = d;
    }
    nl_[h] = std::min(nl_[h] + 1, 255);
    lset_[h] |= bit;
  } else {
    if (rc1_[h] < 0 || d > rc1_[h]) {
      rc2_[h] = rc1_[h];
      rc1_[h] = d;
    } else if (rc2_[h] < 0 || d > rc2_[h]) {
      rc2_[h] = d;
    }
    nr_[h] = std::min(nr_[h] + 1, 255);
    rset_[h] |= bit;
  }
}

// Feature templates after Zhang & Nivre (2011), adapted to arc-hybrid:
// the words, tags and morphology of the three top stack items and the
// first three buffer items, their leftmost/rightmost children and labels,
// distances, valencies and label sets. A long function by design: one
// line per template, in the order of their ids.
void Configuration::Features(const ParserInput& in, uint32_t feature_set, std::vector<uint32_t>* out) const {
  constexpr uint32_t kNone = 0xFFFFFFFFu;
  auto W = [&](int i) { return i < 0 ? kNone : in.words[i].lower; };
  auto P = [&](int i) { return i < 0 ? kNone : static_cast<uint32_t>(in.upos[i]); };
  auto F = [&](int i) { return i < 0 ? kNone : static_cast<uint32_t>(in.feats[i]); };
  auto S3 = [&](int i) { return i < 0 ? kNone : in.words[i].suffix[2]; };
  auto L = [&](int i) { return i < 0 ? kNone : static_cast<uint32_t>(label_[i]); };
  auto At = [](const std::vector<int>& v, int i) { return i < 0 ? -1 : v[i]; };
  const int s0 = Stack(0), s1 = Stack(1), s2 = Stack(2);
  const int b0 = Buffer(0), b1 = Buffer(1), b2 = Buffer(2);
  const int s0l = At(lc1_, s0), s0l2 = At(lc2_, s0), s0r = At(rc1_, s0), s0r2 = At(rc2_, s0);
  const int b0l = At(lc1_, b0), b0l2 = At(lc2_, b0);
  const int s1l = At(lc1_, s1), s1r = At(rc1_, s1);
  const uint32_t s0w = W(s0), s0p = P(s0), s1w = W(s1), s1p = P(s1), b0w = W(b0), b0p = P(b0);
  const uint32_t b1w = W(b1), b1p = P(b1), b2p = P(b2), s2p = P(s2);
  auto Dist = [](int a, int b) -> uint32_t {
    if (a < 0 || b < 0) return 0xFFFF;
    int d = b == 0 ? 99 : std::abs(b - a);
    return static_cast<uint32_t>(std::min(d, 10) + (d > 15) + (d > 25));
  };
  const uint32_t d0 = Dist(s0, b0), d1 = Dist(s1, s0);
  auto Val = [&](const std::vector<uint8_t>& v, int i) { return i < 0 ? kNone : v[i]; };
  auto Set = [&](const std::vector<uint64_t>& v, int i) {
    return i < 0 ? kNone : static_cast<uint32_t>(v[i] ^ (v[i] >> 32));
  };
  out->clear();
  auto add = [&](uint32_t t, uint32_t a, uint32_t b = 0, uint32_t c = 0) {
    out->push_back(FeatureKey(t, a, b, c));
  };
  add(0, 0);
  // Single words.
  add(1, s0w); add(2, s0p); add(3, s0w, s0p); add(4, F(s0)); add(5, s0p, F(s0));
  add(6, s1w); add(7, s1p); add(8, s1w, s1p); add(9, F(s1));
  add(10, b0w); add(11, b0p); add(12, b0w, b0p); add(13, F(b0)); add(14, b0p, F(b0));
  add(15, b1w); add(16, b1p); add(17, b1w, b1p); add(18, W(b2)); add(19, b2p); add(20, s2p);
  add(21, S3(s0), s0p); add(22, S3(b0), b0p); add(23, S3(s1), s1p);
  // Pairs.
  add(30, s0w, s0p, FeatureKey(0, b0w, b0p)); add(31, s0w, s0p, b0w); add(32, s0w, b0w, b0p);
  add(33, s0w, s0p, b0p); add(34, s0p, b0w, b0p); add(35, s0w, b0w); add(36, s0p, b0p);
  add(37, b0p, b1p); add(38, s1w, s1p, FeatureKey(0, s0w, s0p)); add(39, s1w, s0w);
  add(40, s1p, s0p); add(41, s1p, s0w); add(42, s1w, s0p); add(43, F(s1), F(s0));
  add(44, F(s0), F(b0)); add(45, s1p, b0p); add(46, s1w, b0w);
  // Three tags.
  add(50, b0p, b1p, b2p); add(51, s0p, b0p, b1p); add(52, s1p, s0p, b0p);
  add(53, s0p, P(s0l), b0p); add(54, s0p, P(s0r), b0p); add(55, s0p, b0p, P(b0l));
  add(56, s1p, s0p, P(s0l)); add(57, s1p, s0p, P(s0r)); add(58, s1p, P(s1r), s0p);
  add(59, s2p, s1p, s0p); add(60, s1p, P(s1l), s0p); add(61, s0w, s1p, b0p);
  // Distance.
  add(70, s0w, d0); add(71, s0p, d0); add(72, b0w, d0); add(73, b0p, d0); add(74, s0p, b0p, d0);
  add(75, s1p, s0p, d1); add(76, s1w, d1); add(77, s0w, d1); add(78, s1w, s0w, d1);
  // Valency.
  add(80, s0w, Val(nr_, s0)); add(81, s0p, Val(nr_, s0)); add(82, s0w, Val(nl_, s0));
  add(83, s0p, Val(nl_, s0)); add(84, b0w, Val(nl_, b0)); add(85, b0p, Val(nl_, b0));
  add(86, s1p, Val(nr_, s1)); add(87, s1w, Val(nr_, s1));
  // Children.
  add(90, W(s0l)); add(91, P(s0l)); add(92, L(s0l)); add(93, W(s0r)); add(94, P(s0r));
  add(95, L(s0r)); add(96, W(b0l)); add(97, P(b0l)); add(98, L(b0l)); add(99, W(s0l2));
  add(100, P(s0l2)); add(101, L(s0l2)); add(102, W(s0r2)); add(103, P(s0r2)); add(104, L(s0r2));
  add(105, W(b0l2)); add(106, P(b0l2)); add(107, L(b0l2)); add(108, P(s1l)); add(109, L(s1l));
  add(110, P(s1r)); add(111, L(s1r)); add(112, W(s1r));
  add(113, s0p, L(s0l), L(s0l2)); add(114, s0p, L(s0r), L(s0r2)); add(115, b0p, L(b0l), L(b0l2));
  add(116, s1p, L(s1l), L(s1r));
  // Label sets.
  add(120, s0w, Set(rset_, s0)); add(121, s0p, Set(rset_, s0)); add(122, s0w, Set(lset_, s0));
  add(123, s0p, Set(lset_, s0)); add(124, b0w, Set(lset_, b0)); add(125, b0p, Set(lset_, b0));
  add(126, s1p, Set(rset_, s1), Set(lset_, s1));
  if (feature_set >= 1) Features1(in, out);
}

// Feature set 1: what decides attachments the first set reads poorly.
// - The marker of s0 (its leftmost child, a preposition or conjunction
//   when it has one) with each candidate head, s1 for a right arc and b0
//   for a left arc: the lexical prepositional-attachment features of
//   Ratnaparkhi et al. (1994), and "et"/"mais" before a conjunct.
// - Punctuation and verbs between the two pairs of candidates (McDonald
//   et al. 2005's in-between features, counted in buckets 0/1/2+ from
//   the running counts of the input, so constant time per state): a
//   comma or a verb between two words mostly means a clause boundary.
// - Morphology and suffix of b1, the word of s2.
void Configuration::Features1(const ParserInput& in, std::vector<uint32_t>* out) const {
  constexpr uint32_t kNone = 0xFFFFFFFFu;
  auto W = [&](int i) { return i < 0 ? kNone : in.words[i].lower; };
  auto P = [&](int i) { return i < 0 ? kNone : static_cast<uint32_t>(in.upos[i]); };
  auto F = [&](int i) { return i < 0 ? kNone : static_cast<uint32_t>(in.feats[i]); };
  auto S3 = [&](int i) { return i < 0 ? kNone : in.words[i].suffix[2]; };
  // Count of `upto` strictly between words a < b (b = 0: the root, after the last word).
  auto Between = [&](const std::vector<uint16_t>& upto, int a, int b) -> uint32_t {
    if (a < 0 || b < 0 || upto.empty()) return kNone;
    const int last = b == 0 ? static_cast<int>(n_) : b - 1;
    if (a == 0 || last < a) return 0;
    return std::min<uint32_t>(upto[last] - upto[a], 2);
  };
  auto add = [&](uint32_t t, uint32_t a, uint32_t b = 0, uint32_t c = 0) {
    out->push_back(FeatureKey(t, a, b, c));
  };
  const int s0 = Stack(0), s1 = Stack(1), s2 = Stack(2), b0 = Buffer(0), b1 = Buffer(1);
  const int s0l = s0 < 0 ? -1 : lc1_[s0];
  const uint32_t m = W(s0l), s0p = P(s0), s1p = P(s1), b0p = P(b0);
  add(130, m, s0p, W(s1)); add(131, m, s0p, s1p); add(132, m, s0p, W(b0)); add(133, m, s0p, b0p);
  add(134, m, W(s0), s1p); add(135, m, W(s0), b0p);
  const uint32_t p10 = Between(in.punct_upto, s1, s0), p0b = Between(in.punct_upto, s0, b0);
  const uint32_t v10 = Between(in.verb_upto, s1, s0), v0b = Between(in.verb_upto, s0, b0);
  add(136, s1p, s0p, p10); add(137, s0p, b0p, p0b); add(138, s1p, s0p, v10); add(139, s0p, b0p, v0b);
  add(140, s1p, s0p, FeatureKey(0, p10, v10)); add(141, s0p, b0p, FeatureKey(0, p0b, v0b));
  add(142, W(s2)); add(143, F(b1)); add(144, S3(b1), P(b1));
}

}  // namespace sitrep
