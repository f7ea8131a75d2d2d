// The syntax stage's result, read by the events stage: per sentence of the
// Document, an optional dependency parse whose entries are indexed by
// Document token index (only sentences that can carry an event are
// parsed in `extract`; `sitrep parse` parses all).
//
// Tokens and Universal Dependencies words do not always match: a French
// "du"/"au"/"des" (contracted) is two UD words, "de le"/"à le"; an English
// "don't" is "do n't". The Document token carries the analysis of the FIRST
// word ("de"/"à" as case marker attached to the noun, "do"), the others are
// kept as ExtraWord entries headed like any word. Conversely several tokens
// can form one word ("-t-il" is "-", "t", "-", "il"; "porte-parole";
// English "'" + "s"): one token carries the word and the others point to it
// with `part_of`. Heads are always Document token indexes.
//
// deprel and feats are views into the loaded model's tables: valid while
// the model lives (the pipeline keeps it for its whole life).
#ifndef SITREP_SYNTAX_PARSE_H_
#define SITREP_SYNTAX_PARSE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/morph.h"

namespace sitrep {

struct Document;

struct ParsedToken {
  int32_t head = -1;  // Document token index of the head; -1 for the root of the sentence
  Dep dep = Dep::kRoot;
  std::string_view deprel;  // full relation name ("obl:agent")
  Upos upos = Upos::kX;
  Morph morph;
  std::string_view feats;  // CoNLL-U FEATS string
  std::string lemma;
  int32_t part_of = -1;  // >= 0: this token is a piece of the word that token carries
};

// A syntactic word with no token of its own ("le" of "du", "n't" of "don't").
struct ExtraWord : ParsedToken {
  uint32_t token = 0;  // the Document token it is part of
  std::string form;
};

struct SentenceParse {
  uint32_t tok_begin = 0, tok_end = 0;  // Document token range
  std::vector<ParsedToken> tokens;      // tok_end - tok_begin entries
  std::vector<ExtraWord> extra;
};

class DocParse {
 public:
  // One empty (unparsed) slot per sentence of `doc`.
  void Reset(const Document& doc);
  void Set(size_t sentence, SentenceParse parse) { sentences_[sentence] = std::move(parse); }
  const std::vector<std::optional<SentenceParse>>& sentences() const { return sentences_; }
  bool SentenceParsed(size_t sentence) const {
    return sentence < sentences_.size() && sentences_[sentence].has_value();
  }

  // The token's analysis; null when its sentence was not parsed.
  const ParsedToken* Get(uint32_t token) const;
  int32_t Head(uint32_t token) const;  // -1 for the root or an unparsed token
  Dep Relation(uint32_t token) const;  // kDep when unparsed
  // Tokens whose head is `token` (pieces of words excluded), in text order.
  std::vector<uint32_t> Children(uint32_t token) const;
  std::vector<uint32_t> Children(uint32_t token, Dep dep) const;  // with exactly this relation
  int32_t FirstChild(uint32_t token, Dep dep) const;              // -1 when none
  // Extra words (second halves of contractions) headed by `token`.
  std::vector<const ExtraWord*> ExtraChildren(uint32_t token) const;
  // The lemma of the case marker or preposition of a nominal ("de", "par", "by"), or "".
  std::string_view CaseOf(uint32_t token) const;

  // Subject (nsubj, nsubj:pass, csubj), object (obj), agent (obl:agent, or
  // an obl/nmod introduced by "par"/"by"); -1 when absent. A conjoined
  // verb without its own subject shares the first conjunct's.
  int32_t Subject(uint32_t token) const;
  int32_t Object(uint32_t token) const;
  int32_t Agent(uint32_t token) const;
  // aux:pass or nsubj:pass child, or Voice=Pass on the token.
  bool IsPassive(uint32_t token) const;
  // A negation among the token's dependents (Polarity=Neg, "not", "pas", "jamais", "n't").
  bool IsNegated(uint32_t token) const;
  // A participle with an auxiliary in the past of the past ("avait attaqué",
  // "had attacked"), or Tense=Pqp.
  bool IsPluperfect(uint32_t token) const;

 private:
  const SentenceParse* SentenceOf(uint32_t token) const;
  std::vector<std::optional<SentenceParse>> sentences_;
  std::vector<uint32_t> sent_begin_;
};

}  // namespace sitrep

#endif  // SITREP_SYNTAX_PARSE_H_
