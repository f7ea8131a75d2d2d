// Reading counts: at each token, an optional qualifier, then digits (with
// group separators, decimals and a scale word), number words composed by
// the usual French and English rules, or a collective; then the checks that
// throw out numbers that are not counts, and the search for the noun.
#include "mentions/number_finder.h"

#include <cmath>
#include <filesystem>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "lexicon/phrase_matcher.h"
#include "lexicon/word_table.h"
#include "lexicon/tsv.h"
#include "text/fold.h"

namespace sitrep {
namespace {

enum class WordKind : uint8_t { kUnit, kHundred, kScale, kCollective, kCollectivePlural, kOrdinal, kPartitive };
enum class Qual : uint8_t { kFloor, kApprox, kCeiling, kCollectiveArticle, kLabel };

struct NumberWord {
  int64_t value = 0;
  WordKind kind = WordKind::kUnit;
};

struct Noun {
  std::string fold, cls;
};

// Digits to a number; a run too long for 64 bits saturates (no overflow).
int64_t ToInt(std::string_view s) {
  int64_t v = 0;
  for (char c : s) {
    if (v > (INT64_MAX - 9) / 10) return INT64_MAX;
    v = v * 10 + (c - '0');
  }
  return v;
}

// No count of people, vehicles or strikes reaches a trillion: a larger
// figure (or one that overflowed) is no count.
constexpr double kMaxCount = 1e12;
constexpr uint32_t kTollReach = 16;  // words from a toll noun to its bare figure ("the death toll from the bombing in X has risen to 14")

const char* QualName(Qual q) {
  switch (q) {
    case Qual::kFloor:
      return "floor";
    case Qual::kApprox:
      return "approx";
    case Qual::kCeiling:
      return "ceiling";
    default:
      return "";
  }
}

}  // namespace

class NumberLexicon {
 public:
  WordTable<NumberWord> words;  // folded
  PhraseMatcher qualifiers;                           // value: Qual
  PhraseMatcher nouns;                                // value: index into noun_list
  std::vector<Noun> noun_list;
  WordTable<bool> months;  // folded name -> needs a capital
  WordTable<bool> weekdays;
  WordTable<bool> labels;
  WordTable<bool> count_verbs;  // one-word phrases of count_verbs.tsv, folded ("killing", "blessant")
};

namespace {

Status LoadNumberWords(const std::string& path, NumberLexicon* lex,
                       std::vector<std::string>* warnings) {
  static const std::unordered_map<std::string, WordKind> kKinds = {
      {"unit", WordKind::kUnit},
      {"hundred", WordKind::kHundred},
      {"scale", WordKind::kScale},
      {"collective", WordKind::kCollective},
      {"collective_plural", WordKind::kCollectivePlural},
      {"ordinal", WordKind::kOrdinal},
      {"partitive", WordKind::kPartitive}};
  auto t = ReadTsv(path, {"word", "value", "kind"});
  if (!t.ok()) return t.status();
  for (const auto& e : t->errors) warnings->push_back(e);
  int cw = t->Column("word"), cv = t->Column("value"), ck = t->Column("kind");
  for (const auto& row : t->rows) {
    auto k = kKinds.find(row.cells[ck]);
    if (k == kKinds.end()) {
      warnings->push_back(path + ":" + std::to_string(row.line) + ": unknown kind '" +
                          row.cells[ck] + "'");
      continue;
    }
    lex->words.Set(Fold(row.cells[cw]), {std::atoll(row.cells[cv].c_str()), k->second});
  }
  return Status::Ok();
}

Status LoadQualifiers(const std::string& path, NumberLexicon* lex,
                      std::vector<std::string>* warnings) {
  static const std::unordered_map<std::string, Qual> kKinds = {
      {"floor", Qual::kFloor},
      {"approx", Qual::kApprox},
      {"ceiling", Qual::kCeiling},
      {"collective_article", Qual::kCollectiveArticle},
      {"label", Qual::kLabel}};
  auto t = ReadTsv(path, {"phrase", "kind"});
  if (!t.ok()) return t.status();
  for (const auto& e : t->errors) warnings->push_back(e);
  int cp = t->Column("phrase"), ck = t->Column("kind");
  for (const auto& row : t->rows) {
    auto k = kKinds.find(row.cells[ck]);
    if (k == kKinds.end()) {
      warnings->push_back(path + ":" + std::to_string(row.line) + ": unknown kind '" +
                          row.cells[ck] + "'");
      continue;
    }
    if (k->second == Qual::kLabel)
      lex->labels.Set(Fold(row.cells[cp]), true);
    else
      lex->qualifiers.Add(row.cells[cp], static_cast<int32_t>(k->second));
  }
  return Status::Ok();
}

Status LoadNouns(const std::string& path, NumberLexicon* lex, std::vector<std::string>* warnings) {
  auto t = ReadTsv(path, {"noun", "class"});
  if (!t.ok()) return t.status();
  for (const auto& e : t->errors) warnings->push_back(e);
  int cn = t->Column("noun"), cc = t->Column("class");
  for (const auto& row : t->rows) {
    lex->nouns.Add(row.cells[cn], static_cast<int32_t>(lex->noun_list.size()));
    lex->noun_list.push_back({Fold(row.cells[cn]), row.cells[cc]});
  }
  return Status::Ok();
}

// Month and day names from dates.tsv, to recognise dates ("le 25 mai").
Status LoadCalendarNames(const std::string& path, NumberLexicon* lex) {
  auto t = ReadTsv(path, {"phrase", "kind"});
  if (!t.ok()) return t.status();
  int cp = t->Column("phrase"), ck = t->Column("kind"), cf = t->Column("flags");
  for (const auto& row : t->rows) {
    bool cap = cf >= 0 && cf < static_cast<int>(row.cells.size()) && row.cells[cf] == "cap";
    if (row.cells[ck] == "month") lex->months.Set(Fold(row.cells[cp]), cap);
    if (row.cells[ck] == "weekday") lex->weekdays.Set(Fold(row.cells[cp]), true);
  }
  return Status::Ok();
}

// The one-word verbs of count_verbs.tsv: a spelled-out number right after
// one counts its victims ("injured nine", "blessant trois").
Status LoadCountVerbs(const std::string& path, NumberLexicon* lex) {
  auto t = ReadTsv(path, {"phrase", "role"});
  if (!t.ok()) return t.status();
  int cp = t->Column("phrase");
  for (const auto& row : t->rows)
    if (row.cells[cp].find(' ') == std::string::npos) lex->count_verbs.Set(Fold(row.cells[cp]), true);
  return Status::Ok();
}

// A number read at some token: its tokens, value and how it was written.
struct Reading {
  uint32_t end = 0;
  double value = 0;
  const char* rule = "";
  bool plural_collective = false;
  bool lone_one = false;  // "un", "une", "one" by themselves
  bool words = false;     // spelled out
};

class Scanner {
 public:
  Scanner(const Document& doc, const NumberLexicon& lex) : doc_(doc), lex_(lex) {}

