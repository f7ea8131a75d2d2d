// Runs a SyntaxModel on one sentence of a Document and aligns the result
// to the Document's tokens (doc_words.h says how words and tokens meet).
#ifndef SITREP_SYNTAX_SENTENCE_PARSER_H_
#define SITREP_SYNTAX_SENTENCE_PARSER_H_

#include <cstddef>

#include "sitrep/budget.h"
#include "syntax/parse.h"
#include "syntax/syntax_model.h"
#include "text/document.h"

namespace sitrep {

// Sentences longer than this many tokens are left unparsed (a budget
// against pathological input; news sentences are far shorter). The
// pipeline reads its own limit from PipelineOptions::budgets.
inline constexpr size_t kMaxParsedTokens = BudgetLimits{}.words_per_parsed_sentence;

// Parses one sentence. When `detached_end` is inside it, the tokens before
// it are an opening phrase set off by a comma ("On 4 March 2024,", "Dans
// la nuit de samedi à dimanche,"): the clause after it is parsed on its
// own, then the phrase, whose root becomes an oblique of the clause's
// root. A greedy parser trained on treebanks with few such openings
// otherwise lets the phrase swallow the clause's subject.
SentenceParse ParseSentence(const Document& doc, size_t sentence, const SyntaxModel& model,
                            uint32_t detached_end = 0);

}  // namespace sitrep

#endif  // SITREP_SYNTAX_SENTENCE_PARSER_H_
