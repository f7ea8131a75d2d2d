#include "events/assembler.h"

#include <algorithm>
#include <map>
#include <set>

#include "events/candidate.h"
#include "events/status.h"
#include "resolve/geocoder.h"

namespace sitrep {
namespace {

constexpr size_t kAttachReach = 3;  // sentences a follow-up may reach back to attach
constexpr int kHeadlineWords = 20;  // a longer first sentence is a lead, not a title
constexpr size_t kLeadSentences = 3;  // the sentences a title sums up

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

int Level(const MentionSet& m, int place) {
  if (place < 0) return 3;
  auto l = m.places[place].level;
  return l == PlaceLevel::kPlace ? 0 : l == PlaceLevel::kAdmin1 ? 1 : 2;
}

// An event being assembled from candidates.
struct Group {
  std::vector<Candidate> members;
  std::string event_type, sub_event_type;
  std::optional<Actor> actor1, actor2;
  bool air = false;
  size_t last_sentence = 0;
  int parent = -1;  // the aggregate report this named strike splits from (index into the groups)
  bool headline = false;  // every member so far is in a headline (see IsHeadline)
  bool recalled = false;  // its mentions recall an earlier occurrence (status.h): never merged with news
  // Claims of responsibility made in sentences with no trigger of their own.
  std::vector<std::string> claimants;
  std::vector<SourceRef> claim_sources;
  std::vector<size_t> claim_sentences;
};

// "L'EI a revendiqué l'opération" with no trigger word: the claim is for the
// attack reported just before (within kAttachReach sentences).
void AttachBareClaims(const std::vector<std::string>& claimants, const std::vector<std::vector<SourceRef>>& sources,
                      std::vector<Group>* groups) {
  for (size_t s = 0; s < claimants.size(); ++s) {
    if (claimants[s].empty()) continue;
    bool has_event = false;
    for (const auto& g : *groups)
      for (const auto& c : g.members) has_event |= c.sentence == s;
    if (has_event) continue;
    Group* target = nullptr;
    for (auto& g : *groups) {
      size_t first = g.members.front().sentence;
      if (first < s && s - g.last_sentence <= kAttachReach && g.event_type != "Strategic developments") target = &g;
    }
    if (!target) continue;
    target->claimants.push_back(claimants[s]);
    target->claim_sentences.push_back(s);
    for (const auto& r : sources[s]) target->claim_sources.push_back(r);
  }
}

// UNKNOWN ("des hommes armés") may be the side another sentence names.
// A force of no known country yet ("*_POL", resolved when the event is
// finished) is any country's force of that role.
bool SameRole(const std::string& placeholder, const std::string& id) {
  return placeholder.size() > 2 && placeholder[0] == '*' && placeholder[1] == '_' && id.size() > placeholder.size() - 1 &&
         id.compare(id.size() - (placeholder.size() - 1), std::string::npos, placeholder, 1, std::string::npos) == 0;
}

bool SameOrUnset(const std::optional<Actor>& a, const std::optional<Actor>& b) {
  return !a || !b || a->id == b->id || a->id == "UNKNOWN" || b->id == "UNKNOWN" || SameRole(a->id, b->id) ||
         SameRole(b->id, a->id);
}

// A date the candidate inherits from the sentence before it ("Un convoi
// avait été repéré le 25 mai. 39 pickups avaient alors été détruits") still
// keeps it apart from an event its own members date otherwise.
bool DatesCompatible(const MentionSet& m, const Group& g, const Candidate& c) {
  if (c.date < 0) return true;
  const DateInterval& d = m.dates[c.date].interval;
  for (const auto& o : g.members) {
    if (o.date < 0 || o.date_inherited) continue;
    const DateInterval& e = m.dates[o.date].interval;
    if (!d.start.valid() || !e.start.valid()) continue;
    Ymd de = d.end.valid() ? d.end : d.start, ee = e.end.valid() ? e.end : e.start;
    if (de < e.start || ee < d.start) return false;
  }
  return true;
}

// A strike named at its own place is not the aggregate report by province
// that came before it; two named places are two strikes.
bool PlacesCompatible(const MentionSet& m, const Group& g, const Candidate& c) {
  if (c.place < 0 || c.place_inherited) return true;
  // Places in two countries are two occurrences ("50 civilians in
  // Mozambique ... 28 people in Baghdad").
  const std::string& country = m.places[c.place].country;
  for (const auto& o : g.members)
    if (!country.empty() && o.place >= 0 && !o.place_inherited && !m.places[o.place].country.empty() &&
        m.places[o.place].country != country)
      return false;
  if (Level(m, c.place) == 2) return true;
  bool g_specific = false, g_admin = false, same = false;
  for (const auto& o : g.members) {
    if (o.place < 0) continue;
    int lv = Level(m, o.place);
    if (lv == 0) g_specific = true;
    if (lv == 1 && !o.place_inherited) g_admin = true;
    if (m.places[o.place].name == m.places[c.place].name) same = true;
  }
  if (same) return true;
  if (Level(m, c.place) == 0) return !g_specific && !g_admin;
  // A province apart from every place the event already has is another strike.
  for (const auto& o : g.members)
    if (o.place >= 0 && !o.place_inherited && Level(m, o.place) < 2 &&
        m.places[o.place].admin1 == m.places[c.place].admin1)
      return true;
  return !g_specific && !g_admin;
}

// Figures never keep two mentions apart: a second source's toll, an updated
// toll or a part of the toll ("two soldiers were among the dead") is still
// the same occurrence; the figures stage combines them per source.
// A recalled mention with no date of its own ("trois soldats avaient été
// tués") may continue the narrative of a fresh event, one a word recalls
// ("l'an dernier", "la dernière remonte à juin") never; fresh news never
// joins a recalled event.
// Undated news does not join an event its own words date years or months
// back ("rocket fire in 2011 ... Six people were also killed in shelling").
bool StatusCompatible(const Group& g, const Candidate& c) {
  bool recalled = c.occurrence == Occurrence::kRecalled;
  if (g.recalled) return recalled;
  if (recalled && c.recall_cue) return false;  // "la dernière attaque remonte à juin": another occurrence
  if (!recalled && (c.date < 0 || c.date_inherited)) {
    bool dated = false, old = true;
    for (const auto& o : g.members)
      if (o.date >= 0 && !o.date_inherited) dated = true, old = old && o.old_date;
    if (dated && old) return false;
  }
  return !recalled || c.date < 0 || c.date_inherited;
}

// The sides of `c` contradict none of `g`'s. In a battle both sides lose
// men: "Five militants and two soldiers were killed" after "militants
// clashed with troops" counts the attackers' dead as well as the troops'.
bool SidesCompatible(const Group& g, const Candidate& c) {
  if (SameOrUnset(g.actor1, c.actor1) && SameOrUnset(g.actor2, c.actor2)) return true;
  // Civilians killed with no side named, after a battle between named sides: caught in it.
  if (g.event_type == "Battles" && !c.actor1 && c.actor2 && c.actor2->id == "CIVILIANS" && g.actor1 &&
      g.actor1->id != "CIVILIANS")
    return true;
  return g.event_type == "Battles" && !c.actor1 && c.actor2 && g.actor1 && g.actor1->id == c.actor2->id;
}

bool Compatible(const MentionSet& m, const Group& g, const Candidate& c, bool any_type, bool any_place = false) {
  if (c.distinct || !StatusCompatible(g, c)) return false;
  if (!any_type && (g.sub_event_type != c.sub_event_type)) return false;
  if (!SidesCompatible(g, c)) return false;
  return DatesCompatible(m, g, c) && (any_place || PlacesCompatible(m, g, c));
}

// "The attack", "cet attentat", a generic word: a mention that refers back
// may name the occurrence with another word of its kind (a suicide bombing
// taken up as "the blast"); the more specific word types the event.
bool RefersBack(const Candidate& c) { return c.anaphoric || c.trigger->weak; }

bool OwnPlace(const MentionSet& m, const Candidate& c) { return c.place >= 0 && !c.place_inherited && Level(m, c.place) < 2; }

// Why a mention starts an event of its own rather than joining `g`, the
// latest event before it (for --explain).
std::string WhyApart(const MentionSet& m, const Group& g, const Candidate& c) {
  std::string why = "kept apart from the event of s" + std::to_string(g.members.front().sentence) + ": ";
  if (c.distinct) return why + "worded as another occurrence ('d'autres', 'another')";
  if (!StatusCompatible(g, c)) return why + (g.recalled ? "that one is recalled, this one is news" : "this one is recalled");
  if (g.event_type != c.event_type) return why + "another event type";
  if (!SidesCompatible(g, c)) return why + "other sides";
  if (!DatesCompatible(m, g, c)) return why + "another date";
  if (!PlacesCompatible(m, g, c)) return why + "another place";
  return why + "another sub-event type";
}

bool Violent(const std::string& type) {
  return type == "Battles" || type == "Explosions/Remote violence" || type == "Violence against civilians";
}

// Two violent mentions at the same named place on compatible days that give
// the same toll report one occurrence even when worded
// as two kinds ("a strike kills 18 civilians" / "an airstrike killed at
// least 18 civilians in Raqqa"): ACLED codes one event per place, day and pair of sides.
bool SameScene(const MentionSet& m, const Group& g, const Candidate& c) {
  if (!Violent(g.event_type) || !Violent(c.event_type) || !OwnPlace(m, c) || c.distinct) return false;
  // The sides may be read differently in two wordings; place, day and toll decide.
  if (!StatusCompatible(g, c) || !DatesCompatible(m, g, c)) return false;
  bool place = false, detail = false;
  for (const auto& o : g.members) {
    if (o.place >= 0) {
      const auto &a = m.places[o.place], &b = m.places[c.place];
      place |= a.geonameid ? a.geonameid == b.geonameid : a.name == b.name && a.country == b.country;
    }
    for (const auto& [src, f] : o.figures)
      for (const auto& [src2, f2] : c.figures)
        detail |= f.fatalities && f2.fatalities && f.fatalities->best == f2.fatalities->best;
  }
  // "Two vehicles laden with explosives went off on Sunday" right after the
  // toll was given: a mention with no side and no figure of its own at the
  // same named place adds detail, it contradicts nothing.
  bool bare = !c.actor1 && c.sentence - g.last_sentence <= kAttachReach;
  for (const auto& [src, f] : c.figures) bare = bare && f.empty();
  return place && (detail || bare);
}

// Whether a member of `g` and `c` give the same toll of several dead.
bool SameToll(const Group& g, const Candidate& c) {
  for (const auto& o : g.members)
    for (const auto& [src, f] : o.figures)
      for (const auto& [src2, f2] : c.figures)
        if (f.fatalities && f2.fatalities && f.fatalities->best >= 2 && !f.fatalities->vague &&
            f.fatalities->best == f2.fatalities->best)
          return true;
  return false;
}

void Join(Group* g, Candidate c, const std::string& why) {
  // A headline words the event loosely: the body's words name its sides and type it.
  bool body_after_headline = g->headline && c.sentence > 0 && !g->members.empty() &&
                             std::all_of(g->members.begin(), g->members.end(),
                                         [](const Candidate& o) { return o.sentence == 0; });
  if (body_after_headline) {
    if (c.actor1) g->actor1 = c.actor1, g->air = c.air;
    // A side never acts on itself: a body line naming the acting side as
    // the one acted upon (a list of tags read as an object) leaves the
    // headline's victims in place.
    if (c.actor2 && !(g->actor1 && g->actor1->id == c.actor2->id)) g->actor2 = c.actor2;
    if (!c.trigger->weak || !c.trigger->modifier.empty() || c.air)
      g->event_type = c.event_type, g->sub_event_type = c.sub_event_type;
  }
  // "Eight civilians were killed" after an offensive: civilians caught in a
  // battle are its toll, not its side; the battle stays a battle.
  bool battle = g->event_type == "Battles" && std::any_of(g->members.begin(), g->members.end(), [](const Candidate& o) {
                  return o.event_type == "Battles" && o.actor1 && o.actor1->id != "CIVILIANS";
                });
  if (battle && c.trigger->weak && !c.actor1 &&
      (c.victims == VictimSide::kCivilians || (c.actor2 && c.actor2->id == "CIVILIANS"))) {
    c.victims = VictimSide::kNone;
    if (c.actor2 && c.actor2->id == "CIVILIANS") c.actor2.reset();
    c.notes.push_back("civilians killed in a battle: its toll, not its side");
  }
  if ((!g->actor1 || g->actor1->id == "UNKNOWN") && c.actor1) g->actor1 = c.actor1, g->air = c.air;
  if (!g->actor2 && c.actor2) g->actor2 = c.actor2;
  g->last_sentence = std::max(g->last_sentence, c.sentence);
  if (!why.empty()) c.notes.push_back(why);
  g->members.push_back(std::move(c));
}

Group NewGroup(Candidate c) {
  Group g;
  g.event_type = c.event_type;
  g.sub_event_type = c.sub_event_type;
  g.recalled = c.occurrence == Occurrence::kRecalled;
  Join(&g, std::move(c), "");
  return g;
}

// A headline in title case ("Suicide Bomber Kills 4 in Assad Hometown"):
// most of its words capitalised, or the same words again in the text
// (outlets that print the title again above the body).
bool TitleLike(const Document& doc, const Sentence& h) {
  int words = 0, caps = 0;
  for (uint32_t k = h.tok_begin; k < h.tok_end; ++k) {
    if (doc.tokens[k].kind != TokenKind::kWord) continue;
    ++words;
    caps += doc.tokens[k].capitalized;
  }
  if (words == 0 || words > kHeadlineWords) return false;
  if (caps * 10 >= words * 6) return true;
  std::string_view text = doc.Slice(h.span);
  if (doc.text.find(text, h.span.end) != std::string::npos) return true;
  // A title sums up its lead: most of its longer words come back in the next sentences.
  std::set<std::string> lead;
  for (size_t s = 1; s < doc.sentences.size() && s <= kLeadSentences; ++s)
    for (uint32_t k = doc.sentences[s].tok_begin; k < doc.sentences[s].tok_end; ++k) lead.insert(doc.tokens[k].fold);
  int content = 0, again = 0;
  for (uint32_t k = h.tok_begin; k < h.tok_end; ++k) {
    const Token& t = doc.tokens[k];
    if (t.kind != TokenKind::kWord || t.fold.size() < 4) continue;
    ++content;
    again += lead.count(t.fold) > 0;
  }
  return content >= 2 && again * 2 >= content;
}

// A headline: the document's first sentence, a line of its own with no
// closing full stop ("Mali : une embuscade meurtrière dans la région de Mopti"),
// or a short title-like first sentence (TitleLike).
bool IsHeadline(const Document& doc, size_t s) {
  if (s != 0 || doc.sentences.size() < 2) return false;
  const Sentence& h = doc.sentences[0];
  if (h.tok_end <= h.tok_begin) return false;
  if (TitleLike(doc, h)) return true;
  const Token& last = doc.tokens[h.tok_end - 1];
  if (last.kind == TokenKind::kPunct && (last.punct == '.' || last.punct == '!' || last.punct == '?')) return false;
  // The body starts on another line.
  uint32_t b = doc.tokens[h.tok_end - 1].span.end, e = doc.tokens[doc.sentences[1].tok_begin].span.begin;
  return doc.text.substr(b, e - b).find('\n') != std::string::npos;
}

// A headline's event and the body's first event of the same type whose place
// is the headline's, inside it or around it (same province) are one.
bool HeadlineMatches(const MentionSet& m, const Group& g, const Candidate& c) {
  auto violent = [](const std::string& type) {
    return type == "Battles" || type == "Explosions/Remote violence" || type == "Violence against civilians";
  };
  // A headline words the event loosely ("Rebel fire kills 3 schoolchildren"
  // for a rocket attack): any violent event of the body may be it.
  bool family = g.event_type == c.event_type || (violent(g.event_type) && violent(c.event_type));
  if (!g.headline || !family || c.distinct) return false;
  if (!StatusCompatible(g, c)) return false;
  if (!SameOrUnset(g.actor1, c.actor1) || !SameOrUnset(g.actor2, c.actor2)) return false;
  if (!DatesCompatible(m, g, c)) return false;
  for (const auto& o : g.members) {
    if (o.place < 0 || c.place < 0) continue;
    const auto& a = m.places[o.place];
    const auto& b = m.places[c.place];
    if (a.country != b.country) return false;
    if (Level(m, o.place) < 2 && Level(m, c.place) < 2 && a.admin1 != b.admin1) return false;
  }
  return true;
}

// "Three soldiers were killed in an attack in Gao": casualties with no
// attacker named are an event by an unidentified armed group, its victims'
// side read from who they are (victims.tsv). A generic word types it by the
// victims: civilians -> Violence against civilians/Attack, forces -> Armed
// clash; a word for an explosive keeps its own type. False when the
// candidate counts no casualties or names no victims.
bool VictimsOnly(const MentionSet& m, Candidate* c) {
  bool casualties = false;
  for (const auto& [s, f] : c->figures) casualties |= f.fatalities.has_value() || f.injured.has_value();
  // "Cinq personnes ont été blessées" in a fire: a killing or wounding word
  // alone is no attack; "tués dans une attaque" is.
  bool violent = c->event_type == "Battles" || c->event_type == "Explosions/Remote violence" ||
                 c->event_type == "Violence against civilians";
  // "50 people were killed in twin bomb attacks": anyone killed by a bomb,
  // a strike or an attack on people is a civilian (ACLED's reading of an
  // unspecified toll).
  // Not in fighting ("nine people were killed in the exchange of fire"):
  // those are the sides' losses as much as bystanders.
  if (c->victims == VictimSide::kNone && !c->people_text.empty() && !c->trigger->mutual) {
    c->victims = VictimSide::kCivilians;
    c->victims_text = c->people_text;
  }
  // "le bilan de l'attentat de mardi à Mogadiscio s'est alourdi à 14 morts":
  // a toll that names no one is read the same way when its clause places and
  // dates the attack itself.
  if (c->victims == VictimSide::kNone && casualties && !c->trigger->mutual && !c->demonstrative &&
      OwnPlace(m, *c) && c->date >= 0 && !c->date_inherited)
    c->victims = VictimSide::kCivilians;
  if (!casualties || !violent || !c->attack_word || c->victims == VictimSide::kNone || c->actor1) return false;
  c->actor1 = Actor{"UNKNOWN", ""};
  if (!c->actor2) {
    c->actor2 = Actor{c->victims == VictimSide::kCivilians ? "CIVILIANS"
                      : c->victims == VictimSide::kPolice  ? "*_POL"
                                                           : "*_MIL",
                      c->victims_text};
  }
  bool explosive = c->event_type == "Explosions/Remote violence" && c->sub_event_type != "Air/drone strike" &&
                   c->sub_event_type != "Shelling/artillery/missile attack";
  if (!explosive && c->victims == VictimSide::kCivilians) {
    c->event_type = "Violence against civilians", c->sub_event_type = "Attack";
  } else if (!explosive) {
    c->event_type = "Battles", c->sub_event_type = "Armed clash";
  }
  c->weak = false;
  c->notes.push_back("victims-only report: attacker unidentified, victims '" + c->victims_text + "' -> " + c->sub_event_type);
  return true;
}

// "Les combats ont fait 14 morts dans les deux camps", "fighting left 12
// dead": a word for fighting (triggers.tsv role mutual) that counts its dead
// is an armed clash even when no side is named; its sides stay unknown
// (null), never guessed. An attack or a killing word is not fighting: its
// victims say what it is (VictimsOnly).
bool TolledClash(Candidate* c) {
  if (c->sub_event_type != "Armed clash" || !c->trigger->mutual || c->actor1 || !c->trigger->modifier.empty()) return false;
  bool dead = false;
  for (const auto& [s, f] : c->figures) dead |= f.fatalities.has_value() && f.fatalities->best > 0;
  if (!dead) return false;
  c->weak = false;
  c->notes.push_back("fighting that counts its dead: an armed clash whose sides are not named");
  return true;
}

int GroupDate(const Group& g) {
  int date = -1;
  // The body's dates before a headline's.
  std::vector<const Candidate*> order;
  for (const auto& c : g.members) if (c.sentence > 0) order.push_back(&c);
  for (const auto& c : g.members) if (c.sentence == 0) order.push_back(&c);
  for (const Candidate* cp : order)
    if (const Candidate& c = *cp; c.date >= 0 && (date < 0 || !c.date_inherited)) {
      date = c.date;
      if (!c.date_inherited) break;
    }
  return date;
}

std::vector<Group> Merge(const Document& doc, const MentionSet& m, std::vector<Candidate> cands) {
  std::vector<Group> groups;
  for (auto& c : cands) {
    // "The city is hit by near-daily bombings": no occurrence of its own.
    // "Since Thursday, strikes have killed 44": a period's toll, no occurrence of its own.
    if (c.occurrence == Occurrence::kHabitual || c.occurrence == Occurrence::kTotal) continue;
    // "Rebel shelling killed four farmers": the side acted upon is who its
    // casualties are, when they are civilians and the clause names no other side.
    if (c.actor1 && !c.actor2 && c.victims == VictimSide::kCivilians && c.actor1->id != "CIVILIANS" &&
        (c.event_type == "Explosions/Remote violence" || c.event_type == "Violence against civilians")) {
      bool casualties = false;
      for (const auto& [s, f] : c.figures) casualties |= f.fatalities.has_value() || f.injured.has_value();
      if (casualties) {
        c.actor2 = Actor{"CIVILIANS", c.victims_text};
        c.notes.push_back("actor2 CIVILIANS '" + c.victims_text + "' (who its casualties are)");
      }
    }
    if (c.sentence > 0 && !c.weak) {
      auto h = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return HeadlineMatches(m, g, c); });
      if (h != groups.end()) {
        h->headline = false;  // one body event per headline
        h->event_type = c.event_type, h->sub_event_type = c.sub_event_type;  // the body's words type it
        Join(&*h, std::move(c), "the event the headline announces (same type, place within the same province)");
        continue;
      }
    }
    // "L'EI a revendiqué l'attaque": a claim refers to the event before it.
    if (!c.claimant.empty() && c.trigger->weak && !groups.empty() && !c.distinct &&
        c.sentence - groups.back().last_sentence <= kAttachReach) {
      Join(&groups.back(), std::move(c), "claim of responsibility for the event before");
      continue;
    }
    // "Al-Shabaab claimed the attack on a base in Afgooye on Wednesday" with
    // no event before it to refer to: the claimed attack, placed or dated in
    // its own clause, is the event, and its claimant acts.
    if (!c.claimant.empty() && c.weak && !c.distinct && (OwnPlace(m, c) || (c.date >= 0 && !c.date_inherited))) {
      c.weak = false;
      c.notes.push_back("claimed with no event before it to refer to: an event of its own");
    }
    if (c.weak) {
      // "Les frappes ont tué 80 terroristes": the event before, if it can be the same.
      if (!groups.empty() && !c.distinct) {
        Group& last = groups.back();
        // A follow-up names the same kind of event: a killing after a strike,
        // never people "évacués" after an arrest.
        auto violent = [](const std::string& type) {
          return type == "Battles" || type == "Explosions/Remote violence" || type == "Violence against civilians";
        };
        // "The blast": the latest event of its own event type first, else of its family.
        Group* before = nullptr;
        for (bool same_type : {true, false}) {
          for (auto it = groups.rbegin(); !before && it != groups.rend(); ++it) {
            // "1 police officer was killed.", "13 killed." after a riot or a
            // mob's violence: a bare count of the dead is that event's toll.
            bool toll_of_crowd = !same_type && !c.attack_word && (it->event_type == "Riots" || it->event_type == "Protests");
            bool follows = same_type ? violent(c.event_type) && c.event_type == it->event_type
                                     : c.sub_event_type == it->sub_event_type || (violent(c.event_type) && violent(it->event_type)) ||
                                           toll_of_crowd;
            bool near = c.sentence - it->last_sentence <= kAttachReach || !OwnPlace(m, c);
            if (follows && near && Compatible(m, *it, c, true)) before = &*it;
          }
        }
        if (before) {
          Join(before, std::move(c), "follow-up with no actor of its own: attached to the event it follows up");
          continue;
        }
        // "84 people killed by the regime" (headline) ... "84 people have
        // been killed over four days of fighting": the same toll of several
        // people, with nothing contradicting, restates that event.
        // A side read on the other end is no contradiction here.
        auto sides = [&](const Group& g) {
          return SidesCompatible(g, c) ||
                 (!c.actor1 && c.actor2 && ((g.actor1 && g.actor1->id == c.actor2->id) || (g.actor2 && g.actor2->id == c.actor2->id)));
        };
        for (auto it = groups.rbegin(); !before && violent(c.event_type) && it != groups.rend(); ++it)
          if (violent(it->event_type) && SameToll(*it, c) && StatusCompatible(*it, c) && sides(*it) && DatesCompatible(m, *it, c))
            before = &*it;
        if (before) {
          Join(before, std::move(c), "restates the toll of the event before, with no actor of its own");
          continue;
        }
        bool has_figures = false;
        for (const auto& [s, f] : c.figures) has_figures |= !f.empty();
        // Only a trigger of the same kind of event may inherit its type: a
        // killing after a strike, never "évacués" after an arrest.
        auto attack = [](const std::string& type, const std::string& sub) {
          bool violent = type == "Battles" || type == "Explosions/Remote violence" || type == "Violence against civilians";
          return violent && sub != "Abduction/forced disappearance" && sub != "Government regains territory" &&
                 sub != "Non-state actor overtakes territory";
        };
        bool kin = c.sub_event_type == last.sub_event_type ||
                   (attack(c.event_type, c.sub_event_type) && attack(last.event_type, last.sub_event_type));
        if (!kin && (VictimsOnly(m, &c) || TolledClash(&c))) {
          groups.push_back(NewGroup(std::move(c)));
          continue;
        }
        if (has_figures && !kin)
          c.notes.push_back("own figures but no actor, and a trigger of another kind than the event before: no event");
        if (has_figures && kin) {
          c.event_type = last.event_type;
          c.sub_event_type = last.sub_event_type;
          c.type_inherited = true;
          if (!c.actor1) c.actor1 = last.actor1;
          if (!c.actor2) c.actor2 = last.actor2;
          c.notes.push_back("own figures but no actor: a new event of the kind reported before");
          groups.push_back(NewGroup(std::move(c)));
        }
      } else if (groups.empty() && !c.distinct && (VictimsOnly(m, &c) || TolledClash(&c))) {
        groups.push_back(NewGroup(std::move(c)));
      }
      continue;
    }
    Group* target = nullptr;
    // A generic action by a named side ("les forces russes ont détruit") is
    // part of that side's event reported before, whatever its type.
    bool generic = c.trigger->weak && c.trigger->modifier.empty() && !c.air &&
                   (c.event_type == "Explosions/Remote violence" || c.sub_event_type == "Armed clash");
    // With no acting side ("les frappes ont tué 30 djihadistes"), it follows up the event before.
    if (generic && !c.actor1 && !c.distinct) {
      Group* before = nullptr;
      for (auto it = groups.rbegin(); !before && it != groups.rend(); ++it) {
        bool attack = it->event_type == "Explosions/Remote violence" || it->sub_event_type == "Armed clash";
        if (c.sentence - it->last_sentence <= kAttachReach && attack && Compatible(m, *it, c, true)) before = &*it;
      }
      if (before) {
        Join(before, std::move(c), "follow-up with no acting side: attached to the attack before");
        continue;
      }
    }
    for (auto it = groups.rbegin(); generic && c.actor1 && it != groups.rend(); ++it) {
      if (it->actor1 && it->actor1->id == c.actor1->id && Compatible(m, *it, c, true)) {
        target = &*it;
        break;
      }
    }
    for (auto it = groups.rbegin(); !target && it != groups.rend(); ++it) {
      if (Compatible(m, *it, c, false)) {
        target = &*it;
        break;
      }
    }
    for (auto it = groups.rbegin(); !target && it != groups.rend(); ++it)
      if (SameScene(m, *it, c)) {
        target = &*it;
        bool refines = !c.trigger->modifier.empty() && it->members.front().trigger->modifier.empty();
        if ((!c.trigger->weak || refines) && it->members.front().trigger->weak) {
          it->event_type = c.event_type, it->sub_event_type = c.sub_event_type;
        }
      }
    // "The attack killed a nurse": a mention referring back to an event of
    // its type family with nothing that contradicts it.
    for (auto it = groups.rbegin(); !target && RefersBack(c) && it != groups.rend(); ++it) {
      if (it->event_type == c.event_type && Compatible(m, *it, c, true)) {
        target = &*it;
        if (!c.trigger->weak && it->members.front().trigger->weak) it->sub_event_type = c.sub_event_type;
      }
    }
    // "130 people were killed in a terrorist attack near Aleppo ... a suicide
    // bomber blew up a van": an event only generic words typed is the
    // occurrence a later specific word of violence names, where nothing
    // contradicts, a few sentences on; the specific word types it. Not an
    // event whose type was inherited from the event reported before it.
    bool specific = !c.trigger->weak || !c.trigger->modifier.empty();  // "detonated" + "suicide"
    for (auto it = groups.rbegin(); !target && specific && Violent(c.event_type) && it != groups.rend(); ++it) {
      bool generic_only = std::all_of(it->members.begin(), it->members.end(), [](const Candidate& o) {
        return o.trigger->weak && o.trigger->modifier.empty() && !o.air && !o.type_inherited;
      });
      // Words of one sentence were read together already (candidate.cc).
      bool near = c.sentence != it->last_sentence && c.sentence - it->last_sentence <= kAttachReach;
      if (generic_only && near && Violent(it->event_type) && Compatible(m, *it, c, true)) {
        target = &*it;
        it->event_type = c.event_type, it->sub_event_type = c.sub_event_type;
      }
    }
    if (target) {
      Join(target, std::move(c), "same occurrence as an earlier mention (type, sides, place, date, figures agree)");
      continue;
    }
    // Agreeing in all but the place: a strike named inside an aggregate report.
    int parent = -1;
    for (size_t i = groups.size(); i-- > 0 && parent < 0;)
      if (Compatible(m, groups[i], c, false, true)) parent = groups[i].parent >= 0 ? groups[i].parent : static_cast<int>(i);
    // "Cette attaque" with nothing before it to refer to: an event worded
    // otherwise (or not at all) earlier; it starts none of its own.
    if (c.demonstrative) continue;
    // "The ceasefire comes ahead of schedule": a definite noun with nothing
    // before it to refer to, and no side, place, date or figure of its own.
    bool figures = false;
    for (const auto& [s, f] : c.figures) figures |= !f.empty();
    if (c.anaphoric && !c.actor1 && !c.actor2 && !figures && !OwnPlace(m, c) && (c.date < 0 || c.date_inherited)) continue;
    bool headline = IsHeadline(doc, c.sentence);
    if (!groups.empty()) c.notes.push_back(WhyApart(m, groups.back(), c));
    groups.push_back(NewGroup(std::move(c)));
    groups.back().parent = parent;
    groups.back().headline = headline;
  }
  // A headline announces one of the events its body reports, worded loosely
  // ("Rebel fire kills 3 schoolchildren" for a rocket attack on a school):
  // when the body reports an event of its family that nothing above joined
  // to it, the headline is that event (the first such one, of its own type
  // if there is one), never an event of its own.
  for (size_t h = 0; h < groups.size(); ++h) {
    bool only_headline = groups[h].headline && std::all_of(groups[h].members.begin(), groups[h].members.end(),
                                                            [](const Candidate& c) { return c.sentence == 0; });
    if (!only_headline || groups[h].parent >= 0) continue;
    if (std::any_of(groups.begin(), groups.end(), [&](const Group& g) { return g.parent == static_cast<int>(h); })) continue;
    int body = -1;
    for (bool same_type : {true, false})
      for (size_t i = 0; i < groups.size() && body < 0; ++i) {
        const Group& b = groups[i];
        if (i == h || b.headline || b.recalled || b.parent >= 0) continue;
        int d = GroupDate(b);
        if (d >= 0 && DateOccurrence(doc.date, m.dates[static_cast<size_t>(d)].interval) != Occurrence::kFresh) continue;
        bool kin = same_type ? b.event_type == groups[h].event_type
                             : Violent(b.event_type) && Violent(groups[h].event_type);
        if (kin) body = static_cast<int>(i);
      }
    if (body < 0) continue;
    Group& b = groups[static_cast<size_t>(body)];
    for (auto& c : groups[h].members) Join(&b, std::move(c), "the event the headline announces (the body's first of its kind)");
    groups.erase(groups.begin() + static_cast<long>(h));
    for (auto& g : groups)
      if (g.parent > static_cast<int>(h)) --g.parent;
    --h;
  }
  return groups;
}