  void ScanSentence(const Sentence& s, std::vector<NumberMention>* out) {
    s_begin_ = s.tok_begin;
    s_end_ = s.tok_end;
    for (uint32_t i = s_begin_; i < s_end_;) {
      uint32_t next = i + 1;
      if (auto m = ReadAt(i)) {
        next = m->toks.end;
        ElidedNoun(*out, &*m);
        out->push_back(std::move(*m));
      }
      i = next;
    }
  }

 private:
  const Token& Tok(uint32_t i) const { return doc_.tokens[i]; }
  bool In(uint32_t i) const { return i < s_end_; }

  // "douze morts dans les rangs de l'armée et dix-huit parmi les rebelles",
  // "12 dead among the troops and 18 among the rebels": a number after
  // "and" whose own noun does not follow it counts what the count before it
  // in the sentence counted (the noun is left out, not changed).
  void ElidedNoun(const std::vector<NumberMention>& before, NumberMention* m) const {
    uint32_t b = m->toks.begin, e = m->toks.end;
    if (before.empty() || b <= s_begin_ || !In(e)) return;
    const NumberMention& p = before.back();
    if (p.toks.begin < s_begin_ || p.toks.end + 8 < b) return;
    if (p.noun_class != "killed" && p.noun_class != "injured") return;
    if (!IsCoordinator(Tok(b - 1).fold)) return;
    if (!m->noun.empty() && m->noun.begin == Tok(e).span.begin) return;  // "et dix-huit blessés"
    if (Tok(e).kind != TokenKind::kWord) return;
    m->noun_class = p.noun_class;
    m->noun_fold = p.noun_fold;
    m->noun = {};
    m->elided = true;
  }
  bool Punct(uint32_t i, char32_t c) const {
    return In(i) && Tok(i).kind == TokenKind::kPunct && Tok(i).punct == c;
  }
  bool Glued(uint32_t i) const { return In(i) && !Tok(i).space_before; }
  const NumberWord* Word(uint32_t i) const {
    if (!In(i)) return nullptr;
    return lex_.words.Find(Tok(i));
  }

