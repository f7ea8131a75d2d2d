// What the words around a name say of it: a person by what is said of them,
// organisation, vessel and unit names, hyphen modifiers ("London-based"),
// names the gazetteer only partly knows ("Ain Issa"), alternate spellings of
// foreign towns, and the distance to the story's other places. The
// gazetteer and the texts are made up here.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <unistd.h>

#include "gazetteer/builder.h"
#include "mentions/place_finder.h"
#include "syntax/parse.h"
#include "text/document.h"

namespace sitrep {
namespace {

class PlaceEvidenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GazetteerBuilder b;
    auto place = [&](int64_t id, const char* name, double lat, double lon, int64_t pop, const char* cc,
                     const char* a1, const char* feature, PlaceLevel level, std::vector<const char*> names,
                     std::vector<const char*> alternates = {}) {
      uint32_t i = b.AddPlace({id, name, lat, lon, pop, cc, a1, feature, level});
      for (const char* n : names) b.AddName(i, n, true);
      for (const char* n : alternates) b.AddName(i, n, false);
    };
    place(1, "Harvey", 41.6, -87.6, 25000, "US", "US-IL", "P.PPL", PlaceLevel::kPlace, {"Harvey"});
    place(2, "Moscow", 55.7, 37.6, 10000000, "RU", "RU-MOW", "P.PPLC", PlaceLevel::kPlace, {"Moscow"});
    place(3, "Malaysia", 4, 102, 0, "MY", "", "A.PCLI", PlaceLevel::kCountry, {"Malaysia"});
    place(4, "London", 51.5, -0.1, 8000000, "GB", "GB-ENG", "P.PPLC", PlaceLevel::kPlace, {"London"});
    place(5, "Syria", 35, 38, 0, "SY", "", "A.PCLI", PlaceLevel::kCountry, {"Syria"});
    place(6, "Raqqa", 35.9, 39.0, 200000, "SY", "SY-RA", "P.PPLA", PlaceLevel::kPlace, {"Raqqa"});
    place(7, "Ain", 46.1, 5.3, 0, "FR", "FR-01", "A.ADM1", PlaceLevel::kAdmin1, {"Ain"});
    place(8, "Bourg-en-Bresse", 46.2, 5.2, 40000, "FR", "FR-01", "P.PPLA", PlaceLevel::kPlace, {"Bourg-en-Bresse"});
    // A German city that GeoNames also spells like a movement's name.
    place(10, "Hamm", 51.7, 7.8, 180000, "DE", "DE-NW", "P.PPL", PlaceLevel::kPlace, {"Hamm"}, {"Hamas"});
    place(11, "Gaza", 31.5, 34.45, 400000, "PS", "PS-GZA", "P.PPLA", PlaceLevel::kPlace, {"Gaza"});
    place(12, "Rafah", 31.3, 34.25, 150000, "PS", "PS-RFH", "P.PPLA", PlaceLevel::kPlace, {"Rafah"});
    // Two towns of one name in one country, with no province to tell them apart.
    place(20, "Springfield", 40.0, -89.6, 60000, "US", "", "P.PPL", PlaceLevel::kPlace, {"Springfield"});
    place(21, "Springfield", 42.1, -72.6, 150000, "US", "", "P.PPL", PlaceLevel::kPlace, {"Springfield"});
    place(22, "Peoria", 40.7, -89.6, 110000, "US", "", "P.PPL", PlaceLevel::kPlace, {"Peoria"});
    // A province and its dotted abbreviation, a town in it and a larger namesake elsewhere.
    uint32_t louisiana = b.AddPlace({30, "Louisiana", 31.0, -92.0, 0, "US", "US-LA", "A.ADM1", PlaceLevel::kAdmin1});
    b.AddName(louisiana, "Louisiana", true);
    b.AddAbbreviation(louisiana, "La.");
    place(31, "Slidell", 30.28, -89.78, 27000, "US", "US-LA", "P.PPL", PlaceLevel::kPlace, {"Slidell"});
    place(32, "Slidell", 33.36, -97.39, 40000, "US", "US-TX", "P.PPL", PlaceLevel::kPlace, {"Slidell"});
    // A province whose point lies near a small namesake of a world city.
    place(40, "California", 37.2, -119.6, 0, "US", "US-CA", "A.ADM1", PlaceLevel::kAdmin1, {"California"});
    place(41, "Los Angeles", 34.05, -118.24, 4000000, "US", "US-CA", "P.PPLA2", PlaceLevel::kPlace, {"Los Angeles"});
    place(42, "London", 36.5, -119.4, 2000, "US", "US-CA", "P.PPL", PlaceLevel::kPlace, {"London"});
    // A state and its capital, whose name is the state's and more.
    place(50, "Oklahoma", 35.6, -97.5, 0, "US", "US-OK", "A.ADM1", PlaceLevel::kAdmin1, {"Oklahoma"});
    place(51, "Oklahoma City", 35.47, -97.52, 680000, "US", "US-OK", "P.PPLA", PlaceLevel::kPlace, {"Oklahoma City"},
          {"Oklahoma"});
    // A street named after a small town, in a city far from it.
    place(60, "Collins", 31.65, -89.55, 2500, "US", "US-MS", "P.PPL", PlaceLevel::kPlace, {"Collins"});
    place(61, "Miami Beach", 25.79, -80.13, 90000, "US", "US-FL", "P.PPL", PlaceLevel::kPlace, {"Miami Beach"});
    // A sea that French names with a lower-case head, and a small town that is also a surname.
    place(70, "Red Sea", 22, 38, 0, "", "", "H.SEA", PlaceLevel::kPlace, {"Red Sea", "mer Rouge"});
    place(71, "Sancerre", 47.33, 2.83, 1800, "FR", "FR-18", "P.PPL", PlaceLevel::kPlace, {"Sancerre"});
    // A town one letter off an English word of another country, a town whose
    // transliterations glue or drop the article, and a foreign province named
    // with ordinary words.
    place(80, "India", 22, 79, 0, "IN", "", "A.PCLI", PlaceLevel::kCountry, {"India"});
    place(81, "Kovvur", 17.0, 81.7, 40000, "IN", "IN-AP", "P.PPL", PlaceLevel::kPlace, {"Kovvur"});
    place(82, "Ma'arrat an Nu'man", 35.65, 36.67, 60000, "SY", "SY-ID", "P.PPLA2", PlaceLevel::kPlace,
          {"Ma'arrat an Nu'man"});
    place(83, "Afrin", 36.5, 36.87, 40000, "SY", "SY-HL", "P.PPLA2", PlaceLevel::kPlace, {"Afrin"});
    place(85, "Arab", 34.3, -86.5, 8000, "US", "US-AL", "P.PPL", PlaceLevel::kPlace, {"Arab"});
    place(87, "Arab", 12, 25, 0, "SD", "SD-X", "A.ADM1", PlaceLevel::kAdmin1, {"Arab"});
    place(84, "West Coast", 13.2, -16.4, 120000, "GM", "GM-W", "A.ADM1", PlaceLevel::kAdmin1, {"West Coast"});
    for (const char* w : {"attack", "farm", "police", "air", "west", "coast"}) b.AddDictionaryWord(w, "en");
    b.SumProvincePopulations();
    auto g = Gazetteer::FromBytes(b.Serialize());
    ASSERT_TRUE(g.ok());
    gaz_ = std::move(g).value();
    dir_ = ::testing::TempDir() + "/place_evidence_lex_" + std::to_string(::getpid());
    std::filesystem::create_directories(dir_ + "/en");
    std::ofstream(dir_ + "/en/places.tsv") << "phrase\tkind\nnear\tnear\nsaid\tperson_after\ntold\tperson_after\n"
                                           << "according to\tperson_before\nsay\tspeech\nAirlines\torg\n"
                                           << "the tanker\torg_before\nbattalion\tunit\nbased\tmodifier\n"
                                           << "led\tmodifier\navenue\tfeature\nin\tsite\n"
                                           << "mer\tgeneric\nde\tparticle\nArab\tpeople\n"
                                           << "the village of\tvillage_before\nvillage\tvillage_after\n"
                                           << "a village\tvillage_apposition\nin\tframe\nnorthern\tframe\n";
    std::vector<std::string> warnings;
    auto f = PlaceFinder::Create(*gaz_, dir_, &warnings);
    ASSERT_TRUE(f.ok());
    EXPECT_TRUE(warnings.empty());
    finder_ = std::move(f).value();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  const Document& Analyze(const std::string& text) {
    RawDocument raw;
    raw.id = "t";
    raw.bytes = text;
    raw.lang = "en";
    auto doc = AnalyzeDocument(raw, 1 << 20);
    EXPECT_TRUE(doc.ok());
    doc_ = std::move(doc).value();
    return *doc_;
  }
  std::vector<PlaceMention> Find(const std::string& text) { return finder_->Find(Analyze(text)); }
  std::string Text(const PlaceMention& m) { return std::string(doc_->Slice(m.span)); }
  const PlaceMention* Named(const std::vector<PlaceMention>& ms, const std::string& text) {
    for (const auto& m : ms)
      if (Text(m) == text) return &m;
    return nullptr;
  }

