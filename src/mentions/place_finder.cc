#include "mentions/place_finder.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <unordered_map>

#include "gazetteer/name_key.h"
#include "lexicon/tsv.h"

namespace sitrep {
namespace {

constexpr double kContextCountryBonus = 3.0;
constexpr double kContextAdmin1Bonus = 1.5;
constexpr double kLoosePenalty = 3.0;
constexpr int kMaxAdmin1ChainGap = 8;
constexpr uint32_t kMinAlternatePopulation = 50000;

bool Joiner(const Token& t) { return t.kind == TokenKind::kPunct && (t.punct == '-' || t.punct == '.'); }
bool IsWord(const Token& t) { return t.kind != TokenKind::kPunct; }

bool AllUpper(std::string_view s) {
  for (char c : s)
    if (c < 'A' || c > 'Z') return false;
  return !s.empty();
}

int FeatureBonus(std::string_view f) {
  if (f == "P.PPLC") return 2;
  if (f == "P.PPLA") return 1;
  if (f == "L.CONT" || f == "L.RGN" || f == "H.OCN") return 6;
  return 0;
}

bool Major(const PlaceRecord& r, bool at_sentence_start) {
  std::string f = FixedField(r.feature, 8);
  if (r.level != static_cast<uint8_t>(PlaceLevel::kPlace) || f[0] == 'L' || f[0] == 'H' || f == "P.PPLC") return true;
  return !at_sentence_start && (f == "P.PPLA" || r.population >= 100000);
}

// A spelling skeleton that keeps where vowels are: consonants as written
// (French ch = sh, dj = j, c/q = k, doubled letters once), each run of vowels
// (a e i o u y w) as one '*', a leading al-/el- and a final -h dropped.
// "Deir Ezzor" and "Dayr az Zawr" share "d*r*z*r"; "Euphrate" is "*ph*r*t*".
std::string Skeleton(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += w;
  if (s.size() > 5 && (s.compare(0, 2, "al") == 0 || s.compare(0, 2, "el") == 0)) s.erase(0, 2);
  std::string k;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c < 'a' || c > 'z') continue;
    if (c == 'c' && i + 1 < s.size() && s[i + 1] == 'h') c = 's';
    else if (c == 'd' && i + 1 < s.size() && s[i + 1] == 'j') continue;
    else if (c == 'q' || c == 'c') c = 'k';
    bool vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'w';
    if (vowel) c = '*';
    if (c == 'h' && i + 1 == s.size() && !k.empty() && k.back() == '*') continue;
    if (!k.empty() && k.back() == c) continue;
    k.push_back(c);
  }
  return k;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// Phrases ending in "de"/"le"/"la" also stand for their elided and
// contracted forms ("près d'Alep", "au nord du Liban").
std::vector<std::vector<std::string>> Variants(std::vector<std::string> words) {
  std::vector<std::vector<std::string>> out{words};
  if (words.empty()) return out;
  std::string last = words.back();
  words.pop_back();
  auto with = [&](std::initializer_list<const char*> tail) {
    auto v = words;
    for (const char* t : tail) v.push_back(t);
    out.push_back(v);
  };
  if (last == "de") {
    with({"d'"}), with({"du"}), with({"des"}), with({"de", "la"}), with({"de", "l'"});
  } else if (last == "le" || last == "la") {
    with({"l'"});
  }
  return out;
}

}  // namespace

struct PlaceFinder::Match {
  uint32_t tb = 0, te = 0;
  bool loose = false, drop = false, force_admin1 = false, demonym = false;
  bool common = false;          // an ordinary word of the document's language
  bool sentence_start = false;
  std::string skeleton;         // of the text, for loose matches
  std::vector<uint32_t> cands;  // postings
  std::vector<double> score;
  int best = -1;
  LocationPrecision precision = LocationPrecision::kPlace;
  Span relation;
};

