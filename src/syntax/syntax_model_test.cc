// Trains a model on the tiny treebanks written for these tests and checks
// that it parses its own sentences back, that the file round-trips and
// that damage is detected.
#include "syntax/syntax_model.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <algorithm>
#include <map>

#include <gtest/gtest.h>

#include "syntax/lemmatizer.h"
#include "syntax/syntax_trainer.h"

namespace sitrep {
namespace {

std::vector<ConlluSentence> Tiny(const std::string& lang) {
  auto s = ReadConlluFile(std::string(SITREP_SOURCE_DIR) + "/testdata/syntax/tiny_" + lang + ".conllu");
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? *s : std::vector<ConlluSentence>{};
}

SyntaxTrainOptions TinyOptions(const std::string& lang) {
  SyntaxTrainOptions opt;
  opt.lang = lang;
  opt.tagger_epochs = 10;
  opt.parser_epochs = 15;
  opt.folds = 0;
  opt.command = "test";
  return opt;
}

std::unique_ptr<SyntaxModel> TrainTiny(const std::string& lang) {
  return TrainSyntaxModel(TinyOptions(lang), Tiny(lang), {}, nullptr);
}

struct Scores {
  double upos = 0, lemma = 0, uas = 0, las = 0;
};

Scores Score(const SyntaxModel& m, const std::vector<ConlluSentence>& gold) {
  size_t n = 0, upos = 0, lemma = 0, uas = 0, las = 0;
  for (const auto& s : gold) {
    std::vector<std::string> forms;
    for (const auto& w : s.words) forms.push_back(w.form);
    std::vector<WordAnalysis> an;
    m.Analyze(forms, &an);
    for (size_t i = 0; i < an.size(); ++i) {
      ++n;
      upos += UposName(an[i].upos) == s.words[i].upos;
      lemma += an[i].lemma == s.words[i].lemma;
      if (an[i].head + 1 == s.words[i].head) {
        ++uas;
        las += m.LabelName(an[i].label) == s.words[i].deprel;
      }
    }
  }
  return {double(upos) / n, double(lemma) / n, double(uas) / n, double(las) / n};
}

std::string TempModel(const char* name) {
  return ::testing::TempDir() + "/" + name + "_" + std::to_string(::getpid()) + ".bin";
}

TEST(SyntaxModelTest, TinyTreebanksParseTheirOwnSentencesBack) {
  for (const char* lang : {"fr", "en"}) {
    auto model = TrainTiny(lang);
    Scores s = Score(*model, Tiny(lang));
    EXPECT_GE(s.upos, 0.97) << lang;
    EXPECT_GE(s.lemma, 0.97) << lang;
    EXPECT_GE(s.uas, 0.97) << lang;
    EXPECT_GE(s.las, 0.95) << lang;
  }
}

TEST(SyntaxModelTest, RoundTripsAndDetectsAFlippedByte) {
  auto model = TrainTiny("fr");
  std::string path = TempModel("syntax_roundtrip");
  ASSERT_TRUE(model->Save(path).ok());
  auto loaded = SyntaxModel::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ((*loaded)->hash(), model->hash());
  EXPECT_EQ((*loaded)->Version(), model->Version());
  std::vector<std::string> forms = {"Les", "soldats", "ont", "attaqué", "le", "village", "."};
  std::vector<WordAnalysis> a, b;
  model->Analyze(forms, &a);
  (*loaded)->Analyze(forms, &b);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].head, b[i].head);
    EXPECT_EQ(a[i].label, b[i].label);
    EXPECT_EQ(a[i].upos, b[i].upos);
    EXPECT_EQ(a[i].lemma, b[i].lemma);
  }
  // Flip one byte in the middle of the body.
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  bytes[bytes.size() / 2] ^= 0x01;
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  auto damaged = SyntaxModel::Load(path);
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.status().code(), StatusCode::kCorruption);
  EXPECT_NE(damaged.status().message().find("sitrep syntax train"), std::string::npos);
  std::remove(path.c_str());
  auto missing = SyntaxModel::Load(path);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("sitrep syntax train"), std::string::npos);
}

