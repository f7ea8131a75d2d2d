// Recognition of time expressions: a left-to-right scan of each sentence
// that tries, at every token, the patterns below from the most specific
// ("dans la nuit du 29 au 30 mai") to the least ("1998"), keeping the first
// that matches. Every word the patterns test is looked up in the language's
// dates.tsv through one PhraseMatcher, so a language is added by data.
#include "mentions/date_finder.h"

#include <climits>
#include <filesystem>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "base/dates.h"
#include "lexicon/phrase_matcher.h"
#include "lexicon/word_table.h"
#include "lexicon/tsv.h"
#include "resolve/date_resolver.h"
#include "text/fold.h"

namespace sitrep {
namespace {

enum class K : uint8_t {
  kMonth,
  kWeekday,
  kRelDay,
  kNightRel,
  kAnaphorDay,
  kRelWeek,
  kRelMonth,
  kRelYear,
  kPartOfDay,
  kAnchoredPart,
  kClock,
  kLast,
  kNext,
  kThis,
  kMonthPart,
  kUnitHour,
  kUnitDay,
  kUnitWeek,
  kUnitMonth,
  kUnitYear,
  kAgoPre,
  kAgoPost,
  kSince,
  kWindowPre,
  kRangeFrom,
  kRangeTo,
  kNight,
  kNightFrom,
  kNightTo,
  kYearCue,
  kDayArticle,
  kArticleOne,
  kRecentDays,
  kWeekend,
  kWeekdayShort,  // "Mon", "Sun": a weekday only right before a day and month
};

const std::unordered_map<std::string, K>& KindNames() {
  static const auto* m = new std::unordered_map<std::string, K>{{"month", K::kMonth},
                                                                {"weekday", K::kWeekday},
                                                                {"weekday_short", K::kWeekdayShort},
                                                                {"rel_day", K::kRelDay},
                                                                {"night_rel", K::kNightRel},
                                                                {"anaphor_day", K::kAnaphorDay},
                                                                {"rel_week", K::kRelWeek},
                                                                {"rel_month", K::kRelMonth},
                                                                {"rel_year", K::kRelYear},
                                                                {"part_of_day", K::kPartOfDay},
                                                                {"anchored_part", K::kAnchoredPart},
                                                                {"clock", K::kClock},
                                                                {"last", K::kLast},
                                                                {"next", K::kNext},
                                                                {"this", K::kThis},
                                                                {"month_part", K::kMonthPart},
                                                                {"unit_hour", K::kUnitHour},
                                                                {"unit_day", K::kUnitDay},
                                                                {"unit_week", K::kUnitWeek},
                                                                {"unit_month", K::kUnitMonth},
                                                                {"unit_year", K::kUnitYear},
                                                                {"ago_pre", K::kAgoPre},
                                                                {"ago_post", K::kAgoPost},
                                                                {"since", K::kSince},
                                                                {"window_pre", K::kWindowPre},
                                                                {"range_from", K::kRangeFrom},
                                                                {"range_to", K::kRangeTo},
                                                                {"night", K::kNight},
                                                                {"night_from", K::kNightFrom},
                                                                {"night_to", K::kNightTo},
                                                                {"year_cue", K::kYearCue},
                                                                {"day_article", K::kDayArticle},
                                                                {"article_one", K::kArticleOne},
                                                                {"recent_days", K::kRecentDays},
                                                                {"weekend", K::kWeekend}};
  return *m;
}

enum class Cue : uint8_t { kNone, kFuture, kPast };

struct Entry {
  K kind;
  int value = 0;
  bool cap = false;    // only when the first word is capitalised
  bool ambig = false;  // a month name that is also an ordinary word ("sept")
};

// What a pattern found. Anchored expressions ("22 h", "la veille") get their
// interval in a second pass, once the days mentioned before them are known.
struct Found {
  uint32_t begin = 0, end = 0;  // tokens
  DateInterval iv;
  const char* rule = "";
  enum class Anchor : uint8_t { kNone, kAnaphor, kClock } anchor = Anchor::kNone;
  int offset = 0;
};

struct Hit {
  uint32_t end = 0;
  int value = 0;
  bool ambig = false;   // Entry::ambig
  bool dotted = false;  // an abbreviation's full stop was read ("sept.")
  explicit operator bool() const { return end != 0; }
};

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Digits to a number; a run too long for an int saturates (no overflow):
// no day, month or year has that many digits anyway.
int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (v > (INT_MAX - 9) / 10) return INT_MAX;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

class DateLexicon {
 public:
  PhraseMatcher matcher;
  std::vector<Entry> entries;
  WordTable<int> number_words;  // folded word -> value below 100
  std::unordered_map<std::string, Cue> tense_words;
  std::vector<std::pair<std::string, Cue>> tense_suffixes;
  std::unordered_set<std::string> not_verb;
  std::unordered_set<std::string> future_aux;  // future before an infinitive
  std::vector<std::string> infinitive_suffixes;

  bool LooksInfinitive(std::string_view raw) const {
    std::string w = LowerAscii(raw);
    for (const auto& s : infinitive_suffixes)
      if (w.size() > s.size() + 1 && EndsWith(w, s)) return true;
    return false;
  }

