// sitrep syntax train --lang L --train A.conllu,B.conllu --dev C.conllu -o MODEL:
// trains the tagger, lemmatiser and parser of one language (deterministic).
// sitrep syntax info MODEL: what a model file holds.
#include <chrono>
#include <iostream>
#include <sstream>

#include "syntax/syntax_trainer.h"
#include "tools/command.h"

namespace sitrep::cli {
namespace {

struct TrainFlags {
  SyntaxTrainOptions opt;
  std::string train, output, target, domain_copies = "parser";
  std::vector<std::string> set_upos;  // FORM=UPOS
};

std::vector<std::string> SplitCommas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, ',');)
    if (!part.empty()) out.push_back(part);
  return out;
}

int RunTrain(TrainFlags f) {
  f.opt.train_files = SplitCommas(f.train);
  f.opt.target_files = SplitCommas(f.target);
  f.opt.parser_domains = f.domain_copies != "labeller";
  f.opt.labeller_domains = f.domain_copies != "parser";
  for (const auto& rule : f.set_upos) {
    size_t eq = rule.rfind('=');
    if (eq == std::string::npos || eq == 0) {
      Report("syntax train", "--set-upos " + rule + ": expected FORM=UPOS");
      return 2;
    }
    f.opt.set_upos.emplace_back(rule.substr(0, eq), rule.substr(eq + 1));
  }
  std::ostringstream cmd;
  cmd << "sitrep syntax train --lang " << f.opt.lang << " --train " << f.train;
  if (!f.opt.dev_file.empty()) cmd << " --dev " << f.opt.dev_file;
  cmd << " --tagger-epochs " << f.opt.tagger_epochs << " --parser-epochs " << f.opt.parser_epochs
      << " --folds " << f.opt.folds;
  if (f.opt.seeds.empty()) {
    cmd << " --seed " << f.opt.seed;
  } else {
    cmd << " --seeds ";
    for (size_t i = 0; i < f.opt.seeds.size(); ++i) cmd << (i ? "," : "") << f.opt.seeds[i];
    cmd << " --threads " << f.opt.threads;
  }
  if (f.opt.parser_features > 0) cmd << " --parser-features " << f.opt.parser_features;
  if (f.opt.labeller_epochs > 0) cmd << " --labeller-epochs " << f.opt.labeller_epochs;
  if (!f.opt.parser_from.empty()) cmd << " --parser-from " << f.opt.parser_from;
  cmd << " --tagger-prune " << f.opt.tagger_prune
      << " --parser-prune " << f.opt.parser_prune;
  for (const auto& rule : f.set_upos) cmd << " --set-upos '" << rule << "'";
  if (!f.target.empty()) cmd << " --target-treebank " << f.target << " --domain-copies " << f.domain_copies;
  f.opt.command = cmd.str();
  auto start = std::chrono::steady_clock::now();
  auto model = TrainSyntaxModel(f.opt, &std::cerr);
  if (!model.ok()) {
    Report("syntax train", model.status().message());
    return 2;
  }
  if (Status s = (*model)->Save(f.output); !s.ok()) {
    Report("syntax train", s.message());
    return 2;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << "sitrep syntax train: wrote " << f.output << " (" << (*model)->Version() << ") in " << secs
            << " s\n";
  return 0;
}

int RunInfo(const std::string& path) {
  auto model = SyntaxModel::Load(path);
  if (!model.ok()) {
    Report(path, model.status().message());
    return 2;
  }
  const SyntaxModel& m = **model;
  std::cout << "model: " << m.Version() << "\nlanguage: " << m.lang() << "\n" << m.info()
            << "\nmultiword forms: " << m.multiword().size()
            << "\nFEATS classes: " << m.tagger().feats_names().size()
            << "\nrelations: " << m.parser().labels().size() << "\ntagger weights: " << m.tagger().num_weights()
            << "\nparser weights: " << m.parser().num_weights() << " (feature set " << m.parser().feature_set() << ")"
            << "\narc labeller weights: " << m.parser().labeller().num_weights();
  if (!m.parser().labeller().empty())
    std::cout << " (parser's label scores weighted " << m.parser().labeller().parser_weight()
              << (m.parser().labeller().domain() != 0 ? ", domain copies" : "") << ")";
  std::cout << "\n";
  return 0;
}

struct PruneFlags {
  std::string input, output;
  float tagger = 0, parser = 0, labeller = 0;
};

int RunPrune(const PruneFlags& f) {
  auto model = SyntaxModel::Load(f.input);
  if (!model.ok()) {
    Report(f.input, model.status().message());
    return 2;
  }
  std::ostringstream note;
  note << "pruned by: sitrep syntax prune IN OUT --tagger-prune " << f.tagger << " --parser-prune " << f.parser;
  if (f.labeller > 0) note << " --labeller-prune " << f.labeller;
  (*model)->Prune(f.tagger, f.parser, f.labeller, note.str());
  if (Status s = (*model)->Save(f.output); !s.ok()) {
    Report("syntax prune", s.message());
    return 2;
  }
  std::cerr << "sitrep syntax prune: wrote " << f.output << " (" << (*model)->Version() << ")\n";
  return 0;
}

CommandRegistration reg(61, [](CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("syntax", "Train or inspect the tagger/lemmatiser/parser models");
  cmd->group(kGroupData);
  cmd->require_subcommand(1);
  auto f = std::make_shared<TrainFlags>();
  auto* train = cmd->add_subcommand("train", "Train a language's syntax model from CoNLL-U treebanks");
  train->add_option("--lang", f->opt.lang, "language code (fr, en)")->required();
  train->add_option("--train", f->train, "training CoNLL-U files, comma-separated")->required();
  train->add_option("--dev", f->opt.dev_file, "development CoNLL-U file (chooses the best epoch)");
  train->add_option("-o,--output", f->output, "model file to write")->required();
  train->add_option("--tagger-epochs", f->opt.tagger_epochs)->capture_default_str();
  train->add_option("--parser-epochs", f->opt.parser_epochs)->capture_default_str();
  train->add_option("--parser-features", f->opt.parser_features,
                    "the parser's feature set: 0 the original templates, 1 adds prepositional-attachment "
                    "and in-between punctuation/verb features (src/syntax/configuration.cc)")
      ->check(CLI::Range(0u, Configuration::kMaxFeatureSet))
      ->capture_default_str();
  train->add_option("--labeller-epochs", f->opt.labeller_epochs,
                    "epochs of the second-stage arc labeller (0: none, the parser's labels stand)")
      ->capture_default_str();
  train->add_option("--parser-from", f->opt.parser_from,
                    "keep the tagger and parser of this model (trained before with the same files, seed and "
                    "options) and train only the labeller");
  train->add_option("--folds", f->opt.folds, "jackknife folds for the parser's tags (0: gold tags)")
      ->capture_default_str();
  train->add_option("--seed", f->opt.seed)->capture_default_str();
  train->add_option("--seeds", f->opt.seeds,
                    "several seeds, comma-separated: one tagger and parser per seed, the model keeps the mean "
                    "of their weights")
      ->delimiter(',');
  train->add_option("--save-members", f->opt.save_members,
                    "with --seeds: also write each seed's own model to PATH.seed<N>");
  train->add_option("--threads", f->opt.threads, "seeds trained at once (with --seeds)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  train->add_option("--tagger-prune", f->opt.tagger_prune, "drop averaged weights below this")->capture_default_str();
  train->add_option("--parser-prune", f->opt.parser_prune, "drop averaged weights below this")->capture_default_str();
  train->add_option("--set-upos", f->set_upos,
                    "FORM=UPOS: harmonise the UPOS of every word with this form in the training and dev "
                    "files (repeatable; the files are read, never changed)");
  train->add_option("--target-treebank", f->target,
                    "training files (comma-separated, among --train) whose treebank's conventions the parser "
                    "follows at run time: it learns per-treebank copies of its features, the other files as "
                    "a second treebank");
  train->add_option("--domain-copies", f->domain_copies,
                    "with --target-treebank: which model learns the per-treebank copies (parser, labeller "
                    "or both)")
      ->check(CLI::IsMember({"parser", "labeller", "both"}))
      ->capture_default_str();
  train->callback([f, exit_code] { *exit_code = RunTrain(*f); });
  auto pf = std::make_shared<PruneFlags>();
  auto* prune = cmd->add_subcommand("prune", "Drop a model's small weights (smaller file, faster load)");
  prune->add_option("input", pf->input, "model file")->required();
  prune->add_option("output", pf->output, "pruned model file")->required();
  prune->add_option("--tagger-prune", pf->tagger, "drop tagger weights below this")->capture_default_str();
  prune->add_option("--parser-prune", pf->parser, "drop parser weights below this")->capture_default_str();
  prune->add_option("--labeller-prune", pf->labeller, "drop arc labeller weights below this")
      ->capture_default_str();
  prune->callback([pf, exit_code] { *exit_code = RunPrune(*pf); });
  auto path = std::make_shared<std::string>();
  auto* info = cmd->add_subcommand("info", "Describe a syntax model file");
  info->add_option("model", *path, "model file")->required();
  info->callback([path, exit_code] { *exit_code = RunInfo(*path); });
});

}  // namespace
}  // namespace sitrep::cli