TEST(SyntaxModelTest, ALoadedModelOutlivesItsFileBeingReplaced) {
  auto fr = TrainTiny("fr");
  auto en = TrainTiny("en");
  std::string path = TempModel("syntax_replaced");
  ASSERT_TRUE(fr->Save(path).ok());
  auto loaded = SyntaxModel::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  // Saving renames a new file over the old one: the loaded tables stay the old ones.
  ASSERT_TRUE(en->Save(path).ok());
  std::vector<std::string> forms = {"Les", "soldats", "ont", "attaqué", "le", "village", "."};
  std::vector<WordAnalysis> a, b;
  fr->Analyze(forms, &a);
  (*loaded)->Analyze(forms, &b);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].head, b[i].head);
    EXPECT_EQ(a[i].upos, b[i].upos);
  }
  auto reloaded = SyntaxModel::Load(path);
  ASSERT_TRUE(reloaded.ok());
  EXPECT_EQ((*reloaded)->lang(), "en");
  std::remove(path.c_str());
}

// A hand-written model body: no multiword forms, lemmas or tagger weights,
// and a parser over one label whose weight table is given.
struct TestSlot {
  uint32_t key, offset;
};
struct TestWeight {
  uint16_t cls;
  int16_t value;
};
void PutLinear(ByteWriter* w, uint32_t classes, uint64_t features, const std::vector<TestSlot>& slots,
               const std::vector<TestWeight>& weights) {
  w->Put<uint32_t>(classes);
  w->Put<uint64_t>(features);
  w->Put<float>(0.5f);
  w->Table(slots.data(), slots.size());
  w->Table(weights.data(), weights.size());
}
std::string BodyWithParserTable(const std::vector<TestSlot>& slots, const std::vector<TestWeight>& weights,
                                uint64_t features, uint32_t format = kSyntaxFormatVersion,
                                uint32_t feature_set = 0) {
  ByteWriter w;
  w.Str("fr");
  w.Str("hand-written");
  w.Put<uint32_t>(0);  // multiword forms
  w.Put<uint32_t>(0);  // multiword contexts
  w.Strings({"_"});    // tagger: feature bundles
  w.Vec(std::vector<uint32_t>{});
  w.Vec(std::vector<uint32_t>{});
  PutLinear(&w, 17, 0, {}, {});
  PutLinear(&w, 1, 0, {}, {});
  w.Strings({});  // lemmatiser
  w.Vec(std::vector<uint64_t>{});
  w.Vec(std::vector<uint32_t>{});
  w.Vec(std::vector<uint64_t>{});
  w.Vec(std::vector<uint32_t>{});
  w.Strings({"root"});  // parser: shift, left-arc root, right-arc root
  w.Put<int32_t>(0);
  w.Put<uint32_t>(0);  // no domain copies
  if (format >= 5) w.Put<uint32_t>(feature_set);
  PutLinear(&w, 3, features, slots, weights);
  w.Put<uint8_t>(0);  // no labeller
  return w.bytes();
}

