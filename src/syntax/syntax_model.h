// One language's trained syntax model: multiword-token table, tagger,
// lemmatiser and parser, read from one versioned file
// (data/models/<lang>/syntax.bin, see model_file.h). Loaded once; every
// method is const and the object is safe to share between threads.
#ifndef SITREP_SYNTAX_SYNTAX_MODEL_H_
#define SITREP_SYNTAX_SYNTAX_MODEL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/status.h"
#include "syntax/lemmatizer.h"
#include "syntax/model_file.h"
#include "syntax/morph.h"
#include "syntax/multiword.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"

namespace sitrep {

// The analysis of one syntactic word.
struct WordAnalysis {
  Upos upos = Upos::kX;
  uint16_t feats = 0;  // SyntaxModel::FeatsName
  std::string lemma;
  int head = -1;       // 0-based word index, -1 for the root
  uint16_t label = 0;  // SyntaxModel::LabelName
};

class SyntaxModel {
 public:
  SyntaxModel(std::string lang, MultiwordTable multiword, Tagger tagger, Lemmatizer lemmatizer,
              Parser parser, std::string info);

  // Maps the file and reads its weight tables in place (model_file.h).
  // Fails with a message that names the file and the command that rebuilds it.
  static StatusOr<std::unique_ptr<SyntaxModel>> Load(const std::string& path);
  // The body of a model file whose header was checked (model_file.h), with
  // its content hash; `origin` names it in the message. Every table is
  // checked against the others, so a body that loads never indexes outside
  // them, whatever bytes it holds. FromBody reads an aligned copy of `body`.
  // `format` is the file's format version.
  static StatusOr<std::unique_ptr<SyntaxModel>> FromBody(std::string_view body, uint64_t hash,
                                                         const std::string& origin,
                                                         uint32_t format = kSyntaxFormatVersion);
  static StatusOr<std::unique_ptr<SyntaxModel>> FromBytes(std::shared_ptr<const ModelBytes> body,
                                                          uint64_t hash, const std::string& origin,
                                                          uint32_t format = kSyntaxFormatVersion);
  // Writes a new file and renames it over `path`.
  Status Save(const std::string& path);

  // Tags, lemmatises and parses one sentence of syntactic words.
  void Analyze(const std::vector<std::string>& forms, std::vector<WordAnalysis>* out) const;

  const std::string& lang() const { return lang_; }
  const std::string& info() const { return info_; }  // how it was trained
  uint64_t hash() const { return hash_; }
  std::string Version() const;  // "syntax-fr:0123456789ab"
  std::string_view FeatsName(uint16_t id) const;
  std::string_view LabelName(uint16_t id) const;
  const MultiwordTable& multiword() const { return multiword_; }
  const Tagger& tagger() const { return tagger_; }
  const Parser& parser() const { return parser_; }
  // Drops small weights (smaller file, faster load); `note` is added to info().
  void Prune(float tagger_min, float parser_min, float labeller_min, const std::string& note) {
    tagger_.Prune(tagger_min);
    parser_.Prune(parser_min, labeller_min);
    info_ += "\n" + note;
  }

 private:
  SyntaxModel() = default;
  std::string Serialize() const;
  std::string lang_;
  MultiwordTable multiword_;
  Tagger tagger_;
  Lemmatizer lemmatizer_;
  Parser parser_;
  std::string info_;
  uint64_t hash_ = 0;
};

// The command that rebuilds a language's model (for error messages and PROVENANCE.md).
std::string SyntaxTrainCommand(const std::string& lang);

}  // namespace sitrep

#endif  // SITREP_SYNTAX_SYNTAX_MODEL_H_
