#include "text/document.h"

#include <algorithm>
#include <cctype>

#include "text/sentences.h"

namespace sitrep {
namespace {

// A leading " date 2017-06 " line: metadata, not text to extract from.
// Returns the byte where the body starts (0 when there is no dateline).
uint32_t ReadDateline(std::string_view text, PubDate* date) {
  size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  if (text.substr(i, 5) != "date " && text.substr(i, 5) != "Date ") return 0;
  size_t j = i + 5;
  while (j < text.size() && text[j] == ' ') ++j;
  size_t k = j;
  while (k < text.size() && (std::isdigit(static_cast<unsigned char>(text[k])) || text[k] == '-')) ++k;
  PubDate d;
  if (k == j || !ParsePubDate(std::string(text.substr(j, k - j)), &d)) return 0;
  if (k < text.size() && !std::isspace(static_cast<unsigned char>(text[k]))) return 0;
  if (!date->valid()) *date = d;
  while (k < text.size() && std::isspace(static_cast<unsigned char>(text[k]))) ++k;
  return static_cast<uint32_t>(k);
}

}  // namespace

size_t Document::SentenceOfToken(uint32_t t) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), t,
                             [](uint32_t v, const Sentence& s) { return v < s.tok_begin; });
  return it == sentences.begin() ? 0 : static_cast<size_t>(it - sentences.begin() - 1);
}

StatusOr<std::unique_ptr<Document>> AnalyzeDocument(const RawDocument& raw, size_t max_bytes,
                                                    size_t max_tokens) {
  if (raw.bytes.size() > max_bytes) {
    return Status::ResourceExhausted("document is over the size cap of " + std::to_string(max_bytes) +
                                     " bytes (raise it with --max-bytes)");
  }
  auto doc = std::make_unique<Document>();
  doc->id = raw.id;
  doc->date = raw.date;
  doc->url = raw.url;
  doc->outlet = raw.outlet;
  doc->origin = raw.origin;
  size_t bad = RepairUtf8(raw.bytes, &doc->text);
  if (bad > 0) {
    doc->warnings.push_back("malformed UTF-8: " + std::to_string(bad) +
                            " invalid byte(s) replaced with U+FFFD");
  }
  if (doc->text.size() > UINT32_MAX / 2) return Status::ResourceExhausted("document too large");
  doc->body_begin = ReadDateline(doc->text, &doc->date);
  std::string_view body = std::string_view(doc->text).substr(doc->body_begin);
  size_t read = Tokenize(body, doc->body_begin, &doc->tokens, max_tokens);
  if (read < body.size()) doc->budget.Dropped(Budget::kTokensPerDocument, body.size() - read);
  doc->tokens.shrink_to_fit();  // the vector lives as long as the document: no doubling slack
  if (doc->tokens.empty()) return Status::InvalidArgument("empty document (no text to read)");
  doc->sentences = SplitSentences(doc->tokens);
  std::string declared = raw.lang.substr(0, 2);
  doc->lang = (declared == "fr" || declared == "en") ? declared : GuessLanguage(doc->tokens, "");
  if (!raw.lang.empty() && declared != "fr" && declared != "en") {
    doc->warnings.push_back("declared language '" + raw.lang + "' has no lexicon; read as " + doc->lang);
  }
  if (!doc->date.valid()) {
    doc->warnings.push_back("no publication date: relative dates stay unknown");
  }
  doc->cp_index = std::make_unique<CodePointIndex>(doc->text);
  return doc;
}

}  // namespace sitrep