StatusOr<std::unique_ptr<PlaceFinder>> PlaceFinder::Create(const Gazetteer& gazetteer, const std::string& lexicon_dir,
                                                           std::vector<std::string>* warnings) {
  static const std::map<std::string, Kind> kKinds = {
      {"near", Kind::kNear}, {"between", Kind::kBetween}, {"road", Kind::kRoad}, {"link", Kind::kLink},
      {"admin1_before", Kind::kAdmin1Before}, {"admin1_after", Kind::kAdmin1After}, {"title", Kind::kTitle}};
  auto f = std::unique_ptr<PlaceFinder>(new PlaceFinder(gazetteer));
  std::error_code ec;
  for (const auto& dir : std::filesystem::directory_iterator(lexicon_dir, ec)) {
    std::string path = dir.path().string() + "/places.tsv";
    if (!std::filesystem::exists(path)) continue;
    auto t = ReadTsv(path, {"phrase", "kind"});
    if (!t.ok()) return t.status();
    Lexicon& lex = f->lex_[dir.path().filename().string()];
    for (const auto& e : t->errors) warnings->push_back(e);
    for (const auto& r : t->rows) {
      const std::string& kind = r.cells[t->Column("kind")];
      const std::string& phrase = r.cells[t->Column("phrase")];
      if (kind == "stop") {
        lex.stop.insert(ExactKey(NameWords(phrase)));
        continue;
      }
      if (kind == "person") {
        lex.person.insert(ExactKey(NameWords(phrase)));
        continue;
      }
      auto k = kKinds.find(kind);
      if (k == kKinds.end()) {
        warnings->push_back(path + ":" + std::to_string(r.line) + ": unknown kind '" + kind + "'; row skipped");
        continue;
      }
      for (const auto& v : Variants(PhraseMatcher::FoldedTokens(phrase)))
        lex.phrases.AddTokens(v, static_cast<int32_t>(k->second));
    }
  }
  if (f->lex_.empty()) warnings->push_back(lexicon_dir + ": no places.tsv; place phrases are not read");
  return f;
}

const PlaceFinder::Lexicon& PlaceFinder::LexiconFor(const std::string& lang) const {
  static const Lexicon kEmpty;
  auto it = lex_.find(lang);
  if (it != lex_.end()) return it->second;
  it = lex_.find("en");
  return it != lex_.end() ? it->second : kEmpty;
}

bool PlaceFinder::EndsWith(const Document& doc, const Lexicon& lex, uint32_t tok, Kind kind, Span* span) const {
  for (uint32_t k = 1; k <= 5 && k <= tok; ++k) {
    for (const auto& m : lex.phrases.MatchAt(doc.tokens, tok - k, tok)) {
      if (m.end != tok || m.value != static_cast<int32_t>(kind)) continue;
      uint32_t b = tok - k;
      if (b > 0 && doc.tokens[b - 1].kind == TokenKind::kNumber) --b;  // "à 20 km de"
      *span = {doc.tokens[b].span.begin, doc.tokens[tok - 1].span.end};
      return true;
    }
  }
  return false;
}

