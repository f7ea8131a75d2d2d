// The table of counts in testdata/numbers/cases.tsv: every row is a
// sentence and the count, range and noun one number must get.
#include <gtest/gtest.h>

#include "lexicon/tsv.h"
#include "mentions/number_finder.h"
#include "text/document.h"

namespace sitrep {
namespace {

std::string Show(const NumberMention& m, const Document& doc) {
  return std::to_string(m.value.low) + " " + std::to_string(m.value.best) + " " +
         (m.value.high ? std::to_string(*m.value.high) : "-") + " " +
         (m.noun.empty() ? "-" : std::string(doc.Slice(m.noun))) + " " +
         (m.noun_class.empty() ? "-" : m.noun_class);
}

TEST(NumberCases, EveryRowReads) {
  std::vector<std::string> warnings;
  auto finder = NumberFinder::Create(std::string(SITREP_SOURCE_DIR) + "/data/lexicons", &warnings);
  ASSERT_TRUE(finder.ok()) << finder.status().message();
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  auto table = ReadTsv(std::string(SITREP_SOURCE_DIR) + "/testdata/numbers/cases.tsv",
                       {"lang", "sentence", "text", "low", "best", "high", "noun", "class"});
  ASSERT_TRUE(table.ok()) << table.status().message();
  ASSERT_TRUE(table->errors.empty()) << table->errors.front();
  ASSERT_GE(table->rows.size(), 80u);
  int passed = 0;
  for (const auto& row : table->rows) {
    const auto& c = row.cells;
    RawDocument raw;
    raw.id = "case" + std::to_string(row.line);
    raw.bytes = c[1];
    raw.lang = c[0];
    auto doc = AnalyzeDocument(raw, 1 << 20);
    ASSERT_TRUE(doc.ok());
    auto found = (*finder)->Find(**doc);
    std::string where = "numbers/cases.tsv:" + std::to_string(row.line) + ": " + c[1];
    if (c[2] == "-") {
      if (found.empty())
        ++passed;
      else
        ADD_FAILURE() << where << "\n  unexpected '" << (*doc)->Slice(found[0].span) << "'";
      continue;
    }
    const NumberMention* m = nullptr;
    for (const auto& f : found)
      if ((*doc)->Slice(f.span) == c[2]) m = &f;
    if (m == nullptr) {
      std::string got;
      for (const auto& f : found) got += " '" + std::string((*doc)->Slice(f.span)) + "'";
      ADD_FAILURE() << where << "\n  no count '" << c[2] << "'; found:" << got;
      continue;
    }
    std::string want = c[3] + " " + c[4] + " " + c[5] + " " + c[6] + " " + c[7];
    std::string got = Show(*m, **doc);
    if (want == got)
      ++passed;
    else
      ADD_FAILURE() << where << "\n  want " << want << ", got " << got << " (" << m->rule << ")";
  }
  std::cout << "number cases: " << passed << "/" << table->rows.size() << " passed\n";
}

}  // namespace
}  // namespace sitrep
