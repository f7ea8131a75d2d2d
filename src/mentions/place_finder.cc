#include "mentions/place_finder.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <unordered_map>

#include "gazetteer/name_key.h"
#include "lexicon/tsv.h"

namespace sitrep {
namespace {

constexpr double kContextCountryBonus = 2.5;
constexpr double kDominantCountryBonus = 3.0;
constexpr double kMinDominantWeight = 2;
constexpr uint32_t kProminentPopulation = 100000;
constexpr uint32_t kFamousPopulation = 1000000;
// A town under this size in a country no other name points to is dropped
// when the story's own country has at least this weight.
constexpr double kForeignTownWeight = 4;
constexpr uint32_t kMaxForeignTownPopulation = 100000;
constexpr double kContextAdmin1Bonus = 1.5;
constexpr double kWeakCountryShare = 0.25;
constexpr double kNearbyBonus = 2.0;
constexpr double kNearbyKm = 100;
constexpr double kLoosePenalty = 3.0;
constexpr int kMaxAdmin1ChainGap = 8;
constexpr uint32_t kMinAlternatePopulation = 50000;
// Journalists call towns of some tens of thousands villages; no city of this size.
constexpr uint32_t kMaxVillagePopulation = 200000;

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
  if (f == "L.CONT" || f == "L.RGN" || f == "H.OCN" || f == "H.SEA") return 6;
  return 0;
}

bool Major(const PlaceRecord& r, bool at_sentence_start) {
  std::string f = FixedField(r.feature, 8);
  if (r.level != static_cast<uint8_t>(PlaceLevel::kPlace) || f[0] == 'L' || f[0] == 'H' || f == "P.PPLC") return true;
  return !at_sentence_start && (f == "P.PPLA" || r.population >= 100000);
}

// A spelling skeleton that keeps where vowels are: consonants as written
// (French ch = sh, dj = j, c/q = k, doubled letters once), each run of vowels
// (a e i o u y w) as one '*', article words before another word ("an" of "Ma
// arrat an Nu man", "az" of "Az Zarbah"; kept when `articles`: "Deir Ezour"
// glues its article), a leading glued al-/el- and a final -h dropped. "Deir Ezzor" and "Dayr az Zawr" share "d*r*z*r";
// "Euphrate" is "*ph*r*t*".
std::string Skeleton(const std::vector<std::string>& words, bool articles = false) {
  std::string s;
  for (size_t i = 0; i < words.size(); ++i)
    if (articles || i + 1 == words.size() || !IsArticle(words[i])) s += words[i];
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

// A loose match must be spelled the same way up to transliteration: the same
// skeleton, or the text's with a final mute -e more ("Afrine", "Noomane").
// One edit more lets English words and surnames through ("Cauvery" is no
// Kovvur, "Conor" no Kenner, "Vassell" no Visalia).
bool SpelledAlike(const std::string& text, bool mute_e, const std::string& name) {
  if (text == name) return true;
  return mute_e && text.size() == name.size() + 1 && text.back() == '*' && text.compare(0, name.size(), name) == 0;
}

// With and without article words on either side ("Deir Ezour" glues the
// article that "Dayr az Zawr" writes apart).
bool SpelledAlike(const std::vector<std::string>& text, bool mute_e, const std::vector<std::string>& name) {
  std::string t[2] = {Skeleton(text), Skeleton(text, true)}, c[2] = {Skeleton(name), Skeleton(name, true)};
  for (const auto& a : t)
    for (const auto& b : c)
      if (SpelledAlike(a, mute_e, b)) return true;
  return false;
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

// "le 1er régiment de spahis de X", "the 2nd Battalion of X": a unit word
// at most four lower-case words before the "de"/"of" right before `i`.
bool EndsAUnitName(const std::vector<Token>& toks, const std::unordered_set<std::string>& unit, uint32_t i) {
  if (unit.empty() || i < 2) return false;
  const std::string& of = toks[i - 1].fold;
  if (of != "de" && of != "d'" && of != "du" && of != "of") return false;
  for (uint32_t k = i - 1, steps = 0; k-- > 0 && steps < 4; ++steps) {
    if (unit.count(toks[k].fold)) return true;
    if (toks[k].kind == TokenKind::kPunct || toks[k].capitalized) return false;
  }
  return false;
}

// `longer` is `name` and more words ("Oklahoma City" of "Oklahoma").
bool ExtendsName(std::string_view longer, std::string_view name) {
  std::string l = ExactKey(NameWords(longer)), s = ExactKey(NameWords(name));
  return !s.empty() && l.size() > s.size() && l.compare(0, s.size(), s) == 0 && l[s.size()] == ' ';
}

// Equirectangular distance: enough to tell 100 km from 1,000.
double ApproxKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = 3.14159265358979 / 180;
  double x = (lon2 - lon1) * kRad * std::cos((lat1 + lat2) / 2 * kRad), y = (lat2 - lat1) * kRad;
  return 6371 * std::sqrt(x * x + y * y);
}

}  // namespace

bool PlaceFinder::NearAnchor(const Evidence& ev, const std::string& key, const PlaceRecord& r) {
  // Another name of the same place (under a kilometre away) is no evidence.
  constexpr double kNearbyDegrees = kNearbyKm / 111.0;  // a degree of latitude is ~111 km
  for (const auto& a : ev.anchors) {
    if (std::fabs(a.lat - r.lat) > kNearbyDegrees || a.key == key) continue;
    double d = ApproxKm(a.lat, a.lon, r.lat, r.lon);
    if (d >= 1 && d <= kNearbyKm) return true;
  }
  return false;
}

struct PlaceFinder::Match {
  uint32_t tb = 0, te = 0;
  bool loose = false, drop = false, force_admin1 = false;
  bool modifier = false;        // glued to a modifier word: "US-led", "London-based"
  bool org = false;             // inside an organisation's, a vessel's or a unit's name ("Malaysia Airlines")
  bool truncated = false;       // part of a longer name the gazetteer does not know ("Ain" of "Ain Issa")
  bool common = false;          // an ordinary word of the document's language
  bool sentence_start = false;
  bool compound = false;        // the name heads a facility or feature name ("Thames Valley")
  // The province or country the text frames this name with ("X, in Y
  // province", "X (Douentza, Mopti)"): the index of that match, or -1.
  int frame = -1;
  bool bracketed_frame = false;  // the frame is ACLED-style context in brackets
  // The frame is a bare province name after a comma ("Snetterton, Norfolk"):
  // a reading inside it is taken, but a town with none is kept (the
  // gazetteer may file the town under another level of the same province).
  bool bare_frame = false;
  // A facility named after a place and followed by the town it is in
  // ("Collins Avenue in Miami Beach"): the index of that town's match, or -1.
  int site = -1;
  bool has_site_posting = false;
  uint32_t site_posting = 0;  // the town's chosen reading, once resolved
  std::string key;              // folded words of the name: one vote per distinct name
  std::vector<std::string> words;  // folded words of the text, for loose matches
  bool mute_e = false;          // the text ends in an -e a transliteration may lack
  std::vector<uint32_t> cands;  // postings
  std::vector<double> score;
  int best = -1;
  LocationPrecision precision = LocationPrecision::kPlace;
  Span relation;
  // The text calls the name a village ("the village of X", "X village", "X,
  // un village"): only small towns are kept, and a frame after the
  // description places it ("X, a village in northern Mali").
  bool village = false;
  uint32_t lead = 0;           // where the words before the name start ("the village of X")
  uint32_t described_end = 0;  // the token after the village word after the name, or te
};

StatusOr<std::unique_ptr<PlaceFinder>> PlaceFinder::Create(const Gazetteer& gazetteer, const std::string& lexicon_dir,
                                                           std::vector<std::string>* warnings) {
  static const std::map<std::string, Kind> kKinds = {
      {"near", Kind::kNear}, {"between", Kind::kBetween}, {"road", Kind::kRoad}, {"link", Kind::kLink},
      {"admin1_before", Kind::kAdmin1Before}, {"admin1_after", Kind::kAdmin1After}, {"title", Kind::kTitle},
      {"person_before", Kind::kPersonBefore}, {"person_after", Kind::kPersonAfter}, {"org_before", Kind::kOrgBefore},
      {"quarter_before", Kind::kQuarterBefore}, {"village_before", Kind::kVillageBefore},
      {"village_after", Kind::kVillageAfter}, {"village_apposition", Kind::kVillageApposition}};
  static const std::map<std::string, std::unordered_set<std::string> Lexicon::*> kWordSets = {
      {"stop", &Lexicon::stop},         {"person", &Lexicon::person}, {"feature", &Lexicon::feature},
      {"org", &Lexicon::org},           {"modifier", &Lexicon::modifier}, {"speech", &Lexicon::speech},
      {"unit", &Lexicon::unit},         {"quarter", &Lexicon::quarter}, {"site", &Lexicon::site},
      {"particle", &Lexicon::particle}, {"generic", &Lexicon::generic}, {"people", &Lexicon::people}};
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
      if (kind == "frame") {  // compared with tokens as folded: "d'", "'s"
        for (const auto& tok : PhraseMatcher::FoldedTokens(phrase)) lex.frame.insert(tok);
        continue;
      }
      if (auto w = kWordSets.find(kind); w != kWordSets.end()) {
        (lex.*(w->second)).insert(ExactKey(NameWords(phrase)));
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

uint32_t PlaceFinder::VillageAfter(const Document& doc, const Lexicon& lex, uint32_t e) const {
  const auto& toks = doc.tokens;
  const uint32_t n = static_cast<uint32_t>(toks.size());
  if (e >= n) return 0;
  bool comma = toks[e].kind == TokenKind::kPunct && toks[e].punct == ',';
  uint32_t at = comma ? e + 1 : e;
  Kind kind = comma ? Kind::kVillageApposition : Kind::kVillageAfter;
  for (const auto& a : lex.phrases.MatchAt(toks, at, std::min<uint32_t>(at + 4, n)))
    if (a.value == static_cast<int32_t>(kind) && doc.SentenceOfToken(a.end - 1) == doc.SentenceOfToken(e)) return a.end;
  return 0;
}

bool PlaceFinder::SaysSomething(const Document& doc, const Lexicon& lex, const DocParse* parse, uint32_t b,
                                uint32_t e) const {
  Span unused;
  if (EndsWith(doc, lex, b, Kind::kPersonBefore, &unused)) return true;
  const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
  // "..., Kelly said" but not "a man from Dewsbury said": only a name that
  // opens its clause (after punctuation or at a sentence start).
  bool opens = b == 0 || doc.tokens[b - 1].kind == TokenKind::kPunct || doc.SentenceOfToken(b - 1) != doc.SentenceOfToken(b);
  for (const auto& a : lex.phrases.MatchAt(doc.tokens, e, std::min<uint32_t>(e + 4, n)))
    if (opens && a.begin == e && a.value == static_cast<int32_t>(Kind::kPersonAfter)) return true;
  if (!parse || lex.speech.empty() || !parse->SentenceParsed(doc.SentenceOfToken(b))) return false;
  // The name's head word: the one whose head lies outside the name.
  for (uint32_t k = b; k < e; ++k) {
    int32_t h = parse->Head(k);
    if (h >= static_cast<int32_t>(b) && h < static_cast<int32_t>(e)) continue;
    const ParsedToken* verb = h >= 0 ? parse->Get(static_cast<uint32_t>(h)) : nullptr;
    return verb && parse->Relation(k) == Dep::kNsubj && verb->upos == Upos::kVerb &&
           lex.speech.count(ExactKey(NameWords(verb->lemma)));
  }
  return false;
}

// The scanning loop is the hot path: one hash lookup per word while the
// gazetteer says a longer name may follow, and the loose key only where no
// exact name starts.
std::vector<PlaceFinder::Match> PlaceFinder::Scan(const Document& doc, const Lexicon& lex,
                                                   const DocParse* parse) const {
  const auto& toks = doc.tokens;
  const uint32_t n = static_cast<uint32_t>(toks.size());
  const uint8_t common_flag = CommonWordFlag(doc.lang), known_flag = KnownWordFlag(doc.lang);
  std::unordered_set<std::string_view> lower, persons, surnames;
  // A small town's reading, dropped where the words say "a person".
  auto small_town = [&](uint32_t p) {
    const PlaceRecord& r = gaz_.place(p & kPostingIndexMask);
    std::string f = FixedField(r.feature, 8);
    return r.level == static_cast<uint8_t>(PlaceLevel::kPlace) && f[0] == 'P' && f != "P.PPLC" &&
           r.population < kProminentPopulation;
  };
  std::vector<bool> sentence_start(n + 1, false);
  for (const auto& t : toks)
    if (t.kind == TokenKind::kWord && !t.capitalized) lower.insert(t.fold);
  for (const auto& s : doc.sentences) sentence_start[s.tok_begin] = true;
  // Headlines in title case ("Gunmen Attack Harvey Farm", no full stop, most
  // words capitalised): capitals there say nothing of a first name.
  std::vector<bool> titled(n, false);
  for (const auto& s : doc.sentences) {
    if (s.tok_end <= s.tok_begin) continue;
    const Token& last = toks[s.tok_end - 1];
    if (last.kind == TokenKind::kPunct && (last.punct == '.' || last.punct == '!' || last.punct == '?')) continue;
    int words = 0, caps = 0;
    for (uint32_t t = s.tok_begin; t < s.tok_end; ++t)
      if (toks[t].kind == TokenKind::kWord && toks[t].fold.size() > 3) ++words, caps += toks[t].capitalized;
    if (words > 0 && caps * 5 > words * 3) std::fill(titled.begin() + s.tok_begin, titled.begin() + s.tok_end, true);
  }
  // The (at most two) capitalised words after position `i` name a person.
  // A particle between them belongs to the name ("Jean de La Fontaine").
  auto person_follows = [&](uint32_t i) {
    uint32_t j = i + 1;
    for (int words = 0; j < n && words < 2; ++j) {
      if (j + 1 < n && !toks[j].capitalized && lex.particle.count(toks[j].fold) && toks[j + 1].capitalized) continue;
      if (toks[j].kind != TokenKind::kWord || !toks[j].capitalized) break;
      persons.insert(toks[j].fold);
      ++words;
    }
    return j;
  };
  std::vector<Match> out;
  uint32_t last_end = 0;
  for (uint32_t i = 0; i < n && out.size() < kMaxMentionsPerDocument; ++i) {
    // A name starts at a capitalised word, or at a lower-case Arabic article
    // glued to one ("d'al-Qaïm").
    bool article = (toks[i].fold == "al" || toks[i].fold == "el") && i + 2 < n && Joiner(toks[i + 1]) &&
                   toks[i + 2].capitalized;
    // Or at a lower-case generic head the language writes before a sea's or
    // an ocean's name ("mer Rouge", "golfe Persique"): the whole is the name.
    bool generic = !toks[i].capitalized && i + 1 < n && toks[i + 1].capitalized && toks[i].kind == TokenKind::kWord &&
                   lex.generic.count(toks[i].fold) > 0;
    if (toks[i].kind != TokenKind::kWord || !(toks[i].capitalized || article || generic)) continue;
    // A province's abbreviation with its dot after a town and a comma, or in
    // brackets ("Slidell, La.", "Walker County (Ga.)"): the gazetteer keeps
    // it as the word and the dot (regions.tsv), a key no plain word makes.
    if (i >= 2 && i + 1 < n && toks[i + 1].kind == TokenKind::kPunct && toks[i + 1].punct == '.' &&
        !toks[i + 1].space_before && toks[i - 1].kind == TokenKind::kPunct &&
        (toks[i - 1].punct == ',' || toks[i - 1].punct == '(') && toks[i - 2].kind == TokenKind::kWord &&
        toks[i - 2].capitalized) {
      auto l = gaz_.Find(toks[i].fold + ".");
      if (l.found && !l.postings.empty()) {
        Match m;
        m.tb = i, m.te = i + 1, m.force_admin1 = true;
        m.cands.assign(l.postings.begin(), l.postings.end());
        m.key = toks[i].fold + ".";
        last_end = i + 1;
        out.push_back(std::move(m));
        continue;
      }
    }
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
      // An abbreviation's dot before the rest of the name ("St. Louis", "Mt.
      // Vernon"): a short word the gazetteer continues, glued to its dot.
      if (j + 1 < n && toks[j].kind == TokenKind::kPunct && toks[j].punct == '.' && !toks[j].space_before &&
          words.back().size() <= 3 && toks[j + 1].kind == TokenKind::kWord && toks[j + 1].capitalized)
        ++j;
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
      // No exact name starts here: a transliterated one may span more words
      // than the exact keys reached ("Maarat al-Noomane", "Bulo Burde"), so
      // the loose key also takes the capitalised words and articles after it,
      // up to a word that starts a known name itself ("WWF France").
      for (uint32_t j = ends.back(); words.size() < 3;) {
        if (j + 1 < n && Joiner(toks[j]) && !toks[j + 1].space_before && IsWord(toks[j + 1])) ++j;
        if (j + 1 >= n || toks[j].kind != TokenKind::kWord || sentence_start[j] ||
            !(toks[j].capitalized || IsArticle(toks[j].fold)))
          break;
        if (toks[j].capitalized) {
          auto l = gaz_.Find(toks[j].fold);
          if (l.found && (l.prefix || !l.postings.empty())) break;
        }
        words.push_back(toks[j].fold);
        ends.push_back(++j);
      }
      for (size_t w = std::min<size_t>(words.size(), 3); w >= 1 && best_end == 0; --w) {
        std::string lk = LooseKey(words, 0, w);
        if (lk.empty()) continue;
        auto l = gaz_.Find(std::string(1, kLooseKeyMarker) + lk);
        if (l.found && !l.postings.empty()) best_end = ends[w - 1], post = l.postings, loose = true;
        // A word the dictionary knows is spelled as itself, not a variant of a name.
        for (size_t k = 0; loose && k < w && known_flag; ++k)
          loose = (k > 0 && IsArticle(words[k])) || !(gaz_.Find(words[k]).flags & known_flag);
        if (best_end && !loose) {
          best_end = 0;
          break;
        }
      }
    }
    if (best_end == 0 || (generic && (best_end < i + 2 || loose))) continue;
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
    if (loose) m.mute_e = mkey.back() == 'e', m.words = std::move(mwords);
    bool reject = lex.stop.count(mkey) > 0;
    // Later words of a name are capitalised or particles ("La force" is not
    // La Force), unless only provinces and regions bear the name: a region
    // may end in a nationality adjective ("Kurdistan irakien", "Sahel burkinabè").
    bool regions_only = std::none_of(m.cands.begin(), m.cands.end(), [&](uint32_t p) {
      return gaz_.place(p & kPostingIndexMask).level == static_cast<uint8_t>(PlaceLevel::kPlace);
    });
    for (uint32_t k = i + 1; k < best_end && !regions_only; ++k)
      reject |= toks[k].kind == TokenKind::kWord && !toks[k].capitalized && toks[k].fold.size() > 3;
    // A word in capitals is an acronym ("US", "NSW"), except a dateline's
    // town: at a sentence start before a comma, a bracket or a dash ("CAIRO -",
    // "SEOUL, South Korea", "DALLAS (AP)").
    bool dateline = sentence_start[i] && best_end < n && toks[best_end].kind == TokenKind::kPunct &&
                    (toks[best_end].punct == ',' || toks[best_end].punct == '(' || toks[best_end].punct == '-' ||
                     toks[best_end].punct == U'\u2013' || toks[best_end].punct == U'\u2014' || toks[best_end].punct == ':');
    bool acronym = nwords == 1 && AllUpper(doc.Slice(toks[i].span)) && !dateline;
    // Where the written name starts: before a glued Arabic article ("al-Arab").
    const uint32_t start =
        i >= 2 && Joiner(toks[i - 1]) && (toks[i - 2].fold == "al" || toks[i - 2].fold == "el") ? i - 2 : i;
    // A people's name ("the Arab states", "Hema militias") is no town.
    if (lex.people.count(mkey)) std::erase_if(m.cands, [&](uint32_t p) {
      const PlaceRecord& r = gaz_.place(p & kPostingIndexMask);
      return r.level == static_cast<uint8_t>(PlaceLevel::kPlace) && r.feature[0] == 'P';
    });
    if (nwords == 1) {
      reject |= lower.count(toks[i].fold) > 0;
      const Token* prev = start > 0 ? &toks[start - 1] : nullptr;
      bool after_name = prev && prev->kind == TokenKind::kWord && prev->capitalized && !sentence_start[start - 1] &&
                        last_end != start && !lex.stop.count(prev->fold);
      // After another capitalised word the name keeps only its larger
      // readings: a country, a province, a capital or a city of 100,000
      // ("In Washington", "Air Zimbabwe", "The Washington Post", "HSBC
      // Malta"), not a small town that is also a surname ("Stephon Clark",
      // "Stormy Daniels", "Manager Tara Boyle"). A first name is no ordinary
      // word ("Stephon"; not "Attack On Harvey"): after one, the surname keeps
      // only its larger readings in the whole document. Title-case headlines
      // say nothing either way: the name is dropped there.
      bool ordinary = after_name && (lower.count(prev->fold) > 0 ||
                                     (common_flag && (gaz_.Find(prev->fold).flags & common_flag)));
      if (after_name && !titled[start] && !ordinary &&
          std::none_of(prev->fold.begin(), prev->fold.end(), [](char c) { return c >= '0' && c <= '9'; }))
        surnames.insert(toks[i].fold);
      // A name after a particle that follows a capitalised word naming no
      // place and no dictionary word is a surname ("Cédric de Pierrepont",
      // "Ahmed ould Abdallah"); not "Saint-Louis du Sénégal", "Port de Beyrouth".
      if (start >= 2 && lex.particle.count(toks[start - 1].fold) && !toks[start - 1].capitalized &&
          toks[start - 2].kind == TokenKind::kWord && toks[start - 2].capitalized && !titled[start]) {
        auto before = gaz_.Find(toks[start - 2].fold);
        if (!(before.found && !before.postings.empty()) && !(known_flag && (before.flags & known_flag)) &&
            !lex.stop.count(toks[start - 2].fold))
          surnames.insert(toks[i].fold), std::erase_if(m.cands, small_town);
      }
      if (after_name && titled[start]) reject = true;
      else if (after_name) std::erase_if(m.cands, small_town);
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
    // A capitalised run after the name that holds a feature word ("Thames
    // Valley", "Heathrow Animal Reception Center", "Wilson's Farm"): the
    // whole is a facility or feature named after the place.
    // An organisation head in that run ("Gulf Air", "Tehran Times", "Africa
    // Command", "Agence France-Presse") makes it no place at all.
    uint32_t run = best_end;
    if (run + 1 < n && toks[run].fold == "'s" && toks[run + 1].capitalized) ++run;
    auto glued = [&](uint32_t t) {
      return t + 1 < n && Joiner(toks[t]) && !toks[t].space_before && !toks[t + 1].space_before;
    };
    for (int w = 0; run < n && w < 4; ++run) {
      if (glued(run)) continue;
      if (toks[run].kind != TokenKind::kWord || !toks[run].capitalized) break;
      ++w;
      if (lex.org.count(toks[run].fold)) {
        m.org = true;
        break;
      }
      if (!lex.feature.count(toks[run].fold)) continue;
      m.compound = true;
      best_end = m.te = run + 1;
    }
    m.modifier = glued(m.te) && lex.modifier.count(toks[m.te + 1].fold) > 0;
    m.org |= EndsWith(doc, lex, i, Kind::kOrgBefore, &unused) || EndsAUnitName(toks, lex.unit, i);
    // "the Midan neighbourhood of Damascus", "le quartier d'Achrafieh": a
    // quarter of a city is no town of its own; the city named with it is the place.
    m.org |= (m.te < n && toks[m.te].kind == TokenKind::kWord && lex.quarter.count(toks[m.te].fold)) ||
             EndsWith(doc, lex, i, Kind::kQuarterBefore, &unused);
    // After a province or relative phrase the name is a place, whatever follows
    // ("the province of Idlib Nusra Front fighters", with no comma).
    m.org &= !before_admin1 && !EndsWith(doc, lex, i, Kind::kNear, &unused);
    // A name the text calls a village ("the village of X", "X village", "X,
    // a small village", "le village de X", "X, un hameau") is no capital or
    // city of 200,000 ("Bonn village in Zamfara State", "Madina, a village
    // in Mali"). With no reading left it is a village the gazetteer lacks,
    // and its province or country stands for it.
    m.lead = start;
    if (!m.compound && !m.org) {
      Span before;
      bool described_before = EndsWith(doc, lex, start, Kind::kVillageBefore, &before);
      uint32_t after = VillageAfter(doc, lex, m.te);
      if (described_before || after) {
        m.village = true;
        m.described_end = after ? after : m.te;
        if (described_before)
          m.lead = static_cast<uint32_t>(
              std::lower_bound(toks.begin(), toks.end(), before.begin,
                               [](const Token& t, uint32_t b) { return t.span.begin < b; }) -
              toks.begin());
        // A province or country stays: "le village de Seine-et-Marne" is a
        // village in it.
        std::erase_if(m.cands, [&](uint32_t p) {
          const PlaceRecord& r = gaz_.place(p & kPostingIndexMask);
          return r.level == static_cast<uint8_t>(PlaceLevel::kPlace) &&
                 (r.population >= kMaxVillagePopulation || FixedField(r.feature, 8) == "P.PPLC");
        });
      }
    }
    // More name words right after ("Ain Issa", "Ain al-Arab"), or this name
    // right after another one with nothing between.
    const uint32_t nx = m.te;
    bool more = nx < n && !sentence_start[nx] &&
                ((toks[nx].kind == TokenKind::kWord && toks[nx].capitalized && !lex.stop.count(toks[nx].fold) &&
                  !(known_flag && (gaz_.Find(toks[nx].fold).flags & known_flag))) ||
                 ((toks[nx].fold == "al" || toks[nx].fold == "el") && nx + 2 < n && Joiner(toks[nx + 1]) &&
                  toks[nx + 2].capitalized));
    m.truncated = more || (start > 0 && last_end == start && IsWord(toks[start - 1]) && !out.empty() &&
                           out.back().truncated);
    // A person by what is said of them: only a country, province, capital or
    // big city survives as a metonym ("Moscow said").
    bool compound_head = m.te < n && toks[m.te].kind == TokenKind::kWord && toks[m.te].capitalized;
    // Written like a person's name: after an initial ("Jon R. Taylor"), or
    // glued by a hyphen to a capitalised word that names no place
    // ("Diaz-Balart": a double-barrelled name; not "Nelson-Creston", and
    // countries survive anyway).
    bool initial = start >= 2 && toks[start - 1].kind == TokenKind::kPunct && toks[start - 1].punct == '.' &&
                   toks[start - 2].capitalized && toks[start - 2].fold.size() == 1;
    auto unknown_name = [&](uint32_t t) {
      return toks[t].kind == TokenKind::kWord && toks[t].capitalized && !gaz_.Find(toks[t].fold).found;
    };
    bool barrelled = (glued(m.te) && unknown_name(m.te + 1)) || (start >= 2 && glued(start - 1) && unknown_name(start - 2));
    if (!reject && nwords == 1 &&
        (initial || barrelled || (!compound_head && SaysSomething(doc, lex, parse, i, m.te)))) {
      std::erase_if(m.cands, small_town);
      if (m.cands.empty()) persons.insert(toks[i].fold);
    }
    if (reject || m.cands.empty()) {
      i = best_end - 1;
      continue;
    }
    m.key = std::move(mkey);
    last_end = best_end;
    out.push_back(std::move(m));
    i = best_end - 1;
  }
  // A word this document uses as a person's name is not a place anywhere in
  // it; one it writes after a first name ("Stephon Clark ... Clark's
  // family") keeps only its larger readings.
  std::erase_if(out, [&](const Match& m) { return m.te == m.tb + 1 && persons.count(toks[m.tb].fold); });
  for (Match& m : out)
    if (m.te == m.tb + 1 && surnames.count(toks[m.tb].fold)) std::erase_if(m.cands, small_town);
  std::erase_if(out, [](const Match& m) { return m.cands.empty(); });
  return out;
}

void PlaceFinder::Relate(const Document& doc, const Lexicon& lex, std::vector<Match>* ms) const {
  const auto& toks = doc.tokens;
  const uint8_t known_flag = KnownWordFlag(doc.lang);
  bool pair_open = false, chain = false;
  for (size_t k = 0; k < ms->size(); ++k) {
    Match& m = (*ms)[k];
    Span sp;
    bool linked = k > 0 && m.tb - (*ms)[k - 1].te <= 2 && EndsWith(doc, lex, m.tb, Kind::kLink, &sp);
    // "near the village of X": the relation stands before the village words.
    if (EndsWith(doc, lex, m.tb, Kind::kNear, &sp) || (m.lead < m.tb && EndsWith(doc, lex, m.lead, Kind::kNear, &sp))) {
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
    // Province phrases, and the lists that follow one. A province word that
    // already ends the name before ("the Mopti region of Mali", "Idlib
    // province of Syria") is no phrase before this one: "of" joins its country.
    uint32_t prev_end = 0;
    if (k > 0) {
      const Match& p = (*ms)[k - 1];
      prev_end = toks[p.te - 1].span.end;
      if (!p.relation.empty() && p.relation.begin >= toks[p.tb].span.begin) prev_end = std::max(prev_end, p.relation.end);
    }
    if (EndsWith(doc, lex, m.tb, Kind::kAdmin1Before, &sp) && sp.begin >= prev_end) {
      m.force_admin1 = true, m.relation = sp, chain = true;
    } else if (chain && k > 0 && m.precision == LocationPrecision::kPlace) {
      const Match& p = (*ms)[k - 1];
      // A country's name never continues a list of provinces ("la région
      // d'Indelimane (Mali)": Mali is the country around it).
      bool country = std::any_of(m.cands.begin(), m.cands.end(), [&](uint32_t c) {
        return gaz_.place(c & kPostingIndexMask).level == static_cast<uint8_t>(PlaceLevel::kCountry);
      });
      bool ok = !country && m.tb - p.te <= kMaxAdmin1ChainGap && doc.SentenceOfToken(p.te - 1) == doc.SentenceOfToken(m.tb);
      for (uint32_t t = p.te; ok && t < m.tb; ++t) ok = toks[t].kind != TokenKind::kWord || !toks[t].capitalized;
      m.force_admin1 |= ok;  // an abbreviation ("La.") stays a province
      chain = ok;
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
    // "in Kadji, Tillaberi", "à Tin-Ezzou, Gao": capitalised words the
    // gazetteer does not know after a word of place, then a comma and a name
    // that is also a province's. The province frames the village, as in
    // ACLED's "village, province"; its seat of the same name is another place.
    if (m.force_admin1 || m.loose || m.truncated || m.precision != LocationPrecision::kPlace || m.tb < 3 ||
        toks[m.tb - 1].kind != TokenKind::kPunct || toks[m.tb - 1].punct != ',' ||
        (m.te < toks.size() && toks[m.te].kind == TokenKind::kWord && toks[m.te].capitalized))
      continue;
    // Not a capital or a city of a million ("the Convention Centre, Dublin"),
    // and the name before opens with no dictionary word ("Ministry of
    // Information Technology, Abuja"; "Intahaka Sud" is a name).
    bool province = false, town = false, city = false;
    for (uint32_t c : m.cands) {
      const PlaceRecord& r = gaz_.place(c & kPostingIndexMask);
      province |= r.level == static_cast<uint8_t>(PlaceLevel::kAdmin1);
      bool t = r.level == static_cast<uint8_t>(PlaceLevel::kPlace);
      town |= t;
      city |= t && (r.population >= kFamousPopulation || FixedField(r.feature, 8) == "P.PPLC");
    }
    if (!province || !town || city) continue;
    uint32_t b = m.tb - 1;  // the comma
    int words = 0;
    while (b > 1 && words < 3) {
      const Token& w = toks[b - 1];
      if (w.kind == TokenKind::kWord && w.capitalized) --b, ++words;
      else if (Joiner(w) && toks[b - 2].kind == TokenKind::kWord && toks[b - 2].capitalized) --b;
      else break;
    }
    if (words == 0 || b == 0 || (known_flag && (gaz_.Find(toks[b].fold).flags & known_flag)) || (k > 0 && (*ms)[k - 1].te > b) || doc.SentenceOfToken(b) != doc.SentenceOfToken(m.tb) ||
        doc.sentences[doc.SentenceOfToken(b)].tok_begin == b)
      continue;
    const Token& before = toks[b - 1];
    bool of_place = (before.kind == TokenKind::kWord && !before.capitalized && lex.site.count(before.fold) > 0) ||
                    EndsWith(doc, lex, b, Kind::kNear, &sp) || EndsWith(doc, lex, b, Kind::kVillageBefore, &sp);
    if (of_place) m.force_admin1 = true;
  }
}

double PlaceFinder::Prior(const Match& m, size_t c) const {
  const PlaceRecord& r = gaz_.place(m.cands[c] & kPostingIndexMask);
  const uint8_t level = r.level;
  // Countries carry no population: they count as a very large place. A
  // province counts its towns' people (builder), or as a large city when
  // none are known.
  double pop = level == static_cast<uint8_t>(PlaceLevel::kCountry) ? 1e7
               : level == static_cast<uint8_t>(PlaceLevel::kAdmin1)
                   ? (r.population > 0 ? static_cast<double>(r.population) : 1e6)
                   : static_cast<double>(r.population);
  double s = std::log10(pop + 10);
  if (m.cands[c] & kPostingPreferred) s += 1.5;
  if (level == static_cast<uint8_t>(PlaceLevel::kCountry)) s += 5;
  if (level == static_cast<uint8_t>(PlaceLevel::kAdmin1)) s += m.force_admin1 ? 20 : 1;
  s += FeatureBonus(FixedField(r.feature, 8));
  if (m.loose) s -= kLoosePenalty;
  return s;
}

void PlaceFinder::Resolve(std::vector<Match>* ms) const {
  for (Match& m : *ms) {
    m.score.resize(m.cands.size());
    for (size_t c = 0; c < m.cands.size(); ++c) m.score[c] = Prior(m, c);
    // A province named after its seat ("Homs", "Idlib") or after its big
    // city ("New York", "Liverpool", same main name in the same country):
    // the bare name is the city, which takes the province's rank.
    if (m.force_admin1) continue;
    for (size_t c = 0; c < m.cands.size(); ++c) {
      const PlaceRecord& r = gaz_.place(m.cands[c] & kPostingIndexMask);
      bool seat = FixedField(r.feature, 8) == "P.PPLA";
      // Also when the text writes the city in another language ("le Caire"):
      // both main names are the same.
      bool big = r.population >= 100000;
      if (!(seat || big) || r.level != static_cast<uint8_t>(PlaceLevel::kPlace)) continue;
      for (size_t o = 0; o < m.cands.size(); ++o) {
        const PlaceRecord& a = gaz_.place(m.cands[o] & kPostingIndexMask);
        if (a.level != static_cast<uint8_t>(PlaceLevel::kAdmin1)) continue;
        // Not a seat whose own name is the province's and more ("Oklahoma
        // City"): written alone, "Oklahoma" is the state.
        bool inside = seat && FixedField(a.admin1, 8) == FixedField(r.admin1, 8) &&
                      !ExtendsName(gaz_.str(r.name), gaz_.str(a.name));
        bool same_name = big && FixedField(a.country, 2) == FixedField(r.country, 2) &&
                         ExactKey(NameWords(gaz_.str(a.name))) == ExactKey(NameWords(gaz_.str(r.name)));
        if (inside || same_name) m.score[c] = std::max(m.score[c], m.score[o] + 0.5);
      }
    }
  }
  // First pass: each mention's best prior. Then twice: the document's
  // evidence from the current choices, and a choice in its light.
  std::vector<int> choice(ms->size(), -1);
  for (size_t k = 0; k < ms->size(); ++k) {
    const Match& m = (*ms)[k];
    if (!m.cands.empty()) choice[k] = static_cast<int>(std::max_element(m.score.begin(), m.score.end()) - m.score.begin());
  }
  for (int pass = 0; pass < 2; ++pass) {
    Evidence ev = Gather(*ms, choice, pass > 0);
    for (size_t k = 0; k < ms->size(); ++k) {
      Match& m = (*ms)[k];
      m.best = Choose(m, ev);
      m.drop = m.best < 0;
      choice[k] = m.best;
    }
  }
}

// Each distinct name votes once, for the country and province of its current
// choice: twice as much when it is unambiguous (a country, a province, a
// capital, a name with one candidate, a city of 100,000), once otherwise.
// Ordinary words do not vote; loose matches only once their spelling and
// place were checked (`settled`).
PlaceFinder::Evidence PlaceFinder::Gather(const std::vector<Match>& ms, const std::vector<int>& choice,
                                          bool settled) const {
  Evidence ev;
  for (size_t k = 0; k < ms.size(); ++k) {
    const Match& m = ms[k];
    if (choice[k] < 0 || (m.loose && !(settled && m.force_admin1)) || m.common || m.modifier || m.org || m.truncated) continue;
    const PlaceRecord& r = gaz_.place(m.cands[choice[k]] & kPostingIndexMask);
    // Ties go to the country named more often.
    std::string mcc = FixedField(r.country, 2);
    if (!mcc.empty()) {
      ev.mentions[mcc] += 1;
      if (r.level != static_cast<uint8_t>(PlaceLevel::kCountry)) ev.local_mentions[mcc] += 1;
    }
    if (ev.votes.count(m.key)) continue;
    Evidence::Vote v;
    v.country = FixedField(r.country, 2);
    v.admin1 = FixedField(r.admin1, 8);
    v.local = r.level != static_cast<uint8_t>(PlaceLevel::kCountry);
    bool demonym = !v.local && !(m.cands[choice[k]] & kPostingPreferred);
    v.weight = !demonym && (m.cands.size() == 1 || r.level != static_cast<uint8_t>(PlaceLevel::kPlace) ||
                            FixedField(r.feature, 8) == "P.PPLC" || r.population >= kProminentPopulation)
                   ? 2
                   : 1;
    if (v.country.empty()) continue;
    ev.country[v.country] += v.weight;
    if (v.local) ev.local[v.country] += v.weight;
    if (!v.admin1.empty()) ev.admin1[v.admin1] += v.weight;
    if (v.local && v.weight >= 2 && ev.anchors.size() < kMaxAnchors)
      ev.anchors.push_back({m.key, r.lat, r.lon});
    ev.votes.emplace(m.key, std::move(v));
  }
  return ev;
}

int PlaceFinder::Choose(const Match& m, const Evidence& ev) const {
  // The evidence without this name's own vote.
  const Evidence::Vote* own = nullptr;
  if (auto it = ev.votes.find(m.key); it != ev.votes.end()) own = &it->second;
  auto without = [&](const std::unordered_map<std::string, double>& votes, const std::string& key, bool mine) {
    auto it = votes.find(key);
    double v = it == votes.end() ? 0 : it->second;
    return v - (mine ? own->weight : 0);
  };
  // The country the story happens in: most weight of towns and provinces,
  // else of all names (a country named alone is often an actor).
  std::string top;
  double top_weight = 0;
  bool any_local = false;
  for (const auto& [cc, v] : ev.local) any_local |= without(ev.local, cc, own && own->local && own->country == cc) > 0;
  const auto& votes = any_local ? ev.local : ev.country;
  const auto& mentions = any_local ? ev.local_mentions : ev.mentions;
  auto count = [&](const std::string& cc) {
    auto it = mentions.find(cc);
    return it == mentions.end() ? 0 : it->second;
  };
  for (const auto& [cc, v] : votes) {
    double w = without(votes, cc, own && own->country == cc && (own->local || !any_local));
    if (w <= 0) continue;
    if (w > top_weight || (w == top_weight && (count(cc) > count(top) || (count(cc) == count(top) && cc < top))))
      top = cc, top_weight = w;
  }
  // A name shared with a country competes only with it; a facility named
  // after a province, a country or a sea is somewhere inside it, we cannot
  // say where ("Florida Atlantic University", "Northwestern Memorial").
  bool country_named = false;
  for (uint32_t p : m.cands) {
    const PlaceRecord& r = gaz_.place(p & kPostingIndexMask);
    bool large = r.level != static_cast<uint8_t>(PlaceLevel::kPlace) || r.feature[0] == 'L' || r.feature[0] == 'H';
    if (m.compound && large && (p & kPostingPreferred)) return -1;
    country_named |= r.level == static_cast<uint8_t>(PlaceLevel::kCountry);
  }
  int best = -1;
  double best_score = -1e9;
  for (size_t c = 0; c < m.cands.size(); ++c) {
    const PlaceRecord& r = gaz_.place(m.cands[c] & kPostingIndexMask);
    std::string cc = FixedField(r.country, 2), a1 = FixedField(r.admin1, 8);
    std::string f = FixedField(r.feature, 8);
    bool place = r.level == static_cast<uint8_t>(PlaceLevel::kPlace);
    // Continents, oceans and world regions belong to every story; world
    // cities need no context to outrank a namesake town.
    bool everywhere = cc.empty();
    bool famous = place && !country_named &&
                  (r.population >= kFamousPopulation || (f == "P.PPLC" && r.population >= kProminentPopulation));
    bool in_country = everywhere || without(ev.country, cc, own && own->country == cc) > 0;
    double admin1_weight = a1.empty() ? 0 : without(ev.admin1, a1, own && own->admin1 == a1);
    bool in_admin1 = admin1_weight > 0;
    // A province the story names unambiguously is as much the story's ground
    // as its main country: "the landscape around Hinton" in a story naming
    // Alberta is in Alberta, whichever country has more names.
    bool dominant = everywhere || famous || (cc == top && top_weight >= kMinDominantWeight) ||
                    admin1_weight >= kMinDominantWeight;
    if (m.loose) {
      bool major = !place || r.population >= 20000 || f.rfind("P.PPLA", 0) == 0 || f == "P.PPLC";
      // Loose matches only inside a named province or the story's country, spelled nearly alike.
      if (!major || !(in_admin1 || m.force_admin1 || (cc == top && top_weight > 0))) continue;
      if (!SpelledAlike(m.words, m.mute_e, NameWords(gaz_.str(r.name)))) continue;
    }
    // An ordinary word names only a large or a contextual place, by its own name.
    if (m.common && (!(m.cands[c] & kPostingPreferred) ||
                     !(Major(r, m.sentence_start) || (in_admin1 && !m.sentence_start))))
      continue;
    // An ordinary word names a province only in a country the story names,
    // once the story's country is clear ("the West Coast" of an American
    // story is no region of the Gambia).
    if (m.common && !m.force_admin1 && r.level == static_cast<uint8_t>(PlaceLevel::kAdmin1) && !in_country &&
        top_weight >= kMinDominantWeight)
      continue;
    // A foreign village known only by an alternate name is not worth the
    // risk, nor any foreign town so known once the story's country is clear.
    if (!(m.cands[c] & kPostingPreferred) && !in_country && place && !famous &&
        (r.population < kMinAlternatePopulation || top_weight >= kMinDominantWeight))
      continue;
    // Part of a longer unknown name: only in a country the document names.
    if (m.truncated && !in_country && !famous && r.level != static_cast<uint8_t>(PlaceLevel::kCountry) &&
        !(place && r.population >= kProminentPopulation))
      continue;
    // A facility or feature named after a place: a town of the story's
    // country or named province (near it), never a province, a country or
    // a sea (the facility is somewhere in it, we cannot say where).
    if (m.compound && (!place || !(cc == top || in_admin1))) continue;
    // A small foreign town in a story that clearly happens elsewhere: its
    // country carries under a quarter of the story's weight.
    bool weak = !everywhere && without(votes, cc, own && own->country == cc && (own->local || !any_local)) <
                                   kWeakCountryShare * top_weight;
    if (place && (!in_country || weak) && top_weight >= kForeignTownWeight &&
        r.population < kMaxForeignTownPopulation && f != "P.PPLC")
      continue;
    double s = m.score[c] + (in_country ? kContextCountryBonus : 0) + (dominant ? kDominantCountryBonus : 0) +
               // Inside a named province and near another name of the story are
               // one piece of evidence when both hold (the province's towns are
               // near each other): the larger counts, not the sum.
               std::max(in_admin1 ? kContextAdmin1Bonus : 0, place && NearAnchor(ev, m.key, r) ? kNearbyBonus : 0);
    if (s > best_score) best_score = s, best = static_cast<int>(c);
  }
  return best;
}

// ACLED-style context in brackets after a name: "Boni (Douentza, Mopti)",
// "Kidal town (Kidal)", "Bulo Burto (Hiraan)". The bracket holds only place
// names (and commas or lower-case words such as "province") and follows a
// capitalised word, or one lower-case word after one ("town"). Its names
// are the place's district and province, not sites: each is read as its
// province (a district named after its seat, Douentza, becomes the seat's
// province), and the name before the bracket must lie inside the last one.
// When that name is not in the gazetteer, the province is all that is known.
void PlaceFinder::Bracket(const Document& doc, std::vector<Match>* ms) const {
  const auto& toks = doc.tokens;
  const uint32_t n = static_cast<uint32_t>(toks.size());
  auto punct = [&](uint32_t t, char32_t c) { return toks[t].kind == TokenKind::kPunct && toks[t].punct == c; };
  for (size_t k = 0; k < ms->size(); ++k) {
    const uint32_t tb = (*ms)[k].tb;
    if (tb < 2 || !punct(tb - 1, '(')) continue;
    const uint32_t open = tb - 1;
    uint32_t close = open + 1;
    while (close < n && close < open + kMaxBracketTokens && !punct(close, ')') && !punct(close, '(')) ++close;
    if (close >= n || !punct(close, ')') || doc.SentenceOfToken(open) != doc.SentenceOfToken(close)) continue;
    // Every capitalised word or number inside belongs to a name.
    size_t last = k;
    while (last + 1 < ms->size() && (*ms)[last + 1].te <= close) ++last;
    bool only_names = true;
    for (uint32_t t = open + 1, j = static_cast<uint32_t>(k); t < close && only_names; ++t) {
      while (j <= last && (*ms)[j].te <= t) ++j;
      const Token& tok = toks[t];
      only_names = (j <= last && t >= (*ms)[j].tb) ||
                   (tok.kind == TokenKind::kPunct ? tok.punct == ',' || tok.punct == '-'
                                                  : tok.kind == TokenKind::kWord && !tok.capitalized);
    }
    // ACLED's context ends in a province ("(Douentza, Mopti)", "(Kidal)");
    // a town in brackets in prose ("Fig Leaf Boutique (Maywood)") is a town.
    bool province = std::any_of((*ms)[last].cands.begin(), (*ms)[last].cands.end(), [&](uint32_t c) {
      return gaz_.place(c & kPostingIndexMask).level == static_cast<uint8_t>(PlaceLevel::kAdmin1);
    });
    if (!only_names || !province) continue;
    // What the bracket follows: a capitalised word, or a settlement word after one.
    uint32_t w = open - 1;
    if (toks[w].kind == TokenKind::kWord && !toks[w].capitalized && w > 0 && toks[w - 1].capitalized) --w;
    if (toks[w].kind != TokenKind::kWord || !toks[w].capitalized) continue;
    Span span{toks[open].span.begin, toks[close].span.end};
    for (size_t j = k; j <= last; ++j) {
      Match& item = (*ms)[j];
      // A loosely spelled item keeps the loose rules (it needs the story's
      // context); a country stays the country ("la région d'Indelimane (Mali)").
      bool country = std::any_of(item.cands.begin(), item.cands.end(), [&](uint32_t c) {
        return gaz_.place(c & kPostingIndexMask).level == static_cast<uint8_t>(PlaceLevel::kCountry);
      });
      if (item.precision != LocationPrecision::kPlace || item.loose || country) continue;
      item.force_admin1 = true;
      item.relation = span;
    }
    if (k > 0 && (*ms)[k - 1].te == w + 1) {
      (*ms)[k - 1].frame = static_cast<int>(last);
      (*ms)[k - 1].bracketed_frame = true;
    }
    k = last;
  }
}

// "X, dans la province de Y", "X in Syria's Y province", "X, Mali": a town
// followed by a province phrase, or by a country, with only commas and
// framing words (kind `frame`: "in", "dans", "la") between, lies in it.
void PlaceFinder::Frame(const Document& doc, const Lexicon& lex, std::vector<Match>* ms) const {
  const auto& toks = doc.tokens;
  for (size_t k = 0; k + 1 < ms->size(); ++k) {
    Match& m = (*ms)[k];
    if (m.frame >= 0 || m.force_admin1) continue;
    const Match& q = (*ms)[k + 1];
    // A facility or street named after a place, then "in" and a town: it is
    // in that town ("Collins Avenue in Miami Beach", "Loyola University in
    // Los Angeles"), not in its namesake.
    if (m.compound && !q.force_admin1 && q.precision == LocationPrecision::kPlace && q.tb > m.te &&
        q.tb - m.te <= kMaxFrameGap && doc.SentenceOfToken(m.tb) == doc.SentenceOfToken(q.tb)) {
      bool in = false, framing = true;
      for (uint32_t t = m.te; t < q.tb && framing; ++t) {
        in |= lex.site.count(toks[t].fold) > 0;
        framing = (toks[t].kind == TokenKind::kPunct && toks[t].punct == ',') || lex.frame.count(toks[t].fold) > 0 ||
                  lex.site.count(toks[t].fold) > 0;
      }
      if (in && framing) {
        m.site = static_cast<int>(k + 1);
        continue;
      }
    }
    uint32_t until = q.tb;
    if (q.force_admin1 && !q.relation.empty() && q.relation.end <= toks[q.tb].span.begin) {
      auto at = std::lower_bound(toks.begin(), toks.end(), q.relation.begin,
                                 [](const Token& t, uint32_t b) { return t.span.begin < b; });
      until = static_cast<uint32_t>(at - toks.begin());
    }
    // After "X village" or "X, a village" the frame follows the description.
    const uint32_t from = m.village ? m.described_end : m.te;
    if (until < from || until - from > kMaxFrameGap || doc.SentenceOfToken(m.tb) != doc.SentenceOfToken(q.tb)) continue;
    bool framing = true;
    for (uint32_t t = from; t < until && framing; ++t)
      framing = (toks[t].kind == TokenKind::kPunct && toks[t].punct == ',') || lex.frame.count(toks[t].fold) > 0;
    // A province phrase ("Rityan Aleppo countryside" may lack its comma), or
    // a name that can be a country after a comma or framing word ("Star
    // India" is one name); Confine checks what it became.
    bool country = until > m.te && std::any_of(q.cands.begin(), q.cands.end(), [&](uint32_t c) {
      return gaz_.place(c & kPostingIndexMask).level == static_cast<uint8_t>(PlaceLevel::kCountry);
    });
    // A province right after a comma ("Boise, Idaho", "Washington, D.C.",
    // the AP dateline's form); Confine keeps it only if it became a province.
    bool province = until == m.te + 1 && toks[m.te].kind == TokenKind::kPunct && toks[m.te].punct == ',' &&
                    std::any_of(q.cands.begin(), q.cands.end(), [&](uint32_t c) {
                      return gaz_.place(c & kPostingIndexMask).level == static_cast<uint8_t>(PlaceLevel::kAdmin1);
                    });
    if (framing && (q.force_admin1 || country || province)) {
      m.frame = static_cast<int>(k + 1);
      m.bare_frame = !q.force_admin1 && !country;
    }
  }
}

// A framed name keeps only readings inside its frame: the best one there, or,
// when none is, it is dropped if the frame is ACLED-style context or the
// reading a small town (a foreign namesake of a village the gazetteer lacks).
void PlaceFinder::Confine(std::vector<Match>* ms) const {
  // A facility followed by the town it is in takes that town's reading.
  for (Match& m : *ms) {
    if (m.site < 0) continue;
    const Match& q = (*ms)[m.site];
    if (q.drop || q.best < 0) continue;
    const PlaceRecord& r = gaz_.place(q.cands[q.best] & kPostingIndexMask);
    if (r.level != static_cast<uint8_t>(PlaceLevel::kPlace) || r.feature[0] != 'P') continue;
    m.has_site_posting = true, m.site_posting = q.cands[q.best], m.drop = false;
  }
  for (Match& m : *ms) {
    if (m.frame < 0 || m.drop || m.best < 0) continue;
    // Only towns are confined (not countries, continents or seas), and a
    // province framed by another one takes its town of that name there
    // ("Washington, D.C.").
    const PlaceRecord& own = gaz_.place(m.cands[m.best] & kPostingIndexMask);
    const Match& f = (*ms)[m.frame];
    if (f.drop || f.best < 0) continue;
    const PlaceRecord& fr = gaz_.place(f.cands[f.best] & kPostingIndexMask);
    bool by_country = fr.level == static_cast<uint8_t>(PlaceLevel::kCountry);
    // A village read as a foreign province ("Médine, un village du
    // Burkina Faso" is no Al Madinah) is confined by its country too.
    bool town = (own.level == static_cast<uint8_t>(PlaceLevel::kPlace) && own.feature[0] == 'P') ||
                (m.village && by_country && own.level == static_cast<uint8_t>(PlaceLevel::kAdmin1));
    bool province_in_province = own.level == static_cast<uint8_t>(PlaceLevel::kAdmin1) && !by_country &&
                                FixedField(own.admin1, 8) != FixedField(fr.admin1, 8);
    if (!town && !province_in_province) continue;
    if (!by_country && !f.force_admin1 && fr.level != static_cast<uint8_t>(PlaceLevel::kAdmin1)) continue;
    const std::string cc = FixedField(fr.country, 2), a1 = FixedField(fr.admin1, 8);
    auto inside = [&](size_t c) {
      const PlaceRecord& r = gaz_.place(m.cands[c] & kPostingIndexMask);
      return FixedField(r.country, 2) == cc && (by_country || FixedField(r.admin1, 8) == a1);
    };
    if (inside(static_cast<size_t>(m.best))) continue;
    int best = -1;
    for (size_t c = 0; c < m.cands.size(); ++c) {
      const PlaceRecord& r = gaz_.place(m.cands[c] & kPostingIndexMask);
      if (province_in_province && (r.level != static_cast<uint8_t>(PlaceLevel::kPlace) || r.feature[0] != 'P')) continue;
      if (inside(c) && (best < 0 || m.score[c] > m.score[best])) best = static_cast<int>(c);
    }
    if (province_in_province && best < 0) continue;
    const PlaceRecord& r = gaz_.place(m.cands[m.best] & kPostingIndexMask);
    bool small = r.level == static_cast<uint8_t>(PlaceLevel::kPlace) && r.population < kProminentPopulation &&
                 FixedField(r.feature, 8) != "P.PPLC";
    if (best >= 0) m.best = best;
    else if (m.bracketed_frame || ((small || m.village) && !m.bare_frame)) m.drop = true;
  }
}

// The story's town: the town most of the document's place names resolve to
// (at least kMinStoryTownMentions of them, more than any other town). A
// facility or street named after a faraway namesake ("the Rogers Centre" in a
// Toronto story, "Hampton Avenue" in a St. Louis one) is in it, near; one
// whose namesake lies in the story's province or near its town keeps it
// ("Colchester General Hospital").
void PlaceFinder::Situate(std::vector<Match>* ms) const {
  std::unordered_map<uint32_t, int> count;
  for (const Match& m : *ms) {
    if (m.drop || m.best < 0 || m.compound || m.org || m.modifier || m.has_site_posting) continue;
    const PlaceRecord& r = gaz_.place(m.cands[m.best] & kPostingIndexMask);
    if (r.level == static_cast<uint8_t>(PlaceLevel::kPlace) && r.feature[0] == 'P') ++count[m.cands[m.best]];
  }
  uint32_t town = 0;
  int most = 0, second = 0;
  for (const auto& [posting, c] : count) {
    if (c > most || (c == most && posting < town)) second = most, most = c, town = posting;
    else if (c > second) second = c;
  }
  if (most < kMinStoryTownMentions || most == second) return;
  const PlaceRecord& t = gaz_.place(town & kPostingIndexMask);
  for (Match& m : *ms) {
    if (!m.compound || m.drop || m.best < 0 || m.has_site_posting) continue;
    const PlaceRecord& r = gaz_.place(m.cands[m.best] & kPostingIndexMask);
    bool same_province = FixedField(r.admin1, 8) == FixedField(t.admin1, 8) && !FixedField(t.admin1, 8).empty();
    if (same_province || ApproxKm(r.lat, r.lon, t.lat, t.lon) <= kNearbyKm) continue;
    m.has_site_posting = true, m.site_posting = town;
  }
}

PlaceMention PlaceFinder::ToMention(const Document& doc, const Match& m) const {
  PlaceMention pm;
  pm.toks = {m.tb, m.te};
  pm.span = {doc.tokens[m.tb].span.begin, doc.tokens[m.te - 1].span.end};
  uint32_t posting = m.has_site_posting ? m.site_posting : m.cands[m.best];
  uint32_t idx = posting & kPostingIndexMask;
  const PlaceRecord& r = gaz_.place(idx);
  if (m.force_admin1 && r.level == static_cast<uint8_t>(PlaceLevel::kPlace)) {
    int64_t a = gaz_.Admin1Index(FixedField(r.admin1, 8));
    if (a >= 0) idx = static_cast<uint32_t>(a);
  }
  gaz_.Describe(idx, &pm);
  pm.relation = m.relation;
  pm.precision = m.compound ? LocationPrecision::kNear : m.precision;
  if (pm.level == PlaceLevel::kAdmin1) pm.precision = LocationPrecision::kAdmin1;
  if (pm.level == PlaceLevel::kCountry) pm.precision = LocationPrecision::kCountry;
  bool demonym = pm.level == PlaceLevel::kCountry && !(posting & kPostingPreferred);
  pm.rule = m.org ? "organisation" : m.modifier ? "modifier" : demonym ? "demonym" : m.force_admin1 ? "province-phrase" : m.loose ? "gazetteer-loose" : "gazetteer";
  return pm;
}

std::vector<PlaceMention> PlaceFinder::Find(const Document& doc, const DocParse* parse, BudgetLog* budget,
                                            size_t max_candidates, const std::vector<DateMention>* dates) const {
  const Lexicon& lex = LexiconFor(doc.lang);
  auto ms = Scan(doc, lex, parse);
  // "Mon Oct 31 2016": a word a date holds is no place ("Mon State"). Both
  // lists are in text order: one merge-like pass.
  if (dates && !dates->empty()) {
    size_t d = 0;
    std::erase_if(ms, [&](const Match& m) {
      while (d < dates->size() && (*dates)[d].toks.end <= m.tb) ++d;
      return d < dates->size() && (*dates)[d].toks.begin <= m.tb && (*dates)[d].toks.end >= m.te;
    });
  }
  for (auto& m : ms) {
    if (m.cands.size() <= max_candidates) continue;
    m.cands.resize(max_candidates);  // the builder ranks postings best first
    if (budget) budget->Dropped(Budget::kCandidatesPerPlaceName);
  }
  Relate(doc, lex, &ms);
  Bracket(doc, &ms);
  Frame(doc, lex, &ms);
  Resolve(&ms);
  Confine(&ms);
  Situate(&ms);
  std::vector<PlaceMention> out;
  out.reserve(ms.size());
  for (const auto& m : ms)
    if (!m.drop) out.push_back(ToMention(doc, m));
  return out;
}

}  // namespace sitrep
