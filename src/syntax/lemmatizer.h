// Lemmas from the treebank: an exact table (lower-cased form, UPOS) ->
// lemma for every pair seen in training, and for unseen words edit scripts
// (strip N bytes of the lower-cased form, append a string) chosen by the
// longest suffix of up to 6 code points seen with that UPOS, counted over
// word types. A proper noun or an unseen word with no rule keeps its form.
#ifndef SITREP_SYNTAX_LEMMATIZER_H_
#define SITREP_SYNTAX_LEMMATIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "syntax/conllu.h"
#include "syntax/model_file.h"
#include "syntax/morph.h"

namespace sitrep {

class Lemmatizer {
 public:
  std::string Lemma(std::string_view form, Upos upos) const;

  static Lemmatizer Train(const std::vector<const ConlluSentence*>& train);
  void Save(ByteWriter* w) const;
  bool Load(ByteReader* r);
  size_t size() const { return exact_.size() + rules_.size(); }

 private:
  const std::string* Find(const std::vector<std::pair<uint64_t, uint32_t>>& table, uint64_t key) const;
  std::vector<std::pair<uint64_t, uint32_t>> exact_;  // sorted by key -> index into strings_
  std::vector<std::pair<uint64_t, uint32_t>> rules_;  // (upos, suffix) -> script "N|append"
  std::vector<std::string> strings_;
};

// The edit script that turns `lower_form` into `lower_lemma` ("2|er"), and its application.
std::string EditScript(std::string_view lower_form, std::string_view lower_lemma);
bool ApplyEditScript(std::string_view lower_form, std::string_view script, std::string* out);

}  // namespace sitrep

#endif  // SITREP_SYNTAX_LEMMATIZER_H_