  std::unique_ptr<Gazetteer> gaz_;
  std::unique_ptr<PlaceFinder> finder_;
  std::unique_ptr<Document> doc_;
  std::string dir_;
};

TEST_F(PlaceEvidenceTest, APersonIsKnownByWhatIsSaidOfThem) {
  ASSERT_NE(Named(Find("Floods reached Harvey on Monday."), "Harvey"), nullptr);
  EXPECT_EQ(Named(Find("Gunmen attacked a farm, Harvey told reporters."), "Harvey"), nullptr);
  EXPECT_EQ(Named(Find("The farm was attacked, according to Harvey."), "Harvey"), nullptr);
  // Once a person, a person for the whole document.
  auto ms = Find("Floods reached Harvey on Monday. \"We lost everything,\" Harvey said.");
  EXPECT_EQ(Named(ms, "Harvey"), nullptr);
  // A capital stands for its government.
  std::vector<PlaceMention> found = Find("\"We will respond,\" Moscow said.");
  const PlaceMention* m = Named(found, "Moscow");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->geonameid, 2);
}

TEST_F(PlaceEvidenceTest, ANameWrittenLikeAPersonsIsNoSmallTown) {
  // After a first name the lexicon does not know, the surname keeps only
  // larger readings in the whole document.
  EXPECT_EQ(Named(Find("Officers stopped Dolan Harvey on Monday. Harvey was released."), "Harvey"), nullptr);
  // After an initial, or in a double-barrelled name.
  EXPECT_EQ(Named(Find("The report was written by Jon R. Harvey last year."), "Harvey"), nullptr);
  EXPECT_EQ(Named(Find("The deputy Perez-Harvey spoke on Monday."), "Harvey"), nullptr);
  // In a title-case headline a capitalised word before the name says nothing of a person.
  EXPECT_NE(Named(Find("Gunmen Attack Harvey Farm\n\nPolice reached Harvey at dawn."), "Harvey"), nullptr);
  // A capital survives.
  EXPECT_NE(Named(Find("Officers stopped Dolan Moscow. Flights to Moscow resumed."), "Moscow"), nullptr);
}

