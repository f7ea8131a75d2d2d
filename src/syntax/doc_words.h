// From the Document's tokens to the syntactic words the models were
// trained on (see parse.h for which token carries which word):
//  - French: "-t-il", "dit-il" (a hyphen, optional "t", a clitic pronoun)
//    become one word carried by the pronoun; other hyphenated words
//    ("porte-parole", "Jean-Pierre", "celui-ci") one word carried by the
//    first part; contractions of the model's multiword table split
//    ("du" -> "de le", "des" by context);
//  - English: "'" + "s" is the word "'s"; "don't", "I'm", "we'll" split
//    by the multiword table, else by their ending ("n't", "'m", "'re", "'ve",
//    "'ll", "'d").
// Typographic apostrophes are written "'" in the word forms.
#ifndef SITREP_SYNTAX_DOC_WORDS_H_
#define SITREP_SYNTAX_DOC_WORDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "syntax/multiword.h"
#include "text/document.h"

namespace sitrep {

struct SyntacticWord {
  std::string form;
  uint32_t token = 0;  // the Document token it belongs to
  bool carrier = true;  // false for the second word of a contraction
};

struct SentenceWords {
  std::vector<SyntacticWord> words;
  // Per token of the sentence (from tok_begin): -1, or the token that carries
  // the word it is a piece of.
  std::vector<int32_t> part_of;
};

SentenceWords BuildWords(const Document& doc, const Sentence& sentence, const MultiwordTable& multiword);

}  // namespace sitrep

#endif  // SITREP_SYNTAX_DOC_WORDS_H_
