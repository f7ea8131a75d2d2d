#include "syntax/word_form.h"

#include "base/hash.h"
#include "base/utf8.h"

namespace sitrep {
namespace {

char32_t LowerCp(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0xC0) return c;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
  if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 &&
      c != 0x17F) {
    // Latin Extended-A pairs: even upper / odd lower, except 0x139..0x148 and 0x179..0x17E (odd upper).
    bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    if (odd_upper) return (c % 2 == 1) ? c + 1 : c;
    return (c % 2 == 0) ? c + 1 : c;
  }
  if (c >= 0x391 && c <= 0x3A9) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c == 0x2019 || c == 0x2018 || c == 0x02BC) return '\'';
  return c;
}

char ShapeClass(char32_t c) {
  if (c >= '0' && c <= '9') return 'd';
  if (LowerCp(c) != c && c != 0x2019 && c != 0x2018 && c != 0x02BC) return 'X';
  if ((c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0x24F) || (c >= 0x3B1 && c <= 0x44F)) return 'x';
  if (c > 0x24F) return 'u';
  return static_cast<char>(c);
}

}  // namespace

std::string LowerForm(std::string_view form) {
  std::string out;
  out.reserve(form.size());
  size_t pos = 0;
  while (pos < form.size()) {
    if (static_cast<unsigned char>(form[pos]) < 0x80) {
      char ch = form[pos++];
      out.push_back(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
      continue;
    }
    size_t start = pos;
    int32_t cp = DecodeUtf8(form, &pos);
    if (cp < 0) {
      out.append(form.substr(start, pos - start));
      continue;
    }
    AppendUtf8(LowerCp(static_cast<char32_t>(cp)), &out);
  }
  return out;
}

std::string WordShape(std::string_view form) {
  std::string out;
  size_t pos = 0;
  int runs = 0;
  while (pos < form.size() && runs < 6) {
    int32_t cp = DecodeUtf8(form, &pos);
    char k = ShapeClass(cp < 0 ? 0xFFFD : static_cast<char32_t>(cp));
    if (!out.empty() && out.back() == k) continue;
    out.push_back(k);
    ++runs;
  }
  return out;
}

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string_view LastCodePoints(std::string_view s, size_t n) {
  size_t pos = s.size();
  while (pos > 0 && n > 0) {
    --pos;
    if ((static_cast<unsigned char>(s[pos]) & 0xC0) != 0x80) --n;
  }
  return s.substr(pos);
}

std::string_view FirstCodePoints(std::string_view s, size_t n) {
  size_t pos = 0;
  while (pos < s.size()) {
    if ((static_cast<unsigned char>(s[pos]) & 0xC0) != 0x80) {
      if (n == 0) break;
      --n;
    }
    ++pos;
  }
  return s.substr(0, pos);
}

uint32_t HashString(std::string_view s) {
  uint64_t h = Fnv1a64(s);
  return static_cast<uint32_t>(h ^ (h >> 32));
}

}  // namespace sitrep