TEST_F(PlaceEvidenceTest, AfterAnOrdinaryWordOrAnotherNameACountryStands) {
  // "Air" is a word of the language, not a first name.
  EXPECT_NE(Named(Find("Passengers of Air Malaysia waited for hours."), "Malaysia"), nullptr);
  // After a name the lexicon does not know, a country stays a country ...
  EXPECT_NE(Named(Find("Shares of Dolan Malaysia fell on Monday."), "Malaysia"), nullptr);
  // ... and a small town is a surname.
  EXPECT_EQ(Named(Find("Shares of Dolan Harvey fell on Monday."), "Harvey"), nullptr);
}

TEST_F(PlaceEvidenceTest, AProvinceAbbreviationIsReadWithItsDotAfterATown) {
  auto ms = Find("Police in Slidell, La., said two men were hurt.");
  const PlaceMention* la = Named(ms, "La");
  ASSERT_NE(la, nullptr);
  EXPECT_EQ(la->admin1, "US-LA");
  EXPECT_EQ(la->precision, LocationPrecision::kAdmin1);
  // The abbreviation frames the town: the Louisiana Slidell, not the larger one.
  ASSERT_NE(Named(ms, "Slidell"), nullptr);
  EXPECT_EQ(Named(ms, "Slidell")->geonameid, 31);
  ms = Find("Police in Slidell said two men were hurt.");
  ASSERT_NE(Named(ms, "Slidell"), nullptr);
  EXPECT_EQ(Named(ms, "Slidell")->geonameid, 32);
  // Without its dot, or not after a town and a comma, the word is no province.
  EXPECT_EQ(Named(Find("Police in Slidell, La said two men were hurt."), "La"), nullptr);
  EXPECT_EQ(Named(Find("He sang La. Bamba later."), "La"), nullptr);
}

TEST_F(PlaceEvidenceTest, AWorldCityOutranksATownThatIsOnlyNearTheStorysProvince) {
  // The small London lies inside California and near its point: one piece of
  // evidence, which does not outweigh a capital of eight million.
  auto ms = Find("A professor at the University of California, Los Angeles, said the painter lives in London.");
  const PlaceMention* m = Named(ms, "London");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->geonameid, 4);
}

TEST_F(PlaceEvidenceTest, AStateIsNotItsCapitalWhoseNameIsLonger) {
  auto ms = Find("Teachers in Oklahoma marched on Monday.");
  ASSERT_NE(Named(ms, "Oklahoma"), nullptr);
  EXPECT_EQ(Named(ms, "Oklahoma")->geonameid, 50);
  EXPECT_EQ(Named(ms, "Oklahoma")->precision, LocationPrecision::kAdmin1);
}