// The actor most often named in the document other than `not_id`, for the
// side a sentence leaves implicit ("les frappes ont visé des positions").
std::optional<Actor> TopicActor(const Document& doc, const MentionSet& m, const std::string& not_id) {
  std::map<std::string, std::pair<int, size_t>> counts;
  for (size_t i = 0; i < m.actors.size(); ++i) {
    const auto& a = m.actors[i];
    if (a.id.empty() || a.kind == "civ" || a.kind == "unk" || a.kind == "place" || a.id == not_id) continue;
    // "the coalition said": a source's words never make a side.
    if (std::any_of(m.sources.begin(), m.sources.end(),
                    [&](const SourceMention& s) { return !s.span.empty() && s.span.begin < a.span.end && s.span.end > a.span.begin; }))
      continue;
    auto& e = counts.emplace(a.id, std::make_pair(0, i)).first->second;
    ++e.first;
  }
  const std::pair<const std::string, std::pair<int, size_t>>* best = nullptr;
  for (const auto& kv : counts)
    if (!best || kv.second.first > best->second.first) best = &kv;
  if (!best || best->second.first < 2) return std::nullopt;
  return Actor{best->first, std::string(doc.Slice(m.actors[best->second.second].span))};
}

// Demonyms count only when no place is named, and never those inside a
// side's name ("Russian jets"): they say who fights, not where.
std::optional<Location> DocumentCountry(const MentionSet& m) {
  std::map<std::string, int> n;
  for (bool demonyms : {false, true}) {
    for (const auto& p : m.places)
      if (!p.country.empty() && (p.rule == "demonym") == demonyms && !NamesASide(m, p)) ++n[p.country];
    if (!n.empty()) break;
  }
  if (n.empty()) return std::nullopt;
  auto top = std::max_element(n.begin(), n.end(), [](auto& a, auto& b) { return a.second < b.second; });
  Location l;
  l.country = top->first;
  l.precision = LocationPrecision::kCountry;
  for (const auto& p : m.places) {
    if (p.country == l.country && p.level == PlaceLevel::kCountry) {
      l = ToLocation(p);
      break;
    }
  }
  return l;
}

