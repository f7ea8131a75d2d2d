#include "events/candidate.h"

#include "events/possessor.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <map>

namespace sitrep {
namespace {

constexpr int kClausePenalty = 12;  // a clause boundary weighs as much as twelve words
constexpr int kVerbReach = 20;      // how far a count verb may govern a figure outside its clause
constexpr uint32_t kAgentReach = 5;  // "frappé par un Su-34", "pris pour cible par l'aviation russe"
constexpr int kSubjectReach = 30;
constexpr int kObjectReach = 14;
constexpr int kSourceTie = 3;  // sources this close to the nearest one share its figures
constexpr uint32_t kDirectVerbReach = 3;
constexpr uint32_t kStampReach = 60;  // tokens from the start of a text where its publication stamp may stand
constexpr uint32_t kBetweenReach = 3;
constexpr uint32_t kArresteeReach = 8;
constexpr uint32_t kClaimAgentReach = 4;  // "was claimed by the Islamic State group"  // "arrêté quatre de leurs complices", "des jihadistes présumés ont été interpellés"
constexpr uint32_t kFrameReach = 8;  // "à X, dans la province d'Idleb", "in X in Syria's Idlib province"  // "ont éclaté entre", "broke out between"  // "a tué au moins 12", "wounded 140"

bool In(const std::string& f, std::initializer_list<const char*> words) {
  for (const char* w : words)
    if (f == w) return true;
  return false;
}

bool IsArticle(const std::string& f) {
  return In(f, {"l'", "la", "le", "les", "des", "du", "d'", "de", "un", "une", "the", "a", "an", "its",
                "their", "ses", "leurs", "son", "sa", "cette", "ces", "ce"});
}

bool IsAgentMarker(const std::string& f) { return In(f, {"par", "by"}); }

// The word before token `t`, skipping up to two articles ("par des
// tireurs": after "par", "des" is an article, not "of the").
const std::string* WordBefore(const Document& doc, uint32_t t, uint32_t floor) {
  uint32_t k = t;
  for (int skipped = 0; k > floor; ++skipped) {
    const std::string& f = doc.tokens[k - 1].fold;
    // "by suspected jihadists", "par de présumés jihadistes".
    bool hedge = In(f, {"suspected", "alleged", "presumed", "presumes", "presume", "presumes", "supposed"});
    bool after_agent = k >= floor + 2 && IsAgentMarker(doc.tokens[k - 2].fold);
    if (skipped < 2 && ((IsArticle(f) && (after_agent || !In(f, {"de", "d'", "du", "des"}))) || hedge)) {
      --k;
      continue;
    }
    // "by Kurdish-led forces", "by the US-backed fighters": a modifier
    // glued by a hyphen ("X-Y", no spaces) is part of the phrase.
    if (skipped < 2 && k >= floor + 3 && doc.tokens[k - 2].kind == TokenKind::kPunct &&
        doc.tokens[k - 2].punct == '-' && !doc.tokens[k - 2].space_before && !doc.tokens[k - 1].space_before &&
        doc.tokens[k - 1].kind == TokenKind::kWord && doc.tokens[k - 3].kind == TokenKind::kWord) {
      k -= 3;
      continue;
    }
    return &f;
  }
  return nullptr;
}

bool IsGenitive(const std::string& f) { return In(f, {"de", "d'", "du", "des", "of"}); }

// A participle closing a noun phrase with nothing after it in its clause:
// "300 membres de Daesh tués", "les zones conquises". (With an object
// after it, "militants killed 12 soldiers" is active.)
// Whether an English word has the shape of a past participle ("killed",
// "taken", "shot"); "seize" and "took" do not.
bool ParticipleShape(const Document& doc, uint32_t tok) {
  std::string w(doc.Slice(doc.tokens[tok].span));
  for (char& ch : w) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto ends = [&](std::initializer_list<const char*> sufs) {
    for (const char* x : sufs) {
      std::string_view sv(x);
      if (w.size() > sv.size() && w.compare(w.size() - sv.size(), sv.size(), sv) == 0) return true;
    }
    return false;
  };
  if (doc.lang == "en") return ends({"ed", "en", "wn", "ght", "ot", "uck", "it", "ung", "one"});
  // French: a bare present after its subject ("la milice qui combat dans les
  // rangs de") describes the group as much as a participle does.
  return true;
}

bool Adjectival(const Document& doc, const MentionSet& m, const DocCues& cues, const TriggerMention& t, uint32_t floor) {
  if (!t.weak || t.toks.begin <= floor || doc.tokens[t.toks.begin - 1].kind != TokenKind::kWord) return false;
  if (!ParticipleShape(doc, t.toks.begin)) return false;
  // "Israeli strikes", "missiles russes": the trigger heads a force's phrase, a noun.
  for (const auto& a : m.actors)
    if (a.toks.begin < t.toks.end && a.toks.end > t.toks.begin) return false;
  // "an attack", "l'attaque": a noun after its determiner, not a participle.
  const std::string& prev = doc.tokens[t.toks.begin - 1].fold;
  if (IsArticle(prev) && !IsGenitive(prev)) return false;
  if (In(doc.tokens[t.toks.begin - 1].fold, {"a", "ont", "ete", "est", "sont", "avait", "avaient", "etait", "etaient",
                                             "has", "have", "had", "was", "were", "is", "are", "been", "being"}))
    return false;
  uint32_t after = t.toks.end;
  auto in_clause = [&](uint32_t k) { return k < doc.tokens.size() && cues.clause[k] == cues.clause[t.toks.begin]; };
  if (in_clause(after) && IsArticle(doc.tokens[after].fold)) return false;  // "seized the city"
  // "struck rebel-held districts": a noun phrase right after it is its object.
  if (in_clause(after) && doc.tokens[after].kind == TokenKind::kWord &&
      !In(doc.tokens[after].fold, {"by", "in", "on", "at", "near", "during", "after", "with", "from", "for", "and", "par",
                                   "dans", "a", "en", "pres", "lors", "pendant", "apres", "au", "aux", "avec", "de",
                                   "du", "des", "d'", "et", "pour", "sur", "contre", "against"}))
    return false;
  for (const auto& a : m.actors)
    if (a.toks.begin >= after && in_clause(a.toks.begin)) return false;
  for (const auto& n : m.numbers)
    if (n.toks.begin >= after && in_clause(n.toks.begin)) return false;
  return true;
}

// Passive voice around a trigger: "ont été tués", "were killed", "frappé par".
bool Passive(const Document& doc, const TriggerMention& t, uint32_t floor) {
  for (uint32_t k = t.toks.begin; k > floor && t.toks.begin - k < 3; --k)
    if (In(doc.tokens[k - 1].fold, {"ete", "was", "were", "been", "being"})) return true;
  return t.toks.end < doc.tokens.size() && IsAgentMarker(doc.tokens[t.toks.end].fold);
}

// The country (alpha-2) the document is about: the one its places name most
// often; demonyms ("Russian jets") only when no place is named.
std::string StoryCountry(const MentionSet& m) {
  std::map<std::string, int> n;
  for (bool demonyms : {false, true}) {
    for (const auto& p : m.places)
      if (!p.country.empty() && p.rule != "modifier" && p.rule != "organisation" && (p.rule == "demonym") == demonyms && !NamesASide(m, p))
        ++n[p.country];
    if (!n.empty()) break;
  }
  if (n.empty()) return "";
  return std::max_element(n.begin(), n.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
}

// The country whose forces a bare head names: "Mali's army", "l'armée du
// Mali", "the armed forces of Ukraine"; else the force of that role named
// in its sentence or the one before ("Malian soldiers clashed with JNIM.
// Seven soldiers were killed"); else the story's country; else the
// country of the last force of the same role named before; else the first
// one named after it; else unspecified.
std::string OwnerOf(const Document& doc, const MentionSet& m, const CountryCodes& codes, size_t i,
                    const std::string& story, const std::map<std::string, std::pair<std::string, size_t>>& last_by_role,
                    const std::map<std::string, std::vector<size_t>>& named_by_role) {
  const auto& a = m.actors[i];
  std::string role = a.id.substr(2);
  auto last = last_by_role.find(role);
  for (const auto& p : m.places) {
    if (p.country.empty() || p.rule == "demonym") continue;
    bool before = p.toks.end + 2 == a.toks.begin && doc.tokens[p.toks.end].fold == "'" &&
                  doc.tokens[p.toks.end + 1].fold == "s";
    bool after = false;
    if (p.toks.begin > a.toks.end && p.toks.begin <= a.toks.end + 2 && IsGenitive(doc.tokens[a.toks.end].fold)) {
      after = p.toks.begin == a.toks.end + 1 || IsArticle(doc.tokens[a.toks.end + 1].fold);
    }
    if (before || after) {
      std::string iso3 = codes.Alpha3(p.country);
      if (!iso3.empty()) return iso3 + "_" + role;
    }
  }
  if (last != last_by_role.end() && last->second.second + 1 >= doc.SentenceOfToken(a.toks.begin))
    return last->second.first;
  if (std::string iso3 = codes.Alpha3(story); !iso3.empty()) return iso3 + "_" + role;
  if (last != last_by_role.end()) return last->second.first;
  // "Les combats entre l'armée et le M23 ont fait douze morts dans les rangs
  // des FARDC": the force of that role the document names after it.
  if (auto named = named_by_role.find(role); named != named_by_role.end()) {
    auto after = std::upper_bound(named->second.begin(), named->second.end(), i);
    if (after != named->second.end()) return m.actors[*after].id;
  }
  return std::string(CountryCodes::kUnspecified) + "_" + role;
}

// A country or capital standing where its forces cannot: after a preposition
// of place ("en Syrie"), or modifying a noun ("the Damascus Opera House",
// "Damascus Car Bomb"). It names a place, not its forces.
bool NamesWhere(const Document& doc, const MentionSet& m, const DocCues& cues, const ActorMention& a) {
  if (a.kind != "place") return false;
  if (cues.locative[a.toks.begin]) return true;
  if (a.toks.end >= doc.tokens.size()) return false;
  const Token& next = doc.tokens[a.toks.end];
  return m.parse.Relation(a.toks.end - 1) == Dep::kCompound ||
         (next.capitalized && next.kind == TokenKind::kWord && next.space_before && !next.newline_before);
}

// A dateline inside the text ("MOSCOW (Sputnik)", "BEIRUT (Reuters)"): the
// city where the report was filed, neither a side nor the event's place.
bool Dateline(const Document& doc, const TokenRange& r) {
  if (r.end >= doc.tokens.size()) return false;
  for (uint32_t k = r.begin; k < r.end; ++k) {
    std::string_view w = doc.Slice(doc.tokens[k].span);
    if (std::any_of(w.begin(), w.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; })) return false;
  }
  const Token& next = doc.tokens[r.end];
  return next.kind == TokenKind::kPunct && next.punct == '(';
}

// The last token of the noun a number counts ("people" of "eight people"),
// or doc.tokens.size() when it has none.
bool HasCasualties(const std::string& event_type) {
  return event_type == "Battles" || event_type == "Explosions/Remote violence" ||
         event_type == "Violence against civilians" || event_type == "Protests" || event_type == "Riots";
}

uint32_t NounLastToken(const Document& doc, const NumberMention& n) {
  if (n.noun.empty()) return static_cast<uint32_t>(doc.tokens.size());
  auto at = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), n.noun.begin,
                             [](const Token& x, uint32_t b) { return x.span.begin < b; });
  uint32_t k = static_cast<uint32_t>(at - doc.tokens.begin());
  if (k >= doc.tokens.size()) return k;
  while (k + 1 < doc.tokens.size() && doc.tokens[k + 1].span.begin < n.noun.end) ++k;
  return k;
}

