#include "text/fold.h"

#include "base/utf8.h"

namespace sitrep {
namespace {

// Folded forms of U+00C0..U+017F (Latin-1 Supplement letters and Latin
// Extended-A), indexed from U+00C0. Hand-written from the Unicode
// decompositions: each letter maps to its base letter, lowercased.
constexpr const char* kLatin[] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // C0
    "d", "n", "o", "o", "o", "o", "o", "*", "o", "u", "u", "u", "u", "y", "th", "ss",  // D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // E0
    "d", "n", "o", "o", "o", "o", "o", "/", "o", "u", "u", "u", "u", "y", "th", "y",   // F0
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",    // 100
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",    // 110
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",    // 120
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",  // 130
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",    // 140
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",  // 150
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",    // 160
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",    // 170
};

}  // namespace

bool IsApostrophe(char32_t cp) {
  return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x02BB ||
         cp == 0x2032 || cp == 0x00B4 || cp == '`';
}

bool IsDash(char32_t cp) { return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212; }

bool IsDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }

bool IsCoordinator(std::string_view fold) { return fold == "and" || fold == "et"; }

bool IsSpace(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x202F || cp == 0x2009 || cp == 0x2007 || cp == 0x200A ||
         cp == 0x2002 || cp == 0x2003 || cp == 0x3000 || cp == 0xFEFF || cp == 0x200B;
}

bool IsLetter(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0xC0 && cp <= 0x24F) return true;       // Latin
  if (cp >= 0x370 && cp <= 0x52F) return true;      // Greek, Cyrillic
  if (cp >= 0x591 && cp <= 0x6FF) return cp != 0x60C && cp != 0x61B && cp != 0x61F;  // Hebrew, Arabic
  if (cp >= 0x750 && cp <= 0x77F) return true;
  if (cp >= 0x1E00 && cp <= 0x1EFF) return true;    // Latin Extended Additional
  if (cp >= 0x3040 && cp <= 0x9FFF) return true;    // Kana, CJK
  if (cp >= 0xAC00 && cp <= 0xD7AF) return true;    // Hangul
  return cp == 0xAA || cp == 0xBA || cp == 0xB5;
}

bool IsUpper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x17F) return (cp % 2) == 0;  // approximately: even = capital
  if (cp >= 0x391 && cp <= 0x3A9) return true;
  if (cp >= 0x400 && cp <= 0x42F) return true;
  return false;
}

void AppendFolded(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back((cp >= 'A' && cp <= 'Z') ? static_cast<char>(cp + 32) : static_cast<char>(cp));
    return;
  }
  if (cp >= 0xC0 && cp <= 0x17F) {
    out->append(kLatin[cp - 0xC0]);
    return;
  }
  if (IsApostrophe(cp)) {
    out->push_back('\'');
    return;
  }
  if (IsDash(cp)) {
    out->push_back('-');
    return;
  }
  if (IsSpace(cp)) {
    out->push_back(' ');
    return;
  }
  switch (cp) {
    case 0x201C: case 0x201D: case 0x201E: case 0xAB: case 0xBB:
      out->push_back('"');
      return;
    case 0x1E0D: case 0x1E0C: out->push_back('d'); return;  // transliteration dots (Ḍ ḍ)
    case 0x1E24: case 0x1E25: out->push_back('h'); return;
    case 0x1E62: case 0x1E63: out->push_back('s'); return;
    case 0x1E6C: case 0x1E6D: out->push_back('t'); return;
    case 0x1E92: case 0x1E93: out->push_back('z'); return;
    case 0x2BF: case 0x2BE: return;  // ayn / hamza half rings
    default: break;
  }
  if ((cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F)) cp += 32;  // Greek, Cyrillic
  else if (cp >= 0x400 && cp <= 0x40F) cp += 80;
  AppendUtf8(cp, out);
}

std::string Fold(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  size_t pos = 0;
  while (pos < utf8.size()) {
    int32_t cp = DecodeUtf8(utf8, &pos);
    if (cp >= 0) AppendFolded(static_cast<char32_t>(cp), &out);
  }
  return out;
}

}  // namespace sitrep
