#include "syntax/sentence_parser.h"

#include <iterator>

#include "syntax/doc_words.h"

namespace sitrep {
namespace {

void Fill(const WordAnalysis& a, const SyntaxModel& model, ParsedToken* t) {
  t->dep = DepFromString(model.LabelName(a.label));
  t->deprel = model.LabelName(a.label);
  t->upos = a.upos;
  t->feats = model.FeatsName(a.feats);
  t->morph = MorphFromFeats(t->feats);
  t->lemma = a.lemma;
}

}  // namespace

SentenceParse ParseSentence(const Document& doc, size_t sentence, const SyntaxModel& model, uint32_t detached_end) {
  const Sentence& s = doc.sentences[sentence];
  SentenceParse out;
  out.tok_begin = s.tok_begin;
  out.tok_end = s.tok_end;
  out.tokens.resize(s.tok_end - s.tok_begin);
  SentenceWords sw = BuildWords(doc, s, model.multiword());
  std::vector<std::string> forms;
  for (const auto& w : sw.words) forms.push_back(w.form);
  // The words of a detached opening phrase come first; none of them when
  // the phrase is empty or would take the whole sentence.
  size_t split = 0;
  if (detached_end > s.tok_begin && detached_end < s.tok_end)
    while (split < sw.words.size() && sw.words[split].token < detached_end) ++split;
  if (split == sw.words.size()) split = 0;
  std::vector<WordAnalysis> an;
  std::vector<char> detached_root(sw.words.size(), 0);
  if (split == 0) {
    model.Analyze(forms, &an);
  } else {
    // The clause is parsed on its own, then the opening phrase on its own;
    // the phrase's root becomes an oblique of the clause's root.
    std::vector<std::string> opening(forms.begin(), forms.begin() + static_cast<std::ptrdiff_t>(split));
    std::vector<std::string> clause(forms.begin() + static_cast<std::ptrdiff_t>(split), forms.end());
    std::vector<WordAnalysis> a, b;
    model.Analyze(opening, &a);
    model.Analyze(clause, &b);
    int clause_root = -1;
    for (size_t i = 0; i < b.size(); ++i) {
      if (b[i].head < 0) {
        if (clause_root < 0) clause_root = static_cast<int>(i + split);
      } else {
        b[i].head += static_cast<int>(split);
      }
    }
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i].head < 0) a[i].head = clause_root, detached_root[i] = 1;
    an = std::move(a);
    an.insert(an.end(), std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()));
  }
  // The head token of word i: its head word's token, skipping words that
  // share word i's own token (the "le" of "du" never heads its "de").
  auto head_token = [&](size_t i) -> int32_t {
    int h = an[i].head;
    for (size_t guard = 0; h >= 0 && sw.words[h].token == sw.words[i].token && guard < an.size(); ++guard)
      h = an[h].head;
    return h < 0 ? -1 : static_cast<int32_t>(sw.words[h].token);
  };
  for (size_t i = 0; i < sw.words.size(); ++i) {
    const SyntacticWord& w = sw.words[i];
    if (w.carrier) {
      ParsedToken& t = out.tokens[w.token - s.tok_begin];
      Fill(an[i], model, &t);
      t.head = head_token(i);
      if (t.head < 0) t.dep = Dep::kRoot;
      else if (detached_root[i]) t.dep = Dep::kObl, t.deprel = "obl";
    } else {
      ExtraWord e;
      Fill(an[i], model, &e);
      e.head = head_token(i);
      e.token = w.token;
      e.form = w.form;
      out.extra.push_back(std::move(e));
    }
  }
  for (size_t k = 0; k < sw.part_of.size(); ++k) {
    if (sw.part_of[k] < 0) continue;
    ParsedToken& t = out.tokens[k];
    t = out.tokens[sw.part_of[k] - s.tok_begin];
    t.part_of = sw.part_of[k];
    t.head = sw.part_of[k];
  }
  return out;
}

}  // namespace sitrep
