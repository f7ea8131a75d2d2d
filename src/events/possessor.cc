#include "events/possessor.h"

#include <cctype>

namespace sitrep {
namespace {

// "RUS_MIL", "USA_GOV": a state's arm, whose country is its first three letters.
bool StateArm(const std::string& id) {
  return id.size() > 4 && id[3] == '_' && id.compare(0, 3, CountryCodes::kUnspecified) != 0 && id[0] != '*' &&
         std::isupper(static_cast<unsigned char>(id[0])) && std::isupper(static_cast<unsigned char>(id[2]));
}

}  // namespace

std::string PossessorOf(const Document& doc, const MentionSet& m, const DocCues& cues, const CountryCodes& codes,
                        size_t i, const std::vector<std::string>& resolved) {
  const ActorMention& a = m.actors[i];
  const std::string role = a.id.substr(a.id.find('_') + 1);
  const size_t sentence = doc.SentenceOfToken(a.toks.begin);
  auto here = [&](const TokenRange& r) {
    return r.end <= a.toks.begin && doc.SentenceOfToken(r.begin) == sentence;
  };
  uint32_t best_end = 0;
  std::string best;
  auto offer = [&](uint32_t end, std::string id) {
    if (!id.empty() && (best.empty() || end > best_end)) best_end = end, best = std::move(id);
  };
  for (size_t j = 0; j < i && j < resolved.size(); ++j) {
    const ActorMention& o = m.actors[j];
    const std::string& id = resolved[j];
    if (!here(o.toks) || id.empty() || o.kind == "civ" || id == "CIVILIANS" || id == "UNKNOWN") continue;
    if (StateArm(id)) offer(o.toks.end, id.substr(0, 3) + "_" + role);
    else if (o.kind == "group") offer(o.toks.end, id);
  }
  for (const auto& p : m.places) {
    if (p.country.empty() || !here(p.toks) || cues.locative[p.toks.begin] || p.rule == "modifier") continue;
    std::string iso3 = codes.Alpha3(p.country);
    if (!iso3.empty()) offer(p.toks.end, iso3 + "_" + role);
  }
  for (const auto& s : m.sources)
    if (!s.state.empty() && !s.span.empty() && here(s.toks)) offer(s.toks.end, s.state + "_" + role);
  return best;
}

}  // namespace sitrep
