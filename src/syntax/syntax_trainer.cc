#include "syntax/syntax_trainer.h"

#include <map>
#include <set>
#include <unordered_map>

#include "syntax/transition.h"

namespace sitrep {
namespace {

using Sents = std::vector<const ConlluSentence*>;

Sents Pointers(const std::vector<ConlluSentence>& v) {
  Sents out;
  for (const auto& s : v) out.push_back(&s);
  return out;
}

std::vector<std::string> FeatsClasses(const Sents& train) {
  std::vector<std::string> names{"_"};
  std::set<std::string> seen{"_"};
  for (const auto* s : train)
    for (const auto& w : s->words) {
      std::string f = w.feats.empty() ? "_" : w.feats;
      if (seen.insert(f).second) names.push_back(f);
    }
  return names;
}

std::vector<std::string> LabelClasses(const Sents& train) {
  std::set<std::string> labels{"root"};
  for (const auto* s : train)
    for (const auto& w : s->words) labels.insert(w.deprel);
  return {labels.begin(), labels.end()};
}

// A parser example of `s` with the tags `tagger` predicts.
ParserExample MakeExample(const ConlluSentence& s, const Tagger& tagger,
                          const std::unordered_map<std::string, int>& label_id, bool projectivize) {
  std::vector<WordKeys> keys;
  for (const auto& w : s.words) keys.push_back(MakeWordKeys(w.form));
  std::vector<uint16_t> upos, feats;
  tagger.Tag(keys, &upos, &feats);
  ParserExample ex;
  ex.input = MakeParserInput(keys, upos, feats);
  ex.heads.push_back(-1);
  ex.labels.push_back(-1);
  for (const auto& w : s.words) {
    ex.heads.push_back(std::max(w.head, 0));
    auto it = label_id.find(w.deprel);
    ex.labels.push_back(it == label_id.end() ? -1 : it->second);
  }
  if (projectivize) Projectivize(&ex.heads);
  return ex;
}

bool WellFormed(const ConlluSentence& s) {
  for (const auto& w : s.words)
    if (w.head < 0) return false;
  return true;
}

}  // namespace

std::unique_ptr<SyntaxModel> TrainSyntaxModel(const SyntaxTrainOptions& opt,
                                              const std::vector<ConlluSentence>& train_sents,
                                              const std::vector<ConlluSentence>& dev_sents,
                                              std::ostream* log) {
  Sents train, dev;
  for (const auto& s : train_sents)
    if (WellFormed(s)) train.push_back(&s);
  for (const auto& s : dev_sents)
    if (WellFormed(s)) dev.push_back(&s);
  const auto feats_names = FeatsClasses(train);
  TaggerOptions topt;
  topt.epochs = opt.tagger_epochs;
  topt.seed = opt.seed;
  topt.prune = opt.tagger_prune;
  // Jackknifed tags for the parser's training sentences.
  std::vector<const Tagger*> tagger_of(train.size(), nullptr);
  std::vector<Tagger> fold_taggers;
  if (opt.folds >= 2) {
    fold_taggers.reserve(opt.folds);
    for (int k = 0; k < opt.folds; ++k) {
      Sents part;
      for (size_t i = 0; i < train.size(); ++i)
        if (static_cast<int>(i % opt.folds) != k) part.push_back(train[i]);
      if (log) *log << "jackknife tagger " << k + 1 << "/" << opt.folds << "\n" << std::flush;
      fold_taggers.push_back(Tagger::Train(part, {}, feats_names, topt, nullptr));
      for (size_t i = k; i < train.size(); i += opt.folds) tagger_of[i] = &fold_taggers.back();
    }
  }
  if (log) *log << "tagger on " << train.size() << " sentences\n" << std::flush;
  Tagger tagger = Tagger::Train(train, dev, feats_names, topt, log);
  const auto labels = LabelClasses(train);
  std::unordered_map<std::string, int> label_id;
  for (size_t i = 0; i < labels.size(); ++i) label_id[labels[i]] = static_cast<int>(i);
  std::vector<ParserExample> ptrain, pdev;
  for (size_t i = 0; i < train.size(); ++i)
    ptrain.push_back(MakeExample(*train[i], tagger_of[i] ? *tagger_of[i] : tagger, label_id, true));
  fold_taggers.clear();
  for (const auto* s : dev) pdev.push_back(MakeExample(*s, tagger, label_id, false));
  ParserOptions popt;
  popt.epochs = opt.parser_epochs;
  popt.seed = opt.seed;
  popt.prune = opt.parser_prune;
  if (log) *log << "parser on " << ptrain.size() << " sentences, " << labels.size() << " labels\n" << std::flush;
  Parser parser = Parser::Train(ptrain, pdev, labels, popt, log);
  std::string info = "trained by: " + opt.command;
  return std::make_unique<SyntaxModel>(opt.lang, MultiwordTable::Train(train), std::move(tagger),
                                       Lemmatizer::Train(train), std::move(parser), info);
}

StatusOr<std::unique_ptr<SyntaxModel>> TrainSyntaxModel(const SyntaxTrainOptions& opt, std::ostream* log) {
  std::vector<ConlluSentence> train, dev;
  for (const auto& path : opt.train_files) {
    auto s = ReadConlluFile(path);
    if (!s.ok()) return s.status();
    for (auto& x : *s) train.push_back(std::move(x));
  }
  if (train.empty()) return Status::InvalidArgument("no training sentences");
  if (!opt.dev_file.empty()) {
    auto s = ReadConlluFile(opt.dev_file);
    if (!s.ok()) return s.status();
    dev = std::move(s).value();
  }
  return TrainSyntaxModel(opt, train, dev, log);
}

}  // namespace sitrep