  std::optional<NumberMention> ReadAt(uint32_t i) {
    uint32_t j = i;
    std::optional<Qual> qual;
    for (const auto& m : lex_.qualifiers.MatchAt(doc_.tokens, i, s_end_)) {
      Qual q = static_cast<Qual>(m.value);
      if (q == Qual::kCollectiveArticle) continue;
      qual = q;
      j = m.end;
      break;
    }
    std::optional<Reading> r = ReadNumber(j);
    if (!r || !(r->value >= 0 && r->value <= kMaxCount)) return std::nullopt;
    // "a third was wounded", "un troisième soldat": an article and an
    // ordinal count one more ("a third of the town" is a fraction).
    bool ordinal = false;
    if (r->lone_one) {
      const NumberWord* o = Word(r->end);
      const NumberWord* after = Word(r->end + 1);
      if (o && o->kind == WordKind::kOrdinal && !(after && after->kind == WordKind::kPartitive) &&
          !Punct(r->end + 1, '-')) {
        ordinal = true;
        r->end += 1, r->lone_one = false, r->rule = "ordinal";
      }
    }
    if (!r->words && !r->plural_collective && NotACount(j, r->end)) return std::nullopt;
    NumberMention m;
    m.toks = {i, r->end};
    m.span = {Tok(i).span.begin, Tok(r->end - 1).span.end};
    if (!FindNoun(r->end, &m)) return std::nullopt;  // a measure, not a count
    if (ordinal && m.noun_class.empty()) {  // one more of those counted before
      m.noun_class = "person";
      m.noun = {};
      m.noun_fold.clear();
    }
    if (m.noun_class.empty() && !r->lone_one) TollBefore(i, &m);
    // A spelled-out number must count something: "neuf" after a noun is
    // "new"; after a qualifier of a count ("killing at least five", "au
    // moins neuf") it counts the nouns its clause names.
    bool after_verb = i > 0 && lex_.count_verbs.Find(Tok(i - 1)) != nullptr;
    if (r->words && m.noun_class.empty() && (m.noun.empty() || m.noun_fold.size() < 4) && !qual && !after_verb)
      return std::nullopt;
    if (r->lone_one && (m.noun_class.empty() || !OnlyModifiersBefore(r->end, m.noun.begin)))
      return std::nullopt;
    SetCount(*r, qual, &m);
    return m;
  }

  void SetCount(const Reading& r, std::optional<Qual> qual, NumberMention* m) const {
    int64_t n = std::llround(r.value);
    m->value = Count::Exact(n);
    m->rule = r.rule;
    if (r.plural_collective) m->value.high.reset(), m->value.vague = true;
    if (!qual) return;
    if (*qual == Qual::kFloor) m->value.high.reset();
    m->rule += std::string("/") + QualName(*qual);
  }

  std::optional<Reading> ReadNumber(uint32_t j) {
    if (!In(j)) return std::nullopt;
    if (Tok(j).kind == TokenKind::kNumber) return ReadDigits(j);
    if (auto c = ReadCollective(j)) return c;
    return ReadWords(j);
  }

  // "1 199", "1.199", "1,199", "1,5", "3 millions".
  std::optional<Reading> ReadDigits(uint32_t j) {
    const std::string& first = Tok(j).fold;
    double value = static_cast<double>(ToInt(first));
    uint32_t k = j + 1;
    bool grouped = false;
    if (first.size() <= 3) {
      while (true) {
        if (In(k) && Tok(k).kind == TokenKind::kNumber && Tok(k).fold.size() == 3 &&
            Tok(k).space_before && !Tok(k).newline_before && SpaceIsNarrow(k)) {
          value = value * 1000 + static_cast<double>(ToInt(Tok(k).fold));
          ++k, grouped = true;
          continue;
        }
        if ((Punct(k, '.') || Punct(k, ',')) && Glued(k) && Glued(k + 1) && In(k + 1) &&
            Tok(k + 1).kind == TokenKind::kNumber && Tok(k + 1).fold.size() == 3) {
          value = value * 1000 + static_cast<double>(ToInt(Tok(k + 1).fold));
          k += 2, grouped = true;
          continue;
        }
        break;
      }
    }
    const char* rule = "digits";
    if (!grouped && (Punct(k, ',') || Punct(k, '.')) && Glued(k) && Glued(k + 1) && In(k + 1) &&
        Tok(k + 1).kind == TokenKind::kNumber) {
      const std::string& frac = Tok(k + 1).fold;
      value += static_cast<double>(ToInt(frac)) / std::pow(10.0, static_cast<double>(frac.size()));
      k += 2;
      rule = "decimal";
    }
    if (const NumberWord* w = Word(k); w && w->kind == WordKind::kScale) {
      value *= static_cast<double>(w->value);
      ++k;
    } else if (w && w->kind == WordKind::kHundred && value < 100) {
      value *= 100;
      ++k;
    }
    return Reading{k, value, rule};
  }

