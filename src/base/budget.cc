#include "base/budget.h"

namespace sitrep {

size_t LimitOf(const BudgetLimits& limits, Budget b) {
  switch (b) {
    case Budget::kTokensPerDocument: return limits.tokens_per_document;
    case Budget::kMentionsPerSentence: return limits.mentions_per_sentence;
    case Budget::kCandidatesPerPlaceName: return limits.candidates_per_place_name;
    case Budget::kWordsPerParsedSentence: return limits.words_per_parsed_sentence;
    case Budget::kEventsPerDocument: return limits.events_per_document;
  }
  return 0;
}

std::vector<std::string> BudgetLog::Warnings(const BudgetLimits& limits) const {
  std::vector<std::string> out;
  auto n = [&](Budget b) { return dropped(b); };
  auto lim = [&](Budget b) { return std::to_string(LimitOf(limits, b)); };
  if (size_t d = n(Budget::kTokensPerDocument))
    out.push_back("budget: over " + lim(Budget::kTokensPerDocument) + " tokens; the last " +
                  std::to_string(d) + " bytes of text were not read");
  if (size_t d = n(Budget::kMentionsPerSentence))
    out.push_back("budget: " + std::to_string(d) + " mentions dropped past " +
                  lim(Budget::kMentionsPerSentence) + " of one kind in a sentence");
  if (size_t d = n(Budget::kCandidatesPerPlaceName))
    out.push_back("budget: " + std::to_string(d) + " place names had over " +
                  lim(Budget::kCandidatesPerPlaceName) + " gazetteer candidates; the rest were not weighed");
  if (size_t d = n(Budget::kWordsPerParsedSentence))
    out.push_back("budget: " + std::to_string(d) + " sentences of over " +
                  lim(Budget::kWordsPerParsedSentence) + " words were not parsed");
  if (size_t d = n(Budget::kEventsPerDocument))
    out.push_back("budget: " + std::to_string(d) + " events dropped past " +
                  lim(Budget::kEventsPerDocument) + " in one document");
  return out;
}

}  // namespace sitrep
