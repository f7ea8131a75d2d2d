#include "syntax/syntax_trainer.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "syntax/morph.h"
#include "syntax/transition.h"

namespace sitrep {
namespace {

using Sents = std::vector<const ConlluSentence*>;

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
                          const std::unordered_map<std::string, int>& label_id, bool projectivize,
                          uint32_t domain) {
  std::vector<WordKeys> keys;
  for (const auto& w : s.words) keys.push_back(MakeWordKeys(w.form));
  std::vector<uint16_t> upos, feats;
  tagger.Tag(keys, &upos, &feats);
  ParserExample ex;
  ex.input = MakeParserInput(keys, upos, feats);
  ex.input.domain = domain;
  ex.heads.push_back(-1);
  ex.labels.push_back(-1);
  for (const auto& w : s.words) {
    ex.heads.push_back(std::max(w.head, 0));
    auto it = label_id.find(w.deprel);
    ex.labels.push_back(it == label_id.end() ? -1 : it->second);
  }
  ex.tree_heads = ex.heads;
  if (projectivize) Projectivize(&ex.heads);
  return ex;
}

bool WellFormed(const ConlluSentence& s) {
  for (const auto& w : s.words)
    if (w.head < 0) return false;
  return true;
}

void SetUpos(const std::vector<std::pair<std::string, std::string>>& set_upos,
             std::vector<ConlluSentence>* sents) {
  if (set_upos.empty()) return;
  for (auto& s : *sents)
    for (auto& w : s.words)
      for (const auto& [form, upos] : set_upos)
        if (w.form == form) w.upos = upos;
}

}  // namespace

namespace {

struct Member {
  Tagger tagger;
  Parser parser;
};

// The tagger and parser of one seed.
// Domains: kTarget for the target treebank's sentences, kOther for the rest
// (none at all when there is no target treebank).
constexpr uint32_t kOtherDomain = 1, kTargetDomain = 2;

// The labeller of `parser`, trained on the gold trees of `ptrain`; the
// dev sentences are parsed once to choose its best epoch.
ArcLabeller TrainLabeller(const SyntaxTrainOptions& opt, uint32_t seed, bool domains, const Parser& parser,
                          const std::vector<ParserExample>& ptrain, const std::vector<ParserExample>& pdev,
                          std::ostream* log) {
  std::vector<LabelledTree> trees;
  std::vector<const std::vector<int>*> gold;
  for (const ParserExample& ex : ptrain) {
    trees.push_back(LabelledTree{&ex.input, &ex.tree_heads, opt.labeller_domains ? ex.input.domain : 0});
    gold.push_back(&ex.labels);
  }
  std::vector<ArcLabeller::DevTree> dev;
  std::vector<int> heads;
  for (const ParserExample& ex : pdev) {
    ArcLabeller::DevTree t{&ex.input, {}, {}, &ex.tree_heads, &ex.labels, {},
                           opt.labeller_domains ? ex.input.domain : 0};
    parser.Parse(ex.input, &heads, &t.labels, &t.parser_scores);
    t.heads.push_back(-1);
    for (int h : heads) t.heads.push_back(h + 1);
    dev.push_back(std::move(t));
  }
  if (log) *log << "labeller on " << trees.size() << " sentences\n" << std::flush;
  return ArcLabeller::Train(trees, gold, dev, static_cast<int>(parser.labels().size()), parser.root_label(),
                            opt.labeller_epochs, seed, opt.parser_prune,
                            opt.labeller_domains && domains ? kTargetDomain : 0, log);
}

Member TrainMember(const SyntaxTrainOptions& opt, uint32_t seed, const Sents& train,
                   const std::vector<uint32_t>& domain, const Sents& dev,
                   const std::vector<std::string>& feats_names, const std::vector<std::string>& labels,
                   std::ostream* log, const SyntaxModel* reuse = nullptr) {
  const bool domains = std::count(domain.begin(), domain.end(), kTargetDomain) > 0;
  const uint32_t dev_domain = domains ? kOtherDomain : 0;
  TaggerOptions topt;
  topt.epochs = opt.tagger_epochs;
  topt.seed = seed;
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
  Tagger tagger;
  if (reuse) {
    tagger = reuse->tagger();
  } else {
    if (log) *log << "tagger on " << train.size() << " sentences\n" << std::flush;
    tagger = Tagger::Train(train, dev, feats_names, topt, log);
  }
  std::unordered_map<std::string, int> label_id;
  for (size_t i = 0; i < labels.size(); ++i) label_id[labels[i]] = static_cast<int>(i);
  std::vector<ParserExample> ptrain, pdev;
  for (size_t i = 0; i < train.size(); ++i)
    ptrain.push_back(MakeExample(*train[i], tagger_of[i] ? *tagger_of[i] : tagger, label_id, true,
                                 domains ? domain[i] : 0));
  fold_taggers.clear();
  for (const auto* s : dev) pdev.push_back(MakeExample(*s, tagger, label_id, false, dev_domain));
  ParserOptions popt;
  popt.epochs = opt.parser_epochs;
  popt.seed = seed;
  popt.prune = opt.parser_prune;
  popt.domain = domains && opt.parser_domains ? kTargetDomain : 0;
  popt.features = opt.parser_features;
  Parser parser;
  if (reuse) {
    parser = reuse->parser();
    parser.SetLabeller(ArcLabeller());
  } else {
    if (log) *log << "parser on " << ptrain.size() << " sentences, " << labels.size() << " labels\n" << std::flush;
    parser = Parser::Train(ptrain, pdev, labels, popt, log);
  }
  if (opt.labeller_epochs > 0)
    parser.SetLabeller(TrainLabeller(opt, seed, domains, parser, ptrain, pdev, log));
  return Member{std::move(tagger), std::move(parser)};
}

// UPOS accuracy and labelled attachment (full relation names) of a tagger
// and parser on the dev sentences, as the training log reports them.
std::pair<double, double> DevScores(const Tagger& tagger, const Parser& parser, const Sents& dev,
                                    const std::unordered_map<std::string, int>& label_id) {
  const uint32_t dev_domain = parser.domain() != 0 ? kOtherDomain : 0;
  size_t n = 0, upos = 0, las = 0;
  std::vector<int> heads;
  std::vector<uint16_t> labels;
  for (const auto* s : dev) {
    ParserExample ex = MakeExample(*s, tagger, label_id, false, dev_domain);
    parser.Parse(ex.input, &heads, &labels);
    for (size_t i = 0; i < heads.size(); ++i) {
      ++n;
      upos += UposName(static_cast<Upos>(ex.input.upos[i + 1])) == s->words[i].upos;
      las += heads[i] + 1 == ex.heads[i + 1] && labels[i] == ex.labels[i + 1];
    }
  }
  double d = static_cast<double>(std::max<size_t>(n, 1));
  return {upos / d, las / d};
}

}  // namespace

