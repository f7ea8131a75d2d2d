// Trains a model on the tiny treebanks written for these tests and checks
// that it parses its own sentences back, that the file round-trips and
// that damage is detected.
#include "syntax/syntax_model.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "syntax/syntax_trainer.h"

namespace sitrep {
namespace {

std::vector<ConlluSentence> Tiny(const std::string& lang) {
  auto s = ReadConlluFile(std::string(SITREP_SOURCE_DIR) + "/testdata/syntax/tiny_" + lang + ".conllu");
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? *s : std::vector<ConlluSentence>{};
}

std::unique_ptr<SyntaxModel> TrainTiny(const std::string& lang) {
  SyntaxTrainOptions opt;
  opt.lang = lang;
  opt.tagger_epochs = 10;
  opt.parser_epochs = 15;
  opt.folds = 0;
  opt.command = "test";
  return TrainSyntaxModel(opt, Tiny(lang), {}, nullptr);
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

}  // namespace
}  // namespace sitrep