// Actor ids with aircraft nouns ("les bombardiers") resolved to the last air
// force named before them; bare heads ("the army") to their country (OwnerOf);
// country names after a preposition of place dropped.
// "des jihadistes du JNIM", "militants of al-Shabaab", "rebels of the M23":
// the group named right after a word for armed men, in the genitive.
std::string GroupNamedAfter(const Document& doc, const MentionSet& m, size_t i) {
  if (i + 1 >= m.actors.size()) return "";
  const auto& a = m.actors[i];
  const auto& nx = m.actors[i + 1];
  if (nx.kind == "group" && !nx.id.empty() && nx.id != a.id && nx.toks.begin > a.toks.end &&
      nx.toks.begin <= a.toks.end + 2 && IsGenitive(doc.tokens[a.toks.end].fold))
    return nx.id;
  return "";
}

std::vector<std::string> ResolvedActorIds(const Document& doc, const MentionSet& m, const DocCues& cues,
                                          const CountryCodes& codes) {
  std::vector<std::string> ids;
  std::string last_air, last_group, last_any, last_armed, last_mission;
  size_t last_armed_sentence = 0;
  size_t last_group_sentence = SIZE_MAX;
  std::string story = StoryCountry(m);
  std::vector<std::string> voices;  // the document's sources
  for (const auto& s : m.sources) voices.push_back(s.id);
  std::map<std::string, std::pair<std::string, size_t>> last_by_role;  // "MIL" -> "MLI_MIL", its sentence
  std::map<std::string, std::vector<size_t>> named_by_role;  // "MIL" -> the mentions naming a country's forces, in order
  for (size_t i = 0; i < m.actors.size(); ++i) {
    const std::string& id = m.actors[i].id;
    if (m.actors[i].kind == "state" && id.size() > 4 && id[3] == '_' && id[0] != '*' &&
        id.compare(0, 3, CountryCodes::kUnspecified) != 0)
      named_by_role[id.substr(4)].push_back(i);
  }
  for (size_t i = 0; i < m.actors.size(); ++i) {
    const auto& a = m.actors[i];
    std::string id = a.id;
    if (IsUnownedStateId(id)) {
      // "its forces", "ses troupes": the side named before them (events/possessor.h).
      std::string owner = a.possessive ? PossessorOf(doc, m, cues, codes, i, ids) : "";
      id = !owner.empty() ? owner : OwnerOf(doc, m, codes, i, story, last_by_role, named_by_role);
    }
    if (a.kind == "state" && id.size() == 7 && id[3] == '_' && id.substr(0, 3) != CountryCodes::kUnspecified)
      last_by_role[id.substr(4)] = {id, doc.SentenceOfToken(a.toks.begin)};
    // "les avions de la coalition": the aircraft belong to the side named after them.
    if (a.kind == "air" && id.empty() && i + 1 < m.actors.size()) {
      const auto& nx = m.actors[i + 1];
      if (nx.toks.begin > a.toks.end && nx.toks.begin <= a.toks.end + 2 && !nx.id.empty() && nx.kind != "civ" &&
          IsGenitive(doc.tokens[a.toks.end].fold))
        id = nx.id;
    }
    if (NamesWhere(doc, m, cues, a) || Dateline(doc, a.toks)) id.clear();
    if (a.kind == "air" && id.empty()) id = last_air;
    if (a.air && !a.id.empty()) last_air = a.id;
    // "les djihadistes": the armed group named last, else unidentified.
    // "terrorists" in a state's words (mode 'label'): with no group named,
    // the armed opposition of the story's country (theatres.tsv).
    if (a.kind == "jihad") {
      // "a terrorist attack": the word describing an event noun types the
      // attack; it names no side of its own.
      Dep rel = BaseDep(m.parse.Relation(a.toks.end - 1));
      bool describes = rel == Dep::kCompound || rel == Dep::kAmod;
      std::string opp = a.label && !describes ? codes.Opposition(story, voices) : "";
      // A state's label names its own opponents: a group named in an earlier
      // sentence may be that state's ally ("Hezbollah ... attacks on the
      // terrorists' positions").
      bool near = last_group_sentence == doc.SentenceOfToken(a.toks.begin);
      std::string named_after = GroupNamedAfter(doc, m, i);
      if (!named_after.empty()) id = named_after;
      else if (!opp.empty() && !near) id = opp;
      else id = !last_group.empty() ? last_group : "UNKNOWN";
    }
    if (a.generic)
      if (std::string named_after = GroupNamedAfter(doc, m, i); !named_after.empty()) id = named_after;
    // "peacekeepers", "les casques bleus" (mode 'mission'): the mission named
    // right after them ("de la Minusma") or last, else the story country's.
    if (a.mission) {
      const ActorMention* nx = i + 1 < m.actors.size() ? &m.actors[i + 1] : nullptr;
      bool named = nx && codes.IsMission(nx->id) && nx->toks.begin > a.toks.end && nx->toks.begin <= a.toks.end + 2 &&
                   IsGenitive(doc.tokens[a.toks.end].fold);
      id = named ? nx->id : !last_mission.empty() ? last_mission : codes.Mission(story);
    }
    if (codes.IsMission(id)) last_mission = id;
    // "le groupe", "the group": the armed group named last; "ils", "they": the side named last.
    if (a.kind == "anaphor") {  // "le groupe Etat islamique" names its group right after
      bool named = i + 1 < m.actors.size() && m.actors[i + 1].toks.begin == a.toks.end;
      id = named ? "" : last_group;
    }
    if (a.kind == "pronoun") id = last_any;
    // "Les assaillants ont immobilisé des fidèles. Ils ont tué cinq
    // personnes": a pronoun that acts (the subject of an active verb) stands
    // for the last armed side, not for the victims named after it.
    size_t sentence = doc.SentenceOfToken(a.toks.begin);
    if (a.kind == "pronoun" && id == "CIVILIANS" && !last_armed.empty() && sentence <= last_armed_sentence + 1 &&
        m.parse.Relation(a.toks.begin) == Dep::kNsubj)
      id = last_armed;
    if (a.kind == "group" && !a.id.empty()) last_group = a.id, last_group_sentence = doc.SentenceOfToken(a.toks.begin);
    if (a.kind != "pronoun" && a.kind != "anaphor" && !id.empty()) last_any = id;
    if (a.kind != "pronoun" && a.kind != "civ" && !id.empty() && id != "CIVILIANS")
      last_armed = id, last_armed_sentence = sentence;
    ids.push_back(id);
  }
  return ids;
}

Actor MakeActor(const Document& doc, const ActorMention& a, const std::string& id) {
  return Actor{id, std::string(doc.Slice(a.span))};
}

struct Roles {
  int actor1 = -1, actor2 = -1;
  std::string how1, how2;
  bool adjectival = false;  // see Adjectival()
};

Roles AssignRoles(const Document& doc, const MentionSet& m, const DocCues& cues, const std::vector<std::string>& ids,
                  const TriggerMention& t, const Sentence& s) {
  Roles r;
  int overlap = -1, agent = -1, subject = -1, object = -1, prenominal = -1;
  bool genitive = false;
  int best_subject = INT_MAX, best_object = INT_MAX;
  for (size_t i = 0; i < m.actors.size(); ++i) {
    const auto& a = m.actors[i];
    if (a.toks.begin < s.tok_begin || a.toks.end > s.tok_end || ids[i].empty() || a.target) continue;
    bool civ = a.kind == "civ";
    if (a.toks.begin < t.toks.end && a.toks.end > t.toks.begin) {
      if (!civ) overlap = static_cast<int>(i);
      continue;
    }
    // "rebel shelling", "regime bombing": a side right before the trigger word.
    if (a.toks.end == t.toks.begin && !civ) prenominal = static_cast<int>(i);
    // "les frappes russes" names another event, not a side of this one.
    bool other_event = false;
    for (const auto& o : m.triggers) {
      bool inside = a.toks.begin < o.toks.begin && a.toks.end > o.toks.end;  // "avions de combat"
      other_event |= &o != &t && !inside && o.toks.begin < a.toks.end && o.toks.end > a.toks.begin;
    }
    if (other_event) continue;
    // "Selon Moscou": the source of the report is not a side of the event.
    bool is_source = false;
    // "L'armée nigériane a affirmé avoir tué": a force reporting its own
    // action is still its side; after the event (", the coalition said") it
    // is only the source.
    for (const auto& sm : m.sources)
      is_source |= !sm.span.empty() && sm.span.begin < a.span.end && sm.span.end > a.span.begin &&
                   !((a.kind == "state" || a.kind == "group") && sm.cue.begin >= sm.span.end &&
                     sm.span.end <= t.span.begin);
    if (is_source) continue;
    const std::string* before = WordBefore(doc, a.toks.begin, s.tok_begin);
    bool near = a.toks.begin - t.toks.end <= kAgentReach;
    if (a.toks.begin >= t.toks.end && before && !civ && near) {
      if (IsAgentMarker(*before) && agent < 0) {
        agent = static_cast<int>(i);
        continue;
      }
      if (IsGenitive(*before) && a.toks.begin - t.toks.end <= 2 && (a.air || a.kind == "state" || a.kind == "group") &&
          agent < 0) {
        agent = static_cast<int>(i);  // "raids de l'aviation russe", "une attaque des shebab"
        genitive = true;
        continue;
      }
    }
    if (before && IsAgentMarker(*before) && a.toks.begin >= t.toks.end) continue;  // agent of another verb
    int d = Distance(cues, a.toks.begin < t.toks.begin ? a.toks.end - 1 : a.toks.begin, t.toks.begin);
    if (a.toks.end <= t.toks.begin && !civ && d < best_subject && d <= kSubjectReach) best_subject = d, subject = static_cast<int>(i);
    if (a.toks.begin >= t.toks.end && d < best_object && d <= kObjectReach) best_object = d, object = static_cast<int>(i);
    if (a.toks.end <= t.toks.begin && civ && object < 0) object = static_cast<int>(i);  // "50 civils tués"
    if (civ && a.toks.begin >= t.toks.end && object < 0 && d <= kSubjectReach) object = static_cast<int>(i);  // ", wounding four civilians"
  }
  // "combats entre X et Y", "clashes (broke out) between X and Y".
  // "Fighting broke out near Bakhmut on Tuesday between ...": a fighting
  // word's "between" may stand further on in its clause.
  uint32_t reach = t.mutual ? kBetweenReach + 8 : kBetweenReach;
  uint32_t between = t.toks.end;
  while (between < s.tok_end && between < t.toks.end + reach &&
         (doc.tokens[between].kind == TokenKind::kWord || (t.mutual && cues.clause[between] == cues.clause[t.toks.begin])) &&
         !In(doc.tokens[between].fold, {"entre", "between"}))
    ++between;
  if (between < s.tok_end && In(doc.tokens[between].fold, {"entre", "between"})) {
    std::vector<int> pair;
    for (size_t i = 0; i < m.actors.size() && pair.size() < 2; ++i) {
      if (m.actors[i].toks.begin <= between || m.actors[i].toks.begin > between + 12 || ids[i].empty()) continue;
      // The first side opens the phrase after "between" ("an ambush on the
      // road between Beni and Butembo killed five soldiers" names no side there).
      if (pair.empty() && m.actors[i].toks.begin > between + 3) break;
      // "between Islamic State militants and ...": a mention right after the
      // first one is the rest of its noun phrase, not the other side.
      if (!pair.empty() && m.actors[i].toks.begin == m.actors[static_cast<size_t>(pair[0])].toks.end) continue;
      pair.push_back(static_cast<int>(i));
    }
    if (!pair.empty()) {
      r.actor1 = pair[0], r.how1 = "between X and Y";
      if (pair.size() == 2) r.actor2 = pair[1], r.how2 = r.how1;
      return r;
    }
  }
  r.adjectival = Adjectival(doc, m, cues, t, s.tok_begin);
  bool passive = r.adjectival || Passive(doc, t, s.tok_begin);
  // "tués par l'explosion d'une mine": the event is the agent, the subject its victim.
  for (uint32_t k = t.toks.begin; k > s.tok_begin && t.toks.begin - k < 6; --k)
    if (IsAgentMarker(doc.tokens[k - 1].fold) && cues.clause[k - 1] == cues.clause[t.toks.begin] &&
        std::none_of(m.actors.begin(), m.actors.end(),  // "combattants soutenus par la Turquie" is a name
                     [&](const ActorMention& a) { return a.toks.begin < k - 1 && a.toks.end > k - 1; }))
      passive = true;
  if (t.flip && genitive) {  // "le retrait des forces maliennes": they withdraw
    r.actor2 = agent, r.how2 = "the side that withdraws (de X)";
    return r;
  }
  if (overlap < 0 && prenominal >= 0 && !passive && prenominal != subject)
    overlap = prenominal;  // a subject right before its verb is read as the subject below
  if (overlap >= 0) r.actor1 = overlap, r.how1 = "in the trigger phrase";
  else if (agent >= 0) r.actor1 = agent, r.how1 = "agent (par/by/de)";
  else if (!passive && !t.flip && subject >= 0) r.actor1 = subject, r.how1 = "subject";
  if ((passive || t.flip) && subject >= 0 && subject != r.actor1) r.actor2 = subject, r.how2 = passive ? "passive subject" : "subject of a trigger whose subject undergoes it (role flip)";
  else if (object >= 0 && object != r.actor1) r.actor2 = object, r.how2 = "object";
  else if (r.actor1 != subject && subject >= 0 && r.actor1 >= 0) r.actor2 = subject, r.how2 = "subject";
  return r;
}

