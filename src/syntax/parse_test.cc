// DocParse accessors over a hand-built parse (no model needed).
#include "syntax/parse.h"

#include <gtest/gtest.h>

#include "text/document.h"

namespace sitrep {
namespace {

ParsedToken Tok(int32_t head, Dep dep, const char* lemma, Upos upos, const char* feats = "_") {
  ParsedToken t;
  t.head = head;
  t.dep = dep;
  t.deprel = DepName(dep);
  t.lemma = lemma;
  t.upos = upos;
  t.feats = feats;
  t.morph = MorphFromFeats(feats);
  return t;
}

// "Le camp avait été attaqué par les rebelles et pillé ." (tokens 0..10)
DocParse Build() {
  Document doc;
  doc.sentences.push_back(Sentence{{0, 60}, 0, 11});
  DocParse p;
  p.Reset(doc);
  SentenceParse s;
  s.tok_begin = 0;
  s.tok_end = 11;
  s.tokens = {Tok(1, Dep::kDet, "le", Upos::kDet),
              Tok(4, Dep::kNsubjPass, "camp", Upos::kNoun),
              Tok(4, Dep::kAuxTense, "avoir", Upos::kAux, "Mood=Ind|Tense=Imp|VerbForm=Fin"),
              Tok(4, Dep::kAuxPass, "être", Upos::kAux, "Tense=Past|VerbForm=Part"),
              Tok(-1, Dep::kRoot, "attaquer", Upos::kVerb, "Tense=Past|VerbForm=Part|Voice=Pass"),
              Tok(7, Dep::kCase, "par", Upos::kAdp),
              Tok(7, Dep::kDet, "le", Upos::kDet),
              Tok(4, Dep::kObl, "rebelle", Upos::kNoun),
              Tok(9, Dep::kCc, "et", Upos::kCconj),
              Tok(4, Dep::kConj, "piller", Upos::kVerb, "Tense=Past|VerbForm=Part"),
              Tok(4, Dep::kPunct, ".", Upos::kPunct)};
  p.Set(0, std::move(s));
  return p;
}

TEST(DocParseTest, ReadsRelationsVoiceAndTense) {
  DocParse p = Build();
  EXPECT_EQ(p.Head(1), 4);
  EXPECT_EQ(p.Relation(4), Dep::kRoot);
  EXPECT_EQ(p.Subject(4), 1);
  EXPECT_EQ(p.Agent(4), 7);  // an obl introduced by "par"
  EXPECT_EQ(p.CaseOf(7), "par");
  EXPECT_TRUE(p.IsPassive(4));
  EXPECT_TRUE(p.IsPluperfect(4));
  EXPECT_FALSE(p.IsNegated(4));
  EXPECT_EQ(p.Subject(9), 1);  // the second conjunct shares the subject
  EXPECT_EQ(p.Children(4, Dep::kConj), std::vector<uint32_t>{9});
  EXPECT_EQ(p.FirstChild(4, Dep::kObj), -1);
  EXPECT_EQ(BaseDep(Dep::kNsubjPass), Dep::kNsubj);
  EXPECT_EQ(DepFromString("obl:xyz"), Dep::kObl);
}

TEST(DocParseTest, UnparsedSentencesAnswerNothing) {
  Document doc;
  doc.sentences.push_back(Sentence{{0, 10}, 0, 3});
  DocParse p;
  p.Reset(doc);
  EXPECT_EQ(p.Get(1), nullptr);
  EXPECT_EQ(p.Head(1), -1);
  EXPECT_TRUE(p.Children(1).empty());
  EXPECT_FALSE(p.IsPassive(1));
}

}  // namespace
}  // namespace sitrep
