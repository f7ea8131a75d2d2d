// Whether a candidate's clause reports a fresh, specific occurrence: the
// status the events stage gives every candidate before it may become an
// event. Decided from the cues of its clause (event_cues.tsv: habitual,
// recalled, pluperfect, total), the tense of its clause and, once the event
// is assembled, its date against the publication date.
#ifndef SITREP_EVENTS_STATUS_H_
#define SITREP_EVENTS_STATUS_H_

#include <string>

#include "events/clause.h"
#include "events/cues.h"
#include "mentions/mention.h"
#include "sitrep/document.h"
#include "text/document.h"

namespace sitrep {

enum class Occurrence : uint8_t {
  kFresh,     // reports a specific occurrence as news
  kRecalled,  // recalls an earlier occurrence: a background event
  kHabitual,  // what happens repeatedly or in general: no event
  kFuture,    // dated after the article: planned or narrated ahead, no event
  kTotal,     // counts the casualties of a period ("since Thursday, strikes have killed 44"): no event
};

const char* OccurrenceName(Occurrence o);

// The status the words of the trigger's clause give: a habitual cue in its
// clause, a recalling cue in its sentence, or a pluperfect auxiliary before
// it in its clause that no reporting verb governs ("X said troops had
// killed" is backshifted reported speech, still news). `why` says which.
// With the clause's parse (`frame`, may be null) the tree decides the
// pluperfect and the reported speech instead of the auxiliary's shape.
// A clause framed by a period that began days before the article ("depuis
// le 30 septembre", "since Thursday", "over the past month": a date of rule
// "since" or "window", in the clause
// or fronted before the sentence) and that counts people is a period total.
Occurrence ClauseOccurrence(const Document& doc, const MentionSet& m, const DocCues& cues, uint32_t trigger_tok,
                            const ClauseFrame* frame, std::string* why);

// The status an event's date gives against the publication date: after it
// is kFuture; ending more than kRecentDays before it is kRecalled (news
// reports what happened in the last days; ACLED codes the rest as context).
// A month-precision publication date counts from the month's first day for
// recency and its last day for the future.
Occurrence DateOccurrence(const PubDate& published, const DateInterval& date);

inline constexpr int kRecentDays = 10;
// A "since" period at least this many days long before the article counts
// a period's casualties; a shorter one is the toll of an occurrence still going on.
inline constexpr int kPeriodDays = 3;

}  // namespace sitrep

#endif  // SITREP_EVENTS_STATUS_H_