  Cue CueOf(std::string_view raw, bool capitalized) const {
    std::string w = LowerAscii(raw);
    if (auto it = tense_words.find(w); it != tense_words.end()) return it->second;
    if (capitalized || w.size() < 4 || not_verb.count(w)) return Cue::kNone;
    for (const auto& [suffix, cue] : tense_suffixes)
      if (EndsWith(w, suffix)) return cue;
    return Cue::kNone;
  }
};

namespace {

Status LoadDates(const std::string& path, DateLexicon* lex, std::vector<std::string>* warnings) {
  auto t = ReadTsv(path, {"phrase", "kind", "value"});
  if (!t.ok()) return t.status();
  for (const auto& e : t->errors) warnings->push_back(e);
  int cp = t->Column("phrase"), ck = t->Column("kind"), cv = t->Column("value"),
      cf = t->Column("flags");
  for (const auto& row : t->rows) {
    auto kind = KindNames().find(row.cells[ck]);
    if (kind == KindNames().end()) {
      warnings->push_back(path + ":" + std::to_string(row.line) + ": unknown kind '" +
                          row.cells[ck] + "'");
      continue;
    }
    std::string flags =
        cf >= 0 && cf < static_cast<int>(row.cells.size()) ? "," + row.cells[cf] + "," : "";
    Entry e{kind->second, std::atoi(row.cells[cv].c_str()),
            flags.find(",cap,") != std::string::npos, flags.find(",ambig,") != std::string::npos};
    lex->matcher.Add(row.cells[cp], static_cast<int32_t>(lex->entries.size()));
    lex->entries.push_back(e);
  }
  return Status::Ok();
}

Status LoadTense(const std::string& path, DateLexicon* lex, std::vector<std::string>* warnings) {
  auto t = ReadTsv(path, {"form", "kind"});
  if (!t.ok()) return t.status();
  for (const auto& e : t->errors) warnings->push_back(e);
  int cf = t->Column("form"), ck = t->Column("kind");
  for (const auto& row : t->rows) {
    const std::string& k = row.cells[ck];
    const std::string& f = row.cells[cf];
    if (k == "future_word")
      lex->tense_words[f] = Cue::kFuture;
    else if (k == "past_word")
      lex->tense_words[f] = Cue::kPast;
    else if (k == "future_aux")
      lex->future_aux.insert(f);
    else if (k == "infinitive_suffix")
      lex->infinitive_suffixes.push_back(f);
    else if (k == "future_suffix")
      lex->tense_suffixes.push_back({f, Cue::kFuture});
    else if (k == "past_suffix")
      lex->tense_suffixes.push_back({f, Cue::kPast});
    else if (k == "not_verb")
      lex->not_verb.insert(f);
    else
      warnings->push_back(path + ":" + std::to_string(row.line) + ": unknown kind '" + k + "'");
  }
  return Status::Ok();
}

Status LoadNumberWords(const std::string& path, DateLexicon* lex,
                       std::vector<std::string>* warnings) {
  auto t = ReadTsv(path, {"word", "value", "kind"});
  if (!t.ok()) return t.status();
  int cw = t->Column("word"), cv = t->Column("value"), ck = t->Column("kind");
  for (const auto& row : t->rows)
    if (row.cells[ck] == "unit")
      lex->number_words.Set(Fold(row.cells[cw]), std::atoi(row.cells[cv].c_str()));
  return Status::Ok();
}

// One document's scan. Holds references only; lives for one Find() call.
class Scanner {
 public:
  Scanner(const Document& doc, const DateLexicon& lex) : doc_(doc), lex_(lex), res_(doc.date) {}

  std::vector<Found> ScanSentence(const Sentence& s) {
    s_begin_ = s.tok_begin;
    s_end_ = s.tok_end;
    std::vector<Found> out;
    for (uint32_t i = s_begin_; i < s_end_;) {
      std::optional<Found> f = CanStart(i) ? ParseAt(i) : std::nullopt;
      if (f && f->end > i) {
        i = f->end;
        out.push_back(*f);
      } else {
        ++i;
      }
    }
    return out;
  }

 private:
  const Token& Tok(uint32_t i) const { return doc_.tokens[i]; }
  bool In(uint32_t i) const { return i < s_end_; }

  const std::vector<PhraseMatcher::Match>& MatchesAt(uint32_t i) const {
    if (memo_.empty()) {
      memo_.resize(doc_.tokens.size());
      memo_end_.assign(doc_.tokens.size(), 0);
    }
    if (memo_end_[i] != s_end_) {
      memo_[i] = lex_.matcher.MatchAt(doc_.tokens, i, s_end_);
      memo_end_[i] = s_end_;
    }
    return memo_[i];
  }

  // The longest lexicon entry of `kind` starting at token i.
  Hit Get(uint32_t i, K kind) const {
    if (!In(i)) return {};
    for (const auto& m : MatchesAt(i)) {
      const Entry& e = lex_.entries[m.value];
      if (e.kind != kind || (e.cap && !Tok(i).capitalized)) continue;
      uint32_t end = m.end;
      bool dotted = false;
      // "janv.", "Sept." (not the full stop that ends the sentence)
      if (kind == K::kMonth && In(end + 1) && Tok(end).punct == '.' && !Tok(end).space_before &&
          !Tok(end + 1).capitalized)
        ++end, dotted = true;
      return {end, e.value, e.ambig, dotted};
    }
    return {};
  }

