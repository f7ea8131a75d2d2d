// Case and accent folding for matching: "Alep", "ALEP" and "Alép" fold to
// "alep"; typographic apostrophes and dashes fold to ASCII ' and -;
// ligatures expand (œ -> oe). Folding never looks at context, so a folded
// token can be compared with a folded lexicon or gazetteer entry directly.
#ifndef SITREP_TEXT_FOLD_H_
#define SITREP_TEXT_FOLD_H_

#include <string>
#include <string_view>

namespace sitrep {

// Appends the folded form of one code point.
void AppendFolded(char32_t cp, std::string* out);

// Folds a whole UTF-8 string (invalid bytes are dropped).
std::string Fold(std::string_view utf8);

// Character classes used by the tokenizer.
bool IsLetter(char32_t cp);
bool IsDigit(char32_t cp);
bool IsSpace(char32_t cp);
bool IsApostrophe(char32_t cp);
bool IsDash(char32_t cp);
bool IsUpper(char32_t cp);

// The folded word that joins two phrases of equal rank, "and"/"et" (a
// closed class of the languages read: "douze morts et dix-huit", "ELN and
// FARC dissidents", "Russian and Ukrainian troops").
bool IsCoordinator(std::string_view fold);

}  // namespace sitrep

#endif  // SITREP_TEXT_FOLD_H_
