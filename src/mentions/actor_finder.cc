#include "mentions/actor_finder.h"

#include "text/fold.h"

namespace sitrep {
namespace {

constexpr uint32_t kNationalityReach = 3;  // "forces armées maliennes", "Malian army"

bool Stop(const Token& t) { return t.kind == TokenKind::kPunct && t.punct != '-' && t.punct != '\''; }

// A nationality after one of these qualifies the target, not the force:
// "a missile at Saudi facilities", "des frappes contre les positions russes".
bool Preposition(const std::string& f) {
  static const char* kWords[] = {"at", "on", "against", "toward", "towards", "into", "in", "by", "from", "over",
                                 "contre", "sur", "vers", "a", "en", "dans", "par", "chez"};
  for (const char* w : kWords)
    if (f == w) return true;
  return false;
}

// A lexicon phrase written in capitals ("IS", "EI", "SDF") is an acronym:
// it names the group only where the text writes it in capitals too, never
// the verb "is" or a lower-case "ei".
bool Acronym(const std::string& phrase) {
  if (phrase.size() < 2) return false;
  for (char c : phrase)
    if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '-') return false;
  return true;
}

bool WrittenInCapitals(std::string_view text) {
  for (char c : text)
    if (c >= 'a' && c <= 'z') return false;
  return true;
}

Span SpanOf(const Document& doc, uint32_t b, uint32_t e) {
  return {doc.tokens[b].span.begin, doc.tokens[e - 1].span.end};
}

}  // namespace

StatusOr<std::unique_ptr<ActorFinder>> ActorFinder::Create(const std::string& lexicon_dir,
                                                           std::vector<std::string>* warnings) {
  auto f = std::unique_ptr<ActorFinder>(new ActorFinder());
  auto st = Stemmers::Load(lexicon_dir, warnings);
  if (!st.ok()) return st.status();
  f->stemmers_ = std::move(st).value();
  auto a = LangTable::Load(lexicon_dir, "actors.tsv", {"phrase", "id", "kind", "mode"}, 2, f->stemmers_, warnings);
  if (!a.ok()) return a.status();
  f->actors_ = std::move(a).value();
  auto h = LangTable::Load(lexicon_dir, "actor_heads.tsv", {"phrase", "role", "mode"}, 2, f->stemmers_, warnings);
  if (!h.ok()) return h.status();
  f->heads_ = std::move(h).value();
  auto n = LangTable::Load(lexicon_dir, "nationalities.tsv", {"phrase", "iso3"}, 2, f->stemmers_, warnings);
  if (!n.ok()) return n.status();
  f->nationalities_ = std::move(n).value();
  auto b = LangTable::Load(lexicon_dir, "backed.tsv", {"phrase", "kind", "id"}, 3, f->stemmers_, warnings);
  if (!b.ok()) return b.status();
  f->backed_ = std::move(b).value();
  auto d = LangTable::Load(lexicon_dir, "determiners.tsv", {"phrase", "kind"}, 2, f->stemmers_, warnings);
  if (!d.ok()) return d.status();
  for (size_t k = 0; k < d->size(); ++k) {
    const auto& e = d->entry(static_cast<int32_t>(k));
    f->determiner_kind_[e.lang + "\t" + Fold(e.cells[0])] = e.cells[1];
  }
  auto ns = LangTable::Load(lexicon_dir, "not_sides.tsv", {"phrase", "where"}, 2, f->stemmers_, warnings);
  if (!ns.ok()) return ns.status();
  f->not_sides_ = std::move(ns).value();
  return f;
}

// Determiners are single words ("l'", "its"), compared on their folded form
// (a stemmed match would split the French elided article).
const std::string* ActorFinder::DeterminerBefore(const Document& doc, const std::vector<Token>&, uint32_t i) const {
  if (i == 0) return nullptr;
  static const std::string kNumeral = "numeral";
  if (doc.tokens[i - 1].kind == TokenKind::kNumber) return &kNumeral;  // "12 policiers"
  auto it = determiner_kind_.find(doc.lang + "\t" + doc.tokens[i - 1].fold);
  return it == determiner_kind_.end() ? nullptr : &it->second;
}