TEST(SyntaxModelTest, WeightTablesReadInPlaceAreCheckedOnce) {
  const std::vector<TestWeight> one = {{1, 100}};
  // Three slots, one used; the last entry closes the runs.
  std::string good = BodyWithParserTable({{7, 0}, {0, 1}, {0, 1}, {0, 1}}, one, 1);
  auto m = SyntaxModel::FromBody(good, 0, "hand.bin");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ((*m)->parser().num_weights(), 1u);
  std::vector<WordAnalysis> an;
  (*m)->Analyze({"Des", "tirs", "ont", "visé", "la", "ville"}, &an);
  ASSERT_EQ(an.size(), 6u);
  for (const auto& w : an) EXPECT_LT(w.head, 6);
  // The same body at an odd address loads the same (it is copied aligned).
  std::string shifted = "x" + good;
  EXPECT_TRUE(SyntaxModel::FromBody(std::string_view(shifted).substr(1), 0, "hand.bin").ok());
  // Refused: every slot used (a lookup of an absent key would never end),
  // a class beyond the model's, runs out of order, a last run that does not
  // end the weights, a used-slot count that disagrees, a table cut short.
  const std::vector<std::string> bad = {
      BodyWithParserTable({{7, 0}, {8, 1}, {9, 1}, {0, 1}}, one, 3),
      BodyWithParserTable({{7, 0}, {0, 1}, {0, 1}, {0, 1}}, {{3, 100}}, 1),
      BodyWithParserTable({{7, 1}, {0, 0}, {0, 1}, {0, 1}}, one, 1),
      BodyWithParserTable({{7, 0}, {0, 1}, {0, 1}, {0, 2}}, one, 1),
      BodyWithParserTable({{7, 0}, {0, 1}, {0, 1}, {0, 1}}, one, 2),
      good.substr(0, good.size() - 2),
  };
  for (size_t i = 0; i < bad.size(); ++i) {
    auto r = SyntaxModel::FromBody(bad[i], 0, "hand.bin");
    ASSERT_FALSE(r.ok()) << i;
    EXPECT_EQ(r.status().message().rfind("hand.bin:", 0), 0u) << r.status().message();
  }
}

TEST(SyntaxModelTest, TheParsersFeatureSetIsReadFromFormat5AndIsZeroInFormat4) {
  const std::vector<TestSlot> slots = {{7, 0}, {0, 1}, {0, 1}, {0, 1}};
  const std::vector<TestWeight> one = {{1, 100}};
  const std::vector<std::string> forms = {"Des", "tirs", "ont", "visé", "la", "ville"};
  std::vector<WordAnalysis> an;
  // Format 4 has no feature-set field: set 0.
  auto old = SyntaxModel::FromBody(BodyWithParserTable(slots, one, 1, 4), 0, "hand.bin", 4);
  ASSERT_TRUE(old.ok()) << old.status().message();
  EXPECT_EQ((*old)->parser().feature_set(), 0u);
  // Format 5 names it; set 1 parses.
  auto one_set = SyntaxModel::FromBody(BodyWithParserTable(slots, one, 1, 5, 1), 0, "hand.bin", 5);
  ASSERT_TRUE(one_set.ok()) << one_set.status().message();
  EXPECT_EQ((*one_set)->parser().feature_set(), 1u);
  (*one_set)->Analyze(forms, &an);
  ASSERT_EQ(an.size(), forms.size());
  // A set this build does not know is refused, and so is a format-4 body
  // read as format 5 (the field is missing, the tables do not line up).
  EXPECT_FALSE(SyntaxModel::FromBody(BodyWithParserTable(slots, one, 1, 5, Configuration::kMaxFeatureSet + 1), 0,
                                     "hand.bin", 5)
                   .ok());
  EXPECT_FALSE(SyntaxModel::FromBody(BodyWithParserTable(slots, one, 1, 4), 0, "hand.bin", 5).ok());
}

TEST(SyntaxModelTest, FeatureSet1TrainsParsesBackAndRoundTrips) {
  for (const char* lang : {"fr", "en"}) {
    SyntaxTrainOptions opt = TinyOptions(lang);
    opt.parser_features = 1;
    auto model = TrainSyntaxModel(opt, Tiny(lang), {}, nullptr);
    ASSERT_TRUE(model);
    EXPECT_EQ(model->parser().feature_set(), 1u);
    Scores s = Score(*model, Tiny(lang));
    EXPECT_GE(s.uas, 0.97) << lang;
    EXPECT_GE(s.las, 0.95) << lang;
    std::string path = TempModel("syntax_set1");
    ASSERT_TRUE(model->Save(path).ok());
    auto loaded = SyntaxModel::Load(path);
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    EXPECT_EQ((*loaded)->parser().feature_set(), 1u);
    EXPECT_DOUBLE_EQ(Score(**loaded, Tiny(lang)).las, s.las) << lang;
    std::remove(path.c_str());
  }
}