// The scanning loop is the hot path: one hash lookup per word while the
// gazetteer says a longer name may follow, and the loose key only where no
// exact name starts.
std::vector<PlaceFinder::Match> PlaceFinder::Scan(const Document& doc, const Lexicon& lex) const {
  const auto& toks = doc.tokens;
  const uint32_t n = static_cast<uint32_t>(toks.size());
  const uint8_t common_flag = CommonWordFlag(doc.lang), known_flag = KnownWordFlag(doc.lang);
  std::unordered_set<std::string_view> lower, persons;
  std::vector<bool> sentence_start(n + 1, false);
  for (const auto& t : toks)
    if (t.kind == TokenKind::kWord && !t.capitalized) lower.insert(t.fold);
  for (const auto& s : doc.sentences) sentence_start[s.tok_begin] = true;
  // The (at most two) capitalised words after position `i` name a person.
  auto person_follows = [&](uint32_t i) {
    uint32_t j = i + 1;
    for (; j < n && j <= i + 2 && toks[j].kind == TokenKind::kWord && toks[j].capitalized; ++j)
      persons.insert(toks[j].fold);
    return j;
  };
  std::vector<Match> out;
  uint32_t last_end = 0;
  for (uint32_t i = 0; i < n && out.size() < kMaxMentionsPerDocument; ++i) {
    // A name starts at a capitalised word, or at a lower-case Arabic article
    // glued to one ("d'al-Qaïm").
    bool article = (toks[i].fold == "al" || toks[i].fold == "el") && i + 2 < n && Joiner(toks[i + 1]) &&
                   toks[i + 2].capitalized;
    if (toks[i].kind != TokenKind::kWord || !(toks[i].capitalized || article)) continue;
    std::string key;
    std::vector<std::string> words;
    std::vector<uint32_t> ends;
    uint32_t best_end = 0;
    uint8_t best_flags = 0;
    std::span<const uint32_t> post;
    for (uint32_t j = i; j < n && IsWord(toks[j]) && words.size() < kMaxWordsPerName;) {
      if (!words.empty()) key.push_back(' ');
      key += toks[j].fold;
      words.push_back(toks[j].fold);
      ends.push_back(++j);
      auto l = gaz_.Find(key);
      if (l.found && !l.postings.empty()) best_end = j, post = l.postings, best_flags = l.flags;
      if (!l.found || !l.prefix) break;
      while (j + 1 < n && Joiner(toks[j]) && !toks[j + 1].space_before && IsWord(toks[j + 1])) ++j;
    }
    // A given name ("John", "Marie") is a person unless a longer place name starts with it.
    if (lex.person.count(toks[i].fold) && (best_end == 0 || best_end == i + 1)) {
      i = person_follows(i) - 1;
      continue;
    }
    bool loose = false;
    Span unused;
    bool before_admin1 = EndsWith(doc, lex, i, Kind::kAdmin1Before, &unused);
    if (best_end == 0) {
      for (size_t w = std::min<size_t>(words.size(), 3); w >= 1 && best_end == 0; --w) {
        std::string lk = LooseKey(words, 0, w);
        if (lk.empty()) continue;
        auto l = gaz_.Find(std::string(1, kLooseKeyMarker) + lk);
        if (l.found && !l.postings.empty()) best_end = ends[w - 1], post = l.postings, loose = true;
        // A word the dictionary knows is spelled as itself, not a variant of a name.
        for (size_t k = 0; loose && k < w && known_flag; ++k) loose = !(gaz_.Find(words[k]).flags & known_flag);
        if (best_end && !loose) {
          best_end = 0;
          break;
        }
      }
    }
    if (best_end == 0) continue;
    Match m;
    m.tb = i, m.te = best_end, m.loose = loose;
    m.common = !loose && (best_flags & common_flag);
    m.sentence_start = sentence_start[i];
    m.cands.assign(post.begin(), post.end());
    std::string mkey;
    size_t nwords = 0;
    std::vector<std::string> mwords;
    for (uint32_t k = i; k < best_end; ++k)
      if (IsWord(toks[k])) mkey += (nwords++ ? " " : "") + toks[k].fold, mwords.push_back(toks[k].fold);
    if (loose) m.skeleton = Skeleton(mwords);
    bool reject = lex.stop.count(mkey) > 0;
    // Later words of a name are capitalised or particles ("La force" is not La Force).
    for (uint32_t k = i + 1; k < best_end; ++k)
      reject |= toks[k].kind == TokenKind::kWord && !toks[k].capitalized && toks[k].fold.size() > 3;
    bool acronym = nwords == 1 && AllUpper(doc.Slice(toks[i].span));
    if (nwords == 1) {
      reject |= lower.count(toks[i].fold) > 0;
      const Token* prev = i > 0 ? &toks[i - 1] : nullptr;
      reject |= prev && prev->kind == TokenKind::kWord && prev->capitalized && !sentence_start[i - 1] &&
                last_end != i && !lex.stop.count(prev->fold);
      if (toks[i].fold.size() < 3 || (acronym && toks[i].fold.size() <= 5)) {
        reject |= !acronym;
        std::erase_if(m.cands, [&](uint32_t p) {
          return gaz_.place(p & kPostingIndexMask).level == static_cast<uint8_t>(PlaceLevel::kPlace) &&
                 FixedField(gaz_.place(p & kPostingIndexMask).feature, 8)[0] != 'L';
        });
      }
    }
    if (loose) reject |= sentence_start[i] || acronym || (LooseKey(words, 0, nwords).size() < 3 && !before_admin1);
    Span title;
    if (EndsWith(doc, lex, i, Kind::kTitle, &title)) {
      reject = true;
      persons.insert(toks[i].fold);
      person_follows(i);
    }
    if (reject || m.cands.empty()) {
      i = best_end - 1;
      continue;
    }
    last_end = best_end;
    out.push_back(std::move(m));
    i = best_end - 1;
  }
  // A word this document uses as a person's name is not a place anywhere in it.
  std::erase_if(out, [&](const Match& m) { return m.te == m.tb + 1 && persons.count(toks[m.tb].fold); });
  return out;
}