bool IsMateriel(const std::string& c) {
  return c == "vehicle" || c == "armored" || c == "facility" || c == "weapon" || c == "aircraft";
}

MaterielKind KindOf(const std::string& c) {
  if (c == "armored") return MaterielKind::kArmored;
  if (c == "facility") return MaterielKind::kFacility;
  if (c == "weapon") return MaterielKind::kWeapon;
  if (c == "aircraft") return MaterielKind::kAircraft;
  return MaterielKind::kVehicle;
}

// The count verb governing the figure at token `t`: first in its clause, else the nearest close by.
// Materiel named after a destroying verb of its sentence is what it destroyed,
// however far ("ont éliminé près de Salma, dans la province de Lattaquié, un
// point de passage").
VerbRole GoverningVerb(const DocCues& cues, const Sentence& s, uint32_t t, bool materiel) {
  VerbRole best = VerbRole::kNone, before = VerbRole::kNone;
  int best_d = INT_MAX;
  for (uint32_t k = s.tok_begin; k < s.tok_end; ++k) {
    if (cues.verb[k] == VerbRole::kNone) continue;
    if (k < t) before = cues.verb[k];
    int d = Distance(cues, k, t);
    if (d < best_d) best_d = d, best = cues.verb[k];
  }
  if (best_d <= kVerbReach) return best;
  return materiel && (before == VerbRole::kDestroy || before == VerbRole::kBoth) ? before : VerbRole::kNone;
}

// The count verb the parse makes govern the figure at token `t`: up from the
// number through its noun to the first count verb ("sept personnes
// travaillant pour l'ONG ont été tuées": sept -> personnes -> tuées), at most
// three steps, never across a clause of its own (a relative, a complement).
// `agent` is set when the figure counts the active subject of a count verb
// that has an object: "Un homme a tué deux passants" counts no loss in "un
// homme" (while "cinq personnes sont mortes" does).
VerbRole ParsedGoverningVerb(const DocParse& p, const MentionSet& m, const DocCues& cues, uint32_t t, bool* agent) {
  *agent = false;
  // An object that is a date ("ont perdu la vie lundi" misread) makes no killer of the subject.
  auto dated = [&](int32_t tok) {
    for (const auto& d : m.dates)
      if (static_cast<uint32_t>(tok) >= d.toks.begin && static_cast<uint32_t>(tok) < d.toks.end) return true;
    return false;
  };
  int32_t k = static_cast<int32_t>(t);
  Dep last = Dep::kDep;
  for (int step = 0; step < 4 && k >= 0; ++step) {
    if (step > 0 && cues.verb[static_cast<size_t>(k)] != VerbRole::kNone) {
      int32_t obj = p.FirstChild(static_cast<uint32_t>(k), Dep::kObj);
      // "lost their lives", "ont perdu la vie": an object inside the verb's phrase is no victim.
      if (last == Dep::kNsubj && obj >= 0 && !dated(obj) && !cues.verb_part[static_cast<size_t>(obj)]) *agent = true;
      return cues.verb[static_cast<size_t>(k)];
    }
    Dep d = BaseDep(p.Relation(static_cast<uint32_t>(k)));
    last = p.Relation(static_cast<uint32_t>(k));
    if (step > 0 && (d == Dep::kAcl || d == Dep::kCcomp || d == Dep::kAdvcl || d == Dep::kParataxis || d == Dep::kConj ||
                     d == Dep::kRoot || d == Dep::kDep))
      return VerbRole::kNone;
    k = p.Head(static_cast<uint32_t>(k));
  }
  return VerbRole::kNone;
}

// The count verb right before a figure in its clause ("wounded 140",
// "blessé 110 autres"): a figure with no noun counts what that verb does.
VerbRole DirectVerb(const DocCues& cues, const NumberMention& n) {
  uint32_t t = n.toks.begin;
  for (uint32_t k = t; k > 0 && t - k < kDirectVerbReach; --k) {
    if (cues.clause[k - 1] != cues.clause[t]) break;
    if (cues.verb[k - 1] != VerbRole::kNone) return cues.verb[k - 1];
  }
  return VerbRole::kNone;
}

// Which field a one-figure Figures fills: "fatalities", "injured", "strikes" or the materiel kind.
std::string FieldOf(const Figures& f) {
  if (f.fatalities) return "fatalities";
  if (f.injured) return "injured";
  if (f.strikes) return "strikes";
  if (!f.destroyed.empty()) return "destroyed/" + std::to_string(static_cast<int>(f.destroyed.begin()->first));
  return "";
}

// The group a figure counts ("civilians", "soldats"), singular folded; ""
// for anyone ("people", "morts", a bare figure).
std::string VictimGroup(const Document& doc, const DocCues& cues, const NumberMention& n) {
  if (n.elided) return "+" + std::to_string(n.toks.begin);  // another group than the count before it
  if (n.noun.empty() || n.noun_fold.empty()) return "";
  auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), n.noun.begin,
                             [](const Token& t, uint32_t b) { return t.span.begin < b; });
  if (it != doc.tokens.end() && cues.generic[static_cast<size_t>(it - doc.tokens.begin())]) return "";
  std::string g = n.noun_fold;
  while (!g.empty() && (g.back() == 's' || g.back() == 'x')) g.pop_back();
  return g;
}

// Adds the figure to the candidate's figures; returns a note or "" when the figure is not a loss.
std::string AddFigure(const Document& doc, const NumberMention& n, VerbRole v, VerbRole direct, Candidate* c,
                      Figures* f) {
  const std::string& cls = n.noun_class;
  std::string words(doc.Slice({n.span.begin, n.noun.empty() ? n.span.end : std::max(n.span.end, n.noun.end)}));
  bool kill = v == VerbRole::kKill || v == VerbRole::kBoth;
  if (cls == "killed" || (cls == "person" && kill) || (cls.empty() && direct == VerbRole::kKill)) {
    AddCount(&f->fatalities, n.value);
    return "fatalities += '" + words + "'";
  }
  if (cls == "injured" || (cls == "person" && v == VerbRole::kInjure) || (cls.empty() && direct == VerbRole::kInjure)) {
    AddCount(&f->injured, n.value);
    return "injured += '" + words + "'";
  }
  if (cls == "strike" && c->event_type == "Explosions/Remote violence") {
    AddCount(&f->strikes, n.value);
    return "strikes += '" + words + "'";
  }
  if (IsMateriel(cls) && (v == VerbRole::kDestroy || v == VerbRole::kBoth)) {
    std::optional<Count> slot;
    auto kind = KindOf(cls);
    if (auto it = f->destroyed.find(kind); it != f->destroyed.end()) slot = it->second;
    AddCount(&slot, n.value);
    f->destroyed[kind] = *slot;
    return std::string("destroyed ") + MaterielKindName(kind) + " += '" + words + "'";
  }
  return "";
}

// Places that name a side or a source ("les avions russes", "l'agence
// Sana"), not where the event happened.
// A country name after a preposition of place ("en Syrie") stays a place.
// Only framing words between tokens `b` and `e`: "in", "dans la province de", ",", "'s".
bool FramesBetween(const Document& doc, uint32_t b, uint32_t e) {
  for (uint32_t k = b; k < e; ++k) {
    const Token& t = doc.tokens[k];
    if (t.kind == TokenKind::kPunct && (t.punct == ',' || t.punct == '(')) continue;
    if (t.kind == TokenKind::kPunct && t.punct == '\'') continue;
    if (In(t.fold, {"in", "of", "the", "s", "province", "region", "state", "district", "governorate", "dans", "la",
                    "le", "de", "d'", "du", "en", "au", "etat", "l'"}))
      continue;
    return false;
  }
  return true;
}