  // A word written in capitals (a headline), not a proper noun.
  bool AllUpper(uint32_t t) const {
    std::string_view raw = doc_.Slice(Tok(t).span);
    for (char c : raw)
      if (c >= 'a' && c <= 'z') return false;
    return raw.size() > 1;
  }

  bool IsPunct(uint32_t i, char32_t c) const {
    return In(i) && Tok(i).kind == TokenKind::kPunct && Tok(i).punct == c;
  }

  // "25", "1er", "1st", "premier": a day of the month.
  Hit DayNumber(uint32_t i) const {
    if (!In(i)) return {};
    const std::string& f = Tok(i).fold;
    int v = 0;
    if (Tok(i).kind == TokenKind::kNumber && f.size() <= 2) {
      v = ToInt(f);
    } else if (f == "premier") {
      v = 1;
    } else {
      size_t n = 0;
      while (n < f.size() && n < 2 && f[n] >= '0' && f[n] <= '9') ++n;
      std::string_view suffix = std::string_view(f).substr(n);
      if (n == 0 || !(suffix == "er" || suffix == "st" || suffix == "nd" || suffix == "rd" ||
                      suffix == "th" || suffix == "e" || suffix == "eme"))
        return {};
      v = ToInt(std::string_view(f).substr(0, n));
    }
    if (v < 1 || v > 31) return {};
    return {i + 1, v};
  }

  // A four-digit year, or a two-digit one when `short_ok` ("octobre 98").
  Hit YearNumber(uint32_t i, bool short_ok) const {
    if (!In(i) || Tok(i).kind != TokenKind::kNumber) return {};
    const std::string& f = Tok(i).fold;
    if (f.size() == 4) {
      int y = ToInt(f);
      if (y >= 1800 && y <= 2200) return {i + 1, y};
    } else if (f.size() == 2 && short_ok) {
      int y = ToInt(f);
      return {i + 1, y <= 40 ? 2000 + y : 1900 + y};
    }
    return {};
  }

  // A small count: digits, "trois", "vingt-quatre", "a"/"une" before a unit.
  Hit Quantity(uint32_t i) const {
    if (!In(i)) return {};
    if (Tok(i).kind == TokenKind::kNumber && Tok(i).fold.size() <= 4)
      return {i + 1, ToInt(Tok(i).fold)};
    if (Hit a = Get(i, K::kArticleOne)) return a;
    const int* w = lex_.number_words.Find(Tok(i));
    if (w == nullptr) return {};
    Hit h{i + 1, *w};
    if (IsPunct(h.end, '-') && In(h.end + 1)) {
      const int* u = lex_.number_words.Find(Tok(h.end + 1));
      if (u != nullptr && *u < 10 && h.value >= 20) h = {h.end + 2, h.value + *u};
    }
    return h;
  }

  Hit Unit(uint32_t i, K* kind) const {
    for (K k : {K::kUnitHour, K::kUnitDay, K::kUnitWeek, K::kUnitMonth, K::kUnitYear}) {
      if (Hit h = Get(i, k)) {
        *kind = k;
        return h;
      }
    }
    return {};
  }

  // Tense of the clause around tokens [b, e): the nearest cue in the
  // sentence outside the expression, within kTenseReach tokens (so an
  // endless sentence full of dates costs linear time); at equal distance
  // the one before wins. No cue reads as past narration.
  static constexpr uint32_t kTenseReach = 100;
  Direction TenseAround(uint32_t b, uint32_t e) const {
    for (uint32_t dist = 1; dist <= kTenseReach; ++dist) {
      bool left = b >= s_begin_ + dist, right = e + dist - 1 < s_end_;
      if (!left && !right) break;
      if (left)
        if (Cue c = CueAt(b - dist); c != Cue::kNone) return c == Cue::kFuture ? Direction::kFuture : Direction::kPast;
      if (right)
        if (Cue c = CueAt(e + dist - 1); c != Cue::kNone) return c == Cue::kFuture ? Direction::kFuture : Direction::kPast;
    }
    return Direction::kPast;
  }

  Cue CueAt(uint32_t t) const {
    if (Tok(t).kind != TokenKind::kWord) return Cue::kNone;
    Cue c = lex_.CueOf(doc_.Slice(Tok(t).span), Tok(t).capitalized && t != s_begin_ && !AllUpper(t));
    if (c == Cue::kNone && lex_.future_aux.count(LowerAscii(doc_.Slice(Tok(t).span))) && In(t + 1) &&
        lex_.LooksInfinitive(doc_.Slice(Tok(t + 1).span)))
      c = Cue::kFuture;
    return c;
  }

  // Skips a part of the day after a day expression ("hier soir", "mardi matin").
  uint32_t SkipPartOfDay(uint32_t j) const {
    if (Hit p = Get(j, K::kPartOfDay)) return p.end;
    return j;
  }

