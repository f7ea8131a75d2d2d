// Event triggers from data/lexicons/<lang>/triggers.tsv (phrase, event_type,
// sub_event_type), matched on folded tokens.
#ifndef SITREP_MENTIONS_TRIGGER_FINDER_H_
#define SITREP_MENTIONS_TRIGGER_FINDER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lexicon/phrase_matcher.h"
#include "mentions/mention.h"
#include "sitrep/status.h"

namespace sitrep {

class TriggerFinder {
 public:
  // Loads every language folder under `lexicon_dir` that has a triggers.tsv.
  static StatusOr<std::unique_ptr<TriggerFinder>> Create(const std::string& lexicon_dir,
                                                         std::vector<std::string>* warnings);
  std::vector<TriggerMention> Find(const Document& doc) const;

 private:
  struct Entry {
    std::string phrase, event_type, sub_event_type;
  };
  std::vector<Entry> entries_;
  std::map<std::string, PhraseMatcher> by_lang_;
};

}  // namespace sitrep

#endif  // SITREP_MENTIONS_TRIGGER_FINDER_H_
