#include "events/assembler.h"

namespace sitrep {
namespace {

// A fresh event with no time expression takes the publication date at the
// publication date's own precision (the codebook's convention).
DateInterval PublicationInterval(const PubDate& d) {
  DateInterval out;
  if (!d.valid()) return out;
  if (d.day_precision()) {
    out.start = out.end = Ymd{d.y, d.m, d.d};
    out.precision = DatePrecision::kDay;
  } else {
    out.start = Ymd{d.y, d.m, 1};
    out.end = Ymd{d.y, d.m, 31};
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    out.end.d = kDays[d.m - 1] + (d.m == 2 && ((d.y % 4 == 0 && d.y % 100 != 0) || d.y % 400 == 0));
    out.precision = DatePrecision::kMonth;
  }
  return out;
}

}  // namespace

std::vector<Event> EventAssembler::Assemble(const Document& doc, const MentionSet& m) const {
  std::vector<Event> events;
  size_t last_sentence = SIZE_MAX;
  for (const auto& trig : m.triggers) {
    size_t s = doc.SentenceOfToken(trig.toks.begin);
    if (s == last_sentence) continue;  // one event per sentence until clauses are split
    last_sentence = s;
    Event e;
    e.docs = {doc.id};
    e.event_type = trig.event_type;
    e.sub_event_type = trig.sub_event_type;
    e.date = PublicationInterval(doc.date);
    const Sentence& sent = doc.sentences[s];
    e.evidence.push_back({doc.id, doc.Cp(sent.span.begin), doc.Cp(sent.span.end)});
    e.provenance.trigger = std::string(doc.Slice(trig.span));
    e.provenance.trigger_rule = trig.rule;
    events.push_back(std::move(e));
  }
  return events;
}

}  // namespace sitrep
