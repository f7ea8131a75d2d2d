// Per-document limits against hostile input (PipelineOptions::budgets).
// When a document reaches one, the pipeline keeps what fits, drops the rest
// and says so in a warning on the result ("budget: ..."); it never fails or
// hangs for it. The defaults leave ordinary news far below every limit.
#ifndef SITREP_BUDGET_H_
#define SITREP_BUDGET_H_

#include <cstddef>

namespace sitrep {

struct BudgetLimits {
  // Tokens read per document; the text after them is not analysed.
  // 10 MB of ordinary prose is under 2 million tokens; random bytes are one
  // token per byte, so this bounds them too.
  size_t tokens_per_document = 2'000'000;
  size_t mentions_per_sentence = 64;      // of each kind: places, actors, numbers...
  size_t candidates_per_place_name = 48;  // gazetteer entries weighed for one name
  size_t words_per_parsed_sentence = 400; // longer sentences are not parsed
  size_t events_per_document = 1000;
};

}  // namespace sitrep

#endif  // SITREP_BUDGET_H_