  // Cheap test before the patterns: every expression starts with a lexicon
  // word, a number or a number word ("10h30", "trois derniers jours").
  bool CanStart(uint32_t i) const {
    const Token& t = Tok(i);
    if (t.kind == TokenKind::kNumber) return true;
    if (t.kind == TokenKind::kWord && !t.fold.empty() && t.fold[0] >= '0' && t.fold[0] <= '9')
      return true;
    return lex_.matcher.StartsPhrase(t) || lex_.number_words.Find(t) != nullptr;
  }

  std::optional<Found> ParseAt(uint32_t i) {
    std::optional<Found> f;
    if ((f = ParseNight(i)) || (f = ParseRange(i)) || (f = ParseSince(i)) || (f = ParseWindow(i)) ||
        (f = ParseAgo(i)) || (f = ParseExplicit(i)) || (f = ParseLexical(i)) ||
        (f = ParseClock(i)) || (f = ParseYear(i)))
      return f;
    return std::nullopt;
  }

  // "dans la nuit de samedi à dimanche", "la nuit du 29 au 30 mai".
  std::optional<Found> ParseNight(uint32_t i) {
    Hit n = Get(i, K::kNight);
    if (!n) return std::nullopt;
    uint32_t j = n.end;
    if (Hit from = Get(j, K::kNightFrom)) j = from.end;
    Hit w1 = Get(j, K::kWeekday), d1 = w1 ? Hit{} : DayNumber(j);
    if (!w1 && !d1) return std::nullopt;
    j = (w1 ? w1 : d1).end;
    Hit m1 = d1 ? Get(j, K::kMonth) : Hit{};
    if (m1) j = m1.end;
    Hit to = Get(j, K::kNightTo);
    if (!to) {
      if (!w1) return std::nullopt;
      Found f{i, j, res_.Weekday(w1.value, TenseAround(i, j)), "night_of_weekday"};
      return f;
    }
    j = to.end;
    if (Hit w2 = Get(j, K::kWeekday); w1 && w2) {
      DateInterval end = res_.Weekday(w2.value, TenseAround(i, w2.end));
      return Found{i, w2.end, NightEnding(end), "night_range"};
    }
    Hit d2 = DayNumber(j);
    if (!d1 || !d2) return std::nullopt;
    Hit m = Get(d2.end, K::kMonth);
    if (!m) return std::nullopt;
    j = m.end;
    Hit y = YearNumber(j, false);
    if (y) j = y.end;
    DateInterval end = res_.Partial(y.value, m.value, d2.value, -1, TenseAround(i, j));
    return Found{i, j, NightEnding(end), "night_range"};
  }

  static DateInterval NightEnding(const DateInterval& end) {
    if (end.precision != DatePrecision::kDay) return end;
    return {AddDaysTo(end.start, -1), end.start, DatePrecision::kRange};
  }
  static Ymd AddDaysTo(const Ymd& d, int n) { return AddDays(d, n); }

  // "du 19 au 23 juillet", "between 3 and 5 May".
  std::optional<Found> ParseRange(uint32_t i) {
    Hit from = Get(i, K::kRangeFrom);
    if (!from) return std::nullopt;
    uint32_t j = from.end;
    if (Hit a = Get(j, K::kDayArticle)) j = a.end;
    Hit d1 = DayNumber(j);
    if (!d1) return std::nullopt;
    j = d1.end;
    Hit m1 = Get(j, K::kMonth);
    if (m1) j = m1.end;
    Hit to = Get(j, K::kRangeTo);
    if (!to) return std::nullopt;
    j = to.end;
    if (Hit a = Get(j, K::kDayArticle)) j = a.end;
    Hit d2 = DayNumber(j);
    if (!d2) return std::nullopt;
    Hit m2 = Get(d2.end, K::kMonth);
    if (!m2) return std::nullopt;
    j = m2.end;
    Hit y = YearNumber(j, false);
    if (y) j = y.end;
    DateInterval end = res_.Partial(y.value, m2.value, d2.value, -1, TenseAround(i, j));
    if (end.precision != DatePrecision::kDay) return Found{i, j, end, "day_range"};
    int start_month = m1 ? m1.value : (d1.value <= d2.value ? m2.value : (m2.value + 10) % 12 + 1);
    int start_year = end.start.y - (start_month > m2.value ? 1 : 0);
    DateInterval start = res_.Partial(start_year, start_month, d1.value, -1, Direction::kPast);
    if (start.precision != DatePrecision::kDay || start.start > end.start) return std::nullopt;
    return Found{i, j, {start.start, end.start, DatePrecision::kRange}, "day_range"};
  }

  // "depuis le 30 septembre", "since Monday": from that day to publication.
  std::optional<Found> ParseSince(uint32_t i) {
    Hit s = Get(i, K::kSince);
    if (!s) return std::nullopt;
    std::optional<Found> inner = ParseExplicit(s.end);
    if (!inner) inner = ParseLexical(s.end);
    if (!inner || inner->anchor != Found::Anchor::kNone) return std::nullopt;
    inner->begin = i;
    if (inner->iv.precision == DatePrecision::kDay) {
      inner->iv = res_.Since(inner->iv);
      inner->rule = "since";
    }
    return inner;
  }

