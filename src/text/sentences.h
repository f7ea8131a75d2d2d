// Sentence boundaries over tokens. A line break always ends a sentence
// (headlines, datelines and one-sentence lines carry no full stop); ". ! ? …"
// end one when what follows can open a sentence, except after a known
// abbreviation ("M. Lavrov", "Gen.") or an initial. A full stop glued to a
// capitalised word ("fin.Le") also ends one: some corpora lost that space.
#ifndef SITREP_TEXT_SENTENCES_H_
#define SITREP_TEXT_SENTENCES_H_

#include <vector>

#include "text/document.h"

namespace sitrep {

std::vector<Sentence> SplitSentences(const std::vector<Token>& tokens);

// "fr" or "en" from function-word counts; `fallback` when neither shows.
std::string GuessLanguage(const std::vector<Token>& tokens, const std::string& fallback);

}  // namespace sitrep

#endif  // SITREP_TEXT_SENTENCES_H_