void PlaceFinder::Relate(const Document& doc, const Lexicon& lex, std::vector<Match>* ms) const {
  const auto& toks = doc.tokens;
  bool pair_open = false, chain = false;
  for (size_t k = 0; k < ms->size(); ++k) {
    Match& m = (*ms)[k];
    Span sp;
    bool linked = k > 0 && m.tb - (*ms)[k - 1].te <= 2 && EndsWith(doc, lex, m.tb, Kind::kLink, &sp);
    if (EndsWith(doc, lex, m.tb, Kind::kNear, &sp)) {
      m.precision = LocationPrecision::kNear, m.relation = sp;
    } else if (EndsWith(doc, lex, m.tb, Kind::kBetween, &sp) || EndsWith(doc, lex, m.tb, Kind::kRoad, &sp)) {
      m.precision = LocationPrecision::kNear, m.relation = sp;
      pair_open = true;
      chain = false;
      continue;
    } else if (pair_open && linked) {
      m.precision = LocationPrecision::kNear, m.relation = sp;
    }
    pair_open = false;
    // Province phrases, and the lists that follow one.
    if (EndsWith(doc, lex, m.tb, Kind::kAdmin1Before, &sp)) {
      m.force_admin1 = true, m.relation = sp, chain = true;
    } else if (chain && k > 0 && m.precision == LocationPrecision::kPlace) {
      const Match& p = (*ms)[k - 1];
      bool ok = m.tb - p.te <= kMaxAdmin1ChainGap && doc.SentenceOfToken(p.te - 1) == doc.SentenceOfToken(m.tb);
      for (uint32_t t = p.te; ok && t < m.tb; ++t) ok = toks[t].kind != TokenKind::kWord || !toks[t].capitalized;
      m.force_admin1 = chain = ok;
    } else {
      chain = false;
    }
    auto after = lex.phrases.MatchAt(toks, m.te, std::min<uint32_t>(m.te + 2, toks.size()));
    for (const auto& a : after) {
      if (a.value != static_cast<int32_t>(Kind::kAdmin1After)) continue;
      m.force_admin1 = true;
      m.relation = {toks[a.begin].span.begin, toks[a.end - 1].span.end};
      break;
    }
  }
}