TEST_F(PlaceEvidenceTest, AFacilityFollowedByItsTownIsInThatTown) {
  auto ms = Find("Shops on Collins Avenue in Miami Beach closed early.");
  const PlaceMention* m = Named(ms, "Collins Avenue");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->geonameid, 61);
  EXPECT_EQ(m->precision, LocationPrecision::kNear);
  // Without the town, and with no story around it, nothing says where it is.
  EXPECT_EQ(Named(Find("Shops on Collins Avenue closed early."), "Collins Avenue"), nullptr);
}

TEST_F(PlaceEvidenceTest, TheSubjectOfASpeechVerbInTheParseIsAPerson) {
  const Document& doc = Analyze("Later that day Harvey said the road was closed.");
  ASSERT_NE(Named(finder_->Find(doc), "Harvey"), nullptr);
  // Later(0) that(1) day(2) Harvey(3) said(4) ...: Harvey is the subject of "say".
  DocParse parse;
  parse.Reset(doc);
  SentenceParse sp;
  sp.tok_begin = doc.sentences[0].tok_begin;
  sp.tok_end = doc.sentences[0].tok_end;
  sp.tokens.resize(sp.tok_end - sp.tok_begin);
  ASSERT_GT(sp.tokens.size(), 4u);
  ASSERT_EQ(doc.tokens[3].fold, "harvey");
  sp.tokens[3].head = 4, sp.tokens[3].dep = Dep::kNsubj, sp.tokens[3].upos = Upos::kPropn;
  sp.tokens[4].dep = Dep::kRoot, sp.tokens[4].upos = Upos::kVerb, sp.tokens[4].lemma = "say";
  parse.Set(0, std::move(sp));
  EXPECT_EQ(Named(finder_->Find(doc, &parse), "Harvey"), nullptr);
}

TEST_F(PlaceEvidenceTest, OrganisationVesselAndUnitNamesAreNoSites) {
  std::vector<PlaceMention> found = Find("Malaysia Airlines resumed its flights.");
  const PlaceMention* m = Named(found, "Malaysia");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->rule, "organisation");
  found = Find("Pirates boarded the tanker Harvey at dawn.");
  m = Named(found, "Harvey");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->rule, "organisation");
  found = Find("Soldiers of the 3rd battalion of Harvey were deployed.");
  m = Named(found, "Harvey");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->rule, "organisation");
  found = Find("Soldiers were deployed to Harvey.");
  m = Named(found, "Harvey");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->rule, "gazetteer");
}

TEST_F(PlaceEvidenceTest, AHyphenModifierDescribesASide) {
  auto ms = Find("The London-based group said Raqqa was shelled.");
  const PlaceMention* m = Named(ms, "London");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->rule, "modifier");
  EXPECT_EQ(Named(ms, "Raqqa")->rule, "gazetteer");
}

TEST_F(PlaceEvidenceTest, PartOfAnUnknownNameStaysInTheStorysCountry) {
  auto ms = Find("Drones struck a checkpoint near Ain Issa in Syria.");
  EXPECT_EQ(Named(ms, "Ain"), nullptr);
  EXPECT_NE(Named(ms, "Syria"), nullptr);
  // Alone, or in a French story, the province.
  ms = Find("Storms hit Ain overnight.");
  ASSERT_NE(Named(ms, "Ain"), nullptr);
  EXPECT_EQ(Named(ms, "Ain")->admin1, "FR-01");
  ms = Find("Schools in Bourg-en-Bresse and Ain Sud closed.");
  ASSERT_NE(Named(ms, "Ain"), nullptr);
}

TEST_F(PlaceEvidenceTest, AForeignAlternateSpellingNeedsItsCountryInTheStory) {
  EXPECT_NE(Named(Find("Trains to Hamas were late."), "Hamas"), nullptr);
  auto ms = Find("Strikes hit Gaza and Rafah overnight, and Hamas fired rockets.");
  EXPECT_EQ(Named(ms, "Hamas"), nullptr);
  EXPECT_NE(Named(ms, "Rafah"), nullptr);
}

TEST_F(PlaceEvidenceTest, ATownNearTheStorysOtherPlacesWins) {
  std::vector<PlaceMention> found = Find("Storms hit Springfield overnight.");
  const PlaceMention* m = Named(found, "Springfield");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->geonameid, 21);
  found = Find("Storms hit Peoria and Springfield overnight.");
  m = Named(found, "Springfield");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->geonameid, 20);
}

}  // namespace
}  // namespace sitrep