std::string MinistryFor(const std::optional<Actor>& a1) {
  if (a1 && a1->id.rfind("RUS_", 0) == 0) return "RUS_MOD";
  if (a1 && a1->id.rfind("USA_", 0) == 0) return "US_GOV";
  return "OTHER";
}

// The date a member gives explicitly, else one inherited, else -1.

std::optional<Event> Finish(const Document& doc, const MentionSet& m, const CountryCodes& codes,
                            const std::vector<Group>& groups, Group& g) {
  Event e;
  e.docs = {doc.id};
  e.event_type = g.event_type;
  e.sub_event_type = g.sub_event_type;
  const Candidate& lead = g.members.front();
  e.provenance.trigger = std::string(doc.Slice(lead.trigger->span));
  e.provenance.trigger_rule = lead.trigger->rule;
  // Claimed responsibility names the acting side.
  std::vector<std::string> claimants = g.claimants;
  for (const auto& c : g.members)
    if (!c.claimant.empty()) claimants.push_back(c.claimant);
  for (const auto& claimant : claimants) {
    if (!g.actor1 || g.actor1->id == "UNKNOWN") {
      g.actor1 = Actor{claimant, g.actor1 ? g.actor1->text : claimant};
      e.provenance.notes.push_back("actor1 " + claimant + " from a claim of responsibility");
    }
  }
  for (size_t s : g.claim_sentences)
    e.provenance.notes.push_back("s" + std::to_string(s) + ": claim of responsibility with no trigger: for this event");
  if (!g.actor1 && e.event_type == "Explosions/Remote violence") {
    // A ministry reporting strikes reports its own forces' strikes; a bomb nobody claims is unidentified.
    for (const auto& c : g.members)
      for (const auto& s : c.sources) {
        if (g.actor1) break;
        if (s.id == "RUS_MOD") g.actor1 = Actor{"RUS_MIL", s.text};
        if (s.id == "US_GOV") g.actor1 = Actor{"USA_MIL", s.text};
      }
    if (g.actor1) e.provenance.notes.push_back("actor1 " + g.actor1->id + ": the forces of the reporting ministry");
  }
  // An air strike no side is named for, in a theatre where only one side's
  // aircraft strike (theatres.tsv): that side, as an ACLED coder codes it.
  if ((!g.actor1 || g.actor1->id == "UNKNOWN") && e.sub_event_type == "Air/drone strike") {
    auto country = DocumentCountry(m);
    std::string air = country ? codes.AirPower(country->country) : "";
    if (!air.empty() && (!g.actor2 || g.actor2->id != air)) {
      g.actor1 = Actor{air, g.actor1 ? g.actor1->text : ""};
      e.provenance.notes.push_back("actor1 " + air + ": no side named for an air strike in " + country->country +
                                   " (theatres.tsv)");
    }
  }
  if (!g.actor1 && e.event_type == "Explosions/Remote violence" && e.sub_event_type != "Air/drone strike") {
    // A bomb nobody claims, shells or mortar rounds nobody is named for:
    // an unidentified armed group, as ACLED codes a report with no attacker.
    g.actor1 = Actor{"UNKNOWN", ""};
    e.provenance.notes.push_back("actor1 UNKNOWN: no side named for the explosion or the fire");
  }
  // "Un homme a tué deux passants lors d'une attaque au couteau": an attack on
  // civilians by no named side is by an unidentified assailant.
  if (!g.actor1 && e.sub_event_type == "Attack" && g.actor2 && g.actor2->id == "CIVILIANS") {
    g.actor1 = Actor{"UNKNOWN", ""};
    e.provenance.notes.push_back("actor1 UNKNOWN: no side named for the attack on civilians");
  }
  e.actor1 = g.actor1;
  e.actor2 = g.actor2;
  if (e.actor1 && e.actor2 && e.actor1->id == e.actor2->id) e.actor2.reset();
  if (e.event_type == "Battles" && e.sub_event_type == "Armed clash" && e.actor2 && e.actor2->id == "CIVILIANS") {
    e.event_type = "Violence against civilians";
    e.sub_event_type = "Attack";
    e.provenance.notes.push_back("type: attack on civilians -> Violence against civilians/Attack");
  }
  // "Sept personnes ont été tuées par des hommes armés": a generic clash
  // whose only victims named are civilians is an attack on civilians; one
  // whose victims are soldiers or policemen has them as its other side.
  VictimSide victims = VictimSide::kNone;
  for (const auto& c : g.members)
    if (victims == VictimSide::kNone) victims = c.victims;
  if (e.sub_event_type == "Armed clash" && !e.actor2 && victims == VictimSide::kCivilians) {
    e.event_type = "Violence against civilians", e.sub_event_type = "Attack";
    e.actor2 = Actor{"CIVILIANS", ""};
    e.provenance.notes.push_back("type: a clash whose victims are civilians -> Violence against civilians/Attack");
  } else if (Violent(e.event_type) && !e.actor2 && (victims == VictimSide::kMilitary || victims == VictimSide::kPolice)) {
    e.actor2 = Actor{victims == VictimSide::kPolice ? "*_POL" : "*_MIL", ""};
    e.provenance.notes.push_back("actor2: the state's forces its victims are");
  }
  if (!e.actor2 && e.event_type == "Violence against civilians") {
    e.actor2 = Actor{"CIVILIANS", ""};
    e.provenance.notes.push_back("actor2 CIVILIANS: violence against civilians");
  }
  if (!e.actor2 && e.event_type == "Explosions/Remote violence") {
    e.actor2 = TopicActor(doc, m, e.actor1 ? e.actor1->id : "");
    if (e.actor2) e.provenance.notes.push_back("actor2 " + e.actor2->id + ": the side the document is about");
  }
  // "A soldier was killed in an exchange of fire", "a helicopter was shot
  // down": a clash whose losses are named but whose other side is not was
  // fought with an unidentified armed group.
  if (!e.actor1 && e.actor2 && e.actor2->id != "UNKNOWN" && e.sub_event_type == "Armed clash") {
    e.actor1 = Actor{"UNKNOWN", ""};
    e.provenance.notes.push_back("actor1 UNKNOWN: a clash with no side named against " + e.actor2->id);
  }
  if (e.actor1 && e.actor2 && e.actor1->id == e.actor2->id) e.actor2.reset();
  // Place: the most precise one any mention gives; else the document's country.
  // A headline's place only when the body gives none.
  int place = -1;
  bool body_place = false;
  // (A body that names only the country, "Syrian state media said", leaves
  // the headline's town in place.)
  for (const auto& c : g.members) body_place |= c.sentence > 0 && c.place >= 0 && Level(m, c.place) < 2;
  for (const auto& c : g.members) {
    if (body_place && c.sentence == 0 && IsHeadline(doc, 0)) continue;
    if (c.place >= 0 && (place < 0 || Level(m, c.place) < Level(m, place))) place = c.place;
  }
  if (place >= 0) {
    e.location = ToLocation(m.places[place]);
    e.provenance.notes.push_back("place '" + std::string(doc.Slice(m.places[place].span)) + "' (" + m.places[place].rule + ")");
  } else if (auto l = DocumentCountry(m)) {
    e.location = *l;
    e.provenance.notes.push_back("place: the document's country, no place in the event's sentences");
  }
  // No pattern id ("*_POL": a force of no known country) reaches an event:
  // it takes the country of the event's place, else the document's, else
  // the side is dropped.
  for (auto* a : {&e.actor1, &e.actor2}) {
    if (!*a || !IsUnownedStateId((*a)->id)) continue;
    std::string iso3 = e.location.country.empty() ? "" : codes.Alpha3(e.location.country);
    const char* whose = "the event's place";
    if (iso3.empty()) {
      auto country = DocumentCountry(m);
      iso3 = country ? codes.Alpha3(country->country) : "";
      whose = "the document's country";
    }
    std::string was = (*a)->id;
    if (!iso3.empty()) {
      (*a)->id = iso3 + was.substr(1);
      e.provenance.notes.push_back(was + " -> " + (*a)->id + ": " + whose);
    } else {
      a->reset();
      e.provenance.notes.push_back(was + " dropped: no country for it");
    }
  }
  if (e.actor1 && e.actor2 && e.actor1->id == e.actor2->id) e.actor2.reset();
  // Date: an explicit date of a member, else one inherited, else publication.
  int date = GroupDate(g);
  if (date < 0 && g.parent >= 0 && (date = GroupDate(groups[g.parent])) >= 0)
    e.provenance.notes.push_back("date of the aggregate report this strike is part of");
  e.background = g.recalled;
  if (g.recalled) e.provenance.notes.push_back("background: its clauses recall an earlier occurrence");
  if (date >= 0) {
    e.date = m.dates[date].interval;
    e.provenance.notes.push_back("date '" + std::string(doc.Slice(m.dates[date].span)) + "' (" + m.dates[date].rule + ")");
    Occurrence by_date = DateOccurrence(doc.date, e.date);
    if (by_date == Occurrence::kFuture) return std::nullopt;  // planned, or narrated ahead: no occurrence yet
    // The lead reports the news whatever its date ("On 9 April, forces shot
    // down a drone" in a later digest) when the text reports nothing more
    // recent: only a later sentence, or a lead beside fresher news, recalls.
    size_t first_sentence = SIZE_MAX;
    for (const auto& c : g.members) first_sentence = std::min(first_sentence, c.sentence);
    bool lead = first_sentence <= 1;
    for (const auto& o : groups) {
      if (&o == &g || !lead || o.recalled) continue;
      int od = GroupDate(o);  // none: the day's news
      lead = od >= 0 && DateOccurrence(doc.date, m.dates[static_cast<size_t>(od)].interval) != Occurrence::kFresh;
    }
    if (by_date == Occurrence::kRecalled && !e.background && !lead) {
      e.background = true;
      e.provenance.notes.push_back("background: dated more than " + std::to_string(kRecentDays) +
                                   " days before the article");
    }
  } else {
    e.date = PublicationInterval(doc.date);
    e.provenance.notes.push_back("date: publication date (no time expression)");
  }
  // Figures and claims.
  std::map<std::string, Figures> by_source;
  std::vector<SourceRef> order;
  // Figures no source is credited with belong to the one source the event has, if one.
  std::set<std::string> keys;
  for (const auto& c : g.members)
    for (const auto& s : c.sources) keys.insert(s.Key());
  std::string sole = keys.size() == 1 ? *keys.begin() : "";
  for (const auto& c : g.members) {
    for (const auto& [key, f] : c.figures) MergeFigures(&by_source[key.empty() && !sole.empty() ? sole : key], f);
    for (const auto& s : c.sources)
      if (std::none_of(order.begin(), order.end(), [&](const SourceRef& o) { return o.Key() == s.Key(); })) order.push_back(s);
  }
  for (const auto& s : g.claim_sources)
    if (std::none_of(order.begin(), order.end(), [&](const SourceRef& o) { return o.Key() == s.Key(); })) order.push_back(s);
  std::vector<const Figures*> all;
  for (const auto& [src, f] : by_source) all.push_back(&f);
  Figures top = TopLevel(all);
  e.fatalities = top.fatalities;
  e.injured = top.injured;
  e.strikes = top.strikes;
  for (const auto& [k, c] : top.destroyed) e.destroyed.push_back({k, c});
  std::set<std::string> seen;
  for (const auto& s : order) {
    Claim cl;
    cl.source = s.id == "MINISTRY" ? MinistryFor(e.actor1) : s.id;
    if (!seen.insert(s.id == "MINISTRY" ? cl.source : s.Key()).second) continue;
    cl.text = s.text;
    if (auto it = by_source.find(s.Key()); it != by_source.end()) {
      cl.fatalities = it->second.fatalities;
      cl.injured = it->second.injured;
      cl.strikes = it->second.strikes;
      for (const auto& [k, c] : it->second.destroyed) cl.destroyed.push_back({k, c});
    }
    e.claims.push_back(std::move(cl));
  }
  // Evidence: every sentence that supports the event.
  std::set<size_t> sents;
  for (const auto& c : g.members) sents.insert(c.sentence);
  sents.insert(g.claim_sentences.begin(), g.claim_sentences.end());
  for (size_t s : sents) {
    const Sentence& sent = doc.sentences[s];
    e.evidence.push_back({doc.id, doc.Cp(sent.span.begin), doc.Cp(sent.span.end)});
  }
  for (const auto& c : g.members)
    for (const auto& n : c.notes) e.provenance.notes.push_back("s" + std::to_string(c.sentence) + ": " + n);
  return e;
}

}  // namespace

