// Trains a SyntaxModel from CoNLL-U treebanks. The parser learns on tags
// like those it will see at run time: each training sentence is tagged by a
// tagger trained on the other folds (jackknifing), then the final tagger
// is trained on everything. Deterministic for a given seed.
#ifndef SITREP_SYNTAX_SYNTAX_TRAINER_H_
#define SITREP_SYNTAX_SYNTAX_TRAINER_H_

#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "syntax/syntax_model.h"

namespace sitrep {

struct SyntaxTrainOptions {
  std::string lang;
  std::vector<std::string> train_files;
  std::string dev_file;  // optional: picks the best epoch of each model
  int tagger_epochs = 8;
  int parser_epochs = 10;
  // Epochs of the second-stage arc labeller (labeller.h); 0: none, the
  // parser's own labels stand.
  int labeller_epochs = 0;
  // The parser's feature templates (Configuration::Features).
  uint32_t parser_features = 0;
  // A model trained earlier with the same files, seed and options: its
  // tagger and parser are kept (not trained again) and only the labeller is
  // trained (one seed; the jackknife taggers are trained again for the
  // labeller's training tags).
  std::string parser_from;
  int folds = 4;  // jackknife folds for the parser's training tags (0: gold tags)
  uint32_t seed = 1;
  // More than one seed: one tagger and parser per seed (each with its own
  // shuffles, folds' taggers and explored mistakes), trained on up to
  // `threads` threads; the model keeps the mean of their weights (an
  // ensemble at the cost of one model). Empty: `seed` alone.
  std::vector<uint32_t> seeds;
  int threads = 1;
  // With several seeds and this set: each seed's own model is also written,
  // to `save_members` + ".seed<N>" (for comparison with the mean).
  std::string save_members;
  float tagger_prune = 0.f;
  float parser_prune = 0.f;
  // Annotation harmonised at load time (the treebank files stay as they
  // are): every word whose form is `first` gets the UPOS `second`, in the
  // training and dev files, when treebanks disagree on a convention.
  std::vector<std::pair<std::string, std::string>> set_upos;
  // Training files whose treebank's conventions the parser follows at run
  // time: with any, the parser learns domain copies of its features
  // (parser.h), these files' sentences as one treebank, the other training
  // files and the dev file as another.
  std::vector<std::string> target_files;
  // Which models learn the domain copies when there are target files: the
  // parser's features, the labeller's, or both.
  bool parser_domains = true, labeller_domains = false;
  std::string command;  // recorded in the model's info
};

StatusOr<std::unique_ptr<SyntaxModel>> TrainSyntaxModel(const SyntaxTrainOptions& opt, std::ostream* log);

// The same from sentences already read (the tests' small treebanks). With
// several seeds, `log` gets each seed's log once that seed is done.
// `target[i]` marks train[i] as a sentence of the target treebank (empty:
// no domains). Null when `opt.parser_from` names no model of these sentences.
std::unique_ptr<SyntaxModel> TrainSyntaxModel(const SyntaxTrainOptions& opt,
                                              const std::vector<ConlluSentence>& train,
                                              const std::vector<ConlluSentence>& dev, std::ostream* log,
                                              const std::vector<bool>& target = {});

}  // namespace sitrep

#endif  // SITREP_SYNTAX_SYNTAX_TRAINER_H_