std::unique_ptr<SyntaxModel> TrainSyntaxModel(const SyntaxTrainOptions& opt,
                                              const std::vector<ConlluSentence>& train_sents,
                                              const std::vector<ConlluSentence>& dev_sents,
                                              std::ostream* log, const std::vector<bool>& target) {
  if (!opt.set_upos.empty()) {
    std::vector<ConlluSentence> t = train_sents, d = dev_sents;
    SetUpos(opt.set_upos, &t);
    SetUpos(opt.set_upos, &d);
    SyntaxTrainOptions rest = opt;
    rest.set_upos.clear();
    return TrainSyntaxModel(rest, t, d, log, target);
  }
  Sents train, dev;
  std::vector<uint32_t> domain;
  const bool domains = std::find(target.begin(), target.end(), true) != target.end();
  for (size_t i = 0; i < train_sents.size(); ++i)
    if (WellFormed(train_sents[i])) {
      train.push_back(&train_sents[i]);
      domain.push_back(!domains ? 0 : i < target.size() && target[i] ? kTargetDomain : kOtherDomain);
    }
  for (const auto& s : dev_sents)
    if (WellFormed(s)) dev.push_back(&s);
  const auto feats_names = FeatsClasses(train);
  const auto labels = LabelClasses(train);
  const std::vector<uint32_t> seeds = opt.seeds.empty() ? std::vector<uint32_t>{opt.seed} : opt.seeds;
  std::vector<Member> members(seeds.size());
  std::unique_ptr<SyntaxModel> reuse;
  if (!opt.parser_from.empty()) {
    auto m = SyntaxModel::Load(opt.parser_from);
    if (!m.ok() || seeds.size() != 1 || (*m)->parser().labels() != labels ||
        (*m)->tagger().feats_names() != feats_names) {
      return nullptr;
    }
    reuse = std::move(m).value();
  }
  if (seeds.size() == 1) {
    members[0] = TrainMember(opt, seeds[0], train, domain, dev, feats_names, labels, log, reuse.get());
  } else {
    // Seeds are handed out in order to `threads` workers; each member's log
    // is written when it is done, so the result never depends on timing.
    std::vector<std::ostringstream> logs(seeds.size());
    std::atomic<size_t> next{0};
    std::mutex log_mutex;
    auto work = [&] {
      for (size_t i; (i = next++) < seeds.size();) {
        members[i] = TrainMember(opt, seeds[i], train, domain, dev, feats_names, labels, &logs[i]);
        std::lock_guard<std::mutex> lock(log_mutex);
        if (log) *log << "== seed " << seeds[i] << "\n" << logs[i].str() << std::flush;
      }
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < std::max(1, std::min<int>(opt.threads, static_cast<int>(seeds.size()))); ++t)
      pool.emplace_back(work);
    for (auto& t : pool) t.join();
  }
  Tagger tagger;
  Parser parser;
  if (members.size() == 1) {
    tagger = std::move(members[0].tagger);
    parser = std::move(members[0].parser);
  } else {
    std::vector<const Tagger*> taggers;
    std::vector<const Parser*> parsers;
    for (const Member& m : members) taggers.push_back(&m.tagger), parsers.push_back(&m.parser);
    // Same data, so same classes, dictionary and relations: the means exist.
    Tagger::Mean(taggers, opt.tagger_prune, &tagger);
    Parser::Mean(parsers, opt.parser_prune, &parser);
    if (log) *log << "mean of " << members.size() << " seeds: " << tagger.num_weights() << " tagger and "
                  << parser.num_weights() << " parser weights\n" << std::flush;
    if (log && !dev.empty()) {
      std::unordered_map<std::string, int> label_id;
      for (size_t i = 0; i < labels.size(); ++i) label_id[labels[i]] = static_cast<int>(i);
      for (size_t i = 0; i <= members.size(); ++i) {
        bool mean = i == members.size();
        auto [upos, las] = DevScores(mean ? tagger : members[i].tagger, mean ? parser : members[i].parser,
                                     dev, label_id);
        *log << (mean ? std::string("mean") : "seed " + std::to_string(seeds[i])) << ": dev upos " << upos
             << " las " << las << "\n";
      }
      *log << std::flush;
    }
    if (!opt.save_members.empty())
      for (size_t i = 0; i < members.size(); ++i) {
        SyntaxModel one(opt.lang, MultiwordTable::Train(train), members[i].tagger, Lemmatizer::Train(train),
                        members[i].parser, "trained by: " + opt.command + " (seed " + std::to_string(seeds[i]) + " alone)");
        std::string path = opt.save_members + ".seed" + std::to_string(seeds[i]);
        Status st = one.Save(path);
        if (log) *log << (st.ok() ? "wrote " + path : st.message()) << "\n" << std::flush;
      }
  }
  std::string info =
      reuse ? reuse->info() + "\nlabeller trained by: " + opt.command : "trained by: " + opt.command;
  return std::make_unique<SyntaxModel>(opt.lang, MultiwordTable::Train(train), std::move(tagger),
                                       Lemmatizer::Train(train), std::move(parser), info);
}

