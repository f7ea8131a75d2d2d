// Input built to break the readers: the budgets (sitrep/budget.h) and
// their warnings, hostile files for the loaders, and the inputs the fuzz
// targets of fuzz/ found (each a regression test here).
#include <sys/resource.h>

#include <cstring>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

#include "base/hash.h"
#include "gazetteer/builder.h"
#include "gazetteer/gazetteer.h"
#include "ingest/reader.h"
#include "server/api_params.h"
#include "sitrep/pipeline.h"
#include "syntax/conllu.h"
#include "syntax/syntax_model.h"
#include "text/document.h"

namespace sitrep {
namespace {

bool HasWarning(const DocumentResult& r, const std::string& part) {
  for (const auto& w : r.warnings)
    if (w.find(part) != std::string::npos) return true;
  return false;
}

std::unique_ptr<Pipeline> MakePipeline(const BudgetLimits& budgets) {
  PipelineOptions o;
  o.budgets = budgets;
  o.max_document_bytes = 20u << 20;
  auto p = Pipeline::Create(o);
  EXPECT_TRUE(p.ok()) << p.status().message();
  return p.ok() ? std::move(p).value() : nullptr;
}

RawDocument Doc(std::string text, const char* lang = "en") {
  RawDocument d;
  d.id = "hostile";
  d.bytes = std::move(text);
  d.lang = lang;
  d.date = {2024, 2, 20};
  d.origin = "test:1";
  return d;
}

std::string RandomBytes(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

TEST(TokenBudgetTest, TokenizingStopsAtTheBudgetAndSaysWhere) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "mot ";
  auto doc = AnalyzeDocument(Doc(text, "fr"), 1u << 20, /*max_tokens=*/100);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ((*doc)->tokens.size(), 100u);
  EXPECT_EQ((*doc)->budget.dropped(Budget::kTokensPerDocument), text.size() - (*doc)->tokens.back().span.end);
  auto whole = AnalyzeDocument(Doc(text, "fr"), 1u << 20);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ((*whole)->tokens.size(), 1000u);
  EXPECT_EQ((*whole)->budget.dropped(Budget::kTokensPerDocument), 0u);
}

TEST(TokenBudgetTest, ARunHoldingNoiseIsOneToken) {
  std::vector<Token> toks;
  std::string text = "Raids on Ra\xEF\xBF\xBDqqa \x01\x02x killed \xEF\xBF\xBD 4";
  Tokenize(text, 0, &toks);
  std::vector<std::string> folds;
  for (const auto& t : toks) folds.push_back(t.kind == TokenKind::kPunct ? "#" : t.fold);
  EXPECT_EQ(folds, (std::vector<std::string>{"raids", "on", "#", "#", "killed", "#", "4"}));
  EXPECT_EQ(text.substr(toks[2].span.begin, toks[2].span.size()), "Ra\xEF\xBF\xBDqqa");
  // Random bytes: a token per word-sized run, not one per byte.
  auto doc = AnalyzeDocument(Doc(RandomBytes(1u << 20, 7)), 2u << 20);
  ASSERT_TRUE(doc.ok());
  EXPECT_LT((*doc)->tokens.size(), (1u << 20) / 10);
}

TEST(PipelineBudgetTest, EachBudgetReachedIsAWarningNotAFailure) {
  BudgetLimits tight;
  tight.tokens_per_document = 3000;
  tight.mentions_per_sentence = 2;
  tight.words_per_parsed_sentence = 12;
  tight.events_per_document = 1;
  auto p = MakePipeline(tight);
  ASSERT_TRUE(p);
  std::string text =
      "Gunmen attacked a village near Kidal on Monday, killing six people, officials said.\n"
      "Air strikes hit Idlib, Aleppo, Hama, Homs and Raqqa on Tuesday, killing 3, 4, 5 and 6 people "
      "in an attack that the army, the police, the rebels and the militia all blamed on each other.\n"
      "Soldiers clashed with rebels in Gao on Wednesday; eight fighters were killed.\n";
  std::string big;
  while (big.size() < 40000) big += text;
  auto r = p->Run(Doc(big));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(HasWarning(*r, "budget: over 3000 tokens")) << ::testing::PrintToString(r->warnings);
  EXPECT_TRUE(HasWarning(*r, "of one kind in a sentence"));
  EXPECT_TRUE(HasWarning(*r, "words were not parsed"));
  EXPECT_LE(r->events.size(), 1u);
  EXPECT_TRUE(HasWarning(*r, "events dropped past 1"));

  // The same text with the default budgets reaches none of them.
  auto roomy = MakePipeline(BudgetLimits());
  auto r2 = roomy->Run(Doc(text));
  ASSERT_TRUE(r2.ok());
  EXPECT_FALSE(HasWarning(*r2, "budget:")) << ::testing::PrintToString(r2->warnings);
  EXPECT_GE(r2->events.size(), 2u);

  // Sources that only refer back ("a-t-il précisé") have no words of their
  // own: they count in their cue's sentence, not all in the first one.
  std::string back;
  for (int i = 0; i < 100; ++i) back += "Trois soldats ont été tués à Gao, a-t-il précisé.\n";
  auto r3 = roomy->Run(Doc(back, "fr"));
  ASSERT_TRUE(r3.ok());
  EXPECT_FALSE(HasWarning(*r3, "budget:")) << ::testing::PrintToString(r3->warnings);
}

// Peak resident memory in bytes so far (this test runs in its own process
// under CTest).
size_t PeakRss() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<size_t>(u.ru_maxrss) * 1024;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

TEST(HostileDocumentTest, HostileDocumentsStayWithinThirtyTimesTheirSize) {
  auto p = MakePipeline(BudgetLimits());
  ASSERT_TRUE(p);
  ASSERT_TRUE(p->Run(Doc("Gunmen killed six villagers near Kidal on Monday.")).ok());
  struct Case {
    const char* name;
    std::string text;
  };
  std::string word, sentence;
  while (word.size() < (4u << 20)) word += "attaque ";
  while (sentence.size() < (1u << 20)) sentence += "les soldats ont attaqué le village de Kidal hier et ";
  std::vector<Case> cases = {{"2 MB of random bytes", RandomBytes(2u << 20, 15)},
                             {"4 MB of one word", std::move(word)},
                             {"a sentence of 1 MB", std::move(sentence)}};
  for (auto& c : cases) {
    size_t before = PeakRss();
    auto r = p->Run(Doc(c.text, "fr"));
    ASSERT_TRUE(r.ok()) << c.name << ": " << r.status().message();
    size_t grew = PeakRss() - before;
    if (!kSanitized) {
      EXPECT_LE(grew, 30 * c.text.size()) << c.name;
    }
  }
}

TEST(HostileDocumentTest, ADocumentThatStartsWithAHyphenAndNamesForcesIsRead) {
  // The actor finder looked at the token before a hyphen at the document's
  // start (index -1) when no nationality followed a forces noun.
  auto p = MakePipeline(BudgetLimits());
  ASSERT_TRUE(p);
  for (auto [text, lang] : {std::pair{"- Les forces ont tiré sur la foule.", "fr"},
                            std::pair{"- The army shelled the town.", "en"}}) {
    auto r = p->Run(Doc(text, lang));
    ASSERT_TRUE(r.ok()) << text << ": " << r.status().message();
  }
}

TEST(HostileLoaderTest, AGazetteerWithAMatchingHashButPointersOutsideIsRefused) {
  GazetteerBuilder b;
  BuildPlace homs{169577, "Homs", 34.73, 36.72, 775000, "SY", "SY-HI", "P.PPLA", PlaceLevel::kPlace};
  b.AddName(b.AddPlace(homs), "Homs", true);
  std::string good = b.Serialize();
  ASSERT_TRUE(Gazetteer::FromBytes(good).ok());
  GazFileHeader h;
  std::memcpy(&h, good.data(), sizeof h);
  const size_t keys_at = sizeof h + h.places * sizeof(PlaceRecord);
  ASSERT_GT(h.keys, 0u);
  auto tamper = [&](auto edit) {
    std::string bad = good;
    edit(bad);
    GazFileHeader bh;
    std::memcpy(&bh, bad.data(), sizeof bh);
    bh.content_hash = Fnv1a64(std::string_view(bad).substr(sizeof bh));
    std::memcpy(bad.data(), &bh, sizeof bh);
    return Gazetteer::FromBytes(bad);
  };
  auto postings_past = tamper([&](std::string& s) {
    KeyRecord k;
    std::memcpy(&k, s.data() + keys_at, sizeof k);
    k.postings = 1000;
    std::memcpy(s.data() + keys_at, &k, sizeof k);
  });
  ASSERT_FALSE(postings_past.ok());
  EXPECT_NE(postings_past.status().message().find("postings"), std::string::npos);
  auto name_past = tamper([&](std::string& s) {
    PlaceRecord r;
    std::memcpy(&r, s.data() + sizeof h, sizeof r);
    r.name = 0xffffff;
    std::memcpy(s.data() + sizeof h, &r, sizeof r);
  });
  EXPECT_FALSE(name_past.ok());
  auto unterminated = tamper([&](std::string& s) { s.back() = 'x'; });
  EXPECT_FALSE(unterminated.ok());
}

TEST(HostileLoaderTest, ASyntaxModelBodyOfGarbageIsRefusedWithItsOrigin) {
  for (const std::string& body : {std::string(), RandomBytes(5000, 3), std::string("\x02\0\0\0fr", 6),
                                  std::string(64, '\xff')}) {
    auto m = SyntaxModel::FromBody(body, 0, "hostile.bin");
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.status().message().rfind("hostile.bin:", 0), 0u) << m.status().message();
  }
}

TEST(HostileReaderTest, AnOversizedLineIsReportedAndTheNextOneRead) {
  ReaderOptions opt;
  opt.max_document_bytes = 1000;
  std::string input = "{\"text\": \"" + std::string(10000, 'a') + "\"}\n{\"text\": \"Fine.\"}\n";
  std::istringstream in(input);
  std::vector<std::string> reports;
  size_t docs = 0;
  auto stats = ReadInputStream(
      in, "big.jsonl", opt, [&](RawDocument&&) { ++docs; },
      [&](const std::string& origin, const std::string& reason) { reports.push_back(origin + ": " + reason); });
  EXPECT_EQ(docs, 1u);
  EXPECT_EQ(stats.skipped, 1u);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].rfind("big.jsonl:1: record of", 0), 0u) << reports[0];
}

TEST(HostileParamsTest, MalformedPercentEscapesAreKeptAsWritten) {
  auto p = ParseQueryString("q=%zz&limit=%31%30&x=%&y=a+b%20c");
  ASSERT_EQ(p.count("q"), 1u);
  EXPECT_EQ(p.find("q")->second, "%zz");
  EXPECT_EQ(p.find("limit")->second, "10");
  EXPECT_EQ(p.find("x")->second, "%");
  EXPECT_EQ(p.find("y")->second, "a b c");
  auto q = ParseApiQuery(ParseQueryString("limit=%31%30&q=%E9t%E9%00"));
  ASSERT_TRUE(q.ok()) << q.status().message();
  EXPECT_EQ(q->limit, 10u);
}

}  // namespace
}  // namespace sitrep
