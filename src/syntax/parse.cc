#include "syntax/parse.h"

#include <algorithm>

#include "text/document.h"

namespace sitrep {

void DocParse::Reset(const Document& doc) {
  sentences_.assign(doc.sentences.size(), std::nullopt);
  sent_begin_.clear();
  for (const auto& s : doc.sentences) sent_begin_.push_back(s.tok_begin);
}

const SentenceParse* DocParse::SentenceOf(uint32_t token) const {
  auto it = std::upper_bound(sent_begin_.begin(), sent_begin_.end(), token);
  if (it == sent_begin_.begin()) return nullptr;
  size_t s = (it - sent_begin_.begin()) - 1;
  if (!sentences_[s]) return nullptr;
  const SentenceParse& p = *sentences_[s];
  return token >= p.tok_begin && token < p.tok_end ? &p : nullptr;
}

const ParsedToken* DocParse::Get(uint32_t token) const {
  const SentenceParse* p = SentenceOf(token);
  return p ? &p->tokens[token - p->tok_begin] : nullptr;
}

int32_t DocParse::Head(uint32_t token) const {
  const ParsedToken* t = Get(token);
  return t ? t->head : -1;
}

Dep DocParse::Relation(uint32_t token) const {
  const ParsedToken* t = Get(token);
  return t ? t->dep : Dep::kDep;
}

std::vector<uint32_t> DocParse::Children(uint32_t token) const {
  std::vector<uint32_t> out;
  const SentenceParse* p = SentenceOf(token);
  if (!p) return out;
  for (uint32_t i = 0; i < p->tokens.size(); ++i) {
    const ParsedToken& t = p->tokens[i];
    if (t.part_of < 0 && t.head == static_cast<int32_t>(token)) out.push_back(p->tok_begin + i);
  }
  return out;
}

std::vector<uint32_t> DocParse::Children(uint32_t token, Dep dep) const {
  std::vector<uint32_t> out;
  for (uint32_t c : Children(token))
    if (Relation(c) == dep) out.push_back(c);
  return out;
}

int32_t DocParse::FirstChild(uint32_t token, Dep dep) const {
  for (uint32_t c : Children(token))
    if (Relation(c) == dep) return static_cast<int32_t>(c);
  return -1;
}

std::vector<const ExtraWord*> DocParse::ExtraChildren(uint32_t token) const {
  std::vector<const ExtraWord*> out;
  if (const SentenceParse* p = SentenceOf(token))
    for (const auto& e : p->extra)
      if (e.head == static_cast<int32_t>(token)) out.push_back(&e);
  return out;
}

std::string_view DocParse::CaseOf(uint32_t token) const {
  for (uint32_t c : Children(token)) {
    Dep d = BaseDep(Relation(c));
    if (d == Dep::kCase || d == Dep::kMark) return Get(c)->lemma;
  }
  return {};
}

int32_t DocParse::Subject(uint32_t token) const {
  for (uint32_t c : Children(token)) {
    Dep d = Relation(c);
    if (d == Dep::kNsubj || d == Dep::kNsubjPass || d == Dep::kCsubj || d == Dep::kCsubjPass)
      return static_cast<int32_t>(c);
  }
  // "X attacked and destroyed Y": the second verb shares the first one's subject.
  if (Relation(token) == Dep::kConj && Head(token) >= 0) return Subject(Head(token));
  return -1;
}

int32_t DocParse::Object(uint32_t token) const { return FirstChild(token, Dep::kObj); }

int32_t DocParse::Agent(uint32_t token) const {
  for (uint32_t c : Children(token)) {
    Dep d = Relation(c);
    if (d == Dep::kOblAgent) return static_cast<int32_t>(c);
    if (BaseDep(d) == Dep::kObl || BaseDep(d) == Dep::kNmod) {
      std::string_view p = CaseOf(c);
      if (p == "par" || p == "by") return static_cast<int32_t>(c);
    }
  }
  return -1;
}

bool DocParse::IsPassive(uint32_t token) const {
  const ParsedToken* t = Get(token);
  if (!t) return false;
  bool have = false, be = false;
  for (uint32_t c : Children(token)) {
    Dep d = Relation(c);
    if (d == Dep::kAuxPass || d == Dep::kNsubjPass || d == Dep::kCsubjPass || d == Dep::kExplPass) return true;
    if (BaseDep(d) == Dep::kAux || d == Dep::kAuxTense) {
      const std::string& l = Get(c)->lemma;
      have |= l == "avoir" || l == "have";
      be |= l == "être" || l == "be";
    }
  }
  // "a annoncé avoir neutralisé": a participle whose only auxiliary is the
  // perfect's "avoir"/"have" is active, whatever its tag says.
  if (have && !be) return false;
  return t->morph.voice == Voice::kPass;
}

bool DocParse::IsNegated(uint32_t token) const {
  auto negative = [](const ParsedToken& t) {
    return t.morph.polarity == Polarity::kNeg || t.lemma == "not" || t.lemma == "pas" ||
           t.lemma == "jamais" || t.lemma == "never" || t.lemma == "n't";
  };
  for (uint32_t c : Children(token))
    if (BaseDep(Relation(c)) == Dep::kAdvmod && negative(*Get(c))) return true;
  for (const ExtraWord* e : ExtraChildren(token))
    if (negative(*e)) return true;
  return false;
}

bool DocParse::IsPluperfect(uint32_t token) const {
  const ParsedToken* t = Get(token);
  if (!t) return false;
  if (t->morph.tense == Tense::kPqp) return true;
  for (uint32_t c : Children(token)) {
    Dep d = Relation(c);
    if (d != Dep::kAux && d != Dep::kAuxTense && d != Dep::kAuxPass) continue;
    const ParsedToken* a = Get(c);
    bool past_aux = (a->lemma == "avoir" || a->lemma == "être") ? a->morph.tense == Tense::kImp
                                                                 : a->lemma == "have" && a->morph.tense == Tense::kPast;
    if (past_aux && d != Dep::kAuxPass) return true;
    // "s'étaient emparés": a pronominal verb's tense auxiliary is "être",
    // which the parser may label aux:pass; the reflexive clitic tells.
    if (past_aux && d == Dep::kAuxPass && a->lemma == "être")
      for (uint32_t c2 : Children(token))
        if (BaseDep(Relation(c2)) == Dep::kExpl) return true;
    // "avait été attaqué": a passive participle whose tense auxiliary is "avait".
    if (d == Dep::kAuxPass && a->lemma == "être" && a->morph.tense == Tense::kPast) {
      for (uint32_t c2 : Children(token)) {
        const ParsedToken* a2 = Get(c2);
        if (Relation(c2) == Dep::kAux && a2->lemma == "avoir" && a2->morph.tense == Tense::kImp) return true;
      }
    }
  }
  return false;
}

}  // namespace sitrep