namespace sitrep {
namespace {

TEST_F(PlaceEvidenceTest, ASeaNameMayOpenWithALowerCaseHead) {
  auto ms = Find("Tankers were hit in the mer Rouge on Monday.");
  const PlaceMention* sea = Named(ms, "mer Rouge");
  ASSERT_NE(sea, nullptr);
  EXPECT_EQ(sea->feature, "H.SEA");
  // The head alone names nothing.
  EXPECT_EQ(Named(Find("The mer was calm."), "mer"), nullptr);
}

TEST_F(PlaceEvidenceTest, ANameAfterAParticleAndAnUnknownFirstNameIsASurname) {
  ASSERT_NE(Named(Find("Tributes were paid in Sancerre on Monday."), "Sancerre"), nullptr);
  EXPECT_EQ(Named(Find("Tributes were paid to Cedric de Sancerre on Monday."), "Sancerre"), nullptr);
  // The whole document: the surname written alone later is no town either.
  EXPECT_EQ(Named(Find("Cedric de Sancerre was killed. Sancerre was 33."), "Sancerre"), nullptr);
}

TEST_F(PlaceEvidenceTest, ALooseMatchIsSpelledTheSameUpToAMuteE) {
  // One letter off a town of the story's country is another word.
  EXPECT_EQ(Named(Find("In India, farmers marched over the Cauvery dispute."), "Cauvery"), nullptr);
  // A French final -e that the transliteration lacks is the same name.
  const PlaceMention* m = Named(Find("Shells fell on Afrine, in Syria, overnight."), "Afrine");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->geonameid, 83);
}

TEST_F(PlaceEvidenceTest, ALooseMatchSpansTheWordsAfterAnUnknownOneAndItsArticle) {
  // "Maarat" starts no name: the loose key reads on through "al-Noomane",
  // and "al" and "an" are the same article.
  auto ms = Find("Air strikes hit Maarat al-Noomane in Syria on Monday.");
  const PlaceMention* m = Named(ms, "Maarat al-Noomane");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->geonameid, 82);
}

TEST_F(PlaceEvidenceTest, AnOrdinaryWordNamesNoForeignProvince) {
  // The story is in the United States: "the West Coast" is no region of the Gambia.
  auto ms = Find("Storms hit Springfield and Peoria, then the West Coast.");
  EXPECT_EQ(Named(ms, "West Coast"), nullptr);
  EXPECT_NE(Named(ms, "Peoria"), nullptr);
}

TEST_F(PlaceEvidenceTest, APeoplesNameIsNoTown) {
  // "Arab" names no town of Alabama, in any story; a province of that name stays.
  const PlaceMention* m = Named(Find("Springfield and Peoria hosted the Arab delegations."), "Arab");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->level, PlaceLevel::kAdmin1);
  EXPECT_EQ(m->geonameid, 87);
}

TEST_F(PlaceEvidenceTest, ANameInsideADateIsNoPlace) {
  const Document& doc = Analyze("Storms hit Peoria on Monday and Springfield later.");
  ASSERT_NE(Named(finder_->Find(doc), "Peoria"), nullptr);
  // The date finder read "Peoria on Monday" as one date (tokens 2 to 5).
  DateMention d;
  d.toks = {2, 5};
  std::vector<DateMention> dates = {d};
  auto ms = finder_->Find(doc, nullptr, nullptr, BudgetLimits{}.candidates_per_place_name, &dates);
  EXPECT_EQ(Named(ms, "Peoria"), nullptr);
  EXPECT_NE(Named(ms, "Springfield"), nullptr);
}

TEST_F(PlaceEvidenceTest, AVillageIsNoCityAndItsFrameFollowsTheDescription) {
  ASSERT_NE(Named(Find("Gunmen raided Moscow on Monday."), "Moscow"), nullptr);
  // A capital is no village: this one is missing from the gazetteer.
  EXPECT_EQ(Named(Find("Gunmen raided the village of Moscow on Monday."), "Moscow"), nullptr);
  EXPECT_EQ(Named(Find("Gunmen raided Moscow village on Monday."), "Moscow"), nullptr);
  // A small namesake abroad is no village of the country named after the description.
  auto ms = Find("Gunmen raided Harvey, a village in northern Syria, on Monday.");
  EXPECT_EQ(Named(ms, "Harvey"), nullptr);
  EXPECT_NE(Named(ms, "Syria"), nullptr);
  // Without the frame the small town stands.
  EXPECT_NE(Named(Find("Gunmen raided Harvey, a village, on Monday."), "Harvey"), nullptr);
}

}  // namespace
}  // namespace sitrep