std::vector<uint8_t> EventPlaces(const Document& doc, const MentionSet& m, const DocCues& cues) {
  std::vector<uint8_t> ok(m.places.size(), 1);
  auto overlaps = [](const Span& a, const Span& b) { return !b.empty() && a.begin < b.end && b.begin < a.end; };
  for (size_t i = 0; i < m.places.size(); ++i) {
    // "US-led", "London-based", "Malaysia Airlines": the place describes a
    // side or names an organisation, not a site.
    ok[i] &= m.places[i].rule != "modifier" && m.places[i].rule != "organisation";
    // A continent, sea or world region ("Europe", "the Middle East") is no
    // event's place: the story's country says more.
    ok[i] &= !m.places[i].country.empty() && !Dateline(doc, m.places[i].toks);
    for (const auto& a : m.actors)
      if (!NamesWhere(doc, m, cues, a) || Dateline(doc, a.toks)) ok[i] &= !overlaps(m.places[i].span, a.span);
    for (const auto& sm : m.sources) ok[i] &= !overlaps(m.places[i].span, sm.span);
  }
  // "in X in Syria's Idlib province", "à X, dans la province d'Idleb": a place
  // resolved outside the province or country framing it is a wrong reading;
  // the frame stands instead.
  for (size_t i = 0; i < m.places.size(); ++i) {
    const auto& p = m.places[i];
    if (!ok[i] || p.level != PlaceLevel::kPlace) continue;
    uint32_t k = p.toks.end;
    for (size_t j = i + 1; j < m.places.size(); ++j) {
      const auto& q = m.places[j];
      if (!FramesBetween(doc, k, q.toks.begin) || q.toks.begin > p.toks.end + kFrameReach) break;
      k = q.toks.end;
      if (q.rule == "demonym" || q.level == PlaceLevel::kPlace) continue;
      bool outside = q.country != p.country || (q.level == PlaceLevel::kAdmin1 && q.admin1 != p.admin1);
      if (outside) ok[i] = 0;
    }
  }
  return ok;
}

int BestPlace(const MentionSet& m, const std::vector<uint8_t>& usable, const DocCues& cues, const Sentence& s,
              uint32_t anchor) {
  int best = -1;
  std::pair<int, int> key{INT_MAX, INT_MAX};
  for (size_t i = 0; i < m.places.size(); ++i) {
    const auto& p = m.places[i];
    if (!usable[i] || p.toks.begin < s.tok_begin || p.toks.end > s.tok_end) continue;
    int level = p.level == PlaceLevel::kPlace ? 0 : p.level == PlaceLevel::kAdmin1 ? 1 : 2;
    std::pair<int, int> k{level, Distance(cues, p.toks.begin, anchor)};
    if (k < key) key = k, best = static_cast<int>(i);
  }
  return best;
}

// Which dates may give an event its date. A date in the clause that
// reports the news ("a rapporté dimanche l'OSDH") dates the report, not the
// event; any other date belongs to the nearest trigger of its sentence, and
// another trigger takes it only inside its own clause ("se sont retirés de
// Palmyre, dont ils s'étaient emparés samedi": Saturday is the seizure's).
struct DateOwners {
  std::vector<const TriggerMention*> owner;  // by date index
  std::vector<uint8_t> report;               // by date index
  // The article's own stamp ("Published June 1 2016", "AFP Wednesday 29 Oct
  // 2014" in its first lines): the publication day written out with its
  // year. It dates an event only when nothing else in its sentence does.
  std::vector<uint8_t> stamp;
};

DateOwners OwnDates(const Document& doc, const MentionSet& m, const DocCues& cues, const std::vector<Candidate>& cands) {
  DateOwners o;
  o.owner.assign(m.dates.size(), nullptr);
  o.report.assign(m.dates.size(), 0);
  o.stamp.assign(m.dates.size(), 0);
  std::vector<uint32_t> report_clauses;
  for (const auto& sm : m.sources) {
    if (sm.cue.empty() || sm.cue_kind == "claim") continue;
    auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), sm.cue.begin,
                               [](const Token& t, uint32_t b) { return t.span.begin < b; });
    if (it != doc.tokens.end()) report_clauses.push_back(cues.clause[static_cast<size_t>(it - doc.tokens.begin())]);
  }
  for (size_t i = 0; i < m.dates.size(); ++i) {
    uint32_t t = m.dates[i].toks.begin;
    if (t >= doc.tokens.size()) continue;
    o.report[i] = std::find(report_clauses.begin(), report_clauses.end(), cues.clause[t]) != report_clauses.end();
    const DateInterval& iv = m.dates[i].interval;
    bool with_year = false;
    for (uint32_t k = m.dates[i].toks.begin; k < m.dates[i].toks.end && k < doc.tokens.size(); ++k)
      with_year |= doc.tokens[k].fold.size() == 4 && std::isdigit(static_cast<unsigned char>(doc.tokens[k].fold[0]));
    o.stamp[i] = t < kStampReach && with_year && doc.date.day_precision() && iv.precision == DatePrecision::kDay &&
                 iv.start == iv.end && iv.start.y == doc.date.y && iv.start.m == doc.date.m && iv.start.d == doc.date.d;
    size_t s = doc.SentenceOfToken(t);
    int best = INT_MAX;
    for (const auto& c : cands) {
      if (c.sentence != s) continue;
      int d = Distance(cues, t, c.trigger->toks.begin);
      if (d < best) best = d, o.owner[i] = c.trigger;
    }
  }
  return o;
}

int BestDateOf(const MentionSet& m, const DocCues& cues, const DateOwners& own, const TriggerMention* trigger,
               const Sentence& s, uint32_t anchor, int level);

// The date of a trigger (or, with `trigger` null, of the sentence's end)
// among the dates it may take; a report's date only when no other is given.
// "depuis novembre 2016" starts a period and never dates an event.
int BestDate(const MentionSet& m, const DocCues& cues, const DateOwners& own, const TriggerMention* trigger,
             const Sentence& s, uint32_t anchor) {
  // Widening: the event's own dates, then a report's, then the article's stamp.
  for (int level : {0, 1, 2}) {
    int d = BestDateOf(m, cues, own, trigger, s, anchor, level);
    if (d >= 0 || !trigger) return d;
  }
  return -1;
}

int BestDateOf(const MentionSet& m, const DocCues& cues, const DateOwners& own, const TriggerMention* trigger,
               const Sentence& s, uint32_t anchor, int level) {
  const bool reports = level >= 1;
  int best = -1, best_d = INT_MAX;
  for (size_t i = 0; i < m.dates.size(); ++i) {
    const auto& d = m.dates[i];
    if (d.toks.begin < s.tok_begin || d.toks.end > s.tok_end || d.rule == "since" || cues.since[d.toks.begin]) continue;
    bool same_clause = cues.clause[d.toks.begin] == cues.clause[anchor];
    if (own.report[i] && !reports && !same_clause) continue;
    if (own.stamp[i] && level < 2) continue;
    if (!same_clause && trigger && own.owner[i] != trigger) continue;
    int dist = Distance(cues, d.toks.begin, anchor);
    if (dist < best_d) best_d = dist, best = static_cast<int>(i);
  }
  return best;
}

// The sources a figure at token `t` belongs to: with several sources in a
// sentence ("selon l'OSDH, 23 morts, tandis que Sana fait état de 9"), the
// nearest one (and any credited as close: "selon l'OSDH et Sana").
std::vector<std::string> CreditedSources(const DocCues& cues, const std::vector<SourceRef>& sources, uint32_t t) {
  std::vector<std::string> out;
  int best = INT_MAX;
  for (const auto& s : sources) best = std::min(best, Distance(cues, s.tok, t));
  for (const auto& s : sources)
    if (Distance(cues, s.tok, t) <= best + kSourceTie) out.push_back(s.Key());
  return out;
}

bool StartsParagraph(const Document& doc, size_t s) {
  return s == 0 || doc.tokens[doc.sentences[s].tok_begin].newline_before;
}

// The parse's roles where it names a side, the word-distance reading where
// it names none (an unparsed sentence, an argument that is no actor
// mention). A withdrawal's roles and "entre X et Y" keep their own reading.
void ApplyFrame(const DocParse& p, const ClauseFrame& f, const TriggerMention& t, Roles* r) {
  if (!f.parsed || t.flip || r->how1 == "between X and Y") return;
  // The nearest side before the verb is not its subject when the parse
  // gives the verb another subject ("tensions", "residents").
  // "anger among the soldiers grew after a roadside bomb killed": nor is it
  // the side of an event noun that is itself a subject.
  if (!f.passive && f.actor1 < 0 && r->how1 == "subject" && f.subject >= 0 && f.subject_actor != r->actor1)
    r->actor1 = -1;
  if (f.temporal && f.actor1 < 0 && r->how1 == "subject" && r->actor1 >= 0 && r->actor1 == f.temporal_subject) r->actor1 = -1;

  if (f.actor1 >= 0) {
    r->actor1 = f.actor1, r->how1 = f.how1;
    if (r->actor2 == f.actor1) r->actor2 = -1;
  } else if (f.passive && r->actor1 >= 0 && r->actor1 == f.actor2) {
    r->actor1 = -1;
  } else if (f.passive && r->actor1 >= 0 && r->actor2 < 0 && r->how1 == "subject" && f.verbal &&
             p.FirstChild(static_cast<uint32_t>(f.predicate), Dep::kNsubj) < 0 &&
             p.FirstChild(static_cast<uint32_t>(f.predicate), Dep::kNsubjPass) < 0 &&
             p.FirstChild(static_cast<uint32_t>(f.predicate), Dep::kObj) < 0) {
    // "deux militaires ..., tués ce matin": a passive participle with no
    // subject, object or agent of its own undergoes; the side before it is who it
    // struck, not who acted.
    r->actor2 = r->actor1, r->how2 = "the side before a passive verb with no agent (parse)";
    r->actor1 = -1;
  }
  if (f.actor2 >= 0) {
    r->actor2 = f.actor2, r->how2 = f.how2;
    if (r->actor1 == f.actor2) r->actor1 = -1;
  }
}

// Whether trigger `t` heads a clause (acl, acl:relcl) that describes the
// noun of trigger `o` in the parse.
bool DescribesTrigger(const DocParse& p, const TriggerMention& t, const TriggerMention& o) {
  for (uint32_t k = t.toks.begin; k < t.toks.end; ++k) {
    int32_t h = p.Head(k);
    if (h >= static_cast<int32_t>(o.toks.begin) && h < static_cast<int32_t>(o.toks.end) && BaseDep(p.Relation(k)) == Dep::kAcl)
      return true;
  }
  return false;
}

