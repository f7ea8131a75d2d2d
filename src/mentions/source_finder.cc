#include "mentions/source_finder.h"

#include <algorithm>

namespace sitrep {
namespace {

constexpr uint32_t kReach = 7;  // words between a cue and its source ("a annoncé lundi le ministère")
constexpr uint32_t kDescribedWords = 8;  // "a local civil society leader", "une organisation de défense des droits humains"

bool Hard(const Token& t) {
  return t.kind == TokenKind::kPunct && (t.punct == '.' || t.punct == ';' || t.punct == '?' || t.punct == '!');
}

bool IsPronoun(const std::string& f) {
  static const char* kPronouns[] = {"il", "elle", "ils", "elles", "he", "she", "it", "they", "lui"};
  for (const char* p : kPronouns)
    if (f == p) return true;
  return false;
}

struct Found {
  uint32_t b, e;
  int32_t value;
};

}  // namespace

StatusOr<std::unique_ptr<SourceFinder>> SourceFinder::Create(const std::string& lexicon_dir,
                                                             std::vector<std::string>* warnings) {
  auto f = std::unique_ptr<SourceFinder>(new SourceFinder());
  auto st = Stemmers::Load(lexicon_dir, warnings);
  if (!st.ok()) return st.status();
  f->stemmers_ = std::move(st).value();
  auto s = LangTable::Load(lexicon_dir, "sources.tsv", {"phrase", "id", "kind"}, 2, f->stemmers_, warnings);
  if (!s.ok()) return s.status();
  f->sources_ = std::move(s).value();
  auto c = LangTable::Load(lexicon_dir, "source_cues.tsv", {"phrase", "position", "kind"}, 3, f->stemmers_, warnings);
  if (!c.ok()) return c.status();
  f->cues_ = std::move(c).value();
  return f;
}

std::vector<SourceMention> SourceFinder::Find(const Document& doc, const DocParse* parse,
                                             const std::vector<TriggerMention>* triggers) const {
  std::vector<SourceMention> out;
  std::vector<Token> st = stemmers_.For(doc.lang).StemTokens(doc.tokens);
  uint32_t n = static_cast<uint32_t>(st.size());
  auto cues = cues_.FindAll(doc.lang, st, 0, n);
  auto names = sources_.FindAll(doc.lang, st, 0, n);
  std::vector<Found> srcs;
  for (const auto& m : names) srcs.push_back({m.begin, m.end, m.value});
  auto span = [&](uint32_t b, uint32_t e) { return Span{doc.tokens[b].span.begin, doc.tokens[e - 1].span.end}; };
  // Words that never begin a source described in plain words (relative
  // pronouns, conjunctions: source_cues.tsv kind not_source).
  // Any cue's words are no part of a described source either ("a précisé
  // la même source").
  std::vector<uint8_t> not_source(n, 0);
  for (const auto& c : cues)
    for (uint32_t k = c.begin; k < c.end; ++k) not_source[k] = cues_.entry(c.value).cells[2] == "not_source" ? 1 : 2;
  if (triggers)
    for (const auto& t : *triggers)
      for (uint32_t k = t.toks.begin; k < t.toks.end && k < n; ++k) not_source[k] = 2;
  // A described source ("state prosecutors", "une source sécuritaire"): a
  // run of 1 to kDescribedWords words with punctuation or the sentence's
  // edge on its far side, no figure and no not_source word at its start.
  auto described = [&](uint32_t b, uint32_t e) {
    if (e <= b || e - b > kDescribedWords || not_source[b]) return false;
    bool noun = false, tagged = false;
    for (uint32_t k = b; k < e; ++k) {
      if (st[k].kind != TokenKind::kWord || IsPronoun(st[k].fold) || not_source[k] == 2) return false;
      const ParsedToken* pt = parse ? parse->Get(k) : nullptr;
      if (!pt) continue;
      tagged = true;
      // A noun phrase: nouns, names, adjectives, determiners and the
      // prepositions inside it ("le porte-parole de l'armée"), no verb or
      // adverb ("Les talibans n'ont pas confirmé").
      Upos u = pt->upos;
      Dep d = parse->Relation(k);
      bool nominal = u == Upos::kNoun || u == Upos::kPropn || u == Upos::kAdj || u == Upos::kDet || u == Upos::kAdp ||
                     u == Upos::kX || (u == Upos::kPart && d == Dep::kCase) ||  // "Ukraine's"
                     (u == Upos::kVerb && d == Dep::kAmod);                      // "the Kurdish-led force"
      if (!nominal) return false;
      if (k == b && u == Upos::kAdp && st[k].fold != "de") return false;  // "Sur la foi d'un ...", not "de source officielle"
      noun |= u == Upos::kNoun || u == Upos::kPropn;
    }
    return noun || !tagged;
  };
  auto parsed = [&](uint32_t k) { return parse && parse->Get(k) != nullptr; };
  // A comma, colon or quote before it; or, in a parsed sentence, its start.
  auto sentence_edge_before = [&](uint32_t k) {
    return (k > 0 && st[k - 1].kind == TokenKind::kPunct && !Hard(st[k - 1])) ||
           ((k == 0 || doc.tokens[k].newline_before || Hard(st[k - 1])) && parsed(k));
  };
  auto sentence_edge_after = [&](uint32_t k) { return k >= n || st[k].kind == TokenKind::kPunct || doc.tokens[k].newline_before; };
  for (const auto& c : cues) {
    if (out.size() >= 4096) break;
    const auto& ce = cues_.entry(c.value);
    if (ce.cells[2] == "not_source") continue;
    const std::string& pos = ce.cells[1];
    SourceMention sm;
    sm.cue = span(c.begin, c.end);
    sm.cue_kind = ce.cells[2];
    sm.rule = ce.lang + "/source_cues.tsv:'" + ce.cells[0] + "'";
    const Found* best = nullptr;
    auto blocked = [&](uint32_t a, uint32_t b) {
      for (uint32_t k = a; k < b; ++k)
        if (Hard(st[k])) return true;
      return false;
    };
    if (pos == "after" || pos == "both") {  // "X a annoncé"
      for (const auto& f : srcs)
        if (f.e <= c.begin && c.begin - f.e <= kReach && !blocked(f.e, c.begin)) best = &f;
    }
    if (!best && (pos == "before" || pos == "both")) {  // "selon X", "a annoncé lundi X"
      for (const auto& f : srcs) {
        if (f.b >= c.end && f.b - c.end <= kReach && !blocked(c.end, f.b)) {
          best = &f;
          break;
        }
      }
    }
    // "une source du ministère russe de la Défense", "a spokesman for the
    // Pentagon": a description of a person stands for the named body after it.
    while (best && sources_.entry(best->value).cells[1] == "OTHER") {
      const Found* named = nullptr;
      for (const auto& f : srcs)
        if (f.b >= best->e && f.b - best->e <= 2 && !blocked(best->e, f.b) &&
            sources_.entry(f.value).cells[1] != "OTHER") {
          named = &f;
          break;
        }
      if (!named) break;
      best = named;
    }
    if (best) {
      const auto& se = sources_.entry(best->value);
      sm.span = span(best->b, best->e);
      sm.toks = {best->b, best->e};
      sm.id = se.cells[1];
      sm.rule += " + " + se.lang + "/sources.tsv:'" + se.cells[0] + "'";
      if (sm.cue_kind == "same") sm.cue_kind = "report";
      out.push_back(std::move(sm));
      continue;
    }
    if (sm.cue_kind == "claim" || sm.cue_kind == "same") {
      out.push_back(std::move(sm));
      continue;
    }
    // A pronoun next to the cue ("Il a ajouté", "a-t-il précisé") refers back.
    bool pronoun = (c.begin > 0 && IsPronoun(st[c.begin - 1].fold)) || (c.end < n && IsPronoun(st[c.end].fold));
    if (pronoun) {
      sm.cue_kind = "same";
      out.push_back(std::move(sm));
      continue;
    }
    // A capitalised name right before the cue, an appositive's comma at most
    // between ("UN envoy Staffan de Mistura said", "Tidjani Katiella, avait
    // annoncé"): a person or an outlet the lexicon does not hold.
    if (pos != "before") {
      uint32_t e = c.begin;
      if (e > 0 && st[e - 1].kind == TokenKind::kPunct && st[e - 1].punct == ',') --e;
      uint32_t k = e;
      // Particles inside a name ("de Mistura", "al-Hadas") stay in it.
      while (k > 0 && e - k < 8 && st[k - 1].kind == TokenKind::kWord &&
             (st[k - 1].capitalized || (k >= 2 && st[k - 2].capitalized && (st[k - 1].fold == "de" || st[k - 1].fold == "al"))))
        --k;
      while (k < e && !st[k].capitalized) ++k;
      uint32_t sentence_start = k == 0 || Hard(st[k - 1]) || doc.tokens[k].newline_before;
      // Two words at least beyond a sentence's capital; a long run is a
      // headline in title case, not a name.
      if (e >= k + 2 + sentence_start && e - k <= 5) {
        sm.span = span(k, e);
        sm.toks = {k, e};
        sm.id = "OTHER";
        sm.rule += " + capitalised name before";
        out.push_back(std::move(sm));
        continue;
      }
    }
    // A capitalised name right after the cue ("se sont vantés le site Russian Spring").
    if (pos != "after") {
      uint32_t k = c.end;
      while (k < n && k < c.end + 4 && !st[k].capitalized && st[k].kind == TokenKind::kWord) ++k;
      uint32_t e = k;
      while (e < n && st[e].capitalized && st[e].kind == TokenKind::kWord) ++e;
      if (e >= k + 2 && !doc.tokens[k].newline_before) {  // two words at least: not "Monday"
        sm.span = span(k, e);
        sm.toks = {k, e};
        sm.id = "OTHER";
        sm.rule += " + capitalised name";
        out.push_back(std::move(sm));
        continue;
      }
    }
    // A source described in plain words, OTHER: before an 'after' cue from
    // a punctuation mark or the sentence's start ("..., state prosecutors
    // said", "Police said on Monday"); after a 'before' cue up to a
    // punctuation mark or the sentence's end ("according to a local civic
    // leader.", "selon une source sécuritaire."), or after a 'both' cue
    // that follows a punctuation mark (inverted: "..., a indiqué la police.").
    if (pos != "before") {
      uint32_t k = c.begin;
      while (k > 0 && c.begin - k <= kDescribedWords && st[k - 1].kind == TokenKind::kWord && !doc.tokens[k].newline_before) --k;
      if (sentence_edge_before(k) && described(k, c.begin)) {
        sm.span = span(k, c.begin);
        sm.toks = {k, c.begin};
        sm.id = "OTHER";
        sm.rule += " + described source before";
        out.push_back(std::move(sm));
        continue;
      }
    }
    if (pos == "before" || (pos == "both" && c.begin > 0 && st[c.begin - 1].kind == TokenKind::kPunct)) {
      uint32_t e = c.end;
      while (e < n && e - c.end <= kDescribedWords && st[e].kind == TokenKind::kWord && !doc.tokens[e].newline_before) ++e;
      if (sentence_edge_after(e) && described(c.end, e)) {
        sm.span = span(c.end, e);
        sm.toks = {c.end, e};
        sm.id = "OTHER";
        sm.rule += " + described source after";
        out.push_back(std::move(sm));
      }
    }
  }
  return out;
}

}  // namespace sitrep
