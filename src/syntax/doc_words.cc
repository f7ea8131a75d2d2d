#include "syntax/doc_words.h"

#include <array>

#include "syntax/word_form.h"

namespace sitrep {
namespace {

bool IsClitic(std::string_view fold) {
  static constexpr std::array<std::string_view, 19> kClitics = {
      "il", "elle", "ils", "elles", "on", "je", "tu", "nous", "vous", "ce",
      "en", "y",  "le",  "la",    "les", "lui", "leur", "moi", "toi"};
  for (auto c : kClitics)
    if (fold == c) return true;
  return false;
}

std::string NormalizeApostrophes(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x99 || static_cast<unsigned char>(s[i + 2]) == 0x98)) {
      out.push_back('\'');
      i += 2;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

class Builder {
 public:
  Builder(const Document& doc, const Sentence& s, const MultiwordTable& mw)
      : doc_(doc), s_(s), mw_(mw), en_(doc.lang == "en") {
    out_.part_of.assign(s.tok_end - s.tok_begin, -1);
  }

  SentenceWords Build() {
    for (uint32_t i = s_.tok_begin; i < s_.tok_end;) i = Next(i);
    return std::move(out_);
  }

 private:
  const Token& T(uint32_t i) const { return doc_.tokens[i]; }
  bool Glued(uint32_t i) const { return i < s_.tok_end && !T(i).space_before; }
  bool IsHyphen(uint32_t i) const { return i < s_.tok_end && T(i).kind == TokenKind::kPunct && T(i).punct == '-'; }
  std::string Text(uint32_t first, uint32_t last) const {
    return NormalizeApostrophes(std::string_view(doc_.text).substr(T(first).span.begin, T(last).span.end - T(first).span.begin));
  }
  void Part(uint32_t piece, uint32_t carrier) { out_.part_of[piece - s_.tok_begin] = static_cast<int32_t>(carrier); }

  // "-t-" + clitic starts at hyphen token i ("a-t-il").
  bool EuphonicT(uint32_t i) const {
    return i + 3 < s_.tok_end && IsHyphen(i) && T(i + 1).fold == "t" && Glued(i + 1) && IsHyphen(i + 2) &&
           Glued(i + 2) && Glued(i + 3) && IsClitic(T(i + 3).fold);
  }

  // Reads the word(s) starting at token i; returns the next token index.
  uint32_t Next(uint32_t i) {
    const Token& t = T(i);
    if (!en_ && IsHyphen(i) && Glued(i) && i > s_.tok_begin && T(i - 1).kind == TokenKind::kWord) {
      // "-t-il": "-", "t", "-", pronoun, all glued.
      if (i + 3 < s_.tok_end && T(i + 1).fold == "t" && Glued(i + 1) && IsHyphen(i + 2) && Glued(i + 2) &&
          Glued(i + 3) && IsClitic(T(i + 3).fold)) {
        for (uint32_t k = i; k < i + 3; ++k) Part(k, i + 3);
        Add(Text(i, i + 3), i + 3);
        return i + 4;
      }
      if (i + 1 < s_.tok_end && Glued(i + 1) && IsClitic(T(i + 1).fold) && !(IsHyphen(i + 2) && Glued(i + 2))) {
        Part(i, i + 1);
        Add(Text(i, i + 1), i + 1);
        return i + 2;
      }
    }
    uint32_t last = i;
    if (!en_ && t.kind == TokenKind::kWord) {
      // Hyphenated compounds: word(-word)+, unless the part after a hyphen is a clitic.
      while (last + 2 < s_.tok_end && IsHyphen(last + 1) && Glued(last + 1) && Glued(last + 2) &&
             T(last + 2).kind == TokenKind::kWord && !IsClitic(T(last + 2).fold) &&
             !EuphonicT(last + 1)) {
        Part(last + 1, i);
        Part(last + 2, i);
        last += 2;
      }
    }
    if (en_ && t.kind == TokenKind::kPunct && (t.fold == "'") && Glued(i) && i + 1 < s_.tok_end &&
        Glued(i + 1) && T(i + 1).fold == "s" && i > s_.tok_begin) {
      Part(i + 1, i);
      Add(Text(i, i + 1), i);
      return i + 2;
    }
    std::string form = Text(i, last);
    std::string lower = LowerForm(form);
    std::string prev = i > s_.tok_begin ? LowerForm(Text(i - 1, i - 1)) : "<s>";
    std::vector<std::string> parts = mw_.Expand(lower, prev);
    if (parts.empty() && en_) parts = EnglishContraction(lower);
    if (parts.size() < 2) {
      Add(form, i);
      return last + 1;
    }
    SplitInto(form, lower, parts, i);
    return last + 1;
  }

  static std::vector<std::string> EnglishContraction(const std::string& lower) {
    for (std::string_view end : {"n't", "'m", "'re", "'ve", "'ll", "'d"}) {
      if (lower.size() > end.size() && lower.compare(lower.size() - end.size(), end.size(), end) == 0)
        return {lower.substr(0, lower.size() - end.size()), std::string(end)};
    }
    return {};
  }

  // The words of a contraction, keeping the text's letters when they spell it ("Don't" -> "Do" "n't").
  void SplitInto(const std::string& form, const std::string& lower, const std::vector<std::string>& parts,
                 uint32_t token) {
    std::string joined;
    for (const auto& p : parts) joined += p;
    bool spelled = joined == lower && form.size() == lower.size();
    size_t pos = 0;
    for (size_t k = 0; k < parts.size(); ++k) {
      std::string w = spelled ? form.substr(pos, parts[k].size()) : parts[k];
      if (!spelled && k == 0 && T(token).capitalized && !w.empty() && w[0] >= 'a' && w[0] <= 'z') w[0] -= 32;
      pos += parts[k].size();
      out_.words.push_back({w, token, k == 0});
    }
  }

  void Add(std::string form, uint32_t token) { out_.words.push_back({std::move(form), token, true}); }

  const Document& doc_;
  const Sentence& s_;
  const MultiwordTable& mw_;
  bool en_;
  SentenceWords out_;
};

}  // namespace

SentenceWords BuildWords(const Document& doc, const Sentence& sentence, const MultiwordTable& multiword) {
  return Builder(doc, sentence, multiword).Build();
}

}  // namespace sitrep
