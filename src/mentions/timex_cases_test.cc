// The table of time expressions in testdata/timex/cases.tsv: every row is a
// sentence, a publication date and the interval one expression must get.
#include <gtest/gtest.h>

#include "lexicon/tsv.h"
#include "mentions/date_finder.h"
#include "text/document.h"

namespace sitrep {
namespace {

std::string Show(const Ymd& d) { return d.valid() ? d.ToString() : "-"; }

TEST(TimexCases, EveryRowResolves) {
  std::vector<std::string> warnings;
  auto finder = DateFinder::Create(std::string(SITREP_SOURCE_DIR) + "/data/lexicons", &warnings);
  ASSERT_TRUE(finder.ok()) << finder.status().message();
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  auto table =
      ReadTsv(std::string(SITREP_SOURCE_DIR) + "/testdata/timex/cases.tsv",
              {"category", "lang", "pub", "sentence", "text", "start", "end", "precision"});
  ASSERT_TRUE(table.ok()) << table.status().message();
  ASSERT_TRUE(table->errors.empty()) << table->errors.front();
  ASSERT_GE(table->rows.size(), 150u);
  int lang = table->Column("lang"), pub = table->Column("pub"),
      sentence = table->Column("sentence"), text = table->Column("text"),
      start = table->Column("start"), end = table->Column("end"),
      precision = table->Column("precision");
  int passed = 0;
  for (const auto& row : table->rows) {
    const auto& c = row.cells;
    RawDocument raw;
    raw.id = "case" + std::to_string(row.line);
    raw.bytes = c[sentence];
    raw.lang = c[lang];
    if (c[pub] != "-") ASSERT_TRUE(ParsePubDate(c[pub], &raw.date)) << "line " << row.line;
    auto doc = AnalyzeDocument(raw, 1 << 20);
    ASSERT_TRUE(doc.ok());
    auto found = (*finder)->Find(**doc);
    std::string where = "cases.tsv:" + std::to_string(row.line) + ": " + c[sentence];
    if (c[text] == "-") {
      if (found.empty())
        ++passed;
      else
        ADD_FAILURE() << where << "\n  unexpected '" << (*doc)->Slice(found[0].span) << "'";
      continue;
    }
    const DateMention* m = nullptr;
    for (const auto& f : found)
      if ((*doc)->Slice(f.span) == c[text]) m = &f;
    if (m == nullptr) {
      std::string got;
      for (const auto& f : found) got += " '" + std::string((*doc)->Slice(f.span)) + "'";
      ADD_FAILURE() << where << "\n  no expression '" << c[text] << "'; found:" << got;
      continue;
    }
    std::string want = c[start] + " " + c[end] + " " + c[precision];
    std::string got = Show(m->interval.start) + " " + Show(m->interval.end) + " " +
                      DatePrecisionName(m->interval.precision);
    if (want == got)
      ++passed;
    else
      ADD_FAILURE() << where << "\n  '" << c[text] << "' want " << want << ", got " << got << " ("
                    << m->rule << ")";
  }
  std::cout << "timex cases: " << passed << "/" << table->rows.size() << " passed\n";
}

}  // namespace
}  // namespace sitrep
