// The text stage (text/document.h): UTF-8 repair, dateline, tokenizer,
// sentence splitter and language guess on arbitrary bytes. Checks that
// token and sentence spans stay inside the text, in order, and that the
// sentences cover the tokens exactly.
#include <cstdlib>

#include "fuzz/fuzz_util.h"
#include "text/document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sitrep::RawDocument raw = sitrep::fuzz::DocumentFromInput(data, size);
  auto analyzed = sitrep::AnalyzeDocument(raw, 1u << 20);
  if (!analyzed.ok()) return 0;
  const sitrep::Document& doc = **analyzed;
  uint32_t last_end = doc.body_begin;
  for (const auto& t : doc.tokens) {
    if (t.span.begin < last_end || t.span.end <= t.span.begin || t.span.end > doc.text.size()) std::abort();
    last_end = t.span.end;
  }
  uint32_t next_tok = 0;
  for (const auto& s : doc.sentences) {
    if (s.tok_begin != next_tok || s.tok_end <= s.tok_begin || s.tok_end > doc.tokens.size()) std::abort();
    next_tok = s.tok_end;
  }
  if (next_tok != doc.tokens.size()) std::abort();
  if (doc.lang != "fr" && doc.lang != "en") std::abort();
  for (const auto& t : doc.tokens) (void)doc.Cp(t.span.end);
  return 0;
}