  // Only a plain or narrow no-break space separates digit groups.
  bool SpaceIsNarrow(uint32_t k) const {
    uint32_t gap = Tok(k).span.begin - Tok(k - 1).span.end;
    return gap <= 3;  // one space (1 byte) or one no-break / thin space (2-3 bytes)
  }

  // "une quarantaine", "des dizaines (de milliers)", "a dozen", "dozens", "hundreds".
  std::optional<Reading> ReadCollective(uint32_t j) {
    uint32_t k = j;
    for (const auto& m : lex_.qualifiers.MatchAt(doc_.tokens, j, s_end_)) {
      if (static_cast<Qual>(m.value) == Qual::kCollectiveArticle) {
        k = m.end;
        break;
      }
    }
    const NumberWord* w = Word(k);
    if (w && w->kind == WordKind::kCollective)
      return Reading{k + 1, static_cast<double>(w->value), "collective"};
    if (!w || w->kind != WordKind::kCollectivePlural) return std::nullopt;
    Reading r{k + 1, 2.0 * static_cast<double>(w->value), "collective_plural", true};
    // "des dizaines de milliers": the scale multiplies.
    if (In(r.end + 1) && (Tok(r.end).fold == "de" || Tok(r.end).fold == "of")) {
      const NumberWord* scale = Word(r.end + 1);
      if (scale && scale->kind == WordKind::kCollectivePlural && scale->value >= 1000) {
        r.value *= static_cast<double>(scale->value);
        r.end += 2;
      }
    }
    return r;
  }

  // Number words: "dix-sept", "quatre-vingt-quinze", "soixante et onze",
  // "deux cent cinquante mille", "two hundred and five".
  std::optional<Reading> ReadWords(uint32_t j) {
    int64_t total = 0, cur = 0;
    uint32_t k = j, end = j;
    int words = 0;
    while (In(k)) {
      const NumberWord* w = Word(k);
      if (!w || w->kind == WordKind::kCollective || w->kind == WordKind::kCollectivePlural ||
          w->kind == WordKind::kOrdinal || w->kind == WordKind::kPartitive)
        break;
      if (w->kind == WordKind::kUnit) {
        int64_t rest = cur % 100, v = w->value;
        if (v == 20 && rest == 4)
          cur += 76;  // quatre-vingt(s)
        else if (rest == 0 || ((rest % 10 == 0) && rest >= 10 && v < 10 && rest != 10) ||
                 (rest == 10 && v < 10 && v > 6) ||
                 ((rest == 60 || rest == 80) && v >= 10 && v < 20))
          cur += v;
        else
          break;
      } else if (w->kind == WordKind::kHundred) {
        if (cur >= 100) break;
        cur = (cur == 0 ? 1 : cur) * 100;
      } else {
        total += (cur == 0 ? 1 : cur) * w->value;
        cur = 0;
      }
      ++words;
      end = k + 1;
      k = SkipConnector(end);
    }
    if (words == 0) return std::nullopt;
    Reading r{end, static_cast<double>(total + cur), "words"};
    r.words = true;
    r.lone_one = words == 1 && total + cur == 1;
    return r;
  }

  // "-" inside a compound, "et un", "and five" after hundred.
  uint32_t SkipConnector(uint32_t k) const {
    if (Punct(k, '-') && Glued(k) && Glued(k + 1) && Word(k + 1)) return k + 1;
    if (!In(k + 1)) return k;
    const std::string& f = Tok(k).fold;
    const NumberWord* next = Word(k + 1);
    if (IsCoordinator(f) && next && next->kind == WordKind::kUnit) return k + 1;
    return k;
  }

