#include "gazetteer/builder.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <unordered_set>

#include "base/hash.h"
#include "gazetteer/gazetteer.h"
#include "gazetteer/name_key.h"

namespace sitrep {
namespace {

void CopyFixed(const std::string& s, char* dst, size_t n) {
  std::memset(dst, 0, n);
  std::memcpy(dst, s.data(), std::min(s.size(), n));
}

// Rank of a candidate within one key's list: provinces and countries first
// (they are few and a name shared with one is usually meant as it), then by
// population.
int64_t Rank(const BuildPlace& p) {
  int64_t level_bonus = p.level == PlaceLevel::kPlace ? 0 : (int64_t{1} << 40);
  return level_bonus + p.population;
}

}  // namespace

uint32_t GazetteerBuilder::AddPlace(BuildPlace p) {
  places_.push_back(std::move(p));
  return static_cast<uint32_t>(places_.size() - 1);
}

void GazetteerBuilder::AddKey(const std::string& key, NameRef ref) {
  auto& list = keys_[key];
  for (auto& r : list) {
    if (r.place == ref.place) {
      r.preferred |= ref.preferred;
      return;
    }
  }
  list.push_back(ref);
}

void GazetteerBuilder::SumProvincePopulations() {
  std::unordered_map<std::string, int64_t> sum;
  for (const auto& p : places_)
    if (p.level == PlaceLevel::kPlace && !p.admin1.empty()) sum[p.admin1] += p.population;
  for (auto& p : places_)
    if (p.level == PlaceLevel::kAdmin1 && p.population == 0 && p.feature != "A.ADM2") p.population = sum[p.admin1];
}

void GazetteerBuilder::AddName(uint32_t place, const std::string& name, bool preferred) {
  auto words = NameWords(name);
  if (words.empty() || words.size() > 8) return;
  AddKey(ExactKey(words), {place, preferred});
  // "Al Qa'im" is also written "al-Qaïm": index the form without inner apostrophes.
  bool inner = false;
  for (auto& w : words)
    if (w.size() > 2 && w.back() != '\'' && w.find('\'') != std::string::npos) {
      std::erase(w, '\'');
      inner = true;
    }
  if (inner) AddKey(ExactKey(words), {place, preferred});
  // Loose keys only for main and language-tagged names: alternates in
  // other languages would make every skeleton ambiguous.
  std::string loose = preferred ? LooseKey(words) : "";
  if (!loose.empty()) AddKey(std::string(1, kLooseKeyMarker) + loose, {place, false});
}

void GazetteerBuilder::AddAbbreviation(uint32_t place, const std::string& name) {
  auto words = NameWords(name);
  if (words.size() == 1) AddKey(words[0] + ".", {place, true});
}

void GazetteerBuilder::AddDictionaryWord(const std::string& word, const std::string& lang) {
  if (word.empty()) return;
  // Upper-case Latin-1 letters (U+00C0..U+00DE) start with 0xC3 0x80..0x9E.
  bool upper = (word[0] >= 'A' && word[0] <= 'Z') ||
               (word.size() > 1 && static_cast<unsigned char>(word[0]) == 0xC3 &&
                static_cast<unsigned char>(word[1]) < 0x9F);
  auto words = NameWords(word);
  if (words.size() == 1) common_[words[0]] |= KnownWordFlag(lang) | (upper ? 0 : CommonWordFlag(lang));
}

uint8_t GazetteerBuilder::CommonFlags(const std::string& key) const {
  uint8_t flags = kKeyCommonEn | kKeyCommonFr | kKeyKnownEn | kKeyKnownFr;
  for (size_t b = 0; b <= key.size() && flags;) {
    size_t e = key.find(' ', b);
    if (e == std::string::npos) e = key.size();
    auto it = common_.find(key.substr(b, e - b));
    flags &= it == common_.end() ? 0 : it->second;
    b = e + 1;
  }
  return flags;
}

std::string GazetteerBuilder::Serialize() const {
  // Strings: place names, admin1 names, keys.
  std::string strings(1, '\0');  // offset 0 is ""
  std::unordered_map<std::string, uint32_t> interned;
  auto intern = [&](const std::string& s) -> uint32_t {
    if (s.empty()) return 0;
    auto [it, fresh] = interned.emplace(s, static_cast<uint32_t>(strings.size()));
    if (fresh) {
      strings += s;
      strings.push_back('\0');
    }
    return it->second;
  };
  std::vector<PlaceRecord> recs(places_.size());
  for (size_t i = 0; i < places_.size(); ++i) {
    const BuildPlace& p = places_[i];
    PlaceRecord& r = recs[i];
    std::memset(&r, 0, sizeof r);
    r.geonameid = p.geonameid;
    r.lat = static_cast<float>(p.lat);
    r.lon = static_cast<float>(p.lon);
    r.population = static_cast<uint32_t>(std::clamp<int64_t>(p.population, 0, UINT32_MAX));
    r.name = intern(p.name);
    auto a = admin1_names_.find(p.admin1);
    r.admin1_name = intern(a == admin1_names_.end() ? "" : a->second);
    CopyFixed(p.country, r.country, 2);
    CopyFixed(p.admin1, r.admin1, 8);
    CopyFixed(p.feature, r.feature, 8);
    r.level = static_cast<uint8_t>(p.level);
  }
  // Keys with postings, plus prefix-only keys for every proper word prefix
  // of a multi-word exact key (so the finder knows when to keep reading).
  std::unordered_set<std::string> prefixes;
  for (const auto& [key, refs] : keys_) {
    if (key[0] == kLooseKeyMarker) continue;
    for (size_t p = key.find(' '); p != std::string::npos; p = key.find(' ', p + 1))
      prefixes.insert(key.substr(0, p));
  }
  std::vector<std::string> all;
  all.reserve(keys_.size() + prefixes.size());
  for (const auto& kv : keys_) all.push_back(kv.first);
  for (const auto& p : prefixes)
    if (!keys_.count(p)) all.push_back(p);
  // Dictionary words that are no name but match one loosely ("april" ~
  // Pearl): stored without postings so the finder can tell they are words.
  for (const auto& [w, f] : common_) {
    if (keys_.count(w) || prefixes.count(w)) continue;
    std::string loose = LooseKey({w});
    if (!loose.empty() && keys_.count(std::string(1, kLooseKeyMarker) + loose)) all.push_back(w);
  }
  std::vector<std::pair<uint64_t, const std::string*>> order;
  order.reserve(all.size());
  for (const auto& k : all) order.emplace_back(Fnv1a64(k), &k);
  std::sort(order.begin(), order.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first < b.first : *a.second < *b.second; });
  std::vector<KeyRecord> krecs;
  std::vector<uint32_t> postings;
  krecs.reserve(order.size());
  for (const auto& [h, key] : order) {
    KeyRecord k;
    std::memset(&k, 0, sizeof k);
    k.hash = h;
    k.str = intern(*key);
    k.postings = static_cast<uint32_t>(postings.size());
    k.flags = prefixes.count(*key) ? kKeyPrefix : 0;
    if ((*key)[0] != kLooseKeyMarker) k.flags |= CommonFlags(*key);
    auto it = keys_.find(*key);
    if (it != keys_.end()) {
      auto refs = it->second;
      std::stable_sort(refs.begin(), refs.end(), [&](const NameRef& a, const NameRef& b) {
        return Rank(places_[a.place]) > Rank(places_[b.place]);
      });
      if (refs.size() > kMaxPostingsPerKey) refs.resize(kMaxPostingsPerKey);
      for (const auto& r : refs) postings.push_back(r.place | (r.preferred ? kPostingPreferred : 0));
      k.count = static_cast<uint16_t>(refs.size());
    }
    krecs.push_back(k);
  }
  std::string body;
  body.append(reinterpret_cast<const char*>(recs.data()), recs.size() * sizeof(PlaceRecord));
  body.append(reinterpret_cast<const char*>(krecs.data()), krecs.size() * sizeof(KeyRecord));
  body.append(reinterpret_cast<const char*>(postings.data()), postings.size() * 4);
  body += strings;
  GazFileHeader h;
  std::memcpy(h.magic, kGazetteerMagic, sizeof h.magic);
  h.version = kGazetteerFormatVersion;
  h.places = static_cast<uint32_t>(recs.size());
  h.keys = static_cast<uint32_t>(krecs.size());
  h.postings = static_cast<uint32_t>(postings.size());
  h.strings_size = strings.size();
  h.content_hash = Fnv1a64(body);
  std::string out(reinterpret_cast<const char*>(&h), sizeof h);
  out += body;
  return out;
}

Status GazetteerBuilder::Write(const std::string& path) const {
  std::string bytes = Serialize();
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())))
      return Status::IoError(tmp + ": cannot write");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return Status::IoError(path + ": cannot rename into place");
  return Status::Ok();
}

}  // namespace sitrep
