#include "text/sentences.h"

#include <string_view>
#include <unordered_set>

namespace sitrep {
namespace {

bool IsAbbreviation(std::string_view fold) {
  static const std::unordered_set<std::string_view> kAbbrev = {
      "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "mgr", "st", "ste", "gen", "gal", "col",
      "cdt", "lt", "sgt", "mr", "mrs", "ms", "prof", "sen", "rep", "gov", "etc", "cf", "av", "bd",
      "no", "vol", "p", "art", "jan", "feb", "fev", "mar", "apr", "avr", "jun", "jul", "juil",
      "aug", "sep", "sept", "oct", "nov", "dec", "vs", "inc", "ltd", "co", "corp", "jr", "sr",
      "mt", "ft", "capt", "maj", "brig", "adm"};
  return kAbbrev.count(fold) > 0;
}

bool IsTerminal(const Token& t) {
  return t.kind == TokenKind::kPunct &&
         (t.fold == "." || t.fold == "!" || t.fold == "?" || t.fold == "\xE2\x80\xA6");
}

// A closing quote or bracket that belongs to the sentence it follows. French
// closing guillemets stand after a space ("fui. »"); an ASCII quote closes
// when nothing is glued after it.
bool IsCloser(const std::vector<Token>& toks, size_t j) {
  const Token& t = toks[j];
  if (t.kind != TokenKind::kPunct) return false;
  switch (t.punct) {
    case ')': case ']': case 0xBB: case 0x201D: case 0x2019:
      return true;
    case '"': case '\'':
      return !t.space_before || j + 1 >= toks.size() || toks[j + 1].space_before;
    default:
      return false;
  }
}

bool CanOpen(const Token& t) {
  return t.capitalized || t.kind == TokenKind::kNumber ||
         (t.kind == TokenKind::kPunct && (t.fold == "\"" || t.fold == "(" || t.fold == "-"));
}

// Whether the full stop at tokens[i] ends a sentence.
bool EndsAt(const std::vector<Token>& toks, size_t i) {
  size_t j = i + 1;
  while (j < toks.size() && IsCloser(toks, j) && !toks[j].newline_before) ++j;
  if (j >= toks.size()) return true;
  const Token& next = toks[j];
  if (next.newline_before) return true;
  if (!CanOpen(next)) return false;
  const Token* prev = i > 0 ? &toks[i - 1] : nullptr;
  if (toks[i].fold == "." && prev != nullptr && !toks[i].space_before) {
    if (IsAbbreviation(prev->fold)) return false;
    if (prev->kind == TokenKind::kWord && prev->span.size() == 1 && prev->capitalized) return false;
    // "U.S." style: a dot right before a single letter followed by a dot.
    if (!next.space_before) {
      // "quartiers.- Intertitre -": a dash glued to the full stop opens a
      // subheading when a space follows it.
      if (next.kind == TokenKind::kPunct && next.punct == '-' && j + 1 < toks.size() && toks[j + 1].space_before &&
          prev->kind == TokenKind::kWord)
        return true;
      // Glued "fin.Le": only when both sides are real words.
      return prev->kind == TokenKind::kWord && prev->fold.size() >= 2 && !prev->capitalized &&
             next.kind == TokenKind::kWord && next.fold.size() >= 2;
    }
  }
  return next.space_before || j > i + 1;
}

}  // namespace

std::vector<Sentence> SplitSentences(const std::vector<Token>& toks) {
  std::vector<Sentence> out;
  uint32_t start = 0;
  auto close = [&](uint32_t end) {
    if (end > start) {
      out.push_back({{toks[start].span.begin, toks[end - 1].span.end}, start, end});
    }
    start = end;
  };
  for (uint32_t i = 0; i < toks.size(); ++i) {
    if (i > start && toks[i].newline_before) close(i);
    // "- Intertitre -Le texte": a subheading's closing dash, spaced from
    // the heading and glued to the capital that opens the next sentence.
    if (i > start + 1 && toks[i].kind == TokenKind::kPunct && toks[i].punct == '-' && toks[i].space_before &&
        i + 1 < toks.size() && !toks[i + 1].space_before && toks[i + 1].kind == TokenKind::kWord &&
        toks[i + 1].capitalized && toks[i - 1].kind == TokenKind::kWord) {
      close(i + 1);
      continue;
    }
    if (IsTerminal(toks[i]) && EndsAt(toks, i)) {
      uint32_t end = i + 1;
      while (end < toks.size() && IsCloser(toks, end) && !toks[end].newline_before) ++end;
      close(end);
      i = end - 1;
    }
  }
  close(static_cast<uint32_t>(toks.size()));
  return out;
}

std::string GuessLanguage(const std::vector<Token>& toks, const std::string& fallback) {
  static const std::unordered_set<std::string_view> kFr = {
      "le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "sur", "par", "qui",
      "que", "avec", "ont", "selon", "a", "au", "aux", "l'", "d'", "pas", "ces", "il", "elle"};
  static const std::unordered_set<std::string_view> kEn = {
      "the", "and", "of", "to", "in", "is", "was", "were", "for", "on", "with", "that", "by",
      "from", "said", "have", "has", "had", "it", "at", "an", "this", "are", "be", "been"};
  int fr = 0, en = 0;
  size_t n = std::min<size_t>(toks.size(), 2000);
  for (size_t i = 0; i < n; ++i) {
    const std::string& f = toks[i].fold;
    fr += kFr.count(f) > 0;
    en += kEn.count(f) > 0;
  }
  if (fr == 0 && en == 0) return fallback.empty() ? "fr" : fallback;
  if (fr > 2 * en) return "fr";
  if (en > 2 * fr) return "en";
  return fallback.empty() ? (fr >= en ? "fr" : "en") : fallback;
}

}  // namespace sitrep
