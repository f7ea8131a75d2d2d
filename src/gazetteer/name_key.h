// The keys under which place names are indexed and looked up. A name and a
// stretch of document text meet when their keys are equal, so both sides go
// through the same functions.
//
// Exact key: the folded word tokens joined by one space ("Deir ez-Zor" ->
// "deir ez zor", "U.S." -> "u s"); punctuation inside a name is dropped.
// Loose key: a consonant skeleton that absorbs the usual transliteration
// variants of Arabic names (article al-/el-, doubled letters, vowels, a final
// -h, q/k, French ch/dj): Idleb/Idlib, Raqa/Raqqa, Deir Ezzor/Deir ez-Zor and
// Al-Boukamal/Abou Kamal/Albu Kamal each share one loose key.
#ifndef SITREP_GAZETTEER_NAME_KEY_H_
#define SITREP_GAZETTEER_NAME_KEY_H_

#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

// Folded word tokens of a name (punctuation dropped; an elided article such
// as "l'" stays a word of its own).
std::vector<std::string> NameWords(std::string_view name);

std::string ExactKey(const std::vector<std::string>& words, size_t begin, size_t end);
inline std::string ExactKey(const std::vector<std::string>& words) {
  return ExactKey(words, 0, words.size());
}

// An Arabic article written as a word of its own, in any of its assimilated
// transliterations ("al", "el", "an" of "Ma'arrat an Nu'man", "az" of "Az
// Zarbah", "ash"): the loose key drops it when another word follows.
bool IsArticle(std::string_view w);

// Empty when the name is too short to be matched loosely (fewer than two
// skeleton consonants) or has no Latin letter.
std::string LooseKey(const std::vector<std::string>& words, size_t begin, size_t end);
inline std::string LooseKey(const std::vector<std::string>& words) {
  return LooseKey(words, 0, words.size());
}

}  // namespace sitrep

#endif  // SITREP_GAZETTEER_NAME_KEY_H_