bool ActorFinder::StateForceAt(const Document& doc, const std::vector<Token>& st, uint32_t i,
                               ActorMention* out) const {
  uint32_t n = static_cast<uint32_t>(st.size());
  auto make = [&](uint32_t b, uint32_t e, int32_t head, int32_t nat) {
    const auto& h = heads_.entry(head);
    const auto& na = nationalities_.entry(nat);
    out->toks = {b, e};
    out->span = SpanOf(doc, b, e);
    out->id = na.cells[1] + "_" + h.cells[1];
    out->kind = "state";
    out->air = h.cells[2] == "air" || h.cells[2] == "airforce";
    out->rule = "actor_heads.tsv:'" + h.cells[0] + "' + nationalities.tsv:'" + na.cells[0] + "'";
    return true;
  };
  // Head first, nationality after it (French order, "forces of Ukraine").
  auto heads = heads_.MatchAt(doc.lang, st, i, n);
  if (!heads.empty()) {
    uint32_t he = heads.front().end;
    for (uint32_t j = he; j < n && j < he + kNationalityReach && !Stop(st[j]) && !Preposition(doc.tokens[j].fold); ++j) {
      auto nats = nationalities_.MatchAt(doc.lang, st, j, n);
      // "airstrikes US-led coalition": a nationality joined by a hyphen to
      // the next word modifies that word, not the head before it.
      uint32_t ne = nats.empty() ? 0 : nats.front().end;
      bool hyphenated = !nats.empty() && ne < n && doc.tokens[ne].kind == TokenKind::kPunct &&
                        doc.tokens[ne].punct == '-' &&
                        doc.tokens[ne].span.begin == doc.tokens[ne - 1].span.end;
      if (!nats.empty() && !hyphenated) return make(i, ne, heads.front().value, nats.front().value);
    }
  }
  // Nationality first, head after it (English order, "armée de l'air russe" is a lexicon row).
  auto nats = nationalities_.MatchAt(doc.lang, st, i, n);
  if (!nats.empty()) {
    uint32_t ne = nats.front().end;
    for (uint32_t j = ne; j < n && j < ne + 1; ++j) {  // "Malian army": the head right after
      auto hs = heads_.MatchAt(doc.lang, st, j, n);
      if (!hs.empty()) return make(i, hs.front().end, hs.front().value, nats.front().value);
    }
    auto coordinator = [&](uint32_t k) { return IsCoordinator(doc.tokens[k].fold); };
    // "between Russian and Ukrainian troops": a nationality before "and",
    // another nationality and a head shares that head (the mention is the
    // nationality's words alone).
    if (ne + 1 < n && coordinator(ne)) {
      auto n2 = nationalities_.MatchAt(doc.lang, st, ne + 1, n);
      if (!n2.empty() && n2.front().end < n) {
        auto hs = heads_.MatchAt(doc.lang, st, n2.front().end, n);
        if (!hs.empty()) return make(i, ne, hs.front().value, nats.front().value);
      }
    }
    // "entre troupes russes et ukrainiennes": a nationality after "et" and
    // a head with its own nationality shares that head.
    if (i >= 3 && coordinator(i - 1)) {
      for (uint32_t k = i - 1; k-- > 0 && k + 4 >= i;) {
        auto n1 = nationalities_.MatchAt(doc.lang, st, k, n);
        if (n1.empty() || n1.front().end != i - 1) continue;
        for (uint32_t hb = k; hb-- > 0 && hb + 4 >= k;) {
          auto hs = heads_.MatchAt(doc.lang, st, hb, n);
          if (!hs.empty() && hs.front().end == k) return make(i, ne, hs.front().value, nats.front().value);
        }
      }
    }
  }
  // A bare head after a determiner ("the army", "l'armée"): the forces of a
  // country still to be found ("*_MIL", see events/country_codes.h). Air
  // heads ("les avions") are the lexicon's aircraft nouns instead.
  if (!heads.empty()) {
    const auto& h = heads_.entry(heads.front().value);
    // "government forces" need no determiner; nor does an installation only
    // a state's forces hold ("un poste de gendarmerie", "a military camp").
    bool own = h.cells[2] == "own" || h.cells[2] == "post";
    // "the air force", "l'aviation": an air force named as an institution is
    // the story country's, like "the army"; aircraft nouns are not.
    bool institution = h.cells[2] == "-" || h.cells[2] == "airforce";
    // "Mali's army": English 's is two tokens, "'" and "s".
    bool possessive = i >= 2 && doc.tokens[i - 1].fold == "s" && doc.tokens[i - 2].fold == "'";
    const std::string* det = DeterminerBefore(doc, st, i);
    // "Soldiers clashed with...": a plural head opening its sentence with
    // no article (English zero article) names the forces as "the soldiers" does.
    bool opens = !doc.sentences.empty() && doc.sentences[doc.SentenceOfToken(i)].tok_begin == i &&
                 doc.tokens[i].capitalized && heads.front().end < n && !Stop(st[heads.front().end]);
    if (!own && (!institution || !(det || possessive || opens))) return false;
    out->toks = {i, heads.front().end};
    out->span = SpanOf(doc, i, heads.front().end);
    out->id = "*_" + h.cells[1];
    out->kind = "state";
    out->air = h.cells[2] == "airforce";
    out->rule = "actor_heads.tsv:'" + h.cells[0] + "' with no nationality";
    // "its forces", "ses troupes": the forces of the side named before them.
    out->possessive = det && *det == "possessive";
    if (out->possessive) out->rule += " after a possessive";
    return true;
  }
  return false;
}

