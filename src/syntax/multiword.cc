#include "syntax/multiword.h"

#include <algorithm>
#include <cstdint>
#include <map>

#include "syntax/word_form.h"

namespace sitrep {

std::vector<std::string> MultiwordTable::Expand(std::string_view lower, std::string_view prev_lower) const {
  auto it = forms_.find(lower);
  if (it == forms_.end()) return {};
  const Entry& e = it->second;
  bool split = e.split > e.whole;
  if (e.whole > 0) {
    std::string key = std::string(prev_lower) + "\t" + std::string(lower);
    std::string skey = std::string(LastCodePoints(prev_lower, 2)) + "\t" + std::string(lower);
    if (auto a = after_.find(key); a != after_.end() && a->second.first + a->second.second >= 2) {
      split = a->second.first > a->second.second;
    } else if (auto b = after_suffix_.find(skey); b != after_suffix_.end() && b->second.first + b->second.second >= 3) {
      split = b->second.first > b->second.second;
    }
  }
  return split ? e.words : std::vector<std::string>{};
}

MultiwordTable MultiwordTable::Train(const std::vector<const ConlluSentence*>& train) {
  std::map<std::string, std::map<std::vector<std::string>, int>> expansions;
  std::map<std::string, std::pair<int, int>> after;
  // First pass: which forms are multiword tokens, and how they expand.
  for (const auto* s : train) {
    for (const auto& t : s->multiword) {
      std::vector<std::string> words;
      for (int i = t.first; i <= t.last && i <= static_cast<int>(s->words.size()); ++i)
        words.push_back(LowerForm(s->words[i - 1].form));
      ++expansions[LowerForm(t.form)][words];
    }
  }
  MultiwordTable table;
  for (const auto& [form, counts] : expansions) {
    Entry e;
    for (const auto& [words, n] : counts) {
      e.split += n;
      if (e.words.empty() || n > counts.at(e.words)) e.words = words;
    }
    if (e.split >= 2) table.forms_.emplace(form, std::move(e));
  }
  // Second pass: how often each such form is split or whole, after each previous word.
  for (const auto* s : train) {
    std::vector<int> covered(s->words.size() + 2, 0);
    std::string prev = "<s>";
    size_t next_mwt = 0;
    for (size_t i = 0; i < s->words.size(); ++i) {
      std::string form;
      bool split = false;
      size_t last = i;
      while (next_mwt < s->multiword.size() && s->multiword[next_mwt].last < static_cast<int>(i + 1))
        ++next_mwt;
      if (next_mwt < s->multiword.size() && s->multiword[next_mwt].first == static_cast<int>(i + 1)) {
        form = LowerForm(s->multiword[next_mwt].form);
        split = true;
        last = s->multiword[next_mwt].last - 1;
      } else {
        form = LowerForm(s->words[i].form);
      }
      auto it = table.forms_.find(form);
      if (it != table.forms_.end()) {
        if (!split) ++it->second.whole;
        auto& a = after[prev + "\t" + form];
        (split ? a.first : a.second)++;
      }
      prev = form;
      i = last;
    }
  }
  for (const auto& [key, counts] : after) {
    std::string form = key.substr(key.find('\t') + 1);
    if (table.forms_.at(form).whole > 0) table.after_.emplace(key, counts);
  }
  table.BuildSuffixBackoff();
  return table;
}

void MultiwordTable::BuildSuffixBackoff() {
  after_suffix_.clear();
  for (const auto& [key, counts] : after_) {
    size_t tab = key.find('\t');
    std::string skey = std::string(LastCodePoints(std::string_view(key).substr(0, tab), 2)) + key.substr(tab);
    auto& c = after_suffix_[skey];
    auto add = [](int a, int b) { return static_cast<int>(std::min<int64_t>(INT32_MAX, int64_t{a} + b)); };
    c.first = add(c.first, counts.first);  // saturating: a model file's counts are not trusted
    c.second = add(c.second, counts.second);
  }
}

void MultiwordTable::Save(ByteWriter* w) const {
  w->Put<uint32_t>(static_cast<uint32_t>(forms_.size()));
  for (const auto& [form, e] : forms_) {
    w->Str(form);
    w->Strings(e.words);
    w->Put<int32_t>(e.split);
    w->Put<int32_t>(e.whole);
  }
  w->Put<uint32_t>(static_cast<uint32_t>(after_.size()));
  for (const auto& [key, c] : after_) {
    w->Str(key);
    w->Put<int32_t>(c.first);
    w->Put<int32_t>(c.second);
  }
}

bool MultiwordTable::Load(ByteReader* r) {
  uint32_t n = 0;
  if (!r->Get(&n)) return false;
  forms_.clear();
  after_.clear();
  for (uint32_t i = 0; i < n; ++i) {
    std::string form;
    Entry e;
    int32_t a = 0, b = 0;
    if (!r->Str(&form) || !r->Strings(&e.words) || !r->Get(&a) || !r->Get(&b) || a < 0 || b < 0) return false;
    e.split = a;
    e.whole = b;
    forms_.emplace(std::move(form), std::move(e));
  }
  if (!r->Get(&n)) return false;
  for (uint32_t i = 0; i < n; ++i) {
    std::string key;
    int32_t a = 0, b = 0;
    if (!r->Str(&key) || !r->Get(&a) || !r->Get(&b)) return false;
    if (key.find('\t') == std::string::npos || a < 0 || b < 0) return false;  // keys are "prev\tform"
    after_.emplace(std::move(key), std::make_pair(a, b));
  }
  BuildSuffixBackoff();
  return true;
}

}  // namespace sitrep
