#include <array>

#include "text/document.h"
#include "text/fold.h"
#include "text/vocabulary.h"

namespace sitrep {
namespace {

bool IsElidedArticle(std::string_view fold) {
  static constexpr std::array<std::string_view, 13> kElided = {
      "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};
  for (auto e : kElided)
    if (fold == e) return true;
  return false;
}

// What was no text: U+FFFD (the repair of an invalid byte) and control
// characters.
bool IsNoise(char32_t cp) { return cp == kReplacementChar || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// The character classes of fold.h with their ASCII answers inline: most of
// the text is ASCII, and these are asked once or twice per character.
inline bool Space(char32_t cp) { return cp < 0x80 ? cp == ' ' || (cp >= '\t' && cp <= '\r') : IsSpace(cp); }
inline bool WordChar(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  return IsLetter(cp);
}
inline void AppendFoldedChar(char32_t cp, std::string* out) {
  if (cp < 0x80)
    out->push_back((cp >= 'A' && cp <= 'Z') ? static_cast<char>(cp + 32) : static_cast<char>(cp));
  else
    AppendFolded(cp, out);
}

struct Cursor {
  std::string_view text;
  size_t pos = 0;
  char32_t Peek(size_t* next) const {
    if (auto b = static_cast<unsigned char>(text[pos]); b < 0x80) {
      *next = pos + 1;
      return b;
    }
    size_t p = pos;
    int32_t cp = DecodeUtf8(text, &p);
    *next = p;
    return cp < 0 ? kReplacementChar : static_cast<char32_t>(cp);
  }
  // The end of the run of non-space characters starting here, and whether
  // it holds noise.
  size_t ChunkEnd(bool* noise) const {
    size_t p = pos;
    *noise = false;
    while (p < text.size()) {
      if (auto b = static_cast<unsigned char>(text[p]); b < 0x80) {
        if (b == ' ' || (b >= '\t' && b <= '\r')) break;
        *noise |= b < 0x20 || b == 0x7F;
        ++p;
        continue;
      }
      size_t q = p;
      int32_t v = DecodeUtf8(text, &q);
      char32_t cp = v < 0 ? kReplacementChar : static_cast<char32_t>(v);
      if (IsSpace(cp)) break;
      *noise |= IsNoise(cp);
      p = q;
    }
    return p;
  }
};

}  // namespace

size_t Tokenize(std::string_view text, uint32_t base, std::vector<Token>* out, size_t max_tokens) {
  const size_t first = out->size();
  Cursor c{text};
  bool space = false, newline = false;
  while (c.pos < text.size()) {
    if (out->size() - first >= max_tokens) break;
    size_t next;
    char32_t cp = c.Peek(&next);
    if (Space(cp)) {
      space = true;
      newline |= cp == '\n' || cp == '\r';
      c.pos = next;
      continue;
    }
    Token tok;
    tok.space_before = space;
    tok.newline_before = newline;
    size_t start = c.pos;
    // A run of non-space characters holding noise is one punctuation token:
    // random bytes make a token per word-sized run, not one per byte. Each
    // run is scanned once more here, so tokenising stays linear.
    if (space || start == 0) {
      bool noise = false;
      size_t end = c.ChunkEnd(&noise);
      if (noise) {
        space = newline = false;
        AppendFolded(kReplacementChar, &tok.fold);
        tok.kind = TokenKind::kPunct;
        tok.punct = kReplacementChar;
        tok.span = {static_cast<uint32_t>(base + start), static_cast<uint32_t>(base + end)};
        c.pos = end;
        out->push_back(std::move(tok));
        continue;
      }
    }
    space = newline = false;
    if (WordChar(cp)) {
      bool digits_only = true;
      tok.capitalized = IsUpper(cp);
      while (c.pos < text.size()) {
        cp = c.Peek(&next);
        if (WordChar(cp)) {
          digits_only &= cp >= '0' && cp <= '9';
          AppendFoldedChar(cp, &tok.fold);
          c.pos = next;
          continue;
        }
        if (!IsApostrophe(cp) || next >= text.size()) break;
        // An apostrophe inside a word: elision ("l'armée"), English "'s",
        // or part of a name ("Hay'at").
        size_t after;
        char32_t nc = Cursor{text, next}.Peek(&after);
        if (!IsLetter(nc)) break;
        if (IsElidedArticle(tok.fold) && !digits_only) {
          tok.fold.push_back('\'');
          c.pos = next;
          break;
        }
        if ((nc == 's' || nc == 'S') &&
            (after >= text.size() || !IsLetter(Cursor{text, after}.Peek(&after)))) break;
        tok.fold.push_back('\'');
        c.pos = next;
      }
      tok.kind = digits_only ? TokenKind::kNumber : TokenKind::kWord;
    } else {
      AppendFolded(cp, &tok.fold);
      c.pos = next;
      tok.kind = TokenKind::kPunct;
      tok.punct = cp;
    }
    tok.span = {static_cast<uint32_t>(base + start), static_cast<uint32_t>(base + c.pos)};
    out->push_back(std::move(tok));
  }
  Vocabulary::Global().Assign(out, first);
  return c.pos;
}

}  // namespace sitrep