TEST(SyntaxModelTest, AnEditScriptFromAModelFileThatIsNotOneIsIgnored) {
  std::string out;
  EXPECT_TRUE(ApplyEditScript("frappés", "1|", &out));
  EXPECT_EQ(out, "frappé");
  for (const char* bad : {"x|e", "|e", "-1|e", "99999999999999999999999|e", "2e", "1 |e"})
    EXPECT_FALSE(ApplyEditScript("frappés", bad, &out)) << bad;
}

TEST(SyntaxModelTest, TrainingIsDeterministic) {
  auto a = TrainTiny("en");
  auto b = TrainTiny("en");
  std::string pa = TempModel("syntax_det_a"), pb = TempModel("syntax_det_b");
  ASSERT_TRUE(a->Save(pa).ok());
  ASSERT_TRUE(b->Save(pb).ok());
  EXPECT_EQ(a->hash(), b->hash());
  std::remove(pa.c_str());
  std::remove(pb.c_str());
}

TEST(SyntaxModelTest, SeveralSeedsKeepTheMeanOfTheirModelsWhateverTheThreads) {
  SyntaxTrainOptions opt = TinyOptions("en");
  opt.seeds = {1, 2, 3};
  opt.threads = 2;
  auto a = TrainSyntaxModel(opt, Tiny("en"), {}, nullptr);
  opt.threads = 1;
  auto b = TrainSyntaxModel(opt, Tiny("en"), {}, nullptr);
  std::string pa = TempModel("syntax_seeds_a"), pb = TempModel("syntax_seeds_b");
  ASSERT_TRUE(a->Save(pa).ok());
  ASSERT_TRUE(b->Save(pb).ok());
  EXPECT_EQ(a->hash(), b->hash());
  Scores s = Score(*a, Tiny("en"));
  EXPECT_GE(s.upos, 0.97);
  EXPECT_GE(s.las, 0.95);
  // The mean differs from any one seed's model.
  auto one = TrainTiny("en");
  std::string p1 = TempModel("syntax_seeds_one");
  ASSERT_TRUE(one->Save(p1).ok());
  EXPECT_NE(one->hash(), a->hash());
  for (const auto& p : {pa, pb, p1}) std::remove(p.c_str());
}

TEST(SyntaxModelTest, MeanOfLinearModelsScoresTheMeanOfTheirScores) {
  LinearModel::Rows ra = {{11, {{0, 1.f}, {2, -2.f}}}, {12, {{1, 4.f}}}};
  LinearModel::Rows rb = {{11, {{0, 3.f}}}, {13, {{2, 8.f}}}};
  LinearModel a = LinearModel::Build(3, ra, 0), b = LinearModel::Build(3, rb, 0);
  LinearModel m = LinearModel::Mean({&a, &b}, 0);
  const uint32_t keys[] = {11, 12, 13, 14};
  float sa[3], sb[3], sm[3];
  a.Score(keys, 4, sa);
  b.Score(keys, 4, sb);
  m.Score(keys, 4, sm);
  for (int c = 0; c < 3; ++c) EXPECT_NEAR(sm[c], (sa[c] + sb[c]) / 2, 1e-3) << c;
  EXPECT_NEAR(sm[2], 3.f, 1e-3);  // (-2 + 8) / 2
  // A weight below the threshold after averaging is dropped.
  LinearModel pruned = LinearModel::Mean({&a, &b}, 1.5f);
  pruned.Score(keys, 4, sm);
  EXPECT_NEAR(sm[0], 2.f, 1e-3);  // (1 + 3) / 2 kept
  EXPECT_NEAR(sm[1], 2.f, 1e-3);  // 4 / 2 kept
  EXPECT_NEAR(sm[2], 4.f, 1e-3);  // -1 dropped, 4 kept
  // Models over different classes have no mean.
  LinearModel c = LinearModel::Build(4, rb, 0);
  EXPECT_EQ(LinearModel::Mean({&a, &c}, 0).num_weights(), 0u);
}

