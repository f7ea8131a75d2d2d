// Time expressions ("lundi", "hier soir", "dans la nuit du 29 au 30 mai",
// "au cours des dernières 24 heures", "on May 25", "last week"), each
// resolved to a calendar interval against the document's publication date
// (see resolve/date_resolver.h for the conventions). Words live in
// data/lexicons/<lang>/dates.tsv (month and day names, relative words),
// tense.tsv (future / past cues) and numbers.tsv (number words); the
// patterns that combine them are here.
//
// Weekdays and dates without a year point back in past narration and
// forward in future narration: the nearest tense cue in the sentence
// decides ("samedi, la fête commencera" is the coming Saturday). Times of
// day and anaphora ("22 h", "la veille", "le lendemain") are read on the
// last day the text mentioned before them (the same sentence first), else
// on the publication date.
//
// Create() loads the data once; Find() is const and thread-safe.
#ifndef SITREP_MENTIONS_DATE_FINDER_H_
#define SITREP_MENTIONS_DATE_FINDER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "mentions/mention.h"
#include "sitrep/status.h"

namespace sitrep {

class DateLexicon;  // date_finder.cc

class DateFinder {
 public:
  // Loads every language folder under `lexicon_dir` that has a dates.tsv.
  // Malformed rows are appended to `warnings` and skipped.
  static StatusOr<std::unique_ptr<DateFinder>> Create(const std::string& lexicon_dir,
                                                      std::vector<std::string>* warnings);
  ~DateFinder();

  // Time expressions in document order, non-overlapping, each with a
  // resolved interval (precision `unknown` when the text and the
  // publication date do not fix it). Empty for a language with no lexicon.
  std::vector<DateMention> Find(const Document& doc) const;

 private:
  DateFinder() = default;
  std::map<std::string, std::unique_ptr<DateLexicon>> by_lang_;
};

}  // namespace sitrep

#endif  // SITREP_MENTIONS_DATE_FINDER_H_
