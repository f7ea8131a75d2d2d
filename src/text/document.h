// The analysed document that every stage after ingest reads: the text as
// given (UTF-8, repaired), its tokens and sentences, the language and the
// anchor date. All spans are byte offsets into `text`; Cp() maps them to the
// code point offsets that appear in the output.
#ifndef SITREP_TEXT_DOCUMENT_H_
#define SITREP_TEXT_DOCUMENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/budget.h"
#include "base/utf8.h"
#include "sitrep/document.h"
#include "sitrep/status.h"

namespace sitrep {

struct Span {
  uint32_t begin = 0, end = 0;
  uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool operator==(const Span&) const = default;
};

enum class TokenKind : uint8_t { kWord, kNumber, kPunct };

struct Token {
  Span span;
  std::string fold;  // folded form (see text/fold.h); elided articles keep their apostrophe: "l'"
  TokenKind kind = TokenKind::kWord;
  char32_t punct = 0;           // the character of a punctuation token
  bool capitalized = false;     // first letter upper case
  bool space_before = false;    // whitespace between this token and the previous one
  bool newline_before = false;  // a line break in that whitespace
  // The fold's id in the lexicons' vocabulary (text/vocabulary.h), looked up
  // once when the token is made so matchers compare integers, never strings.
  // Read it through Vocabulary::IdOf, which also covers tokens made by hand.
  uint32_t word = 0;
};

struct Sentence {
  Span span;
  uint32_t tok_begin = 0, tok_end = 0;  // token index range, end exclusive
};

// Splits `text` into tokens with byte offsets relative to `text` plus
// `base`. Words are runs of letters and digits; a French elided article
// ("l'", "d'", "qu'") and an English "'s" become tokens of their own; every
// other character that is not a space is a one-character punctuation token.
// Stops once `out` holds `max_tokens` tokens; returns the bytes of `text`
// read (text.size() unless it stopped).
size_t Tokenize(std::string_view text, uint32_t base, std::vector<Token>* out,
                size_t max_tokens = SIZE_MAX);

struct Document {
  std::string id;
  std::string text;          // the text as given, UTF-8 repaired
  uint32_t body_begin = 0;   // first byte after a leading dateline (" date 2017-06")
  PubDate date;              // anchor date, may be invalid
  std::string lang;          // "fr" or "en" (declared, else guessed)
  std::string url, outlet, origin;
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::vector<std::string> warnings;
  BudgetLog budget;  // what the text stage dropped (tokens past the budget)
  std::unique_ptr<CodePointIndex> cp_index;

  std::string_view Slice(Span s) const { return std::string_view(text).substr(s.begin, s.size()); }
  int64_t Cp(uint32_t byte_offset) const { return cp_index->ToCodePoint(byte_offset); }
  // Index of the sentence holding token `t`.
  size_t SentenceOfToken(uint32_t t) const;
};

// Builds the Document: repairs UTF-8 (with a warning), reads a leading
// dateline, tokenises (at most `max_tokens`: the text after them is
// counted in `budget` and not analysed), splits sentences and settles the
// language. Fails for an empty document or one over `max_bytes`.
StatusOr<std::unique_ptr<Document>> AnalyzeDocument(const RawDocument& raw, size_t max_bytes,
                                                    size_t max_tokens = BudgetLimits().tokens_per_document);

}  // namespace sitrep

#endif  // SITREP_TEXT_DOCUMENT_H_
