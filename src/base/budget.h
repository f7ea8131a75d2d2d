// Per-document budgets against hostile input (re2's max_mem; DESIGN.md,
// "Budgets against hostile input"). A stage that reaches a limit keeps what
// fits, drops the rest and counts what it dropped in the document's
// BudgetLog; the pipeline turns each count into one warning
// ("budget: ...") on the document's result. Never an error, never a hang:
// with every limit in place a document's time and memory grow at most
// linearly with its size.
#ifndef SITREP_BASE_BUDGET_H_
#define SITREP_BASE_BUDGET_H_

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "sitrep/budget.h"

namespace sitrep {

enum class Budget {
  kTokensPerDocument,      // tokens read; the text after the last one is not analysed
  kMentionsPerSentence,    // mentions of one kind (places, actors, ...) in one sentence
  kCandidatesPerPlaceName, // gazetteer entries weighed for one name
  kWordsPerParsedSentence, // longer sentences are not parsed
  kEventsPerDocument,      // events returned for one document
};
inline constexpr size_t kBudgetCount = 5;

size_t LimitOf(const BudgetLimits& limits, Budget b);


// What one document's stages dropped, by budget. Not thread-safe: one per
// document, filled by the stages that run on it one after another.
class BudgetLog {
 public:
  void Dropped(Budget b, size_t n = 1) { dropped_[static_cast<size_t>(b)] += n; }
  size_t dropped(Budget b) const { return dropped_[static_cast<size_t>(b)]; }
  // One sentence per budget that was reached, e.g. "budget: 3 sentences of
  // more than 400 words were not parsed".
  std::vector<std::string> Warnings(const BudgetLimits& limits) const;

 private:
  std::array<size_t, kBudgetCount> dropped_{};
};

}  // namespace sitrep

#endif  // SITREP_BASE_BUDGET_H_