StatusOr<std::unique_ptr<EventAssembler>> EventAssembler::Create(const std::string& lexicon_dir,
                                                                 std::vector<std::string>* warnings) {
  auto cues = EventCues::Create(lexicon_dir, warnings);
  if (!cues.ok()) return cues.status();
  auto a = std::unique_ptr<EventAssembler>(new EventAssembler());
  a->cues_ = std::move(cues).value();
  auto clauses = ClauseReader::Create(lexicon_dir, warnings);
  if (!clauses.ok()) return clauses.status();
  a->clauses_ = std::move(clauses).value();
  auto codes = CountryCodes::Load(lexicon_dir + "/country_codes.tsv", warnings);
  if (!codes.ok()) return codes.status();
  a->codes_ = std::move(codes).value();
  if (Status st = a->codes_.LoadTheatres(lexicon_dir + "/theatres.tsv", warnings); !st.ok()) return st;
  auto taxonomy = Taxonomy::Create(lexicon_dir, warnings);
  if (!taxonomy.ok()) return taxonomy.status();
  a->taxonomy_ = std::move(taxonomy).value();
  return a;
}

std::vector<Event> EventAssembler::Assemble(const Document& doc, const MentionSet& m) const {
  DocCues cues = cues_->Analyze(doc);
  std::vector<std::string> claimants;
  auto sources = ResolveSources(doc, m, &claimants);
  auto cands = BuildCandidates(doc, m, cues, *clauses_, sources, claimants, codes_);
  taxonomy_->Apply(doc, m, cues, &cands);
  auto groups = Merge(doc, m, std::move(cands));
  AttachBareClaims(claimants, sources, &groups);
  std::vector<Event> events;
  for (auto& g : groups)
    if (auto e = Finish(doc, m, codes_, groups, g)) events.push_back(std::move(*e));
  return events;
}

}  // namespace sitrep

