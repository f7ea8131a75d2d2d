// sitrep explain EVENT_ID --db PATH: the reports behind a stored event,
// their evidence sentences, and why they were merged (or kept apart).
#include <iostream>

#include "sitrep/store.h"
#include "tools/command.h"

namespace sitrep::cli {
namespace {

std::string CountStr(const std::optional<Count>& c) {
  if (!c) return "-";
  std::string s = std::to_string(c->best);
  if (!c->high) return "at least " + s;
  if (c->low != c->best || *c->high != c->best)
    s += " (" + std::to_string(c->low) + "-" + std::to_string(*c->high) + ")";
  return s;
}

std::string PlaceStr(const Location& l) {
  std::string s = l.name.empty() ? (l.admin1_name.empty() ? "?" : l.admin1_name) : l.name;
  if (!l.admin1.empty() || !l.country.empty())
    s += " (" + l.admin1 + (l.admin1.empty() ? "" : ", ") + l.country + ")";
  return s + ", precision " + LocationPrecisionName(l.precision);
}

std::string DateStr(const DateInterval& d) {
  if (d.precision == DatePrecision::kUnknown || !d.start.valid()) return "unknown";
  std::string s = d.start.ToString();
  if (d.end.valid() && d.end != d.start) s += " to " + d.end.ToString();
  return s + " (" + DatePrecisionName(d.precision) + ")";
}

std::string ActorsStr(const Event& e) {
  return (e.actor1 ? e.actor1->id : "?") + " > " + (e.actor2 ? e.actor2->id : "?");
}

void PrintClaims(const std::vector<Claim>& claims, const char* indent) {
  for (const auto& c : claims) {
    // The source by the text's words, then its id.
    std::cout << indent << (c.text.empty() ? c.source : "\"" + c.text + "\" (" + c.source + ")")
              << ": killed " << CountStr(c.fatalities) << ", injured " << CountStr(c.injured)
              << ", strikes " << CountStr(c.strikes);
    for (const auto& d : c.destroyed)
      std::cout << ", " << MaterielKindName(d.kind) << " destroyed " << CountStr(d.count);
    std::cout << "\n";
  }
}

int RunExplain(const std::string& db, const std::string& id) {
  StoreOptions opt;
  opt.read_only = true;
  auto store = Store::Open(db, opt);
  if (!store.ok()) {
    Report(db, store.status().message());
    return 2;
  }
  auto x = (*store)->Explain(id);
  if (!x.ok()) {
    Report(id, x.status().message());
    return x.status().code() == StatusCode::kNotFound ? 1 : 2;
  }
  const Event& e = x->event.event;
  if (e.id != id) std::cout << "(" << id << " is a report of event " << e.id << ")\n";
  std::cout << "Event " << e.id << ": " << e.event_type << " / " << e.sub_event_type << "\n"
            << "  date       " << DateStr(e.date) << "\n"
            << "  place      " << PlaceStr(e.location) << "\n"
            << "  actors     " << ActorsStr(e) << "\n"
            << "  killed " << CountStr(e.fatalities) << ", injured " << CountStr(e.injured)
            << ", strikes " << CountStr(e.strikes)
            << (x->reports.size() > 1 ? "   (most conservative figure of any source)" : "")
            << "\n  versions   " << e.pipeline_version << "; " << x->event.data_version << "\n";
  std::cout << "Claims (" << e.claims.size() << "):\n";
  PrintClaims(e.claims, "  ");
  std::cout << "Reports (" << x->reports.size() << "):\n";
  for (size_t i = 0; i < x->reports.size(); ++i) {
    const auto& r = x->reports[i];
    std::cout << "  [" << i + 1 << "] " << r.event.id << " from document " << r.doc_id;
    if (!r.outlet.empty()) std::cout << " (" << r.outlet << ")";
    if (!r.pub_date.empty()) std::cout << ", published " << r.pub_date;
    if (!r.url.empty()) std::cout << ", " << r.url;
    std::cout << "\n      " << r.event.sub_event_type << "; " << DateStr(r.event.date) << "; "
              << PlaceStr(r.event.location) << "; " << ActorsStr(r.event) << "; killed "
              << CountStr(r.event.fatalities) << "\n";
    PrintClaims(r.event.claims, "      claim ");
    for (size_t k = 0; k < r.evidence_sentences.size() && k < r.event.evidence.size(); ++k)
      std::cout << "      evidence [" << r.event.evidence[k].start << "-" << r.event.evidence[k].end
                << "]: \"" << r.evidence_sentences[k] << "\"\n";
  }
  std::cout << "Why:\n";
  if (x->reports.size() == 1)
    std::cout << "  - a single report: no compatible report from another document\n";
  for (const auto& r : x->reasons) std::cout << "  - " << r << "\n";
  return 0;
}

CommandRegistration reg(31, [](CLI::App& app, int* exit_code) {
  auto db = std::make_shared<std::string>("sitrep.db");
  auto id = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "explain", "Show the reports, evidence and merge reasons behind a stored event");
  cmd->group(kGroupStore);
  cmd->add_option("event_id", *id, "an event id (or the id of one of its reports)")->required();
  cmd->add_option("--db", *db, "event store: SQLite file or postgresql://user@host:port/dbname")->capture_default_str();
  cmd->callback([db, id, exit_code] { *exit_code = RunExplain(*db, *id); });
});

}  // namespace
}  // namespace sitrep::cli
