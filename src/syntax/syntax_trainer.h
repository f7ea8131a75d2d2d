// Trains a SyntaxModel from CoNLL-U treebanks. The parser learns on tags
// like those it will see at run time: each training sentence is tagged by a
// tagger trained on the other folds (jackknifing), then the final tagger
// is trained on everything. Deterministic for a given seed.
#ifndef SITREP_SYNTAX_SYNTAX_TRAINER_H_
#define SITREP_SYNTAX_SYNTAX_TRAINER_H_

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "syntax/syntax_model.h"

namespace sitrep {

struct SyntaxTrainOptions {
  std::string lang;
  std::vector<std::string> train_files;
  std::string dev_file;  // optional: picks the best epoch of each model
  int tagger_epochs = 8;
  int parser_epochs = 10;
  int folds = 4;  // jackknife folds for the parser's training tags (0: gold tags)
  uint32_t seed = 1;
  float tagger_prune = 0.f;
  float parser_prune = 0.f;
  std::string command;  // recorded in the model's info
};

StatusOr<std::unique_ptr<SyntaxModel>> TrainSyntaxModel(const SyntaxTrainOptions& opt, std::ostream* log);

// The same from sentences already read (the tests' small treebanks).
std::unique_ptr<SyntaxModel> TrainSyntaxModel(const SyntaxTrainOptions& opt,
                                              const std::vector<ConlluSentence>& train,
                                              const std::vector<ConlluSentence>& dev, std::ostream* log);

}  // namespace sitrep

#endif  // SITREP_SYNTAX_SYNTAX_TRAINER_H_