// Whose weapon an intercepted weapon word names: the side written on it
// ("three Houthi drones", "deux drones russes") or the agent that fired it
// ("un missile tiré par les rebelles houthis", "a missile fired by ..."),
// in the weapon's own phrase; -1 when none.
int WeaponOwner(const Document& doc, const MentionSet& m, const std::vector<std::string>& ids,
                const TriggerMention& t, const Sentence& s) {
  constexpr uint32_t kFiredByReach = 4;  // "tiré samedi par", "fired overnight by"
  for (size_t i = 0; i < m.actors.size(); ++i) {
    const auto& a = m.actors[i];
    if (ids[i].empty() || a.kind == "civ" || ids[i] == "CIVILIANS") continue;
    if (a.toks.begin < s.tok_begin || a.toks.end > s.tok_end) continue;
    bool on_it = a.toks.begin <= t.toks.end && a.toks.end >= t.toks.begin;  // "Houthi drones", "drones russes"
    bool fired_by = false;
    for (uint32_t k = t.toks.end; k < a.toks.begin && a.toks.begin <= t.toks.end + kFiredByReach + 2; ++k)
      fired_by |= IsAgentMarker(doc.tokens[k].fold);
    if (on_it || fired_by) return static_cast<int>(i);
  }
  return -1;
}

// Whether actor mention `i` is a word for anyone ("people", "personnes").
bool AnyoneWord(const MentionSet& m, const DocCues& cues, const std::vector<std::string>& ids, int i) {
  return i >= 0 && ids[static_cast<size_t>(i)] == "CIVILIANS" && cues.generic[m.actors[static_cast<size_t>(i)].toks.begin];
}

void ReadTrigger(const Document& doc, const MentionSet& m, const DocCues& cues, const std::vector<std::string>& ids,
                 const ClauseFrame& frame, const TriggerMention& t, Candidate* c) {
  const Sentence& s = doc.sentences[c->sentence];
  // "Les forces ukrainiennes ont abattu deux des sept missiles": a weapon
  // intercepted is a disrupted attack whose side is the interceptor (the
  // subject of the intercepting verb), never its victim.
  int32_t interceptor_verb = cues.intercepted[t.toks.begin];
  if (c->event_type == "Explosions/Remote violence" && interceptor_verb >= 0) {
    TriggerMention verb = t;
    verb.toks = {static_cast<uint32_t>(interceptor_verb), static_cast<uint32_t>(interceptor_verb) + 1};
    verb.weak = false, verb.flip = false;
    Roles r = AssignRoles(doc, m, cues, ids, verb, s);
    c->event_type = "Strategic developments";
    c->sub_event_type = "Disrupted weapons use";
    c->notes.push_back("type: '" + std::string(doc.Slice(t.span)) + "' intercepted by '" +
                       std::string(doc.Slice(doc.tokens[interceptor_verb].span)) +
                       "' -> Strategic developments/Disrupted weapons use");
    int owner = WeaponOwner(doc, m, ids, t, s);
    if (owner >= 0 && r.actor1 == owner) {  // "a rocket fired by X" is X's, not the interceptor
      r.actor1 = -1;
      for (size_t i = 0; i < m.actors.size() && m.actors[i].toks.end <= static_cast<uint32_t>(interceptor_verb); ++i)
        if (m.actors[i].toks.begin >= s.tok_begin && !ids[i].empty() && ids[i] != ids[owner] &&
            m.actors[i].kind != "civ" && ids[i] != "CIVILIANS")
          r.actor1 = static_cast<int>(i);
    }
    if (owner >= 0 && r.actor1 >= 0 && ids[r.actor1] == ids[owner]) owner = -1;
    if (r.actor1 >= 0) {
      c->actor1 = MakeActor(doc, m.actors[r.actor1], ids[r.actor1]);
      c->notes.push_back("actor1 " + ids[r.actor1] + " '" + c->actor1->text + "' (the interceptor, " + m.actors[r.actor1].rule + ")");
    }
    if (owner >= 0) {
      c->actor2 = MakeActor(doc, m.actors[owner], ids[owner]);
      c->notes.push_back("actor2 " + ids[owner] + " '" + c->actor2->text + "' (the owner of the weapon intercepted)");
    }
    return;
  }
  Roles r = AssignRoles(doc, m, cues, ids, t, s);
  // "Four policemen were killed and two others wounded in an attack": the
  // passive subject of a verb undergoes it; it is no side acting in an
  // event noun found near it.
  if (frame.parsed && !frame.verbal && r.how1 == "subject" && r.actor1 >= 0) {
    int32_t h = PhraseHead(m.parse, m.actors[r.actor1].toks.begin, m.actors[r.actor1].toks.end);
    if (h >= 0 && m.parse.Relation(static_cast<uint32_t>(h)) == Dep::kNsubjPass) r.actor1 = -1;
  }
  ApplyFrame(m.parse, frame, t, &r);
  // "killed in an attack blamed on al-Shabaab", "l'attaque a été imputée au
  // JNIM": the side an event is attributed to acts, whatever the parse made
  // of it (event_cues.tsv kind attribution).
  for (size_t i = 0; i < m.actors.size(); ++i) {
    const auto& a = m.actors[i];
    if (a.toks.begin < t.toks.end || a.toks.end > s.tok_end || ids[i].empty() || cues.attribution[a.toks.begin] != 1) continue;
    if (a.kind != "group" && a.kind != "state" && a.kind != "jihad" && a.kind != "air") continue;
    if (r.actor2 == static_cast<int>(i)) r.actor2 = -1, r.how2.clear();
    r.actor1 = static_cast<int>(i), r.how1 = "the side the event is attributed to";
    break;
  }
  // "Les assaillants, qui appartiennent à Boko Haram, ont tué ...": an
  // unidentified side is the group named after a word of membership
  // between it and the trigger (event_cues.tsv kind membership).
  if (r.actor1 >= 0 && ids[r.actor1] == "UNKNOWN")
    for (size_t i = 0; i < m.actors.size(); ++i) {
      const auto& a = m.actors[i];
      if (a.toks.begin < m.actors[r.actor1].toks.end || a.toks.end > t.toks.begin || ids[i].empty() ||
          cues.attribution[a.toks.begin] != 2 || (a.kind != "group" && a.kind != "jihad"))
        continue;
      r.actor1 = static_cast<int>(i), r.how1 = "the group the unidentified side belongs to";
      break;
    }
  c->paired = r.how1 == "between X and Y";
  if (r.actor1 >= 0) {
    c->actor1 = MakeActor(doc, m.actors[r.actor1], ids[r.actor1]);
    c->air = m.actors[r.actor1].air;
    // "coalition aircraft": a side followed by an aircraft noun flies.
    if (static_cast<size_t>(r.actor1) + 1 < m.actors.size()) {
      const auto& nx = m.actors[r.actor1 + 1];
      c->air |= nx.kind == "air" && nx.toks.begin == m.actors[r.actor1].toks.end;
    }
    c->notes.push_back("actor1 " + ids[r.actor1] + " '" + c->actor1->text + "' (" + r.how1 + ", " + m.actors[r.actor1].rule + ")");
  }
  // "nine people were killed in the exchange of fire": a word for anyone is
  // no side of fighting, only its casualties.
  if (t.mutual && AnyoneWord(m, cues, ids, r.actor2)) {
    c->notes.push_back("'" + std::string(doc.Slice(m.actors[r.actor2].span)) + "' in fighting: casualties, not a side");
    r.actor2 = -1;
  }
  if (r.actor2 >= 0) {
    c->actor2 = MakeActor(doc, m.actors[r.actor2], ids[r.actor2]);
    c->actor2_target = m.actors[r.actor2].target;
    c->actor2_people = AnyoneWord(m, cues, ids, r.actor2);
    c->notes.push_back("actor2 " + ids[r.actor2] + " '" + c->actor2->text + "' (" + r.how2 + ")");
  }
  if (c->actor1 && c->actor2 && c->actor1->id == c->actor2->id) c->actor2.reset();
  if (t.weak) {
    // An armed side on either end makes a generic word an event ("l'armée a
    // repris X", "l'arrestation de membres de Boko Haram"); "la reprise
    // économique" or "l'enlèvement d'un enfant" has none.
    // A state's side is armed only as its military: a government that
    // "vise" or "attaque" a reform, or the police in a crime story, is no
    // side of an armed clash.
    // "MLI_MIL", "NGA_POL", "*_MIL": which of a state's arms ("TUR_BACKED"
    // is a group, no state's arm: empty).
    auto state_arm = [](const std::string& id) {
      std::string_view role = id.size() == 7 && id[3] == '_' ? std::string_view(id).substr(4)
                              : id.rfind("*_", 0) == 0       ? std::string_view(id).substr(2)
                                                             : std::string_view();
      return role == "MIL" || role == "POL" || role == "GOV" ? role : std::string_view();
    };
    auto armed_kind = [&](int i) {
      const std::string& k = m.actors[i].kind;
      const std::string& id = ids[i];
      if (k == "air") return true;
      bool side = k == "group" || k == "state" || k == "unk" || k == "jihad" || k == "anaphor" || k == "pronoun";
      std::string_view arm = state_arm(id);
      return side && !id.empty() && id != "CIVILIANS" && (arm.empty() || arm == "MIL");
    };
    bool armed = (c->actor1 && armed_kind(r.actor1)) || (c->actor2 && armed_kind(r.actor2));
    // An arrest is political violence only when the one arrested is: members
    // of an armed or terror group, militants, unidentified attackers. Police
    // arresting "un homme" in a crime story is no event.
    if (c->sub_event_type == "Arrests") {
      auto arrestee = [&](int i) {
        const std::string& k = m.actors[i].kind;
        return (k == "group" || k == "unk" || k == "jihad" || k == "anaphor" ||
                (k == "pronoun" && state_arm(ids[i]).empty())) &&
               ids[i] != "CIVILIANS" && !ids[i].empty() && state_arm(ids[i]).empty();
      };
      armed = c->actor2 && arrestee(r.actor2);
      // Or a noun of the arrestee class near the trigger ("arrêté trois
      // militants", "des jihadistes présumés ont été interpellés");
      // "complices" only with an armed group named in the sentence.
      bool group_named = false;
      for (const auto& a : m.actors)
        group_named |= a.toks.begin >= s.tok_begin && a.toks.end <= s.tok_end && (a.kind == "group" || a.kind == "jihad");
      uint32_t lo = std::max(s.tok_begin, t.toks.begin > kArresteeReach ? t.toks.begin - kArresteeReach : 0u);
      uint32_t hi = std::min(s.tok_end, t.toks.end + kArresteeReach);
      for (uint32_t k = lo; k < hi && !armed; ++k) armed = cues.arrestee[k] == 1 || (cues.arrestee[k] == 2 && group_named);
      if (!armed) c->notes.push_back("arrest of no member of an armed or political group: no event of its own");
    }
    if (c->air) {
      c->event_type = "Explosions/Remote violence";
      c->sub_event_type = "Air/drone strike";
      c->notes.push_back("type: generic trigger by an air force -> Air/drone strike");
    } else if (!t.modifier.empty()) {
      c->notes.push_back("type refined by '" + t.modifier + "'");
    } else if (armed) {
      if (c->event_type == "Explosions/Remote violence" && c->sub_event_type == "Air/drone strike") {
        c->event_type = "Battles";
        c->sub_event_type = "Armed clash";
        c->notes.push_back("type: generic attack by a ground force -> Armed clash");
      }
    } else {
      c->weak = true;
    }
  }
  // "dans les zones conquises": a participle describing a noun reports nothing
  // by itself; it can only follow up the event before.
  if (r.adjectival) {
    bool named_victim = r.actor2 >= 0 && m.actors[r.actor2].toks.end == t.toks.begin;
    bool counted = false;
    for (const auto& n : m.numbers) counted |= n.toks.end <= t.toks.begin && n.toks.end + 4 >= t.toks.begin;
    // "un vidéaste tué par des tireurs non identifiés": a killer named as its agent reports it.
    bool by_side = c->actor1 && c->actor1->id != "CIVILIANS";
    if (!named_victim && !counted && !by_side) {
      c->weak = true;
      c->notes.push_back("participle describing a noun: no event of its own");
    }
  }
  if (c->event_type == "Battles" && c->actor2 && c->actor2->id == "CIVILIANS") {
    c->event_type = "Violence against civilians";
    c->sub_event_type = "Attack";
    c->notes.push_back("type: attack on civilians -> Violence against civilians/Attack");
  }
}

}  // namespace

