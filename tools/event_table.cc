#include "tools/event_table.h"

#include <algorithm>
#include <iomanip>

namespace sitrep::cli {
namespace {

std::string Clip(std::string s, size_t n) {
  if (s.size() <= n) return s;
  size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "~";
}

}  // namespace

std::string SourceWords(const std::vector<Claim>& claims) {
  std::vector<std::string> seen;
  std::string out;
  for (const auto& c : claims) {
    std::string words = c.text.empty() ? c.source : c.text;
    if (std::find(seen.begin(), seen.end(), words) != seen.end()) continue;
    seen.push_back(words);
    out += (out.empty() ? "" : "; ") + words;
  }
  return out;
}

void WriteTable(const std::vector<StoredEvent>& events, std::ostream& out) {
  out << std::left << std::setw(12) << "date" << std::setw(26) << "type" << std::setw(20) << "place"
      << std::setw(22) << "actors" << std::setw(6) << "dead" << std::setw(5) << "docs"
      << std::setw(30) << "sources"
      << "id\n";
  for (const auto& se : events) {
    const Event& e = se.event;
    std::string place = !e.location.name.empty()          ? e.location.name
                        : !e.location.admin1_name.empty() ? e.location.admin1_name
                        : !e.location.country.empty()     ? e.location.country
                                                          : "-";
    std::string actors = (e.actor1 ? e.actor1->id : "?") + " > " + (e.actor2 ? e.actor2->id : "?");
    std::string dead =
        e.fatalities ? std::to_string(e.fatalities->best) + (e.fatalities->high ? "" : "+") : "-";
    std::string sources = SourceWords(e.claims);
    std::string date = e.date.precision == DatePrecision::kUnknown ? "-" : e.date.start.ToString();
    // setw counts bytes: pad clipped UTF-8 by its code points instead.
    auto cell = [&](const std::string& s, size_t w) {
      std::string c = Clip(s, w - 2);
      size_t cps = 0;
      for (unsigned char ch : c) cps += (ch & 0xC0) != 0x80;
      out << c << std::string(w > cps ? w - cps : 1, ' ');
    };
    cell(date, 12);
    cell(e.sub_event_type, 26);
    cell(place, 20);
    cell(actors, 22);
    cell(dead, 6);
    cell(std::to_string(e.docs.size()), 5);
    cell(sources.empty() ? "-" : sources, 30);
    out << e.id << "\n";
  }
  out << events.size() << " event(s)\n";
}

}  // namespace sitrep::cli