TEST(SyntaxModelTest, DomainCopiesLetTheTargetTreebanksConventionWin) {
  // Two "treebanks" of the same sentences that disagree on one relation's
  // name: the model follows the one marked as the target.
  std::vector<ConlluSentence> plain = Tiny("fr"), renamed = plain;
  size_t objects = 0;
  for (auto& s : renamed)
    for (auto& w : s.words)
      if (w.deprel == "obj") w.deprel = "obl:arg", ++objects;
  ASSERT_GE(objects, 4u);
  std::vector<ConlluSentence> both = plain;
  both.insert(both.end(), renamed.begin(), renamed.end());
  auto labels_of_objects = [&](const std::vector<bool>& target) {
    auto model = TrainSyntaxModel(TinyOptions("fr"), both, {}, nullptr, target);
    EXPECT_EQ(model->parser().domain(), 2u);
    std::map<std::string, int> out;
    for (const auto& s : plain) {
      std::vector<std::string> forms;
      for (const auto& w : s.words) forms.push_back(w.form);
      std::vector<WordAnalysis> an;
      model->Analyze(forms, &an);
      for (size_t i = 0; i < an.size(); ++i)
        if (s.words[i].deprel == "obj") ++out[std::string(model->LabelName(an[i].label))];
    }
    return out;
  };
  std::vector<bool> second(both.size(), false), first(both.size(), false);
  for (size_t i = 0; i < plain.size(); ++i) first[i] = true, second[plain.size() + i] = true;
  auto as_renamed = labels_of_objects(second);
  auto as_plain = labels_of_objects(first);
  EXPECT_GE(as_renamed["obl:arg"], static_cast<int>(objects) - 1);
  EXPECT_GE(as_plain["obj"], static_cast<int>(objects) - 1);
  // Without a target there are no domain copies.
  EXPECT_EQ(TrainTiny("fr")->parser().domain(), 0u);
}

TEST(SyntaxModelTest, TheArcLabellerRelabelsTreesAndRoundTrips) {
  SyntaxTrainOptions opt = TinyOptions("fr");
  opt.labeller_epochs = 8;
  auto model = TrainSyntaxModel(opt, Tiny("fr"), Tiny("fr"), nullptr);
  ASSERT_FALSE(model->parser().labeller().empty());
  EXPECT_TRUE(TrainTiny("fr")->parser().labeller().empty());
  Scores s = Score(*model, Tiny("fr"));
  EXPECT_GE(s.las, 0.95);
  std::string path = TempModel("syntax_labeller");
  ASSERT_TRUE(model->Save(path).ok());
  auto loaded = SyntaxModel::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ASSERT_FALSE((*loaded)->parser().labeller().empty());
  for (const auto& sent : Tiny("fr")) {
    std::vector<std::string> forms;
    for (const auto& w : sent.words) forms.push_back(w.form);
    std::vector<WordAnalysis> a, b;
    model->Analyze(forms, &a);
    (*loaded)->Analyze(forms, &b);
    for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].label, b[i].label);
  }
  std::remove(path.c_str());
}

