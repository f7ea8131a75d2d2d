// Word-level helpers shared by the tagger, lemmatiser and parser, at
// training and at run time: lower-casing, the shape of a word, and the
// hashing that turns feature templates into 32-bit feature keys.
#ifndef SITREP_SYNTAX_WORD_FORM_H_
#define SITREP_SYNTAX_WORD_FORM_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace sitrep {

// Lower-cases ASCII, Latin-1, Latin Extended-A and Greek/Cyrillic capitals;
// maps typographic apostrophes to "'". Other characters are kept.
std::string LowerForm(std::string_view form);
// "Xxxx", "xxxx", "dd", "X.X."...: each character class once per run, at most 6 runs.
std::string WordShape(std::string_view form);
// Number of code points.
size_t CodePointCount(std::string_view s);
// The last (first) `n` code points of `s` (all of it when shorter).
std::string_view LastCodePoints(std::string_view s, size_t n);
std::string_view FirstCodePoints(std::string_view s, size_t n);

// 32-bit string hash (FNV-1a folded), stable across machines.
uint32_t HashString(std::string_view s);

// A feature key: template id and up to three values mixed; never 0 (0 marks
// an empty slot in the model's table).
inline uint32_t FeatureKey(uint32_t templ, uint32_t a, uint32_t b = 0, uint32_t c = 0) {
  uint64_t h = 0x9E3779B97F4A7C15ull * (templ + 1);
  h ^= a + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
  h *= 0xFF51AFD7ED558CCDull;
  h ^= b + 0x85EBCA77C2B2AE63ull + (h << 6) + (h >> 2);
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= c + 0x27D4EB2F165667C5ull + (h << 6) + (h >> 2);
  h ^= h >> 33;
  uint32_t k = static_cast<uint32_t>(h ^ (h >> 32));
  return k ? k : 1;
}

}  // namespace sitrep

#endif  // SITREP_SYNTAX_WORD_FORM_H_