  // Years, times of day, dates, model numbers, labels: numbers that count nothing.
  bool NotACount(uint32_t j, uint32_t end) const {
    const std::string& f = Tok(j).fold;
    if (j > s_begin_) {
      const Token& prev = Tok(j - 1);
      if (IsMonth(j - 1) || lex_.weekdays.Find(prev)) return true;  // "May 25", "lundi 25"
      if (lex_.labels.Find(prev)) return true;
      if (!Tok(j).space_before && prev.kind == TokenKind::kPunct &&
          (prev.punct == '-' || prev.punct == '/' || prev.punct == '#' || prev.punct == ':'))
        return true;  // "Su-34", "25/05", "T-72"
      if (prev.fold == "n" || prev.fold == "no") return true;
      if (prev.fold == "h" && j >= s_begin_ + 2 && Tok(j - 2).kind == TokenKind::kNumber)
        return true;  // "22 h 30"
    }
    if (In(end)) {
      const Token& next = Tok(end);
      if (IsMonth(end)) return true;  // "25 mai"
      if (next.kind == TokenKind::kPunct && !next.space_before &&
          (next.punct == '/' || next.punct == ':' || next.punct == '-') && In(end + 1) &&
          Tok(end + 1).kind == TokenKind::kNumber)
        return true;  // "25/05/2017", "14:30", "2015-2016"
      if (next.fold == "h" || next.fold == "am" || next.fold == "pm") return true;
    }
    if (end == j + 1 && f.size() == 4) {
      int64_t y = ToInt(f);
      if (y >= 1900 && y <= 2100) return !CountNounFollows(end);
    }
    return false;
  }

  bool IsMonth(uint32_t i) const {
    const bool* cap = lex_.months.Find(Tok(i));
    return cap != nullptr && (!*cap || Tok(i).capitalized);
  }

  // "un soldat", "a senior al-Shabaab commander", "a Malian soldier": a
  // lone "un"/"a" counts a noun only when nothing but names and the
  // "modifier" words of count_nouns.tsv stand between them.
  bool OnlyModifiersBefore(uint32_t k, uint32_t noun_begin) const {
    for (uint32_t t = k; t < s_end_ && Tok(t).span.begin < noun_begin; ++t) {
      const Token& tok = Tok(t);
      bool glued = tok.kind == TokenKind::kPunct && tok.punct == '-' && !tok.space_before;
      bool before_hyphen = In(t + 1) && Tok(t + 1).punct == '-' && !Tok(t + 1).space_before;
      auto m = lex_.nouns.MatchAt(doc_.tokens, t, s_end_);
      bool modifier = !m.empty() && lex_.noun_list[m.front().value].cls == "modifier";
      if (!(tok.capitalized || glued || before_hyphen || modifier)) return false;
    }
    return true;
  }

  bool CountNounFollows(uint32_t k) const {
    auto m = lex_.nouns.MatchAt(doc_.tokens, k, s_end_);
    return !m.empty() && lex_.noun_list[m.front().value].cls != "measure";
  }

  // The noun counted: the first count noun within a few words ("17 Syrian
  // soldiers", "80 djihadistes", "12 ont été tués"), else the next word.
  // Returns false when the number measures something ("5 km", "30 %").
  bool FindNoun(uint32_t k, NumberMention* m) const {
    if (In(k + 1) && (Tok(k).fold == "de" || Tok(k).fold == "d'" || Tok(k).fold == "of")) ++k;
    uint32_t first_word = UINT32_MAX;
    // Glued hyphens ("al-Shabaab") and modifiers ("senior") do not use up the reach.
    for (uint32_t t = k, reach = k + 4; t < s_end_ && t < reach; ++t) {
      const Token& tok = Tok(t);
      if (tok.kind == TokenKind::kNumber) break;
      if (tok.kind == TokenKind::kPunct && !(tok.punct == '-' && !tok.space_before) &&
          tok.punct != '%')
        break;
      auto match = lex_.nouns.MatchAt(doc_.tokens, t, s_end_);
      if ((tok.kind == TokenKind::kPunct && tok.punct == '-') ||
          (!match.empty() && lex_.noun_list[match.front().value].cls == "modifier")) {
        ++reach;
        continue;
      }
      if (!match.empty()) {
        const Noun& n = lex_.noun_list[match.front().value];
        if (n.cls == "measure") return t > k + 1;  // a measure right after: not a count
        if (n.cls == "toll" || n.cls == "wound_toll") break;  // "14 ... toll": counts nothing itself
        // "40 displaced people": a state before a noun of people describes them.
        if (n.cls == "displaced" && In(match.front().end)) {
          auto next = lex_.nouns.MatchAt(doc_.tokens, match.front().end, s_end_);
          if (!next.empty() && lex_.noun_list[next.front().value].cls == "person") {
            const Noun& p = lex_.noun_list[next.front().value];
            m->noun = {tok.span.begin, Tok(next.front().end - 1).span.end};
            m->noun_fold = p.fold;
            m->noun_class = p.cls;
            return true;
          }
        }
        m->noun = {tok.span.begin, Tok(match.front().end - 1).span.end};
        m->noun_fold = n.fold;
        m->noun_class = n.cls;
        return true;
      }
      if (tok.kind == TokenKind::kWord && first_word == UINT32_MAX) first_word = t;
    }
    if (first_word == k && In(k)) {
      m->noun = Tok(k).span;
      m->noun_fold = Tok(k).fold;
    }
    return true;
  }

