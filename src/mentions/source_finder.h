// Who the text credits: a reporting cue (data/lexicons/<lang>/source_cues.tsv:
// "selon", "d'après", "a annoncé", "according to", "said") paired with the
// source phrase next to it (sources.tsv: "le ministère russe de la Défense",
// "l'OSDH", "Sputnik"), before or after the cue as the cue's position column
// allows. A cue with no known source next to it yields a back-reference
// after a pronoun ("a-t-il précisé", "Il a ajouté": cue_kind "same"), OTHER
// for a capitalised name right after the cue or right before it (an
// appositive's comma at most between), OTHER for a source described in
// plain words between the cue and a punctuation mark or the sentence's edge
// ("..., state prosecutors said", "selon une source sécuritaire."), or nothing. Claims of responsibility ("a
// revendiqué") are cue_kind "claim" with no id. Only paired sources are
// reported: a name without a cue is not a claim. Immutable; thread-safe.
#ifndef SITREP_MENTIONS_SOURCE_FINDER_H_
#define SITREP_MENTIONS_SOURCE_FINDER_H_

#include <memory>
#include <string>
#include <vector>

#include "lexicon/lang_table.h"
#include "mentions/mention.h"
#include "syntax/parse.h"
#include "sitrep/status.h"

namespace sitrep {

class SourceFinder {
 public:
  static StatusOr<std::unique_ptr<SourceFinder>> Create(const std::string& lexicon_dir,
                                                        std::vector<std::string>* warnings);
  // `parse` (may be null) tells a described source from a clause: a verb
  // in the words next to a cue makes them no source; where the sentence is
  // unparsed, a described source needs a punctuation mark on its far side.
  // An event word (`triggers`, may be null) is never part of one.
  std::vector<SourceMention> Find(const Document& doc, const DocParse* parse = nullptr,
                                  const std::vector<TriggerMention>* triggers = nullptr) const;

 private:
  Stemmers stemmers_;
  LangTable sources_, cues_;
};

}  // namespace sitrep

#endif  // SITREP_MENTIONS_SOURCE_FINDER_H_