bool ActorFinder::BackedAt(const Document& doc, const std::vector<Token>& st, uint32_t i,
                           ActorMention* out) const {
  const uint32_t n = static_cast<uint32_t>(st.size());
  // The backed.tsv entry of `kind` at token k (after an optional hyphen): its end and id.
  auto at = [&](uint32_t k, const char* kind, std::string* id) -> uint32_t {
    if (k < n && doc.tokens[k].kind == TokenKind::kPunct && doc.tokens[k].punct == '-') ++k;
    if (k >= n) return 0;
    for (const auto& m : backed_.MatchAt(doc.lang, st, k, n)) {
      const auto& e = backed_.entry(m.value);
      if (e.cells[1] != kind) continue;
      if (id) *id = e.cells[2];
      return m.end;
    }
    return 0;
  };
  auto head_within = [&](uint32_t k) -> uint32_t {  // a head at k or up to two words later
    for (uint32_t j = k; j < n && j < k + 3; ++j) {
      if (uint32_t h = at(j, "head", nullptr)) {
        while (uint32_t more = at(h, "head", nullptr)) h = more;  // "militia fighters"
        return h;
      }
      if (Stop(st[j])) break;
    }
    return 0;
  };
  auto make = [&](uint32_t e, const std::string& id, const char* how) {
    out->toks = {i, e};
    out->span = SpanOf(doc, i, e);
    out->id = id;
    out->kind = "group";
    out->air = false;
    out->rule = std::string("backed.tsv: ") + how;
    return true;
  };
  std::string id;
  // "Turkish-backed Syrian fighters", "pro-Iranian militias".
  if (uint32_t p = at(i, "pro", nullptr); p && (p = at(p, "backer", &id)) != 0) {
    if (uint32_t h = head_within(p)) return make(h, id, "pro-<backer> <forces>");
  }
  if (uint32_t b = at(i, "backer", &id)) {
    if (uint32_t c = at(b, "cue", nullptr))
      if (uint32_t h = head_within(c)) return make(h, id, "<backer>-backed <forces>");
  }
  // "combattants soutenus par la Turquie", "milices pro-iraniennes".
  if (uint32_t h = at(i, "head", nullptr)) {
    for (uint32_t j = h; j < n && j < h + 3 && !Stop(st[j]); ++j) {
      if (uint32_t c = at(j, "cue", nullptr)) {
        while (c < n && c + 1 < n && DeterminerBefore(doc, st, c + 1)) ++c;
        if (uint32_t b = at(c, "backer", &id)) return make(b, id, "<forces> backed by <backer>");
      }
      if (uint32_t p = at(j, "pro", nullptr))
        if (uint32_t b = at(p, "backer", &id)) return make(b, id, "<forces> pro-<backer>");
    }
  }
  return false;
}

