// Event triggers from data/lexicons/<lang>/triggers.tsv (phrase, event_type,
// sub_event_type, strength, role), matched on stemmed folded tokens so one
// row covers its inflections, longest phrase first ("raids aériens" before
// "raids"). A weak trigger ("frappe", "attaque") is refined by a modifier
// from modifiers.tsv close to it in the same clause ("frappe de drone" ->
// Air/drone strike, "attaque suicide" -> Suicide bomb). Immutable; Find()
// is thread-safe.
#ifndef SITREP_MENTIONS_TRIGGER_FINDER_H_
#define SITREP_MENTIONS_TRIGGER_FINDER_H_

#include <memory>
#include <string>
#include <vector>

#include "lexicon/lang_table.h"
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
  void Refine(const Document& doc, const std::vector<Token>& stemmed, TriggerMention* t) const;
  Stemmers stemmers_;
  LangTable triggers_, modifiers_;
};

}  // namespace sitrep

#endif  // SITREP_MENTIONS_TRIGGER_FINDER_H_
