#include "events/taxonomy.h"

#include <algorithm>
#include <array>
#include <filesystem>

#include "base/dates.h"
#include "lexicon/tsv.h"

namespace sitrep {
namespace {

constexpr uint32_t kPlanReach = 8;        // "les syndicats ont appelé à une grève générale et à manifester"
constexpr uint32_t kCrowdReach = 8;       // "ont tiré sur les manifestants, tuant deux d'entre eux"
constexpr uint32_t kForceGap = 1;         // "soldiers raped", "military forces reportedly looted"
constexpr uint32_t kPlanAfter = 2;        // "les rassemblements interdits", "a rally planned"
constexpr uint32_t kLabourReach = 6;      // "teachers in the capital went on strike"
constexpr uint32_t kDisruptGap = 2;       // "ont désamorcé deux engins explosifs", "defused an IED"
constexpr uint32_t kDisruptAfter = 4;     // "an IED was defused", "une mine a été neutralisée"
constexpr uint32_t kObjectReach = 5;      // "seized a large cache of weapons"
constexpr uint32_t kRuleObjectReach = 4;  // "ont violé le cessez-le-feu"
constexpr size_t kProtestChain = 3;       // sentences between two mentions of one protest
constexpr int64_t kRecentDays = 31;       // a protest dated earlier than this is recalled, not reported

const char* const kFeatureNames[] = {"nonpv",     "crime",       "statement", "sense",   "plan",
                                     "labour",    "intervention", "lethal",   "riot",    "mob",
                                     "disrupt",   "cache",       "contraband", "remote_fire",
                                     "rule_object", "suicide",   "grenade",   "chemical", "force",
                                     "captive",   "protest_cue", "passive"};
static_assert(sizeof(kFeatureNames) / sizeof(kFeatureNames[0]) == static_cast<size_t>(Feature::kCount));

constexpr const char* kProtests = "Protests";
constexpr const char* kRiots = "Riots";
constexpr const char* kExplosions = "Explosions/Remote violence";

// The feature hits of one document, in text order.
struct Hit {
  uint32_t begin = 0, end = 0;
  Feature feature = Feature::kCount;
  std::string arg;  // the "arg" column (the role of a force)
};

class Hits {
 public:
  void Add(Hit h) { hits_.push_back(std::move(h)); }
  // The first hit of `f` starting in [lo, hi).
  const Hit* First(Feature f, uint32_t lo, uint32_t hi) const {
    for (const auto& h : hits_)
      if (h.feature == f && h.begin >= lo && h.begin < hi) return &h;
    return nullptr;
  }
  // A hit of `f` overlapping the tokens [b, e).
  const Hit* Overlapping(Feature f, uint32_t b, uint32_t e) const {
    for (const auto& h : hits_)
      if (h.feature == f && h.begin < e && h.end > b) return &h;
    return nullptr;
  }