  // "au cours des dernières 24 heures", "les 48 dernières heures", "in the past 3 days".
  std::optional<Found> ParseWindow(uint32_t i) {
    uint32_t j = i;
    if (Hit w = Get(j, K::kWindowPre)) j = w.end;
    Hit n, last;
    if ((last = Get(j, K::kLast))) {
      n = Quantity(last.end);
      if (!n) return std::nullopt;
      j = n.end;
    } else if ((n = Quantity(j)) && (last = Get(n.end, K::kLast))) {
      j = last.end;
    } else {
      return std::nullopt;
    }
    K unit;
    Hit u = Unit(j, &unit);
    if (!u || n.value <= 0) return std::nullopt;
    int days = 0;
    switch (unit) {
      case K::kUnitHour:
        days = (n.value + 23) / 24;
        break;
      case K::kUnitDay:
        days = n.value;
        break;
      case K::kUnitWeek:
        days = 7 * n.value;
        break;
      case K::kUnitMonth:
        days = 30 * n.value;
        break;
      default:
        days = 365 * n.value;
        break;
    }
    return Found{i, u.end, res_.Window(days), "window"};
  }

  // "il y a trois jours", "two weeks ago".
  std::optional<Found> ParseAgo(uint32_t i) {
    uint32_t j = i;
    Hit pre = Get(j, K::kAgoPre);
    if (pre) j = pre.end;
    Hit n = Quantity(j);
    if (!n) return std::nullopt;
    K unit;
    Hit u = Unit(n.end, &unit);
    if (!u) return std::nullopt;
    j = u.end;
    if (!pre) {
      Hit post = Get(j, K::kAgoPost);
      if (!post) return std::nullopt;
      j = post.end;
    }
    switch (unit) {
      case K::kUnitHour:
        return Found{i, j,
                     res_.Ago((n.value + 23) / 24 - (n.value < 24 ? 1 : 0), DatePrecision::kDay),
                     "ago"};
      case K::kUnitDay:
        return Found{i, j, res_.Ago(n.value, DatePrecision::kDay), "ago"};
      case K::kUnitWeek:
        return Found{i, j, res_.Ago(7 * n.value, DatePrecision::kWeek), "ago"};
      case K::kUnitMonth:
        return Found{i, j, res_.Ago(30 * n.value, DatePrecision::kMonth), "ago"};
      default:
        return Found{i, j, res_.Ago(365 * n.value, DatePrecision::kYear), "ago"};
    }
  }

  // Direction given by "dernier"/"prochain" after an expression, else by tense.
  Direction DirectionAfter(uint32_t b, uint32_t* j, Direction strict_default) const {
    if (Hit l = Get(*j, K::kLast)) {
      *j = l.end;
      return Direction::kStrictPast;
    }
    if (Hit n = Get(*j, K::kNext)) {
      *j = n.end;
      return Direction::kStrictFuture;
    }
    return strict_default == Direction::kPast ? TenseAround(b, *j) : strict_default;
  }

  // Dates given by name and number: "le samedi 29 mai", "27 mai 1998",
  // "May 25, 2017", "mardi dernier", "last Tuesday", "en novembre 2016",
  // "juin prochain", "fin septembre 2000", "25/05/2017".
  std::optional<Found> ParseExplicit(uint32_t i) {
    uint32_t j = i;
    Direction pre = Direction::kPast;  // kPast = no prefix
    if (Hit l = Get(j, K::kLast); l && (Get(l.end, K::kWeekday) || Get(l.end, K::kMonth))) {
      pre = Direction::kStrictPast, j = l.end;
    } else if (Hit n = Get(j, K::kNext); n && (Get(n.end, K::kWeekday) || Get(n.end, K::kMonth))) {
      pre = Direction::kStrictFuture, j = n.end;
    } else if (Hit t = Get(j, K::kThis); t && Get(t.end, K::kWeekday)) {
      j = t.end;
    } else if (Hit a = Get(j, K::kDayArticle); a && (Get(a.end, K::kWeekday) || DayNumber(a.end))) {
      j = a.end;
    }
    int weekday = -1;
    if (Hit w = Get(j, K::kWeekday)) {
      weekday = w.value;
      j = w.end;
      if (IsPunct(j, ',') && (DayNumber(j + 1) || Get(j + 1, K::kMonth))) ++j;
      if (Hit a = Get(j, K::kDayArticle)) {
        if (DayNumber(a.end)) j = a.end;
      }
    }
    // "Mon Oct 31 2016": a short weekday is one only before a day and month
    // ("Mon State", "The Sun" are none).
    if (Hit w = Get(j, K::kWeekdayShort); w && weekday < 0) {
      uint32_t k = w.end;
      if (IsPunct(k, ',') || IsPunct(k, '.')) ++k;
      if (auto f = ParseDayMonth(i, k, w.value, pre)) return f;
    }
    if (auto f = ParseDayMonth(i, j, weekday, pre)) return f;
    if (auto f = ParseNumericDate(i, j)) return f;
    if (weekday >= 0) {
      uint32_t k = j;
      Direction dir = DirectionAfter(i, &k, pre);
      k = SkipPartOfDay(k);
      return Found{i, k, res_.Weekday(weekday, dir), "weekday"};
    }
    return ParseMonth(i, j, pre);
  }