std::string SourceRef::Key() const {
  if (id != "OTHER") return id;
  std::string k = "OTHER:";
  for (char ch : text) k += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return k;
}

bool NamesASide(const MentionSet& m, const PlaceMention& p) {
  // "Hamas" read as Hamm, "Wagner" as Wagner, South Dakota: a place whose
  // words are exactly an armed group's name is that group.
  if (p.rule != "demonym") {
    for (const auto& a : m.actors)
      if (a.kind == "group" && !a.id.empty() && a.toks.begin == p.toks.begin && a.toks.end == p.toks.end) return true;
    return false;
  }
  for (const auto& a : m.actors)
    if (a.toks.begin < p.toks.end && a.toks.end > p.toks.begin) return true;
  return false;
}

int Distance(const DocCues& cues, uint32_t a, uint32_t b) {
  int d = std::abs(static_cast<int>(a) - static_cast<int>(b));
  int c = std::abs(static_cast<int>(cues.clause[a]) - static_cast<int>(cues.clause[b]));
  return d + kClausePenalty * c;
}

std::vector<std::vector<SourceRef>> ResolveSources(const Document& doc, const MentionSet& m,
                                                   std::vector<std::string>* claimants) {
  std::vector<std::vector<SourceRef>> out(doc.sentences.size());
  claimants->assign(doc.sentences.size(), "");
  std::vector<SourceRef> last;
  std::string last_ministry;
  size_t cur = SIZE_MAX;
  std::vector<SourceRef> named;
  auto flush = [&]() {
    if (!named.empty()) last = named;
    named.clear();
  };
  for (const auto& sm : m.sources) {
    uint32_t tok = 0;
    while (tok < doc.tokens.size() && doc.tokens[tok].span.end <= sm.cue.begin) ++tok;
    if (tok >= doc.tokens.size()) continue;
    size_t s = doc.SentenceOfToken(tok);
    if (s != cur) flush(), cur = s;
    auto add = [&](SourceRef r) {
      for (const auto& x : out[s])
        if (x.Key() == r.Key()) return;
      out[s].push_back(std::move(r));
    };
    if (sm.cue_kind == "claim") {
      std::string claimant, text;
      // The side named before the cue ("l'EI a revendiqué"), never victims;
      // else, passive, the one right after it ("was claimed by Boko Haram").
      auto side = [&](const ActorMention& a) {
        return doc.SentenceOfToken(a.toks.begin) == s && !a.id.empty() && a.kind != "civ" && a.id != "CIVILIANS";
      };
      // "l'attaque n'a pas été revendiquée": no claim; "qui a été revendiquée
      // par l'EI": the subject of a passive claim is the attack, not its claimant.
      bool parsed = m.parse.SentenceParsed(s);
      if (parsed && m.parse.IsNegated(tok)) continue;
      bool passive = parsed && m.parse.IsPassive(tok);
      for (const auto& a : m.actors)
        if (!passive && a.toks.end <= tok && side(a)) claimant = a.id, text = std::string(doc.Slice(a.span));
      for (const auto& a : m.actors)
        if (claimant.empty() && a.toks.begin > tok && a.toks.begin <= tok + kClaimAgentReach && side(a))
          claimant = a.id, text = std::string(doc.Slice(a.span));
      if (claimant.empty()) continue;
      (*claimants)[s] = claimant;
      add({claimant == "IS" || claimant == "IS_SAHEL" || claimant == "ISWAP" ? "IS_CLAIM" : "OTHER", text, tok});
    } else if (sm.id.empty()) {
      for (auto r : last) r.tok = tok, add(std::move(r));
    } else {
      std::string id = sm.id;
      if (id == "MINISTRY" && !last_ministry.empty()) id = last_ministry;
      if (id == "RUS_MOD" || id == "US_GOV") last_ministry = id;
      SourceRef r{id, std::string(doc.Slice(sm.span)), sm.span.empty() ? tok : sm.toks.begin};
      named.push_back(r);
      add(std::move(r));
    }
  }
  return out;
}

namespace {

// Credits `c` with the sources of a sentence that reports on it, each once.
void AddSources(const std::vector<SourceRef>& sources, Candidate* c) {
  for (const auto& r : sources)
    if (std::none_of(c->sources.begin(), c->sources.end(), [&](const SourceRef& x) { return x.Key() == r.Key(); }))
      c->sources.push_back(r);
}

}  // namespace