bool ActorFinder::Describes(const Document& doc, const std::vector<Token>& st, uint32_t b, uint32_t e) const {
  uint32_t n = static_cast<uint32_t>(st.size());
  // "regime-held": written together, no space before the hyphen.
  if (e < n && !st[e].space_before)
    for (const auto& m : not_sides_.MatchAt(doc.lang, st, e, n))
      if (not_sides_.entry(m.value).cells[1] == "after") return true;
  for (uint32_t k = b >= 2 ? b - 2 : 0; k < b; ++k)
    for (const auto& m : not_sides_.MatchAt(doc.lang, st, k, n))
      if (m.end == b && !st[b].space_before && not_sides_.entry(m.value).cells[1] == "before") return true;
  return false;
}

std::vector<ActorMention> ActorFinder::Find(const Document& doc) const {
  std::vector<ActorMention> out;
  std::vector<Token> st = stemmers_.For(doc.lang).StemTokens(doc.tokens);
  uint32_t n = static_cast<uint32_t>(st.size());
  for (uint32_t i = 0; i < n && out.size() < 4096;) {
    ActorMention lex, state;
    bool has_lex = false;
    auto m = actors_.MatchAt(doc.lang, st, i, n);
    if (!m.empty() && Acronym(actors_.entry(m.front().value).cells[0]) &&
        !WrittenInCapitals(doc.Slice(SpanOf(doc, i, m.front().end))))
      m.clear();
    if (!m.empty()) {
      const auto& e = actors_.entry(m.front().value);
      has_lex = true;
      lex.toks = {i, m.front().end};
      lex.span = SpanOf(doc, i, m.front().end);
      lex.id = e.cells[1] == "-" ? "" : e.cells[1];
      lex.kind = e.cells[2].empty() || e.cells[2] == "-" ? "group" : e.cells[2];
      lex.air = e.cells[3] == "air";
      lex.label = e.cells[3] == "label";
      lex.generic = e.cells[3] == "generic";
      lex.target = e.cells[3] == "target";
      lex.mission = e.cells[3] == "mission";
      // Mode possessed: a word for armed men that names a side only after a
      // possessive ("its fighters", "leurs combattants": the possessor's).
      if (e.cells[3] == "possessed") {
        const std::string* det = DeterminerBefore(doc, st, i);
        if (!det || *det != "possessive") has_lex = false;
      }
      // A civilian installation is a common noun: "Homs" is no "homes",
      // "Marche" no "marché" (a capital opening the sentence aside).
      if (lex.target)
        for (uint32_t k = i; k < m.front().end && has_lex; ++k)
          if (doc.tokens[k].capitalized && doc.sentences[doc.SentenceOfToken(k)].tok_begin != k) has_lex = false;
      lex.rule = e.lang + "/actors.tsv:" + std::to_string(e.line) + " '" + e.cells[0] + "'";
    }
    ActorMention backed;
    if (BackedAt(doc, st, i, &backed) && (!has_lex || backed.toks.end > lex.toks.end)) {
      i = backed.toks.end;
      out.push_back(std::move(backed));
      continue;
    }
    bool has_state = StateForceAt(doc, st, i, &state);
    if (has_state && (!has_lex || state.toks.end > lex.toks.end)) {
      i = state.toks.end;
      if (!Describes(doc, st, state.toks.begin, state.toks.end)) out.push_back(std::move(state));
    } else if (has_lex) {
      i = lex.toks.end;
      if (!Describes(doc, st, lex.toks.begin, lex.toks.end)) out.push_back(std::move(lex));
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace sitrep