TEST(SyntaxModelTest, TheArcLabellerReadsTheLabelFromTheTreeAroundTheArc) {
  // Gold trees of the tiny treebank where every object is renamed "ccomp":
  // a labeller trained on them gives "ccomp" to the objects of the gold
  // trees and leaves the other relations as they are.
  auto model = TrainTiny("fr");
  const auto& names = model->parser().labels();
  auto id = [&](const std::string& l) {
    return static_cast<int>(std::find(names.begin(), names.end(), l) - names.begin());
  };
  ASSERT_LT(id("ccomp"), static_cast<int>(names.size()));
  std::vector<ParserInput> inputs;
  std::vector<std::vector<int>> heads, labels;
  for (const auto& sent : Tiny("fr")) {
    std::vector<WordKeys> keys;
    for (const auto& w : sent.words) keys.push_back(MakeWordKeys(w.form));
    std::vector<uint16_t> upos, feats;
    model->tagger().Tag(keys, &upos, &feats);
    inputs.push_back(MakeParserInput(keys, upos, feats));
    heads.push_back({-1});
    labels.push_back({-1});
    for (const auto& w : sent.words) {
      heads.back().push_back(w.head);
      labels.back().push_back(id(w.deprel == "obj" ? "ccomp" : w.deprel));
    }
  }
  std::vector<LabelledTree> trees;
  std::vector<const std::vector<int>*> gold;
  for (size_t i = 0; i < inputs.size(); ++i) {
    trees.push_back({&inputs[i], &heads[i]});
    gold.push_back(&labels[i]);
  }
  ArcLabeller labeller = ArcLabeller::Train(trees, gold, {}, static_cast<int>(names.size()),
                                            model->parser().root_label(), 8, 1, 0.f, 0, nullptr);
  const auto sents = Tiny("fr");
  size_t objects = 0, objects_renamed = 0, right = 0, n = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    std::vector<uint16_t> out(heads[i].size() - 1, 0);
    labeller.Relabel(inputs[i], heads[i], model->parser().root_label(), nullptr, &out);
    for (size_t d = 1; d < heads[i].size(); ++d) {
      ++n;
      right += out[d - 1] == labels[i][d];
      if (sents[i].words[d - 1].deprel != "obj") continue;
      ++objects;
      objects_renamed += names[out[d - 1]] == "ccomp";
    }
  }
  EXPECT_GE(objects, 4u);
  EXPECT_EQ(objects_renamed, objects);
  EXPECT_GE(static_cast<double>(right) / n, 0.97);
}

TEST(SyntaxModelTest, LabellerDomainCopiesFollowTheTargetTreebankAloneWhenAsked) {
  // The same two disagreeing treebanks as above, domain copies for the
  // labeller only: the parser has none, the labeller follows the target.
  std::vector<ConlluSentence> plain = Tiny("fr"), renamed = plain;
  size_t objects = 0;
  for (auto& s : renamed)
    for (auto& w : s.words)
      if (w.deprel == "obj") w.deprel = "obl:arg", ++objects;
  std::vector<ConlluSentence> both = plain;
  both.insert(both.end(), renamed.begin(), renamed.end());
  std::vector<bool> second(both.size(), false), first(both.size(), false);
  for (size_t i = 0; i < plain.size(); ++i) first[i] = true, second[plain.size() + i] = true;
  SyntaxTrainOptions opt = TinyOptions("fr");
  opt.labeller_epochs = 8;
  opt.parser_domains = false;
  opt.labeller_domains = true;
  for (bool target_renamed : {true, false}) {
    auto model = TrainSyntaxModel(opt, both, {}, nullptr, target_renamed ? second : first);
    EXPECT_EQ(model->parser().domain(), 0u);
    EXPECT_EQ(model->parser().labeller().domain(), 2u);
    int as_target = 0;
    for (const auto& s : plain) {
      std::vector<std::string> forms;
      for (const auto& w : s.words) forms.push_back(w.form);
      std::vector<WordAnalysis> an;
      model->Analyze(forms, &an);
      for (size_t i = 0; i < an.size(); ++i)
        if (s.words[i].deprel == "obj")
          as_target += model->LabelName(an[i].label) == (target_renamed ? "obl:arg" : "obj");
    }
    EXPECT_GE(as_target, static_cast<int>(objects) - 1) << target_renamed;
  }
}

TEST(SyntaxModelTest, SetUposHarmonisesATreebankConventionAtLoadTime) {
  std::vector<std::string> forms = {"Les", "rebelles", "ont", "attaqué", "la", "caserne", "."};
  std::vector<WordAnalysis> an;
  TrainTiny("fr")->Analyze(forms, &an);
  EXPECT_EQ(an[5].upos, Upos::kNoun);
  SyntaxTrainOptions opt = TinyOptions("fr");
  opt.set_upos = {{"caserne", "PROPN"}};
  TrainSyntaxModel(opt, Tiny("fr"), {}, nullptr)->Analyze(forms, &an);
  EXPECT_EQ(an[5].upos, Upos::kPropn);
}

}  // namespace
}  // namespace sitrep
