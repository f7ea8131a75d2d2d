#include "gazetteer/name_key.h"

#include "text/document.h"

namespace sitrep {
namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'w'; }

}  // namespace

bool IsArticle(std::string_view w) {
  static const char* const kArticles[] = {"al", "el", "al'", "el'", "ad", "ar", "as", "ash", "at",
                                          "az", "ad", "an", "ed", "er", "es", "et", "ez", "ech"};
  for (const char* a : kArticles)
    if (w == a) return true;
  return false;
}

std::vector<std::string> NameWords(std::string_view name) {
  std::vector<Token> toks;
  Tokenize(name, 0, &toks);
  std::vector<std::string> out;
  for (auto& t : toks)
    if (t.kind != TokenKind::kPunct) out.push_back(std::move(t.fold));
  return out;
}

std::string ExactKey(const std::vector<std::string>& words, size_t begin, size_t end) {
  std::string key;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) key.push_back(' ');
    key += words[i];
  }
  return key;
}

std::string LooseKey(const std::vector<std::string>& words, size_t begin, size_t end) {
  // Concatenate, dropping a leading article word and the article glued to
  // the first word ("alboukamal").
  std::string s;
  for (size_t i = begin; i < end; ++i) {
    if (i + 1 < end && IsArticle(words[i])) continue;
    s += words[i];
  }
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return "";  // non-Latin script: exact keys only
  if (s.size() > 5 && (s.compare(0, 2, "al") == 0 || s.compare(0, 2, "el") == 0)) s.erase(0, 2);
  std::string k;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c < 'a' || c > 'z') continue;
    if (c == 'c' && i + 1 < s.size() && s[i + 1] == 'h') c = 's';       // French ch = sh
    else if (c == 'd' && i + 1 < s.size() && s[i + 1] == 'j') continue;  // French dj = j
    else if (c == 'q' || c == 'c') c = 'k';
    if (IsVowel(c)) continue;
    if (!k.empty() && k.back() == c) continue;
    bool digraph = c == 'h' && i > 0 && (s[i - 1] == 's' || s[i - 1] == 'k' || s[i - 1] == 'g' || s[i - 1] == 'c');
    if (c == 'h' && !digraph && i + 1 == s.size()) continue;  // final -h (Hamah, Raqqah)
    k.push_back(c);  // sh, kh, gh stay letters of their own
  }
  if (k.size() < 2) return "";
  return k;
}

}  // namespace sitrep
