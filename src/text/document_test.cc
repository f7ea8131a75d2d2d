#include "text/document.h"

#include <gtest/gtest.h>

#include "text/fold.h"

namespace sitrep {
namespace {

std::vector<std::string> Folds(std::string_view text) {
  std::vector<Token> toks;
  Tokenize(text, 0, &toks);
  std::vector<std::string> out;
  for (auto& t : toks) out.push_back(t.fold);
  return out;
}

TEST(FoldTest, CaseAccentsLigaturesAndApostrophes) {
  EXPECT_EQ(Fold("ÉTAT Islamique"), "etat islamique");
  EXPECT_EQ(Fold("Lattaquié"), "lattaquie");
  EXPECT_EQ(Fold("cœur"), "coeur");
  EXPECT_EQ(Fold("l\xE2\x80\x99" "armée"), "l'armee");
  EXPECT_EQ(Fold("Deir ez\xE2\x80\x93Zor"), "deir ez-zor");
}

TEST(TokenizerTest, SplitsElisionButKeepsNamesWithApostrophes) {
  EXPECT_EQ(Folds("d'Alep"), (std::vector<std::string>{"d'", "alep"}));
  EXPECT_EQ(Folds("l\xE2\x80\x99" "aviation"), (std::vector<std::string>{"l'", "aviation"}));
  EXPECT_EQ(Folds("Hay'at Tahrir"), (std::vector<std::string>{"hay'at", "tahrir"}));
  EXPECT_EQ(Folds("Syria's army"), (std::vector<std::string>{"syria", "'", "s", "army"}));
  EXPECT_EQ(Folds("aujourd'hui"), (std::vector<std::string>{"aujourd'hui"}));
}

TEST(TokenizerTest, NumbersHyphensAndOffsets) {
  std::vector<Token> toks;
  Tokenize("près d'Al-Boukamal, 1 199 morts", 10, &toks);
  ASSERT_EQ(toks.size(), 9u);
  EXPECT_EQ(toks[0].fold, "pres");
  EXPECT_EQ(toks[0].span.begin, 10u);
  EXPECT_EQ(toks[0].span.end, 15u);  // "près" is five bytes
  EXPECT_EQ(toks[3].fold, "-");
  EXPECT_EQ(toks[6].kind, TokenKind::kNumber);
  EXPECT_EQ(toks[7].fold, "199");
  EXPECT_TRUE(toks[7].space_before);
}

std::vector<std::string> SentenceTexts(const std::string& text) {
  RawDocument raw;
  raw.id = "t";
  raw.bytes = text;
  auto doc = AnalyzeDocument(raw, 1 << 20);
  EXPECT_TRUE(doc.ok());
  std::vector<std::string> out;
  for (const auto& s : (*doc)->sentences) out.emplace_back((*doc)->Slice(s.span));
  return out;
}

TEST(SentenceTest, AbbreviationsInitialsAndGluedStops) {
  EXPECT_EQ(SentenceTexts("M. Lavrov a parlé. Les frappes ont repris."),
            (std::vector<std::string>{"M. Lavrov a parlé.", "Les frappes ont repris."}));
  EXPECT_EQ(SentenceTexts("Un titre\nLe texte suit. Il finit."),
            (std::vector<std::string>{"Un titre", "Le texte suit.", "Il finit."}));
  EXPECT_EQ(SentenceTexts("la fin du conflit.Le lendemain, rien."),
            (std::vector<std::string>{"la fin du conflit.", "Le lendemain, rien."}));
  EXPECT_EQ(SentenceTexts("« Ils ont fui. » Puis ils sont revenus."),
            (std::vector<std::string>{"« Ils ont fui. »", "Puis ils sont revenus."}));
}

TEST(DocumentTest, DatelineIsMetadataAndOffsetsStayInTheGivenText) {
  RawDocument raw;
  raw.id = "d";
  raw.bytes = " date 2017-06 Les avions russes ont frappé.";
  auto doc = AnalyzeDocument(raw, 1 << 20);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ((*doc)->date.y, 2017);
  EXPECT_EQ((*doc)->date.m, 6);
  EXPECT_EQ((*doc)->date.d, 0);
  EXPECT_EQ((*doc)->Slice((*doc)->tokens[0].span), "Les");
  EXPECT_EQ((*doc)->tokens[0].span.begin, 14u);
  EXPECT_EQ((*doc)->lang, "fr");
}

TEST(DocumentTest, EmptyAndOversizedDocumentsFail) {
  RawDocument raw;
  raw.bytes = "   \n ";
  EXPECT_FALSE(AnalyzeDocument(raw, 100).ok());
  raw.bytes = std::string(200, 'a');
  auto r = AnalyzeDocument(raw, 100);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
}

TEST(DocumentTest, MalformedUtf8IsRepairedWithAWarning) {
  RawDocument raw;
  raw.bytes = "Des frappes \xFF ont eu lieu.";
  auto doc = AnalyzeDocument(raw, 1 << 20);
  ASSERT_TRUE(doc.ok());
  ASSERT_FALSE((*doc)->warnings.empty());
  EXPECT_NE((*doc)->warnings[0].find("malformed UTF-8"), std::string::npos);
  EXPECT_NE((*doc)->text.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(DocumentTest, GuessesEnglish) {
  RawDocument raw;
  raw.bytes = "The army said that the strikes were carried out on Monday.";
  auto doc = AnalyzeDocument(raw, 1 << 20);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ((*doc)->lang, "en");
}

}  // namespace
}  // namespace sitrep
