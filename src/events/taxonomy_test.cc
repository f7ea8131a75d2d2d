#include "events/taxonomy.h"

#include <gtest/gtest.h>

#include "events/cues.h"

namespace sitrep {
namespace {

std::string Lexicons() { return std::string(SITREP_SOURCE_DIR) + "/data/lexicons"; }

const Taxonomy& Tax() {
  static std::unique_ptr<Taxonomy> t = [] {
    std::vector<std::string> warnings;
    auto r = Taxonomy::Create(Lexicons(), &warnings);
    EXPECT_TRUE(r.ok());
    for (const auto& w : warnings) ADD_FAILURE() << w;
    return std::move(r).value();
  }();
  return *t;
}

// One sentence with hand-placed mentions, read by the taxonomy alone.
struct Fixture {
  std::unique_ptr<Document> doc;
  MentionSet m;
  DocCues cues;
  std::vector<Candidate> cands;

  Fixture(const std::string& text, const std::string& lang) {
    RawDocument raw;
    raw.id = "t";
    raw.bytes = text;
    raw.lang = lang;
    ParsePubDate("2024-03-10", &raw.date);
    doc = std::move(AnalyzeDocument(raw, 1 << 20)).value();
    std::vector<std::string> warnings;
    auto c = EventCues::Create(Lexicons(), &warnings);
    cues = (*c)->Analyze(*doc);
  }
  // The token range of the first occurrence of `words` (folded, space-separated).
  TokenRange Find(const std::string& words) const {
    std::vector<std::string> w;
    for (size_t b = 0, e; b < words.size(); b = e + 1) {
      e = words.find(' ', b);
      if (e == std::string::npos) e = words.size();
      w.push_back(words.substr(b, e - b));
    }
    for (uint32_t i = 0; i + w.size() <= doc->tokens.size(); ++i) {
      bool ok = true;
      for (size_t k = 0; k < w.size() && ok; ++k) ok = doc->tokens[i + k].fold == w[k];
      if (ok) return {i, static_cast<uint32_t>(i + w.size())};
    }
    ADD_FAILURE() << "no '" << words << "'";
    return {};
  }
  void Trigger(const std::string& words, const std::string& type, const std::string& sub, bool weak) {
    TriggerMention t;
    t.toks = Find(words);
    t.span = {doc->tokens[t.toks.begin].span.begin, doc->tokens[t.toks.end - 1].span.end};
    t.event_type = type, t.sub_event_type = sub, t.weak = weak;
    m.triggers.push_back(t);
  }
  void Actor(const std::string& words, const std::string& id, const std::string& kind) {
    ActorMention a;
    a.toks = Find(words);
    a.span = {doc->tokens[a.toks.begin].span.begin, doc->tokens[a.toks.end - 1].span.end};
    a.id = id, a.kind = kind;
    m.actors.push_back(a);
  }
  // A candidate for each trigger, in order (pointers are taken once all are added).
  void Candidates(std::optional<sitrep::Actor> a1 = std::nullopt, std::optional<sitrep::Actor> a2 = std::nullopt) {
    for (const auto& t : m.triggers) {
      Candidate c{};
      c.trigger = &t;
      c.event_type = t.event_type, c.sub_event_type = t.sub_event_type, c.weak = t.weak;
      c.actor1 = a1, c.actor2 = a2;
      cands.push_back(c);
    }
  }
  void Apply() { Tax().Apply(*doc, m, cues, &cands); }
};

TEST(Taxonomy, FeatureNamesRoundTrip) {
  EXPECT_EQ(FeatureByName("riot"), Feature::kRiot);
  EXPECT_EQ(FeatureByName("force"), Feature::kForce);
  EXPECT_EQ(FeatureByName("no such feature"), Feature::kCount);
}

TEST(Taxonomy, LabourStrikeIsNoAirStrike) {
  Fixture f("Dock workers went on strike on Monday over unpaid wages.", "en");
  f.Trigger("strike", "Explosions/Remote violence", "Air/drone strike", true);
  f.Candidates();
  f.Apply();
  EXPECT_TRUE(f.cands.empty());
}

TEST(Taxonomy, AccidentIsNoPoliticalViolence) {
  Fixture f("Douze passagers ont ete tues dans un accident de la route.", "fr");
  f.Trigger("tues", "Explosions/Remote violence", "Air/drone strike", true);
  f.Candidates();
  f.Apply();
  EXPECT_TRUE(f.cands.empty());
}

TEST(Taxonomy, DispersedProtestIsProtestWithIntervention) {
  Fixture f("La police a disperse les manifestants a coups de gaz lacrymogene.", "fr");
  f.Actor("police", "*_POL", "state");
  f.Actor("manifestants", "PROTESTERS", "protest");
  f.Trigger("manifestants", "Protests", "Peaceful protest", false);
  f.Candidates();
  f.Apply();
  ASSERT_EQ(f.cands.size(), 1u);
  EXPECT_EQ(f.cands[0].sub_event_type, "Protest with intervention");
  EXPECT_EQ(f.cands[0].actor1->id, "PROTESTERS");
  EXPECT_EQ(f.cands[0].actor2->id, "*_POL");
}

TEST(Taxonomy, KillingProtestersIsExcessiveForce) {
  Fixture f("Soldiers opened fire on protesters, killing five people.", "en");
  f.Actor("protesters", "PROTESTERS", "protest");
  f.Trigger("protesters", "Protests", "Peaceful protest", false);
  f.Candidates();
  f.Apply();
  ASSERT_EQ(f.cands.size(), 1u);
  EXPECT_EQ(f.cands[0].sub_event_type, "Excessive force against protesters");
  EXPECT_EQ(f.cands[0].actor1->id, "*_MIL");
  EXPECT_EQ(f.cands[0].actor2->id, "PROTESTERS");
}

TEST(Taxonomy, StoneThrowingCrowdRiots) {
  Fixture f("Protesters threw stones at police.", "en");
  f.Actor("protesters", "PROTESTERS", "protest");
  f.Trigger("protesters", "Protests", "Peaceful protest", false);
  f.Candidates();
  f.Apply();
  ASSERT_EQ(f.cands.size(), 1u);
  EXPECT_EQ(f.cands[0].event_type, "Riots");
  EXPECT_EQ(f.cands[0].sub_event_type, "Violent demonstration");
  EXPECT_EQ(f.cands[0].actor1->id, "RIOTERS");
}

TEST(Taxonomy, ArrestByAnArmedGroupIsAnAbduction) {
  Fixture f("Al-Shabaab militants detained four aid workers.", "en");
  f.Trigger("detained", "Strategic developments", "Arrests", true);
  f.Candidates(sitrep::Actor{"AL_SHABAAB", "Al-Shabaab"});
  f.Apply();
  ASSERT_EQ(f.cands.size(), 1u);
  EXPECT_EQ(f.cands[0].sub_event_type, "Abduction/forced disappearance");
  EXPECT_FALSE(f.cands[0].weak);
}

TEST(Taxonomy, StateForcesSeizingAPlaceRegainTerritory) {
  Fixture f("The army seized the town.", "en");
  f.Trigger("seized", "Battles", "Non-state actor overtakes territory", true);
  f.Candidates(sitrep::Actor{"SOM_MIL", "The army"});
  f.Apply();
  ASSERT_EQ(f.cands.size(), 1u);
  EXPECT_EQ(f.cands[0].sub_event_type, "Government regains territory");
}

TEST(Taxonomy, DefusedDeviceIsDisruptedWeaponsUse) {
  Fixture f("Les militaires ont desamorce un engin explosif sur la route.", "fr");
  f.Trigger("engin explosif", "Explosions/Remote violence", "Remote explosive/landmine/IED", false);
  f.Candidates(sitrep::Actor{"NER_MIL", "Les militaires"});
  f.Apply();
  ASSERT_EQ(f.cands.size(), 1u);
  EXPECT_EQ(f.cands[0].sub_event_type, "Disrupted weapons use");
  EXPECT_EQ(f.cands[0].actor1->id, "NER_MIL");
}

TEST(Taxonomy, StatementMakesTheTriggerTalkedAbout) {
  Fixture f("The minister condemned the attack.", "en");
  f.Trigger("attack", "Battles", "Armed clash", false);
  f.Candidates();
  f.Apply();
  ASSERT_EQ(f.cands.size(), 1u);
  EXPECT_TRUE(f.cands[0].weak);
}

}  // namespace
}  // namespace sitrep
