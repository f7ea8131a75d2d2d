#include "mentions/trigger_finder.h"

namespace sitrep {
namespace {

constexpr uint32_t kModifierAfter = 4;   // "frappes menées par des drones"
constexpr uint32_t kModifierBefore = 2;  // "drone strike", "suicide attack"

bool ClauseBreak(const Token& t) {
  return t.kind == TokenKind::kPunct && (t.punct == ',' || t.punct == ';' || t.punct == '.' ||
                                         t.punct == ':' || t.punct == '(' || t.punct == ')');
}

}  // namespace

StatusOr<std::unique_ptr<TriggerFinder>> TriggerFinder::Create(const std::string& lexicon_dir,
                                                               std::vector<std::string>* warnings) {
  auto f = std::unique_ptr<TriggerFinder>(new TriggerFinder());
  auto st = Stemmers::Load(lexicon_dir, warnings);
  if (!st.ok()) return st.status();
  f->stemmers_ = std::move(st).value();
  auto t = LangTable::Load(lexicon_dir, "triggers.tsv",
                           {"phrase", "event_type", "sub_event_type", "strength", "role"}, 3,
                           f->stemmers_, warnings);
  if (!t.ok()) return t.status();
  f->triggers_ = std::move(t).value();
  auto m = LangTable::Load(lexicon_dir, "modifiers.tsv", {"phrase", "event_type", "sub_event_type"}, 3,
                           f->stemmers_, warnings);
  if (m.ok()) f->modifiers_ = std::move(m).value();
  return f;
}

void TriggerFinder::Refine(const Document& doc, const std::vector<Token>& stemmed, TriggerMention* t) const {
  uint32_t n = static_cast<uint32_t>(stemmed.size());
  uint32_t lo = t->toks.begin, hi = t->toks.end;
  while (lo > 0 && t->toks.begin - lo < kModifierBefore && !ClauseBreak(stemmed[lo - 1])) --lo;
  while (hi < n && hi - t->toks.end < kModifierAfter && !ClauseBreak(stemmed[hi])) ++hi;
  for (const auto& m : modifiers_.FindAll(doc.lang, stemmed, lo, hi)) {
    if (m.begin >= t->toks.begin && m.end <= t->toks.end) continue;  // the trigger's own words
    const auto& e = modifiers_.entry(m.value);
    t->event_type = e.cells[1];
    t->sub_event_type = e.cells[2];
    t->modifier = std::string(doc.Slice({doc.tokens[m.begin].span.begin, doc.tokens[m.end - 1].span.end}));
    t->rule += " +modifiers.tsv:" + e.cells[0];
    return;
  }
}

std::vector<TriggerMention> TriggerFinder::Find(const Document& doc) const {
  std::vector<TriggerMention> out;
  std::vector<Token> stemmed = stemmers_.For(doc.lang).StemTokens(doc.tokens);
  for (const auto& m : triggers_.FindAll(doc.lang, stemmed, 0, static_cast<uint32_t>(stemmed.size()))) {
    if (!out.empty() && out.back().toks.begin == m.begin && out.back().toks.end == m.end) continue;
    const auto& e = triggers_.entry(m.value);
    TriggerMention t;
    t.toks = {m.begin, m.end};
    t.span = {doc.tokens[m.begin].span.begin, doc.tokens[m.end - 1].span.end};
    t.event_type = e.cells[1];
    t.sub_event_type = e.cells[2];
    t.lemma = e.cells[0];
    t.weak = e.cells[3] == "weak";
    t.flip = e.cells[4] == "flip";
    t.repel = e.cells[4] == "repel";
    t.mutual = e.cells[4] == "mutual";
    t.rule = e.lang + "/triggers.tsv:" + std::to_string(e.line) + " '" + e.cells[0] + "'";
    if (t.weak) Refine(doc, stemmed, &t);
    out.push_back(std::move(t));
    if (out.size() >= 4096) break;  // budget against hostile input
  }
  return out;
}

}  // namespace sitrep
