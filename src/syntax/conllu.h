// CoNLL-U reading and writing (universaldependencies.org/format.html).
// A sentence keeps its comment lines and its multiword-token and empty-node
// lines verbatim, so a re-tagged file writes back everything it did not
// predict.
#ifndef SITREP_SYNTAX_CONLLU_H_
#define SITREP_SYNTAX_CONLLU_H_

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "sitrep/status.h"

namespace sitrep {

// One syntactic word (an integer-id line).
struct ConlluWord {
  std::string form, lemma, upos, xpos, feats, deps, misc;
  int head = 0;  // 0 is the root; words count from 1
  std::string deprel;
};

// A multiword token line ("3-4 du"): the surface form of words first..last (1-based).
struct ConlluToken {
  int first = 0, last = 0;
  std::string form;
};

struct ConlluSentence {
  std::vector<std::string> comments;  // "# ..." lines, verbatim
  std::vector<ConlluWord> words;
  std::vector<ConlluToken> multiword;
  // Lines that are neither words nor comments (multiword tokens, empty
  // nodes), each written back before the word of index `first` (0-based).
  std::vector<std::pair<size_t, std::string>> other_lines;
};

// Reads every sentence; a malformed line fails with "origin:line: reason".
StatusOr<std::vector<ConlluSentence>> ReadConllu(std::istream& in, const std::string& origin);
StatusOr<std::vector<ConlluSentence>> ReadConlluFile(const std::string& path);
void WriteConllu(const ConlluSentence& s, std::ostream& out);

}  // namespace sitrep

#endif  // SITREP_SYNTAX_CONLLU_H_