  // "29 mai [1999]", "May 29[, 1999]", with an optional weekday before.
  std::optional<Found> ParseDayMonth(uint32_t i, uint32_t j, int weekday, Direction pre) {
    int day = 0, month = 0;
    uint32_t k;
    if (Hit d = DayNumber(j); d && Get(d.end, K::kMonth)) {
      Hit m = Get(d.end, K::kMonth);
      day = d.value, month = m.value, k = m.end;
    } else if (Hit m = Get(j, K::kMonth); m && DayNumber(m.end) && !YearNumber(m.end, false)) {
      Hit d2 = DayNumber(m.end);
      day = d2.value, month = m.value, k = d2.end;
    } else {
      return std::nullopt;
    }
    if (IsPunct(k, ',') && YearNumber(k + 1, false)) ++k;
    Hit y = YearNumber(k, true);
    if (y) k = y.end;
    Direction dir = y ? Direction::kPast : DirectionAfter(i, &k, pre);
    k = SkipPartOfDay(k);
    return Found{i, k, res_.Partial(y.value, month, day, weekday, dir), "date"};
  }

  // "25/05/2017", "2017-05-25".
  std::optional<Found> ParseNumericDate(uint32_t i, uint32_t j) {
    if (!In(j + 4) || Tok(j).kind != TokenKind::kNumber) return std::nullopt;
    char32_t sep = Tok(j + 1).punct;
    if ((sep != '/' && sep != '-' && sep != '.') || Tok(j + 3).punct != sep) return std::nullopt;
    for (uint32_t t = j + 1; t <= j + 4; ++t)
      if (Tok(t).space_before) return std::nullopt;
    const std::string &a = Tok(j).fold, &b = Tok(j + 2).fold, &c = Tok(j + 4).fold;
    if (!AllDigits(b) || !AllDigits(c)) return std::nullopt;
    int y, m, d;
    if (a.size() == 4 && sep == '-') {
      y = ToInt(a), m = ToInt(b), d = ToInt(c);
    } else if (c.size() == 4 && a.size() <= 2 && b.size() <= 2 && doc_.lang != "en") {
      d = ToInt(a), m = ToInt(b), y = ToInt(c);
    } else if (c.size() == 4 && a.size() <= 2 && b.size() <= 2) {
      m = ToInt(a), d = ToInt(b), y = ToInt(c);
    } else {
      return std::nullopt;
    }
    DateInterval iv = res_.Partial(y, m, d, -1, Direction::kPast);
    // "04-09-2014": day and month can be read either way; the reading on or
    // nearest before the publication date wins (outlets write both orders).
    if (m != d && m <= 12 && d <= 12 && doc_.date.valid() && doc_.date.day_precision()) {
      DateInterval other = res_.Partial(y, d, m, -1, Direction::kPast);
      int64_t pub = ToDays(Ymd{doc_.date.y, doc_.date.m, doc_.date.d});
      auto gap = [&](const DateInterval& v) {
        if (!v.start.valid()) return INT64_MAX;
        int64_t g = pub - ToDays(v.start);
        return g < 0 ? INT64_MAX / 2 - g : g;  // after the article: only if nothing else
      };
      if (gap(other) < gap(iv)) iv = other;
    }
    if (iv.precision == DatePrecision::kUnknown) return std::nullopt;
    return Found{i, j + 5, iv, "numeric_date"};
  }

  // "en novembre 2016", "mars dernier", "début octobre", "mi-mars".
  std::optional<Found> ParseMonth(uint32_t i, uint32_t j, Direction pre) {
    bool part = false;
    if (Hit p = Get(j, K::kMonthPart)) {
      uint32_t k = IsPunct(p.end, '-') ? p.end + 1 : p.end;
      if (Get(k, K::kMonth)) j = k, part = true;
    }
    Hit m = Get(j, K::kMonth);
    if (!m) return std::nullopt;
    uint32_t k = m.end;
    Hit y = YearNumber(k, true);
    if (y) return Found{i, y.end, DateResolver::Month(y.value, m.value), "month_year"};
    bool cue_before = j > s_begin_ && Get(j - 1, K::kYearCue);
    // A month name that is also an ordinary word ("deux des sept missiles")
    // stands alone only as an abbreviation after a cue: "en sept.", "fin sept.".
    if (m.ambig && !(m.dotted && (part || cue_before))) return std::nullopt;
    bool cued = part || pre != Direction::kPast || Get(k, K::kLast) || Get(k, K::kNext) ||
                cue_before;
    if (!cued) return std::nullopt;
    Direction dir = DirectionAfter(i, &k, pre);
    return Found{i, k, res_.Partial(0, m.value, 0, -1, dir), "month"};
  }