std::vector<Candidate> BuildCandidates(const Document& doc, const MentionSet& m, const DocCues& cues,
                                       const ClauseReader& clauses,
                                       const std::vector<std::vector<SourceRef>>& sources_by_sentence,
                                       const std::vector<std::string>& claimant_by_sentence,
                                       const CountryCodes& codes) {
  std::vector<Candidate> out;
  std::vector<std::string> ids = ResolvedActorIds(doc, m, cues, codes);
  for (const auto& t : m.triggers) {
    uint32_t tb = t.toks.begin;
    if (cues.blocked[tb] || cues.cumulative[tb]) continue;
    // "avions de combat": a trigger word inside an actor's name is not a trigger.
    // Nor is a word of protest ending a force's name ("la police anti-émeutes",
    // "riot police") or any word ending a civilian installation's ("a gold
    // mine"): a weapon word ending a force's ("Russian missiles") is fire.
    bool crowd = t.event_type == "Riots" || t.event_type == "Protests";
    bool inside = false;
    for (const auto& a : m.actors)
      inside |= a.toks.begin < tb && (a.toks.end > t.toks.end || ((crowd || a.target) && a.toks.end == t.toks.end));
    if (inside) continue;
    Candidate c;
    c.trigger = &t;
    c.sentence = doc.SentenceOfToken(tb);
    c.event_type = t.event_type;
    c.sub_event_type = t.sub_event_type;
    c.distinct = cues.distinct[tb];
    c.anaphoric = cues.anaphoric[tb];
    // A count verb is no attack by itself ("five people died"), unless its
    // own row names an attack on people ("shot dead", "égorgés").
    c.attack_word = cues.verb[tb] == VerbRole::kNone || t.sub_event_type == "Attack";
    c.notes.push_back("trigger '" + std::string(doc.Slice(t.span)) + "' (" + t.rule + ")");
    ClauseFrame frame = clauses.Read(doc, m, ids, t);
    // "Aucune frappe n'a touché la ville", "the attack was not claimed".
    if (frame.parsed && frame.negated) continue;
    // "the area surrounding the palace": a generic word in a present
    // participle describing a noun says where or what it is, not what happened.
    if (frame.parsed && frame.verbal && t.weak && BaseDep(m.parse.Relation(frame.predicate)) == Dep::kAcl &&
        m.parse.Relation(frame.predicate) != Dep::kAclRelcl && m.parse.Subject(frame.predicate) < 0) {
      const ParsedToken* pp = m.parse.Get(static_cast<uint32_t>(frame.predicate));
      if (pp && (pp->morph.verb_form == VerbForm::kGer ||
                 (pp->morph.verb_form == VerbForm::kPart && pp->morph.tense == Tense::kPres)))
        continue;
    }
    ReadTrigger(doc, m, cues, ids, frame, t, &c);
    // "25 kidnapped students", "the abducted girls": a participle before the
    // noun it describes names a state of its noun, not what happened.
    // (After a determiner, a number or an adjective only: "planes targeted
    // water wells" misparsed keeps its verb.)
    auto before_is = [&](int32_t k) {
      if (k <= static_cast<int32_t>(doc.sentences[c.sentence].tok_begin)) return false;
      const ParsedToken* pb = m.parse.Get(static_cast<uint32_t>(k - 1));
      return pb && (pb->upos == Upos::kDet || pb->upos == Upos::kNum || pb->upos == Upos::kAdj);
    };
    if (frame.parsed && frame.verbal && BaseDep(m.parse.Relation(frame.predicate)) == Dep::kAmod &&
        m.parse.Head(frame.predicate) > frame.predicate && before_is(frame.predicate) && !c.weak) {
      c.weak = true;
      c.actor1.reset(), c.actor2.reset();
      c.notes.push_back("participle before the noun it describes: no occurrence of its own");
    }
    if (frame.discussed) {
      c.weak = true;
      c.actor1.reset(), c.actor2.reset();
      c.notes.push_back("the object of a verb that talks about or prevents it: reports no occurrence of its own");
    }
    // "Un journaliste a été tué", "a soldier was shot dead": the undergoer
    // of a killing or wounding verb is a casualty noun (victims.tsv).
    if (frame.parsed && frame.verbal && (cues.verb[tb] == VerbRole::kKill || cues.verb[tb] == VerbRole::kInjure)) {
      int32_t arg = frame.passive ? frame.subject : m.parse.Object(static_cast<uint32_t>(frame.predicate));
      if (arg >= 0 && cues.victim[static_cast<size_t>(arg)] != 0) {
        if (c.victims == VictimSide::kNone) {
          c.victims = static_cast<VictimSide>(cues.victim[static_cast<size_t>(arg)]);
          c.victims_text = std::string(doc.Slice(doc.tokens[static_cast<size_t>(arg)].span));
        }
        const ParsedToken* pa = m.parse.Get(static_cast<uint32_t>(arg));
        bool counted = false;
        for (uint32_t ch : m.parse.Children(static_cast<uint32_t>(arg)))
          counted |= BaseDep(m.parse.Relation(ch)) == Dep::kNummod;
        if (pa && pa->morph.number == Number::kSing && !counted) c.one_victim = cues.verb[tb];
      }
    }
    if (frame.copular && !c.weak) {
      c.weak = true;
      c.notes.push_back("a copula's predicate or subject: describes, reports no occurrence of its own");
    }
    c.demonstrative = cues.demonstrative[tb];
    std::string why;
    c.occurrence = ClauseOccurrence(doc, m, cues, tb, frame.parsed ? &frame : nullptr, &why);
    if (c.occurrence != Occurrence::kFresh) c.notes.push_back(std::string("status ") + OccurrenceName(c.occurrence) + ": " + why);
    // A generic word next to a specific trigger of the same sentence is part of it.
    bool absorbed = false;
    auto plain = [](const Candidate& x) { return x.trigger->weak && x.trigger->modifier.empty() && !x.air; };
    for (auto& o : out) {
      if (o.sentence != c.sentence) continue;
      bool same = o.sub_event_type == c.sub_event_type && !c.distinct;
      // "Gunmen killed 15 civilians and 9 soldiers in an attack": two generic
      // words of one side in one sentence are one event.
      same |= plain(o) && plain(c) && !c.distinct && o.actor1 && c.actor1 && o.actor1->id == c.actor1->id;
      // "Four policemen were killed in an attack": generic words of one
      // sentence with no acting side are one occurrence.
      // A word referring back ("The attack came as troops executed...") is another occurrence's.
      same |= plain(o) && plain(c) && !c.distinct && !o.actor1 && !c.actor1 && !o.anaphoric && !c.anaphoric;
      // "The attack that killed 14 people": a clause describing the event noun is part of it.
      same |= plain(c) && !c.distinct && DescribesTrigger(m.parse, t, *o.trigger);
      // "Regime kills 25 civilians in airstrikes", "tués lors d'une
      // embuscade": one trigger is the means of the other, one occurrence,
      // unless the two name different acting sides.
      // "Regime kills 25 civilians in Hama airstrikes" however it parses: a
      // killing or wounding verb counts the toll of the attack its own clause
      // names, when the sides do not contradict. Any word already read as
      // part of `o` links it.
      auto agree = [](const std::optional<Actor>& a, const std::optional<Actor>& b) { return !a || !b || a->id == b->id; };
      bool means = false, parsed_means = false;
      auto link = [&](const TriggerMention* w) {
        uint32_t ob = w->toks.begin;
        bool p = clauses.SameOccurrence(doc, m.parse, t, *w) && agree(o.actor1, c.actor1);
        parsed_means |= p;
        means |= p;
        means |= cues.clause[tb] == cues.clause[ob] &&
                 (cues.verb[tb] == VerbRole::kKill || cues.verb[tb] == VerbRole::kInjure ||
                  cues.verb[ob] == VerbRole::kKill || cues.verb[ob] == VerbRole::kInjure) &&
                 agree(o.actor1, c.actor1) && (agree(o.actor2, c.actor2) || o.actor2_target || c.actor2_target);
      };
      if (!c.distinct) {
        link(o.trigger);
        for (const TriggerMention* w : o.parts) link(w);
      }
      same |= means;
      // A word of attack or explosion that the parse makes the means of a
      // killing word types its event ("tué ... dans l'explosion d'une mine").
      bool names_attack = parsed_means && plain(o) && plain(c) && !o.attack_word && c.attack_word;
      // A generic word's row types nothing ("killed", "hit": the weak
      // "Air/drone strike" row that a ground force makes a clash); a word
      // of attack, explosive or bombardment read as the same occurrence in
      // its sentence ("killed ... when their vehicle hit a mine", "tués
      // lors d'une attaque") types the event.
      auto placeholder = [](const Candidate& x) { return x.trigger->sub_event_type == "Air/drone strike"; };
      bool violence = c.event_type == "Explosions/Remote violence" || c.sub_event_type == "Armed clash" ||
                      c.sub_event_type == "Attack";
      names_attack |= same && plain(o) && plain(c) && placeholder(o) && !placeholder(c) && violence;
      // "ont encerclé le quartier et une fusillade a éclaté": a generic move
      // of the forces is the operation its sentence's fighting types; so is
      // destruction beside an attack ("ont incendié une école et attaqué
      // le marché": violence against the people, not only their property).
      bool move = ((plain(o) && o.sub_event_type == "Other") || o.sub_event_type == "Looting/property destruction") &&
                  violence && !c.distinct && agree(o.actor1, c.actor1);
      same |= move;
      names_attack |= move;
      if (same && ((o.trigger->weak && !c.trigger->weak) || (plain(o) && !plain(c)) || names_attack)) {
        // The specific word types the event ("airstrikes" over "kills",
        // "engin explosif improvisé" over "a heurté").
        o.parts.push_back(o.trigger);
        o.trigger = c.trigger, o.event_type = c.event_type, o.sub_event_type = c.sub_event_type;
        o.air = o.air || c.air, o.weak = o.weak && c.weak;
        if (c.trigger->mutual && o.actor2_people) {
          o.notes.push_back("'" + o.actor2->text + "' killed in fighting: casualties, not a side");
          if (o.victims == VictimSide::kCivilians && o.victims_text == o.actor2->text) o.victims = VictimSide::kNone;
          o.actor2.reset(), o.actor2_people = false;
        }
      }
      if (same || (c.weak && !o.weak)) {
        auto differs = [](const std::optional<Actor>& a, const std::optional<Actor>& b) { return !b || a->id != b->id; };
        if (!o.actor1 && c.actor1 && differs(c.actor1, o.actor2)) o.actor1 = c.actor1, o.air = c.air;
        if (!o.actor2 && c.actor2 && differs(c.actor2, o.actor1)) o.actor2 = c.actor2, o.actor2_target = c.actor2_target;
        // "a frappé une maison, tuant un commandant du Hamas": the people of
        // an installation yield to the side its victims are named as.
        if (o.actor2 && o.actor2_target && c.actor2 && !c.actor2_target && differs(c.actor2, o.actor1))
          o.actor2 = c.actor2, o.actor2_target = false;
        // One occurrence read twice: a reading that reports it ("IS ... kills
        // 30") makes the generic word beside it ("attack") report it too.
        if (same && !c.weak && o.weak) o.weak = false, o.notes.push_back("reported by '" + std::string(doc.Slice(t.span)) + "' beside it");
        o.notes.push_back("also '" + std::string(doc.Slice(t.span)) + "' in the same sentence");
        if (o.trigger != &t) o.parts.push_back(&t);
        o.attack_word |= c.attack_word;
        absorbed = true;
        break;
      }
    }
    if (absorbed) continue;
    out.push_back(std::move(c));
  }
  // A generic word before a specific trigger of its sentence ("tués par
  // l'explosion d'un engin explosif") is part of the specific event.
  auto generic = [](const Candidate& c) { return c.trigger->weak && c.trigger->modifier.empty() && !c.air && !c.paired; };
  for (size_t i = 0; i < out.size(); ++i) {
    // Only generic attack words (frapper, tuer, attaque, explosion) are parts of another event;
    // so is a generic move of the forces ("ont encerclé le quartier ... et une
    // fusillade a éclaté") in the sentence of an attack or a clash.
    bool attack = out[i].event_type == "Explosions/Remote violence" || out[i].sub_event_type == "Armed clash" ||
                  out[i].sub_event_type == "Attack";
    bool move = out[i].sub_event_type == "Other";
    if (!generic(out[i]) || !(attack || move)) continue;
    for (size_t j = 0; j < out.size(); ++j) {
      if (j == i || out[j].sentence != out[i].sentence || (generic(out[j]) && !move)) continue;
      if (move && out[j].event_type != "Battles" && out[j].event_type != "Explosions/Remote violence" &&
          out[j].event_type != "Violence against civilians")
        continue;
      // A killing of civilians is part only of an event named before it ("fighting ... killed 25 people").
      if (out[i].sub_event_type == "Attack" && out[j].trigger->toks.begin > out[i].trigger->toks.begin) continue;
      if (!out[j].actor1 && out[i].actor1 && (!out[j].actor2 || out[j].actor2->id != out[i].actor1->id)) out[j].actor1 = out[i].actor1;
      if (!out[j].actor2 && out[i].actor2 && (!out[j].actor1 || out[j].actor1->id != out[i].actor2->id)) out[j].actor2 = out[i].actor2;
      out[j].notes.push_back("also '" + std::string(doc.Slice(out[i].trigger->span)) + "' in the same sentence");
      out[j].attack_word |= out[i].attack_word;
      out.erase(out.begin() + static_cast<long>(i));
      --i;
      break;
    }
  }
  // Place, date, sources and figures, sentence by sentence.
  std::vector<uint8_t> usable = EventPlaces(doc, m, cues);
  DateOwners own = OwnDates(doc, m, cues, out);
  for (auto& c : out) {
    const Sentence& s = doc.sentences[c.sentence];
    uint32_t anchor = c.trigger->toks.begin;
    c.place = BestPlace(m, usable, cues, s, anchor);
    c.date = BestDate(m, cues, own, c.trigger, s, anchor);
    if (c.sentence > 0 && !StartsParagraph(doc, c.sentence)) {
      const Sentence& prev = doc.sentences[c.sentence - 1];
      if (c.place < 0 && (c.place = BestPlace(m, usable, cues, prev, prev.tok_end - 1)) >= 0) c.place_inherited = true;
      if (c.date < 0 && (c.date = BestDate(m, cues, own, nullptr, prev, prev.tok_end - 1)) >= 0) c.date_inherited = true;
    }
    // "Un convoi avait déjà été repéré le 25 mai": a recalling word yields to
    // the clause's own date when that date is recent news, a day or a few
    // (not "last month", which is the recalling word itself).
    // (In its own clause: "was still deserted on Monday, a year after gunmen killed ..." dates the desertion.)
    const DateInterval* own_date =
        c.date >= 0 && !c.date_inherited && cues.clause[m.dates[c.date].toks.begin] == cues.clause[c.trigger->toks.begin]
            ? &m.dates[c.date].interval
            : nullptr;
    if (c.occurrence == Occurrence::kRecalled && own_date && own_date->precision != DatePrecision::kMonth &&
        own_date->precision != DatePrecision::kYear && DateOccurrence(doc.date, *own_date) == Occurrence::kFresh) {
      c.occurrence = Occurrence::kFresh;
      c.notes.push_back("status fresh: its own date is recent");
    }
    c.recall_cue = c.occurrence == Occurrence::kRecalled && cues.recalled[c.trigger->toks.begin];
    c.old_date = c.date >= 0 && !c.date_inherited &&
                 DateOccurrence(doc.date, m.dates[c.date].interval) == Occurrence::kRecalled;
    c.sources = sources_by_sentence[c.sentence];
    c.claimant = claimant_by_sentence[c.sentence];
  }
  std::vector<uint8_t> trigger_at(doc.tokens.size(), 0);
  for (const auto& tr : m.triggers)
    for (uint32_t k = tr.toks.begin; k < tr.toks.end && k < trigger_at.size(); ++k) trigger_at[k] = 1;
  // The victim groups already counted, by candidate, source and field.
  std::map<std::pair<const Candidate*, std::string>, std::map<std::string, std::vector<std::string>>> groups;
  for (const auto& n : m.numbers) {
    uint32_t t = n.toks.begin;
    if (t >= doc.tokens.size()) continue;
    size_t s = doc.SentenceOfToken(t);
    // The nearest event of its sentence that can have casualties: "a dozen
    // policemen were wounded and twenty people arrested during the riots"
    // counts the riots' injured, not the arrests'.
    Candidate* best = nullptr;
    int best_d = INT_MAX;
    for (bool any : {false, true}) {
      for (auto& c : out) {
        if (c.sentence != s || (!any && !HasCasualties(c.event_type))) continue;
        int d = Distance(cues, t, c.trigger->toks.begin);
        if (d < best_d) best_d = d, best = &c;
      }
      if (best) break;
    }
    // "State media said 14 people had died": a sentence that only credits a
    // toll to a source of its own reports on the event of the sentence before.
    // So does a sentence of nothing but a toll ("21 morts.", "Bilan : 21
    // morts, 10 blessés.", as a coder's note words it): a number of the dead
    // or wounded with no event word of its own.
    bool report_only = false;
    bool bare_toll = n.noun_class == "killed" || n.noun_class == "injured";
    if (!best && s > 0 && !StartsParagraph(doc, s) && (!sources_by_sentence[s].empty() || bare_toll)) {
      for (auto& c : out)
        if (c.sentence + 1 == s && !c.weak) best = &c;
      report_only = best != nullptr;
    }
    if (!best) continue;
    std::string figure(doc.Slice(n.span));
    // A count of strikes is never the size of a convoy ("carried out 30 strikes").
    bool container = cues.container[t] && n.noun_class != "strike";
    if (container || cues.cumulative[t] || cues.remaining[t]) {
      best->notes.push_back("not a loss: '" + figure + "' (" +
                            (container ? "size of a convoy or force" : cues.cumulative[t] ? "cumulative total" : "forces still at large") + ")");
      continue;
    }
    // "deux des sept missiles", "two of the five drones": the second figure
    // is the whole the first is taken from, not a count of its own.
    {
      uint32_t k = t;
      if (k > 0 && doc.tokens[k - 1].fold == "the") --k;
      if (k > 1 && In(doc.tokens[k - 1].fold, {"des", "of"}) &&
          std::any_of(m.numbers.begin(), m.numbers.end(), [&](const NumberMention& o) {
                        return &o != &n && o.toks.begin < k - 1 && o.toks.begin + 3 >= k - 1 && o.toks.end >= k - 1;
                      })) {
        best->notes.push_back("the whole a figure before is taken from: '" + figure + "'");
        continue;
      }
    }
    // "selon un officier", "two witnesses said": a figure inside the words
    // of a source counts who reports, not who was hit.
    if (std::any_of(m.sources.begin(), m.sources.end(), [&](const SourceMention& src) {
          return src.toks.begin <= t && t < src.toks.end;
        })) {
      best->notes.push_back("not a loss: '" + figure + "' (counts the source)");
      continue;
    }
    // "en réponse à la mort de dix soldats": the toll of the cause, not of this event.
    if (cues.cause[t] && !cues.cause[best->trigger->toks.begin]) {
      best->notes.push_back("not a loss: '" + figure + "' (the toll of an earlier event given as a cause)");
      continue;
    }
    // "repérée par un drone": the agent of another verb is not a loss.
    if (t > 0 && IsAgentMarker(doc.tokens[t - 1].fold)) continue;
    // "a terrorist attack", "un kamikaze attentat": an article before a noun
    // that modifies an event word counts nobody.
    if (!n.noun.empty() && n.value.best == 1 && !std::isdigit(static_cast<unsigned char>(doc.tokens[t].fold[0]))) {
      uint32_t k = NounLastToken(doc, n);
      if (k >= doc.tokens.size()) continue;
      Dep rel = m.parse.Relation(k);
      if (rel == Dep::kCompound || rel == Dep::kAmod || (k + 1 < trigger_at.size() && trigger_at[k + 1])) continue;
    }
    // A count verb right before the figure ("blessé 110 autres") is the most
    // direct evidence; then the verb the parse makes govern it; then the
    // nearest count verb of its clause.
    VerbRole direct = DirectVerb(cues, n);
    bool agent = false;
    // The walk up the parse starts at the numeral, not at a modifier before it ("at least 16").
    uint32_t numeral = n.toks.end > t ? n.toks.end - 1 : t;
    VerbRole v = direct != VerbRole::kNone ? direct : ParsedGoverningVerb(m.parse, m, cues, numeral, &agent);
    if (agent) {
      best->notes.push_back("not a loss: '" + figure + "' (the subject that acts)");
      continue;
    }
    if (v == VerbRole::kNone) v = GoverningVerb(cues, doc.sentences[s], numeral, IsMateriel(n.noun_class));
    Figures f;
    std::string note = AddFigure(doc, n, v, direct, best, &f);
    if (note.empty()) continue;
    // "20 morts, dont 5 enfants", "nine of them civilians": a detail of a figure already given.
    if (cues.subset[t]) {
      best->notes.push_back("part of a figure given before: '" + figure + "'");
      continue;
    }
    // "a child was among at least eight people killed": a part of the whole counted after it.
    if (uint32_t k = NounLastToken(doc, n); k < doc.tokens.size() && clauses.PartOfWhole(doc, m.parse, k)) {
      best->notes.push_back("part of a whole counted in its clause: '" + figure + "'");
      continue;
    }
    if (report_only) {
      if (f.fatalities || f.injured) {
        f.strikes.reset(), f.destroyed.clear();
      } else {
        continue;
      }
      AddSources(sources_by_sentence[s], best);
      note += " (reported in the next sentence)";
    }
    std::vector<std::string> credited = CreditedSources(cues, report_only ? sources_by_sentence[s] : best->sources, t);
    if (credited.empty()) credited.push_back("");
    std::string field = FieldOf(f), group = VictimGroup(doc, cues, n);
    if ((f.fatalities || f.injured) && best->victims == VictimSide::kNone && !n.noun.empty()) {
      auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), n.noun.begin,
                                 [](const Token& tok, uint32_t b) { return tok.span.begin < b; });
      size_t k = static_cast<size_t>(it - doc.tokens.begin());
      // "20 personnes ont été tuées dans des affrontements": anyone counted
      // in fighting is no victim side.
      bool fighting_toll = k < doc.tokens.size() && cues.generic[k] && best->trigger->mutual;
      if (k < doc.tokens.size() && cues.victim[k] && !fighting_toll) {
        best->victims = static_cast<VictimSide>(cues.victim[k]);
        best->victims_text = std::string(doc.Slice(n.noun));
      } else if (k < doc.tokens.size() && n.noun_class == "person" && cues.generic[k] && best->people_text.empty()) {
        best->people_text = std::string(doc.Slice(n.noun));  // "50 people": anyone
      }
    }
    for (const auto& id : credited) {
      // Within one source, figures of different groups add up ("15 civilians
      // and 9 soldiers"); a figure for anyone ("24 dead") or for the same
      // group again restates one already given: the more specific one stays.
      auto& seen = groups[{best, id}][field];
      bool adds = !group.empty();
      for (const auto& g : seen) adds = adds && !g.empty() && g != group;
      if (n.elided && !seen.empty()) adds = true;  // "douze morts ... et dix-huit parmi les rebelles"
      if (adds || seen.empty()) {
        MergeSum(&best->figures[id], f);
      } else {
        MergeFigures(&best->figures[id], f);
        note += " (restates a figure of the same source)";
      }
      seen.push_back(group);
    }
    if (!credited.front().empty() && (report_only || credited.size() < best->sources.size()))
      note += " (" + credited.front() + ")";
    best->notes.push_back(note);
  }
  // "Local sources reported the incident.", "Des sources locales ont
  // rapporté les faits.": a sentence of a source and a word referring back
  // to the event before (event_cues.tsv kind incident), with no event of its
  // own, credits that event with its sources.
  for (size_t s = 1; s < doc.sentences.size() && s < sources_by_sentence.size(); ++s) {
    if (sources_by_sentence[s].empty() || StartsParagraph(doc, s)) continue;
    const Sentence& sent = doc.sentences[s];
    bool refers = false;
    for (uint32_t k = sent.tok_begin; k < sent.tok_end && k < cues.incident.size() && !refers; ++k) refers = cues.incident[k];
    if (!refers || std::any_of(out.begin(), out.end(), [&](const Candidate& c) { return c.sentence == s; })) continue;
    Candidate* before = nullptr;
    for (auto& c : out)
      if (c.sentence + 1 == s && !c.weak) before = &c;
    if (!before) continue;
    AddSources(sources_by_sentence[s], before);
    before->notes.push_back("sources of the next sentence, which refers back to it");
  }
  // "L'attaque n'a fait aucune victime", "No one was hurt": a toll of zero
  // for the event of its sentence, or of the sentence before when it has
  // none; only where no figure was given.
  for (uint32_t k = 0; k < doc.tokens.size() && k < cues.zero_toll.size(); ++k) {
    auto zero = static_cast<ZeroToll>(cues.zero_toll[k]);
    if (zero == ZeroToll::kNone || cues.blocked[k]) continue;
    size_t s = doc.SentenceOfToken(k);
    Candidate* best = nullptr;
    int best_d = INT_MAX;
    for (bool any : {false, true}) {
      for (auto& c : out)
        if (c.sentence == s && (any || HasCasualties(c.event_type)))
          if (int d = Distance(cues, k, c.trigger->toks.begin); d < best_d) best_d = d, best = &c;
      if (best) break;
    }
    bool next = false;
    if (!best && s > 0 && !StartsParagraph(doc, s))
      for (auto& c : out)
        if (c.sentence + 1 == s && !c.weak) best = &c, next = true;
    if (!best) continue;
    if (next) AddSources(sources_by_sentence[s], best);
    std::vector<std::string> credited = CreditedSources(cues, next ? sources_by_sentence[s] : best->sources, k);
    if (credited.empty()) credited.push_back("");
    for (const auto& id : credited) {
      Figures& f = best->figures[id];
      if (zero != ZeroToll::kInjured && !f.fatalities) f.fatalities = Count::Exact(0);
      if (zero != ZeroToll::kKilled && !f.injured) f.injured = Count::Exact(0);
    }
    best->notes.push_back("no casualties: '" + std::string(doc.Slice(doc.tokens[k].span)) + "...' gives a toll of 0" +
                          (next ? " (in the next sentence)" : ""));
  }
  for (auto& c : out) {
    if (c.one_victim == VerbRole::kNone) continue;
    bool given = false;
    for (const auto& [src, f] : c.figures)
      given |= c.one_victim == VerbRole::kKill ? f.fatalities.has_value() : f.injured.has_value();
    if (given) continue;
    auto& slot = c.one_victim == VerbRole::kKill ? c.figures[""].fatalities : c.figures[""].injured;
    slot = Count::Exact(1);
    c.notes.push_back(std::string(c.one_victim == VerbRole::kKill ? "fatalities" : "injured") + " = 1: one '" +
                      c.victims_text + "' undergoes it");
  }
  return out;
}

}  // namespace sitrep
