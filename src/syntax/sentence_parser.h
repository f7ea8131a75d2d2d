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

SentenceParse ParseSentence(const Document& doc, size_t sentence, const SyntaxModel& model);

}  // namespace sitrep

#endif  // SITREP_SYNTAX_SENTENCE_PARSER_H_