StatusOr<std::unique_ptr<SyntaxModel>> TrainSyntaxModel(const SyntaxTrainOptions& opt, std::ostream* log) {
  std::vector<ConlluSentence> train, dev;
  std::vector<bool> target;
  for (const auto& t : opt.target_files)
    if (std::find(opt.train_files.begin(), opt.train_files.end(), t) == opt.train_files.end())
      return Status::InvalidArgument("--target-treebank " + t + ": not one of the --train files");
  for (const auto& path : opt.train_files) {
    auto s = ReadConlluFile(path);
    if (!s.ok()) return s.status();
    const bool is_target =
        std::find(opt.target_files.begin(), opt.target_files.end(), path) != opt.target_files.end();
    for (auto& x : *s) {
      train.push_back(std::move(x));
      target.push_back(is_target);
    }
  }
  if (train.empty()) return Status::InvalidArgument("no training sentences");
  for (const auto& [form, upos] : opt.set_upos)
    if (form.empty() || UposName(UposFromString(upos)) != upos)
      return Status::InvalidArgument("--set-upos " + form + "=" + upos + ": not a UPOS tag");
  if (!opt.dev_file.empty()) {
    auto s = ReadConlluFile(opt.dev_file);
    if (!s.ok()) return s.status();
    dev = std::move(s).value();
  }
  auto model = TrainSyntaxModel(opt, train, dev, log, target);
  if (!model)
    return Status::InvalidArgument("--parser-from " + opt.parser_from +
                                   ": not a model trained on these files with one seed");
  return model;
}

}  // namespace sitrep