  // "the death toll rose to 14", "a toll of 9", "le bilan est passé à 14",
  // "the death of eight": a bare number a few words after a toll noun
  // (count_nouns.tsv class toll), with no other number between, counts the
  // dead; after a wound_toll noun ("the injury of 89"), the wounded.
  void TollBefore(uint32_t first, NumberMention* m) const {
    uint32_t from = first > s_begin_ + kTollReach ? first - kTollReach : s_begin_;
    for (uint32_t t = first; t-- > from;) {
      const Token& tok = Tok(t);
      bool joins = tok.punct == '-' || tok.punct == '\'' || tok.punct == U'\u2019';  // "Tuesday's"
      if (tok.kind == TokenKind::kNumber || (tok.kind == TokenKind::kPunct && !joins)) return;
      auto match = lex_.nouns.MatchAt(doc_.tokens, t, first);
      if (match.empty()) continue;
      const std::string& cls = lex_.noun_list[match.front().value].cls;
      if (cls != "toll" && cls != "wound_toll") continue;
      m->noun = {tok.span.begin, Tok(match.front().end - 1).span.end};
      m->noun_fold = lex_.noun_list[match.front().value].fold;
      m->noun_class = cls == "toll" ? "killed" : "injured";
      return;
    }
  }

  const Document& doc_;
  const NumberLexicon& lex_;
  uint32_t s_begin_ = 0, s_end_ = 0;
};

}  // namespace

NumberFinder::~NumberFinder() = default;

StatusOr<std::unique_ptr<NumberFinder>> NumberFinder::Create(const std::string& lexicon_dir,
                                                             std::vector<std::string>* warnings) {
  auto f = std::unique_ptr<NumberFinder>(new NumberFinder());
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const auto& lang_dir : fs::directory_iterator(lexicon_dir, ec)) {
    fs::path dir = lang_dir.path();
    if (!fs::exists(dir / "numbers.tsv")) continue;
    auto lex = std::make_unique<NumberLexicon>();
    SITREP_RETURN_IF_ERROR(LoadNumberWords((dir / "numbers.tsv").string(), lex.get(), warnings));
    if (fs::exists(dir / "number_qualifiers.tsv"))
      SITREP_RETURN_IF_ERROR(
          LoadQualifiers((dir / "number_qualifiers.tsv").string(), lex.get(), warnings));
    if (fs::exists(dir / "count_nouns.tsv"))
      SITREP_RETURN_IF_ERROR(LoadNouns((dir / "count_nouns.tsv").string(), lex.get(), warnings));
    if (fs::exists(dir / "dates.tsv"))
      SITREP_RETURN_IF_ERROR(LoadCalendarNames((dir / "dates.tsv").string(), lex.get()));
    if (fs::exists(dir / "count_verbs.tsv"))
      SITREP_RETURN_IF_ERROR(LoadCountVerbs((dir / "count_verbs.tsv").string(), lex.get()));
    f->by_lang_[dir.filename().string()] = std::move(lex);
  }
  if (ec) return Status::IoError(lexicon_dir + ": " + ec.message());
  return f;
}

std::vector<NumberMention> NumberFinder::Find(const Document& doc) const {
  std::vector<NumberMention> out;
  auto it = by_lang_.find(doc.lang);
  if (it == by_lang_.end()) return out;
  Scanner scanner(doc, *it->second);
  for (const auto& s : doc.sentences) scanner.ScanSentence(s, &out);
  return out;
}

}  // namespace sitrep