  // Words from the lexicon: "hier", "la veille", "la semaine dernière", "overnight".
  std::optional<Found> ParseLexical(uint32_t i) {
    if (!In(i)) return std::nullopt;
    for (const auto& m : MatchesAt(i)) {
      const Entry& e = lex_.entries[m.value];
      if (e.cap && !Tok(i).capitalized) continue;
      uint32_t j = m.end;
      switch (e.kind) {
        case K::kRelDay:
          return Found{i, SkipWeekday(SkipPartOfDay(j)), res_.RelDay(e.value), "relative_day"};
        case K::kNightRel:
          return Found{i, j, res_.Night(e.value), "night"};
        case K::kRelWeek: {
          int offset = ShiftAfter(&j, e.value);
          return Found{i, j, res_.RelWeek(offset), "relative_week"};
        }
        case K::kRelMonth: {
          int offset = ShiftAfter(&j, e.value);
          return Found{i, j, res_.RelMonth(offset), "relative_month"};
        }
        case K::kRelYear: {
          int offset = ShiftAfter(&j, e.value);
          return Found{i, j, res_.RelYear(offset), "relative_year"};
        }
        case K::kRecentDays:
          return Found{i, j, res_.Window(e.value), "window"};
        case K::kWeekend:
          return Found{i, j, Weekend(e.value, TenseAround(i, j)), "weekend"};
        case K::kAnaphorDay: {
          Found f{i, SkipPartOfDay(j), {}, "anaphor"};
          f.anchor = Found::Anchor::kAnaphor;
          f.offset = e.value;
          return f;
        }
        case K::kAnchoredPart: {
          Found f{i, j, {}, "part_of_day"};
          f.anchor = Found::Anchor::kClock;
          return f;
        }
        default:
          break;
      }
    }
    return std::nullopt;
  }

  // Saturday and Sunday: the last weekend (offset 0, past narration), the
  // coming one (future), the one before (-1) or after (+1).
  DateInterval Weekend(int offset, Direction tense) const {
    Direction dir = offset < 0   ? Direction::kStrictPast
                    : offset > 0 ? Direction::kStrictFuture
                                 : tense;
    DateInterval sat = res_.Weekday(5, dir);
    if (sat.precision != DatePrecision::kDay) return sat;
    int pub_weekday = sitrep::Weekday({doc_.date.y, doc_.date.m, doc_.date.d});
    if (offset < 0 && pub_weekday == 6)
      sat.start = AddDays(sat.start, -7);  // on a Sunday, the weekend before
    return {sat.start, AddDays(sat.start, 1), DatePrecision::kRange};
  }

  // "en fin de semaine dernière": a trailing "dernière"/"prochaine" moves
  // the period one back or forward.
  int ShiftAfter(uint32_t* j, int offset) const {
    if (Hit l = Get(*j, K::kLast)) {
      *j = l.end;
      return offset - 1;
    }
    if (Hit n = Get(*j, K::kNext)) {
      *j = n.end;
      return offset + 1;
    }
    return offset;
  }

  uint32_t SkipWeekday(uint32_t j) const {
    if (Hit w = Get(j, K::kWeekday)) return w.end;
    return j;
  }

  // "22 h", "21 h 45", "10h30", "14:30", "midi", "10 am".
  std::optional<Found> ParseClock(uint32_t i) {
    uint32_t end = ClockEnd(i);
    if (end == 0) return std::nullopt;
    Found f{i, end, {}, "clock"};
    f.anchor = Found::Anchor::kClock;
    return f;
  }

  uint32_t ClockEnd(uint32_t i) const {
    const Token& t = Tok(i);
    if (Hit c = Get(i, K::kClock)) {
      bool in_word = i > s_begin_ && IsPunct(i - 1, '-') && !t.space_before;  // "après-midi"
      return in_word ? 0 : c.end;
    }
    if (t.kind == TokenKind::kWord) {  // "10h30", "22h"
      const std::string& f = t.fold;
      size_t h = f.find('h');
      if (h == std::string::npos || h == 0 || h > 2 || !AllDigits(f.substr(0, h))) return 0;
      std::string_view rest = std::string_view(f).substr(h + 1);
      if (!rest.empty() && !(rest.size() == 2 && AllDigits(rest))) return 0;
      return ToInt(f.substr(0, h)) <= 24 ? i + 1 : 0;
    }
    if (t.kind != TokenKind::kNumber || t.fold.size() > 2 || ToInt(t.fold) > 24 || !In(i + 1))
      return 0;
    const Token& n = Tok(i + 1);
    auto minutes = [&](uint32_t k) {
      return In(k) && Tok(k).kind == TokenKind::kNumber && Tok(k).fold.size() == 2 &&
             ToInt(Tok(k).fold) < 60;
    };
    if (n.fold == "h") return minutes(i + 2) ? i + 3 : i + 2;
    if (n.punct == ':' && !n.space_before && minutes(i + 2) && !Tok(i + 2).space_before) {
      uint32_t k = i + 3;
      if (In(k) && (Tok(k).fold == "am" || Tok(k).fold == "pm")) ++k;
      return k;
    }
    if (n.fold == "am" || n.fold == "pm") return i + 2;
    if ((n.fold == "heures" || n.fold == "heure") && i > s_begin_) {
      const std::string& p = Tok(i - 1).fold;
      if (p == "a" || p == "vers" || p == "des" || p == "jusqu'a")
        return minutes(i + 2) ? i + 3 : i + 2;
    }
    return 0;
  }

