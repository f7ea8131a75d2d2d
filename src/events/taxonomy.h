// The ACLED taxonomy: which of the 25 sub-event types a candidate reports,
// or none, decided by the codebook's decisive features rather than by the
// first trigger word. The feature words are data
// (data/lexicons/<lang>/taxonomy.tsv: phrase, feature); this file holds
// only the decisions:
//
//   - not political violence (accidents, disasters, tests and exercises,
//     cyber attacks; ordinary crime with no armed or political organised
//     side; a word in another sense, "Rassemblement national"): no event;
//     a trigger after a statement, blame or attribution reports nothing of
//     its own; a labour strike is never an air strike;
//   - who acts: state forces retake territory, non-state groups overtake
//     it; an "arrest" by a non-state group is an abduction;
//   - the weapon: grenade, chemical agent, a bomber who dies with his bomb,
//     artillery words by a ground force; a weapon defused, intercepted or
//     seized was not used (Disrupted weapons use);
//   - whether the protest met force: peaceful, with intervention,
//     excessive (lethal) force, violent demonstration (the protesters
//     riot), mob violence (a crowd outside any demonstration), with
//     PROTESTERS / RIOTERS and the force that intervened as sides; the
//     mentions of one protest in neighbouring sentences take one sub-type.
//
// Immutable after Create(); Apply() is thread-safe.
#ifndef SITREP_EVENTS_TAXONOMY_H_
#define SITREP_EVENTS_TAXONOMY_H_

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "events/candidate.h"
#include "events/cues.h"
#include "lexicon/lang_table.h"
#include "mentions/mention.h"
#include "sitrep/status.h"
#include "text/document.h"

namespace sitrep {

// The features taxonomy.tsv names (column "feature").
enum class Feature : uint8_t {
  kNonPv,         // accident, disaster, test, exercise, cyber attack: no political violence
  kCrime,         // ordinary crime: no event without an armed or political organised side
  kStatement,     // condemnation, blame, attribution, diplomacy: what follows is talked about
  kSense,         // the trigger word in another sense ("Rassemblement national", "in protest")
  kPlan,          // a call or plan ("appel à manifester", "called for a ceasefire")
  kLabour,        // workers, unions, "en grève": a "strike" is a labour strike
  kIntervention,  // dispersal, tear gas, arrests: a protest met force
  kLethal,        // killed, shot, live fire: lethal force
  kRiot,          // stones, arson, vandalism, clashes with police: demonstrators riot
  kMob,           // lynching, an angry crowd: mob violence
  kDisrupt,       // defused, intercepted, seized, foiled: a weapon not used
  kCache,         // weapons, ammunition, explosives (what is seized)
  kContraband,    // drugs, fuel, goods: a seizure that is no event
  kRemoteFire,    // bombard, shell: fire from a distance
  kRuleObject,    // cessez-le-feu, law, airspace: "violer" in the sense of violate
  kSuicide,       // the attacker dies with the explosive
  kGrenade,       // a hand-thrown explosive
  kChemical,      // a chemical agent
  kForce,         // police or security forces named without a lexicon actor
  kCaptive,       // prisoners, hostages: what a "release" frees
  kProtestCue,    // "contre", "pour réclamer", "chanting": a gathering with a cause
  kPassive,       // auxiliaries of the passive ("were", "ont été"): the force named before is acted upon
  kCount
};

class Taxonomy {
 public:
  // Loads taxonomy.tsv of every language folder under `lexicon_dir`.
  static StatusOr<std::unique_ptr<Taxonomy>> Create(const std::string& lexicon_dir,
                                                    std::vector<std::string>* warnings);
  // Settles each candidate's type and sides; removes those that report no
  // political violence. Leaves a note on every change.
  void Apply(const Document& doc, const MentionSet& m, const DocCues& cues,
             std::vector<Candidate>* cands) const;

 private:
  Stemmers stemmers_;
  LangTable features_;
  std::set<std::string, std::less<>> allies_;  // ids of groups that fight beside a state (allies.tsv)
};

// The feature named `name` in taxonomy.tsv, or Feature::kCount when unknown.
Feature FeatureByName(const std::string& name);

}  // namespace sitrep

#endif  // SITREP_EVENTS_TAXONOMY_H_