void PlaceFinder::Resolve(std::vector<Match>* ms) const {
  // Priors, and the votes of each mention's best prior for its country and province.
  std::unordered_map<std::string, double> country_votes, local_votes, admin1_votes;
  std::vector<std::pair<std::string, std::string>> voted(ms->size());
  for (size_t k = 0; k < ms->size(); ++k) {
    Match& m = (*ms)[k];
    m.score.resize(m.cands.size());
    for (size_t c = 0; c < m.cands.size(); ++c) {
      const PlaceRecord& r = gaz_.place(m.cands[c] & kPostingIndexMask);
      // Provinces and countries carry no population: they count as a large
      // city and a very large one.
      double pop = r.level == static_cast<uint8_t>(PlaceLevel::kCountry)  ? 1e7
                   : r.level == static_cast<uint8_t>(PlaceLevel::kAdmin1) ? 1e6
                                                                          : double{r.population};
      double s = std::log10(pop + 10);
      if (m.cands[c] & kPostingPreferred) s += 1.5;
      if (r.level == static_cast<uint8_t>(PlaceLevel::kCountry)) s += 5;
      if (r.level == static_cast<uint8_t>(PlaceLevel::kAdmin1)) s += m.force_admin1 ? 20 : 1;
      // A province named after its seat ("Homs", "Idlib") or after its big
      // city ("New York", "Liverpool", same main name in the same country):
      // the bare name is the city.
      bool seat = FixedField(r.feature, 8) == "P.PPLA";
      bool big = r.population >= 100000 && (m.cands[c] & kPostingPreferred);
      if ((seat || big) && !m.force_admin1 && r.level == static_cast<uint8_t>(PlaceLevel::kPlace)) {
        for (uint32_t o : m.cands) {
          const PlaceRecord& a = gaz_.place(o & kPostingIndexMask);
          if (a.level != static_cast<uint8_t>(PlaceLevel::kAdmin1)) continue;
          bool inside = seat && FixedField(a.admin1, 8) == FixedField(r.admin1, 8);
          bool same_name = big && FixedField(a.country, 2) == FixedField(r.country, 2) &&
                           ExactKey(NameWords(gaz_.str(a.name))) == ExactKey(NameWords(gaz_.str(r.name)));
          if (inside || same_name) {
            s += 4;
            break;
          }
        }
      }
      s += FeatureBonus(FixedField(r.feature, 8));
      if (m.loose) s -= kLoosePenalty;
      m.score[c] = s;
    }
    if (m.loose || m.common || m.cands.empty()) continue;
    size_t b = std::max_element(m.score.begin(), m.score.end()) - m.score.begin();
    const PlaceRecord& r = gaz_.place(m.cands[b] & kPostingIndexMask);
    voted[k] = {FixedField(r.country, 2), FixedField(r.admin1, 8)};
    country_votes[voted[k].first] += 1;
    if (r.level != static_cast<uint8_t>(PlaceLevel::kCountry)) local_votes[voted[k].first] += 1;
    if (!voted[k].second.empty()) admin1_votes[voted[k].second] += 1;
  }
  // The country the story happens in: most towns and provinces, else most mentions.
  std::string top_country;
  auto& votes = local_votes.empty() ? country_votes : local_votes;
  for (const auto& [cc, v] : votes)
    if (top_country.empty() || v > votes[top_country]) top_country = cc;
  for (size_t k = 0; k < ms->size(); ++k) {
    Match& m = (*ms)[k];
    double best = -1e9;
    for (size_t c = 0; c < m.cands.size(); ++c) {
      const PlaceRecord& r = gaz_.place(m.cands[c] & kPostingIndexMask);
      std::string cc = FixedField(r.country, 2), a1 = FixedField(r.admin1, 8);
      bool in_country = country_votes[cc] - (voted[k].first == cc ? 1 : 0) > 0;
      bool in_admin1 = !a1.empty() && admin1_votes[a1] - (voted[k].second == a1 ? 1 : 0) > 0;
      if (m.loose) {
        bool major = r.level != static_cast<uint8_t>(PlaceLevel::kPlace) || r.population >= 20000 ||
                     FixedField(r.feature, 8).rfind("P.PPLA", 0) == 0 || FixedField(r.feature, 8) == "P.PPLC";
        // Loose matches only inside a named province or the story's country, spelled nearly alike.
        if (!major || !(in_admin1 || m.force_admin1 || cc == top_country)) continue;
        if (EditDistance(m.skeleton, Skeleton(NameWords(gaz_.str(r.name)))) > 1) continue;
      }
      // An ordinary word names only a large or a contextual place, by its own name.
      if (m.common && (!(m.cands[c] & kPostingPreferred) ||
                       !(Major(r, m.sentence_start) || (in_admin1 && !m.sentence_start))))
        continue;
      // A foreign village known only by an alternate name is not worth the risk.
      if (!(m.cands[c] & kPostingPreferred) && !in_country && r.population < kMinAlternatePopulation &&
          r.level == static_cast<uint8_t>(PlaceLevel::kPlace))
        continue;
      double s = m.score[c] + (in_country ? kContextCountryBonus : 0) + (in_admin1 ? kContextAdmin1Bonus : 0);
      if (s > best) best = s, m.best = static_cast<int>(c);
    }
    if (m.best < 0) m.drop = true;
  }
}

PlaceMention PlaceFinder::ToMention(const Document& doc, const Match& m) const {
  PlaceMention pm;
  pm.toks = {m.tb, m.te};
  pm.span = {doc.tokens[m.tb].span.begin, doc.tokens[m.te - 1].span.end};
  uint32_t posting = m.cands[m.best];
  uint32_t idx = posting & kPostingIndexMask;
  const PlaceRecord& r = gaz_.place(idx);
  if (m.force_admin1 && r.level == static_cast<uint8_t>(PlaceLevel::kPlace)) {
    int64_t a = gaz_.Admin1Index(FixedField(r.admin1, 8));
    if (a >= 0) idx = static_cast<uint32_t>(a);
  }
  gaz_.Describe(idx, &pm);
  pm.relation = m.relation;
  pm.precision = m.precision;
  if (pm.level == PlaceLevel::kAdmin1) pm.precision = LocationPrecision::kAdmin1;
  if (pm.level == PlaceLevel::kCountry) pm.precision = LocationPrecision::kCountry;
  bool demonym = pm.level == PlaceLevel::kCountry && !(posting & kPostingPreferred);
  pm.rule = demonym ? "demonym" : m.force_admin1 ? "province-phrase" : m.loose ? "gazetteer-loose" : "gazetteer";
  return pm;
}

std::vector<PlaceMention> PlaceFinder::Find(const Document& doc) const {
  const Lexicon& lex = LexiconFor(doc.lang);
  auto ms = Scan(doc, lex);
  Relate(doc, lex, &ms);
  Resolve(&ms);
  std::vector<PlaceMention> out;
  out.reserve(ms.size());
  for (const auto& m : ms)
    if (!m.drop) out.push_back(ToMention(doc, m));
  return out;
}

}  // namespace sitrep