  // "1998", "en 2015": a bare year after a cue word or before punctuation.
  std::optional<Found> ParseYear(uint32_t i) {
    Hit y = YearNumber(i, false);
    if (!y || y.value < 1900 || y.value > 2100) return std::nullopt;
    bool cue = i > s_begin_ && Get(i - 1, K::kYearCue);
    bool closes = !In(y.end) || Tok(y.end).kind == TokenKind::kPunct;
    if (closes && In(y.end) && !Tok(y.end).space_before && In(y.end + 1) &&
        Tok(y.end + 1).kind == TokenKind::kNumber)
      closes = false;  // "2015.3", "2015-16"
    if (!cue && !closes) return std::nullopt;
    if (i > s_begin_ && Tok(i - 1).kind == TokenKind::kNumber) return std::nullopt;  // "1 2000"
    return Found{i, y.end, DateResolver::Year(y.value), "year"};
  }

  const Document& doc_;
  const DateLexicon& lex_;
  DateResolver res_;
  uint32_t s_begin_ = 0, s_end_ = 0;
  // The lexicon's matches at each token, computed once: the patterns ask
  // for them many times per position (Get for each kind of word).
  mutable std::vector<std::vector<PhraseMatcher::Match>> memo_;
  mutable std::vector<uint32_t> memo_end_;  // the sentence end they were computed for; 0: none
};

// Days a later expression can lean on: day precision, or the first day of a
// night or short range.
std::optional<Ymd> AnchorDay(const DateInterval& iv) {
  if (iv.precision == DatePrecision::kDay) return iv.start;
  if (iv.precision == DatePrecision::kRange && iv.start.valid() && iv.end.valid() &&
      ToDays(iv.end) - ToDays(iv.start) <= 1)
    return iv.end;
  return std::nullopt;
}

// Second pass: times of day and anaphora take the day last mentioned before
// them in their sentence, else (times only) the next one in their sentence,
// else the last one in the text before them, else the publication day.
void ResolveAnchors(const Document& doc, std::vector<Found>* found) {
  DateResolver res(doc.date);
  std::optional<Ymd> last_any;
  for (size_t k = 0; k < found->size(); ++k) {
    Found& f = (*found)[k];
    if (f.anchor == Found::Anchor::kNone) {
      if (auto a = AnchorDay(f.iv)) last_any = a;
      continue;
    }
    size_t sentence = doc.SentenceOfToken(f.begin);
    std::optional<Ymd> anchor;
    if (k > 0 && doc.SentenceOfToken((*found)[k - 1].begin) == sentence)
      anchor = AnchorDay((*found)[k - 1].iv);
    if (!anchor && f.anchor == Found::Anchor::kClock) {
      for (size_t n = k + 1;
           n < found->size() && doc.SentenceOfToken((*found)[n].begin) == sentence; ++n) {
        if ((*found)[n].anchor != Found::Anchor::kNone) continue;
        if ((anchor = AnchorDay((*found)[n].iv))) break;
      }
    }
    if (!anchor) anchor = last_any;
    f.iv = anchor ? DateResolver::FromAnchor(*anchor, f.offset) : res.RelDay(f.offset);
    if (auto a = AnchorDay(f.iv)) last_any = a;
  }
}

}  // namespace

DateFinder::~DateFinder() = default;

StatusOr<std::unique_ptr<DateFinder>> DateFinder::Create(const std::string& lexicon_dir,
                                                         std::vector<std::string>* warnings) {
  auto f = std::unique_ptr<DateFinder>(new DateFinder());
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const auto& lang_dir : fs::directory_iterator(lexicon_dir, ec)) {
    fs::path dates = lang_dir.path() / "dates.tsv";
    if (!fs::exists(dates)) continue;
    auto lex = std::make_unique<DateLexicon>();
    SITREP_RETURN_IF_ERROR(LoadDates(dates.string(), lex.get(), warnings));
    fs::path tense = lang_dir.path() / "tense.tsv", numbers = lang_dir.path() / "numbers.tsv";
    if (fs::exists(tense)) SITREP_RETURN_IF_ERROR(LoadTense(tense.string(), lex.get(), warnings));
    if (fs::exists(numbers))
      SITREP_RETURN_IF_ERROR(LoadNumberWords(numbers.string(), lex.get(), warnings));
    f->by_lang_[lang_dir.path().filename().string()] = std::move(lex);
  }
  if (ec) return Status::IoError(lexicon_dir + ": " + ec.message());
  return f;
}

std::vector<DateMention> DateFinder::Find(const Document& doc) const {
  std::vector<DateMention> out;
  auto it = by_lang_.find(doc.lang);
  if (it == by_lang_.end()) return out;
  Scanner scanner(doc, *it->second);
  std::vector<Found> found;
  for (const auto& s : doc.sentences) {
    auto in_sentence = scanner.ScanSentence(s);
    found.insert(found.end(), in_sentence.begin(), in_sentence.end());
  }
  ResolveAnchors(doc, &found);
  out.reserve(found.size());
  for (const auto& f : found) {
    DateMention m;
    m.toks = {f.begin, f.end};
    m.span = {doc.tokens[f.begin].span.begin, doc.tokens[f.end - 1].span.end};
    m.interval = f.iv;
    m.rule = f.rule;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace sitrep