 private:
  std::vector<Hit> hits_;
};

// Which kind of side an actor id names (ids are the codebook's, resolved).
enum class Side { kNone, kStateMil, kStateOther, kGroup, kUnknown, kCivilians, kProtesters, kRioters };

Side SideOf(const std::optional<Actor>& a) {
  if (!a || a->id.empty()) return Side::kNone;
  const std::string& id = a->id;
  if (id == "CIVILIANS") return Side::kCivilians;
  if (id == "PROTESTERS") return Side::kProtesters;
  if (id == "RIOTERS") return Side::kRioters;
  if (id == "UNKNOWN") return Side::kUnknown;
  if (id.size() == 7 && id[3] == '_') return id.substr(4) == "MIL" ? Side::kStateMil : Side::kStateOther;
  return Side::kGroup;
}

bool IsState(Side s) { return s == Side::kStateMil || s == Side::kStateOther; }
bool IsNonStateArmed(Side s) { return s == Side::kGroup || s == Side::kUnknown; }

// The protest sub-types from least to most force; mob violence stands apart.
enum class Protest { kPeaceful = 1, kIntervention, kExcessive, kViolent, kMob };

const char* SubTypeOf(Protest p) {
  switch (p) {
    case Protest::kPeaceful: return "Peaceful protest";
    case Protest::kIntervention: return "Protest with intervention";
    case Protest::kExcessive: return "Excessive force against protesters";
    case Protest::kViolent: return "Violent demonstration";
    case Protest::kMob: return "Mob violence";
  }
  return "";
}

// One mention of a protest: how much force it reports and its sides.
struct ProtestRead {
  size_t index = 0;  // into the surviving candidates
  Protest level = Protest::kPeaceful;
  std::optional<Actor> crowd;   // the protesters' or rioters' words
  std::optional<Actor> force;   // the force that intervened
  std::optional<Actor> victim;  // who a mob attacked
  bool anchored = false;        // named with a place or a recent date of its own
};

// Everything one document's decisions need.
struct Scope {
  const Document& doc;
  const MentionSet& m;
  const DocCues& cues;
  const Hits& hits;
  const std::set<std::string, std::less<>>& allies;  // ../../data/lexicons/allies.tsv
};

void Retype(Candidate* c, const std::string& type, const std::string& sub, const std::string& why) {
  if (c->event_type == type && c->sub_event_type == sub) return;
  c->notes.push_back("taxonomy: " + c->sub_event_type + " -> " + sub + " (" + why + ")");
  c->event_type = type;
  c->sub_event_type = sub;
}

std::string Words(const Document& doc, const Hit& h) {
  return std::string(doc.Slice({doc.tokens[h.begin].span.begin, doc.tokens[h.end - 1].span.end}));
}

bool IsProtestType(const Candidate& c) { return c.event_type == kProtests || c.event_type == kRiots; }

// A side that makes a crime story political violence: an armed or political
// organised group, a state's military, protesters or rioters.
bool Organised(const Candidate& c) {
  for (const auto* a : {&c.actor1, &c.actor2}) {
    Side s = SideOf(*a);
    if (s == Side::kGroup || s == Side::kStateMil || s == Side::kProtesters || s == Side::kRioters) return true;
  }
  return false;
}

// The first token of the clause of token `t`.
uint32_t ClauseBegin(const DocCues& cues, uint32_t t) {
  while (t > 0 && cues.clause[t - 1] == cues.clause[t]) --t;
  return t;
}

// Whether the candidate reports no political violence; `why` says which feature.
bool NotPoliticalViolence(const Scope& s, const Candidate& c, std::string* why) {
  const TriggerMention& t = *c.trigger;
  const Sentence& sent = s.doc.sentences[c.sentence];
  if (const Hit* h = s.hits.Overlapping(Feature::kSense, t.toks.begin, t.toks.end)) {
    *why = "'" + Words(s.doc, *h) + "': the trigger word in another sense";
    return true;
  }
  // "la police anti-émeutes", "riot police": a word inside a force's name.
  if (const Hit* h = s.hits.Overlapping(Feature::kForce, t.toks.begin, t.toks.end);
      h && h->begin < t.toks.begin && h->end >= t.toks.end) {
    *why = "'" + Words(s.doc, *h) + "': the trigger word inside a force's name";
    return true;
  }
  bool protest = IsProtestType(c);
  // "le Rassemblement pour la France", "la Marche des fiertés": in French a
  // capitalised protest noun inside a sentence names a party or an event.
  if (protest && s.doc.lang == "fr" && t.toks.begin > sent.tok_begin &&
      s.doc.tokens[t.toks.begin - 1].kind == TokenKind::kWord) {
    std::string_view w = s.doc.Slice(s.doc.tokens[t.toks.begin].span);
    if (!w.empty() && w[0] >= 'A' && w[0] <= 'Z') {
      *why = "'" + std::string(w) + "': a capitalised name inside a sentence";
      return true;
    }
  }
  if (const Hit* h = s.hits.First(Feature::kNonPv, sent.tok_begin, sent.tok_end); h && !protest) {
    *why = "'" + Words(s.doc, *h) + "': accident, disaster, test, exercise or cyber attack";
    return true;
  }
  if (const Hit* h = s.hits.First(Feature::kCrime, sent.tok_begin, sent.tok_end); h && !protest && !Organised(c)) {
    *why = "'" + Words(s.doc, *h) + "': ordinary crime with no armed or political organised side";
    return true;
  }
  // "Strike" by workers is a labour strike: the demonstration, if any, is its own trigger.
  bool generic_air = c.event_type == kExplosions && c.sub_event_type == "Air/drone strike" && t.weak &&
                     t.modifier.empty() && !c.air;
  uint32_t near_b = std::max(sent.tok_begin, t.toks.begin > kLabourReach ? t.toks.begin - kLabourReach : 0u);
  uint32_t near_e = std::min(sent.tok_end, t.toks.end + kLabourReach);
  if (const Hit* h = s.hits.First(Feature::kLabour, near_b, near_e); h && generic_air) {
    *why = "'" + Words(s.doc, *h) + "': a labour strike, not an air strike";
    return true;
  }
  uint32_t plan_from = t.toks.begin > kPlanReach ? t.toks.begin - kPlanReach : 0;
  const Hit* plan = s.hits.First(Feature::kPlan, std::max(sent.tok_begin, plan_from), t.toks.begin);
  // "les rassemblements interdits", "a protest planned for Friday".
  if (!plan && protest) plan = s.hits.First(Feature::kPlan, t.toks.end, std::min(sent.tok_end, t.toks.end + kPlanAfter));
  if (plan && (protest || c.sub_event_type == "Agreement")) {
    *why = "'" + Words(s.doc, *plan) + "': a call or plan, not an occurrence";
    return true;
  }
  if (c.sub_event_type == "Sexual violence") {
    if (const Hit* h = s.hits.First(Feature::kRuleObject, t.toks.end, t.toks.end + kRuleObjectReach)) {
      *why = "'" + Words(s.doc, *h) + "': a rule violated, not sexual violence";
      return true;
    }
  }
  // "seized weapons" is a disrupted weapon; "seized drugs" is no event.
  bool territory = c.sub_event_type == "Non-state actor overtakes territory" ||
                   c.sub_event_type == "Government regains territory";
  if (const Hit* h = s.hits.First(Feature::kContraband, t.toks.end, t.toks.end + kObjectReach); h && territory) {
    *why = "'" + Words(s.doc, *h) + "': a seizure of goods";
    return true;
  }
  return false;
}

// Whether `c` is a mention of a protest or riot: a protest word, or an
// arrest, killing or dispersal in a sentence that names a crowd.
bool ProtestContext(const Scope& s, const Candidate& c) {
  const TriggerMention& t = *c.trigger;
  const Sentence& sent = s.doc.sentences[c.sentence];
  bool crowd = false, force = s.hits.First(Feature::kForce, sent.tok_begin, sent.tok_end) != nullptr;
  for (const auto& o : s.m.triggers)
    crowd |= o.toks.begin >= sent.tok_begin && o.toks.end <= sent.tok_end && !s.cues.blocked[o.toks.begin] &&
             o.toks.begin != t.toks.begin && (o.event_type == kProtests || o.event_type == kRiots) && !o.weak;
  for (const auto& a : s.m.actors) {
    bool in = a.toks.begin >= sent.tok_begin && a.toks.end <= sent.tok_end;
    crowd |= in && (a.id == "PROTESTERS" || a.id == "RIOTERS");
    force |= in && a.kind == "state";
  }
  // "grenades lacrymogènes", "stun grenades": a weapon word that names crowd control.
  bool own = IsProtestType(c);
  for (Feature f : {Feature::kIntervention, Feature::kRiot, Feature::kMob})
    own |= c.event_type == kExplosions && s.hits.Overlapping(f, t.toks.begin, t.toks.end) != nullptr;
  // "people gathered at the scene", "une manifestation culturelle", "les nuages
  // se sont dispersés": a weak protest word needs a crowd, a force or a cause beside it.
  if (own)
    return !t.weak || crowd || force || s.hits.First(Feature::kProtestCue, sent.tok_begin, sent.tok_end) != nullptr;
  if (!crowd) return false;
  // Only what a protest can meet: an arrest of protesters, a killing, clash or
  // looting word close to the crowd ("un Afro-Américain tué par un policier"
  // in a sentence about the protests that followed is not one).
  bool near = false;
  uint32_t lo = t.toks.begin > kCrowdReach ? t.toks.begin - kCrowdReach : 0, hi = t.toks.end + kCrowdReach;
  for (const auto& o : s.m.triggers)
    near |= o.toks.begin >= std::max(lo, sent.tok_begin) && o.toks.begin < std::min(hi, sent.tok_end) &&
            (o.event_type == kProtests || o.event_type == kRiots) && !o.weak && o.toks.begin != t.toks.begin;
  for (const auto& a : s.m.actors)
    near |= a.toks.begin >= std::max(lo, sent.tok_begin) && a.toks.begin < std::min(hi, sent.tok_end) &&
            (a.id == "PROTESTERS" || a.id == "RIOTERS");
  bool kin = (c.sub_event_type == "Arrests" && !c.weak) ||
             (near && (c.sub_event_type == "Looting/property destruction" || c.sub_event_type == "Attack" ||
                       c.sub_event_type == "Armed clash" || (c.event_type == kExplosions && t.weak && t.modifier.empty())));
  if (!kin) return false;
  // An armed group or unidentified gunmen attacking a crowd attack civilians; the
  // state's forces, an arrest, a killing word with no armed side are part of the protest.
  return !IsNonStateArmed(SideOf(c.actor1));
}

// "Des milliers de manifestants ont défilé samedi à Lomé" reports a protest;
// "the war began with protests in 2011" or "les manifestations" in a
// commentary only talk about protests: a protest needs a place finer than a
// country, or a date of its own close to the publication date.
bool Anchored(const Scope& s, const Candidate& c) {
  if (c.place >= 0 && !c.place_inherited) {
    const PlaceMention& p = s.m.places[c.place];
    // A town or province; not a country, a continent or a region ("L.*" GeoNames features).
    if (p.level != PlaceLevel::kCountry && p.feature.rfind("L.", 0) != 0) return true;
  }
  // A weak protest word ("rassemblement", "demonstration") is anchored by its place only.
  if (c.date < 0 || c.date_inherited || c.trigger->weak) return false;
  const DateInterval& d = s.m.dates[c.date].interval;
  const PubDate& pub = s.doc.date;
  if (!d.start.valid() || !pub.valid()) return false;
  Ymd p{pub.y, pub.m, pub.day_precision() ? pub.d : DaysInMonth(pub.y, pub.m)};
  Ymd end = d.end.valid() ? d.end : d.start;
  return ToDays(p) - ToDays(end) <= kRecentDays && ToDays(end) <= ToDays(p) + 1;
}

// "to demand the release of detained students", "pour réclamer la libération
// des manifestants arrêtés": a word after the protest's cause that describes
// a noun of it (not a clause's own verb) names the cause, not an intervention.
bool InCause(const Scope& s, uint32_t tok, uint32_t b, uint32_t e) {
  const Hit* cue = s.hits.First(Feature::kProtestCue, b, e);
  if (!cue || tok < cue->end) return false;
  const DocParse& p = s.m.parse;
  if (!p.SentenceParsed(s.doc.SentenceOfToken(tok))) return false;
  Dep d = BaseDep(p.Relation(tok));
  return d == Dep::kAmod || (d == Dep::kAcl && p.Relation(tok) != Dep::kAclRelcl) || d == Dep::kNmod;
}

// How much force the sentence of `c` reports, and its sides.
ProtestRead ReadProtest(const Scope& s, const Candidate& c) {
  const Sentence& sent = s.doc.sentences[c.sentence];
  const uint32_t b = sent.tok_begin, e = sent.tok_end;
  ProtestRead r;
  r.anchored = Anchored(s, c);
  bool demo = false, riot = false, mob = false, arrest = false;
  for (const auto& o : s.m.triggers) {
    if (o.toks.begin < b || o.toks.end > e || s.cues.blocked[o.toks.begin]) continue;
    demo |= o.event_type == kProtests;
    riot |= o.sub_event_type == "Violent demonstration";
    mob |= o.sub_event_type == "Mob violence";
    arrest |= o.sub_event_type == "Arrests" && !InCause(s, o.toks.begin, b, e);
  }
  // ", a indiqué la gendarmerie", "police said": a force that reports is no side.
  auto reports = [&](uint32_t tb, uint32_t te) {
    return std::any_of(s.m.sources.begin(), s.m.sources.end(),
                       [&](const SourceMention& sm) { return sm.toks.begin < te && sm.toks.end > tb; });
  };
  for (const auto& a : s.m.actors) {
    if (a.toks.begin < b || a.toks.end > e || reports(a.toks.begin, a.toks.end)) continue;
    std::string text(s.doc.Slice(a.span));
    if ((a.id == "PROTESTERS" || a.id == "RIOTERS") && !r.crowd) r.crowd = Actor{a.id, text};
    demo |= a.id == "PROTESTERS";
    riot |= a.id == "RIOTERS" && !s.hits.Overlapping(Feature::kMob, a.toks.begin, a.toks.end);
    bool force = a.kind == "state" && a.id.size() == 7 && a.id[3] == '_' && a.id.substr(4) != "GOV";
    if (force && !r.force) r.force = Actor{a.id, text};
  }
  for (const auto* a : {&c.actor1, &c.actor2}) {
    Side side = SideOf(*a);
    if ((side == Side::kStateMil || side == Side::kStateOther) && (*a)->id.substr(4) != "GOV") r.force = *a;
    if (side == Side::kCivilians && !r.victim) r.victim = *a;
  }
  if (!r.force)
    for (const Hit* h = s.hits.First(Feature::kForce, b, e); h && !r.force; h = s.hits.First(Feature::kForce, h->end, e))
      if (!reports(h->begin, h->end)) r.force = Actor{"*_" + (h->arg.empty() ? std::string("POL") : h->arg), Words(s.doc, *h)};
  riot |= s.hits.First(Feature::kRiot, b, e) != nullptr;
  mob |= s.hits.First(Feature::kMob, b, e) != nullptr;
  bool lethal = s.hits.First(Feature::kLethal, b, e) != nullptr;
  for (const auto& [src, f] : c.figures) lethal |= f.fatalities.has_value() && f.fatalities->best > 0;  // "nobody was hurt": 0
  bool intervene = arrest;
  for (const Hit* h = s.hits.First(Feature::kIntervention, b, e); h && !intervene;
       h = s.hits.First(Feature::kIntervention, h->end, e))
    intervene = !InCause(s, h->begin, b, e);
  if (mob && !demo) r.level = Protest::kMob;
  else if (riot) r.level = Protest::kViolent;
  else if (lethal && (r.force || demo)) r.level = Protest::kExcessive;
  else if (intervene) r.level = Protest::kIntervention;
  else r.level = Protest::kPeaceful;
  return r;
}

// Sides by the codebook's conventions for each protest sub-type.
void SetProtest(const ProtestRead& r, Candidate* c, const std::string& why) {
  bool riot = r.level == Protest::kViolent || r.level == Protest::kMob;
  Retype(c, riot ? kRiots : kProtests, SubTypeOf(r.level), why);
  Actor crowd = r.crowd.value_or(Actor{"PROTESTERS", std::string()});
  crowd.id = riot ? "RIOTERS" : "PROTESTERS";
  Actor force = r.force.value_or(Actor{"*_POL", std::string()});
  c->weak = !r.anchored;
  if (c->weak) c->notes.push_back("taxonomy: a protest named with no place or recent date of its own: no event of its own");
  c->air = false;
  c->actor1.reset();
  c->actor2.reset();
  switch (r.level) {
    case Protest::kPeaceful:
      c->actor1 = crowd;
      break;
    case Protest::kIntervention:
      c->actor1 = crowd, c->actor2 = force;
      break;
    case Protest::kExcessive:
      c->actor1 = force, c->actor2 = crowd;
      break;
    case Protest::kViolent:
      c->actor1 = crowd;
      if (r.force) c->actor2 = r.force;
      break;
    case Protest::kMob:
      c->actor1 = crowd;
      c->actor2 = r.victim.value_or(r.force.value_or(Actor{"CIVILIANS", std::string()}));
      break;
  }
}

// The weapon decides among the explosions; a weapon defused or intercepted was not used.
void SettleWeapon(const Scope& s, Candidate* c) {
  const TriggerMention& t = *c->trigger;
  const Sentence& sent = s.doc.sentences[c->sentence];
  uint32_t cb = std::max(ClauseBegin(s.cues, t.toks.begin), sent.tok_begin);
  uint32_t ce = t.toks.end;
  while (ce < sent.tok_end && s.cues.clause[ce] == s.cues.clause[t.toks.begin]) ++ce;
  // The weapon is the object of the disrupting verb ("ont désamorcé un engin"), or its passive subject.
  const Hit* disrupt = s.hits.Overlapping(Feature::kDisrupt, t.toks.begin, t.toks.end);
  for (uint32_t k = cb; k < t.toks.begin && !disrupt; ++k)
    if (const Hit* h = s.hits.First(Feature::kDisrupt, k, k + 1); h && h->end <= t.toks.begin && t.toks.begin - h->end <= kDisruptGap)
      disrupt = h;
  if (!disrupt) {
    const Hit* after = s.hits.First(Feature::kDisrupt, t.toks.end, std::min(sent.tok_end, t.toks.end + kDisruptAfter));
    if (after && s.cues.clause[after->begin] == s.cues.clause[t.toks.begin]) disrupt = after;
  }
  bool weapon = c->event_type == kExplosions;
  bool territory = c->sub_event_type == "Non-state actor overtakes territory" ||
                   c->sub_event_type == "Government regains territory";
  const Hit* cache = territory ? s.hits.First(Feature::kCache, t.toks.end, t.toks.end + kObjectReach) : nullptr;
  // "ont libéré 300 prisonniers", "freed the hostages": a release, not a place retaken.
  if (territory) {
    if (const Hit* h = s.hits.First(Feature::kCaptive, t.toks.end, t.toks.end + kObjectReach)) {
      Retype(c, "Strategic developments", "Agreement", "'" + Words(s.doc, *h) + "' released");
      return;
    }
  }
  if ((weapon && disrupt) || cache) {
    Retype(c, "Strategic developments", "Disrupted weapons use",
           "'" + Words(s.doc, disrupt ? *disrupt : *cache) + "': the weapon was not used");
    // The side that disrupts acts; the group whose weapon it was is acted upon.
    std::optional<Actor> state, other;
    for (const auto* a : {&c->actor1, &c->actor2}) {
      if (IsState(SideOf(*a)) && !state) state = *a;
      else if (IsNonStateArmed(SideOf(*a)) && !other) other = *a;
    }
    if (state) c->actor1 = state, c->actor2 = other;
    c->weak = false;
    return;
  }
  // A ground force's generic attack (Armed clash) or its killing of civilians (Attack).
  if (!weapon && c->sub_event_type != "Armed clash" && c->sub_event_type != "Attack") return;
  if (const Hit* h = s.hits.First(Feature::kChemical, cb, ce)) {
    Retype(c, kExplosions, "Chemical weapon", "'" + Words(s.doc, *h) + "': a chemical agent");
    return;
  }
  if (!weapon) {
    // "l'armée a bombardé", "troops shelled": fire from a distance by a ground force.
    if (const Hit* h = s.hits.Overlapping(Feature::kRemoteFire, t.toks.begin, t.toks.end))
      Retype(c, kExplosions, "Shelling/artillery/missile attack", "'" + Words(s.doc, *h) + "' by a ground force");
    return;
  }
  if (c->sub_event_type == "Air/drone strike" && (c->air || !t.modifier.empty() || !t.weak)) return;
  if (const Hit* h = s.hits.First(Feature::kGrenade, cb, sent.tok_end);
      h && s.cues.clause[h->begin] == s.cues.clause[t.toks.begin]) {
    Retype(c, kExplosions, "Grenade", "'" + Words(s.doc, *h) + "': a hand-thrown explosive");
    return;
  }
  if (c->sub_event_type == "Remote explosive/landmine/IED")
    if (const Hit* h = s.hits.First(Feature::kSuicide, sent.tok_begin, sent.tok_end))
      Retype(c, kExplosions, "Suicide bomb", "'" + Words(s.doc, *h) + "': the attacker died with the bomb");
}

// Sub-types whose acting side is the armed one: a lone armed side named
// with them acts ("JNIM militants looted shops", "se sont emparés de").
bool ArmedSideActs(const std::string& sub) {
  return sub == "Looting/property destruction" || sub == "Non-state actor overtakes territory" ||
         sub == "Headquarters or base established" || sub == "Change to group/activity" || sub == "Other" ||
         sub == "Abduction/forced disappearance" || sub == "Sexual violence";
}

// A state force named in the sentence of `c` ("l'armée a tué ... et arrêté quatre complices").
bool StateForceInSentence(const Scope& s, const Candidate& c) {
  const Sentence& sent = s.doc.sentences[c.sentence];
  for (const auto& a : s.m.actors)
    if (a.toks.begin >= sent.tok_begin && a.toks.end <= sent.tok_end && a.kind == "state") return true;
  return false;
}

// "Soldiers raped two women", "military forces looted shops": a force named
// by a bare noun right before a generic trigger is its armed acting side.
void ForceActs(const Scope& s, Candidate* c) {
  const TriggerMention& t = *c->trigger;
  // Not a killing word: "two soldiers killed in an ambush" names victims.
  bool acts = ArmedSideActs(c->sub_event_type) || c->sub_event_type == "Attack";
  if (!c->weak || c->actor1 || !acts) return;
  uint32_t from = t.toks.begin > kForceGap + 3 ? t.toks.begin - kForceGap - 3 : 0;
  const Hit* force = nullptr;
  for (uint32_t k = std::max(from, ClauseBegin(s.cues, t.toks.begin)); k < t.toks.begin; ++k)
    if (const Hit* h = s.hits.First(Feature::kForce, k, k + 1); h && h->end <= t.toks.begin && t.toks.begin - h->end <= kForceGap)
      force = h;
  if (!force || force->arg != "MIL") return;
  if (s.hits.First(Feature::kPassive, force->end, t.toks.begin)) return;  // "soldiers were killed"
  c->actor1 = Actor{"*_MIL", Words(s.doc, *force)};
  c->weak = false;
  c->notes.push_back("taxonomy: '" + c->actor1->text + "' right before the trigger acts (armed)");
}

// Who acts decides territory and arrests.
void SettleSides(const Scope& s, Candidate* c) {
  Side lone = SideOf(c->actor2);
  if (!c->actor1 && !c->trigger->flip && ArmedSideActs(c->sub_event_type) &&
      (lone == Side::kStateMil || IsNonStateArmed(lone))) {
    c->actor1 = c->actor2;
    c->actor2.reset();
    c->notes.push_back("taxonomy: the only armed side named acts (actor1 " + c->actor1->id + ")");
  }
  Side a1 = SideOf(c->actor1);
  bool ally = c->actor1 && s.allies.count(c->actor1->id);
  if (c->sub_event_type == "Non-state actor overtakes territory" && (a1 == Side::kStateMil || ally))
    Retype(c, "Battles", "Government regains territory",
           ally ? "a group that fights beside state forces takes the place" : "state forces take the place");
  else if (c->sub_event_type == "Government regains territory" && IsNonStateArmed(a1) && !ally)
    Retype(c, "Battles", "Non-state actor overtakes territory", "a non-state group takes the place");
  else if (c->sub_event_type == "Attack" && (a1 == Side::kStateMil || IsNonStateArmed(a1)) &&
           (SideOf(c->actor2) == Side::kStateMil || SideOf(c->actor2) == Side::kGroup))
    Retype(c, "Battles", "Armed clash", "the side attacked is armed");
  else if (c->sub_event_type == "Arrests" && IsNonStateArmed(a1) && !StateForceInSentence(s, *c)) {
    Retype(c, "Violence against civilians", "Abduction/forced disappearance",
           "people seized by a non-state armed group");
    c->weak = false;
  }
}

// Mentions of one protest in neighbouring sentences take its highest level of
// force and the same sides, so that the assembler merges them.
void UnifyProtests(const Document& doc, const MentionSet& m, std::vector<ProtestRead>& reads,
                   std::vector<Candidate>* cands) {
  auto place_of = [&](const Candidate& c) {
    return c.place >= 0 && !c.place_inherited ? m.places[c.place].name : std::string();
  };
  size_t i = 0;
  while (i < reads.size()) {
    size_t j = i + 1;
    std::string place = place_of((*cands)[reads[i].index]);
    while (j < reads.size()) {
      const Candidate& prev = (*cands)[reads[j - 1].index];
      const Candidate& cur = (*cands)[reads[j].index];
      std::string p = place_of(cur);
      bool mob_apart = (reads[j].level == Protest::kMob) != (reads[i].level == Protest::kMob);
      if (cur.sentence > prev.sentence + kProtestChain || cur.distinct || mob_apart ||
          (!p.empty() && !place.empty() && p != place))
        break;
      if (place.empty()) place = p;
      ++j;
    }
    ProtestRead whole = reads[i];
    for (size_t k = i; k < j; ++k) {
      if (static_cast<int>(reads[k].level) > static_cast<int>(whole.level)) whole.level = reads[k].level;
      if (!whole.crowd && reads[k].crowd) whole.crowd = reads[k].crowd;
      if (!whole.force && reads[k].force) whole.force = reads[k].force;
      if (!whole.victim && reads[k].victim) whole.victim = reads[k].victim;
    }
    for (size_t k = i; k < j; ++k) {
      whole.anchored = reads[k].anchored;
      SetProtest(whole, &(*cands)[reads[k].index],
                 j - i > 1 ? "one protest told over neighbouring sentences" : "the force the protest met");
    }
    i = j;
  }
}

}  // namespace

Feature FeatureByName(const std::string& name) {
  for (size_t i = 0; i < static_cast<size_t>(Feature::kCount); ++i)
    if (name == kFeatureNames[i]) return static_cast<Feature>(i);
  return Feature::kCount;
}

StatusOr<std::unique_ptr<Taxonomy>> Taxonomy::Create(const std::string& lexicon_dir,
                                                     std::vector<std::string>* warnings) {
  auto t = std::unique_ptr<Taxonomy>(new Taxonomy());
  auto st = Stemmers::Load(lexicon_dir, warnings);
  if (!st.ok()) return st.status();
  t->stemmers_ = std::move(st).value();
  auto f = LangTable::Load(lexicon_dir, "taxonomy.tsv", {"phrase", "feature", "arg"}, 2, t->stemmers_, warnings);
  if (!f.ok()) return f.status();
  t->features_ = std::move(f).value();
  if (std::string path = lexicon_dir + "/allies.tsv"; std::filesystem::exists(path)) {
    auto a = ReadTsv(path, {"id", "with"});
    if (!a.ok()) return a.status();
    for (const auto& row : a->rows) t->allies_.insert(row.cells[0]);
    warnings->insert(warnings->end(), a->errors.begin(), a->errors.end());
  }
  for (size_t i = 0; i < t->features_.size(); ++i) {
    const auto& e = t->features_.entry(static_cast<int32_t>(i));
    if (FeatureByName(e.cells[1]) == Feature::kCount)
      warnings->push_back(e.lang + "/taxonomy.tsv:" + std::to_string(e.line) + ": unknown feature '" + e.cells[1] + "'");
  }
  return t;
}

void Taxonomy::Apply(const Document& doc, const MentionSet& m, const DocCues& cues,
                     std::vector<Candidate>* cands) const {
  std::vector<Token> stemmed = stemmers_.For(doc.lang).StemTokens(doc.tokens);
  Hits hits;
  for (const auto& x : features_.FindAll(doc.lang, stemmed, 0, static_cast<uint32_t>(stemmed.size()))) {
    const auto& e = features_.entry(x.value);
    Feature f = FeatureByName(e.cells[1]);
    if (f != Feature::kCount) hits.Add({x.begin, x.end, f, e.cells[2]});
  }
  Scope s{doc, m, cues, hits, allies_};
  std::vector<Candidate> out;
  std::vector<ProtestRead> protests;
  for (auto& c : *cands) {
    std::string why;
    if (NotPoliticalViolence(s, c, &why)) continue;
    const Sentence& sent = doc.sentences[c.sentence];
    // "X a condamné l'attaque", "accused Y of the strike": the event is talked about, not reported.
    if (const Hit* h = hits.First(Feature::kStatement, sent.tok_begin, c.trigger->toks.begin)) {
      c.weak = true;
      c.notes.push_back("taxonomy: after '" + Words(doc, *h) + "' (statement, blame or attribution): no event of its own");
      out.push_back(std::move(c));
      continue;
    }
    if (ProtestContext(s, c)) {
      ProtestRead r = ReadProtest(s, c);
      r.index = out.size();
      protests.push_back(std::move(r));
    } else if (IsProtestType(c)) {
      continue;  // "the crowd gathered", "les nuages se sont dispersés": no crowd, no force
    } else {
      ForceActs(s, &c);
      SettleWeapon(s, &c);
      SettleSides(s, &c);
    }
    out.push_back(std::move(c));
  }
  UnifyProtests(doc, m, protests, &out);
  *cands = std::move(out);
}

}  // namespace sitrep
