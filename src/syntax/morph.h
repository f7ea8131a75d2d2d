// The closed vocabularies of the syntax stage: Universal Dependencies parts
// of speech (Upos), dependency relations (Dep) and the morphological
// features the events stage reads (Morph). Each converts from the CoNLL-U
// string; an unknown relation subtype falls back to its universal part.
#ifndef SITREP_SYNTAX_MORPH_H_
#define SITREP_SYNTAX_MORPH_H_

#include <cstdint>
#include <string_view>

namespace sitrep {

enum class Upos : uint8_t {
  kX, kAdj, kAdp, kAdv, kAux, kCconj, kDet, kIntj, kNoun, kNum, kPart, kPron, kPropn, kPunct,
  kSconj, kSym, kVerb
};

// The universal relations plus the subtypes the French and English
// treebanks use and the events stage needs (passive subject, agent,
// relative clause...).
enum class Dep : uint8_t {
  kDep, kAcl, kAclRelcl, kAdvcl, kAdvmod, kAmod, kAppos, kAux, kAuxPass, kAuxTense, kAuxCaus,
  kCase, kCc, kCcomp, kClf, kCompound, kCompoundPrt, kConj, kCop, kCsubj, kCsubjPass,
  kDet, kDiscourse, kDislocated, kExpl, kExplPass, kExplSubj, kFixed, kFlat, kFlatName,
  kGoeswith, kIobj, kIobjAgent, kList, kMark, kNmod, kNmodPoss, kNsubj, kNsubjPass, kNummod, kObj, kObl,
  kOblAgent, kOblArg, kOblMod, kOblTmod, kOrphan, kParataxis, kPunct, kReparandum, kRoot,
  kVocative, kXcomp, kCount
};

enum class Tense : uint8_t { kNone, kPast, kPres, kFut, kImp, kPqp };
enum class Mood : uint8_t { kNone, kInd, kSub, kCnd, kImp };
enum class VerbForm : uint8_t { kNone, kFin, kInf, kPart, kGer };
enum class Voice : uint8_t { kNone, kAct, kPass };
enum class Number : uint8_t { kNone, kSing, kPlur };
enum class Polarity : uint8_t { kNone, kNeg, kPos };
enum class Gender : uint8_t { kNone, kMasc, kFem, kNeut };

// The features of one word the events stage reads; 8 bytes, compared by value.
struct Morph {
  Tense tense = Tense::kNone;
  Mood mood = Mood::kNone;
  VerbForm verb_form = VerbForm::kNone;
  Voice voice = Voice::kNone;
  Number number = Number::kNone;
  Polarity polarity = Polarity::kNone;
  Gender gender = Gender::kNone;
  uint8_t person = 0;  // 0 when absent
  bool operator==(const Morph&) const = default;
};

Upos UposFromString(std::string_view s);  // kX when unknown
std::string_view UposName(Upos u);
Dep DepFromString(std::string_view s);    // "nsubj:pass" -> kNsubjPass; "obl:xyz" -> kObl
std::string_view DepName(Dep d);
// The universal part of a relation: kNsubjPass -> kNsubj, kAclRelcl -> kAcl.
Dep BaseDep(Dep d);
// Reads a CoNLL-U FEATS string ("Mood=Ind|Tense=Past|VerbForm=Fin"); "_" is empty.
Morph MorphFromFeats(std::string_view feats);

}  // namespace sitrep

#endif  // SITREP_SYNTAX_MORPH_H_
