#include "sitrep/pipeline.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/hash.h"
#include "mentions/mention.h"
#include "pipeline/pipeline_impl.h"
#include "syntax/sentence_parser.h"
#include "text/document.h"

namespace sitrep {
namespace {

// At most this many words before an opening date ("On", "Dans la nuit du").
constexpr uint32_t kOpeningWordsBeforeDate = 4;

// Content hash of every lexicon file, so stored events say which data made them.
std::string HashDataDir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir + "/lexicons", ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  uint64_t h = Fnv1a64("lexicons");
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    h = Fnv1a64(fs::relative(f, dir).string(), h);
    h = Fnv1a64(s.str(), h);
  }
  return Hex64(h).substr(0, 12);
}

}  // namespace

std::string ResolveDataDir(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("SITREP_DATA"); env && *env) return env;
  return std::string(SITREP_SOURCE_DIR) + "/data";
}

std::string ResolveGazetteerPath(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("SITREP_GAZETTEER"); env && *env) return env;
  return std::string(SITREP_SOURCE_DIR) + "/build/gazetteer.bin";
}

// Loads the gazetteer and the place finder; a missing gazetteer is a
// warning (no places) unless the options require it.
Status LoadPlaces(PipelineImpl* impl) {
  auto gaz = Gazetteer::Load(ResolveGazetteerPath(impl->options.gazetteer_path));
  if (!gaz.ok()) {
    if (impl->options.require_gazetteer) return gaz.status();
    impl->load_warnings.push_back(gaz.status().message() + "; places are not resolved");
    return Status::Ok();
  }
  impl->gazetteer = std::move(gaz).value();
  auto finder = PlaceFinder::Create(*impl->gazetteer, impl->data_dir + "/lexicons", &impl->load_warnings);
  if (!finder.ok()) return finder.status();
  impl->places = std::move(finder).value();
  impl->data_version += " " + impl->gazetteer->Version();
  return Status::Ok();
}

// Loads the syntax model of each language; a missing or damaged model
// fails Create() with the command that rebuilds it.
Status LoadSyntaxModels(PipelineImpl* impl) {
  for (const char* lang : {"fr", "en"}) {
    auto model = SyntaxModel::Load(impl->data_dir + "/models/" + lang + "/syntax.bin");
    if (!model.ok()) return model.status();
    impl->data_version += " " + (*model)->Version();
    impl->syntax.emplace(lang, std::move(model).value());
  }
  return Status::Ok();
}

// Parses the sentences that can carry an event: those holding a strong
// trigger, or a weak one (a generic action, an event only with an armed
// side) next to an actor that is not a civilian one, and a sentence that
// counts people when it follows one of these or holds two triggers ("Four
// children were among the dead", "un soldat a été tué dans l'explosion
// d'une mine": whether a figure is a toll or a part of one, and which word
// is the means of which, is read from the clause). Other sentences stay
// unparsed, so general news costs little. A sentence over the words budget
// is not parsed (reported once). A date that opens a sentence and is set
// off by a comma ("On 4 March 2024, the army ...", "Le 14 mars, des
// hommes armés ...") is parsed apart from its clause (sentence_parser.h),
// unless a side is named in it.
void ParseEventSentences(const PipelineImpl& impl, const Document& doc, MentionSet* mentions,
                         BudgetLog* budget) {
  mentions->parse.Reset(doc);
  auto it = impl.syntax.find(doc.lang);
  if (it == impl.syntax.end() || doc.sentences.empty()) return;
  std::vector<uint32_t> opening(doc.sentences.size(), 0);
  for (const auto& d : mentions->dates) {
    size_t s = doc.SentenceOfToken(d.toks.begin);
    if (s >= doc.sentences.size() || opening[s]) continue;
    const Sentence& sent = doc.sentences[s];
    if (d.toks.begin > sent.tok_begin + kOpeningWordsBeforeDate || d.toks.end + 1 >= sent.tok_end ||
        doc.tokens[d.toks.end].punct != U',')
      continue;
    bool plain = true;
    for (uint32_t t = sent.tok_begin; t < d.toks.begin; ++t) plain &= doc.tokens[t].punct != U',';
    if (plain) opening[s] = d.toks.end + 1;
  }
  for (const auto& a : mentions->actors) {
    size_t s = doc.SentenceOfToken(a.toks.begin);
    if (s < opening.size() && a.toks.begin < opening[s]) opening[s] = 0;
  }
  std::vector<char> has_actor(doc.sentences.size(), 0), too_long(doc.sentences.size(), 0);
  for (const auto& a : mentions->actors)
    if (a.kind != "civ") has_actor[doc.SentenceOfToken(a.toks.begin)] = 1;
  for (const auto& t : mentions->triggers) {
    size_t s = doc.SentenceOfToken(t.toks.begin);
    if (s >= doc.sentences.size() || mentions->parse.SentenceParsed(s)) continue;
    if (t.weak && !has_actor[s]) continue;
    const Sentence& sent = doc.sentences[s];
    if (sent.tok_end - sent.tok_begin > impl.options.budgets.words_per_parsed_sentence) {
      if (!too_long[s]) budget->Dropped(Budget::kWordsPerParsedSentence);
      too_long[s] = 1;
      continue;
    }
    mentions->parse.Set(s, ParseSentence(doc, s, *it->second, opening[s]));
  }
  std::vector<char> event_sentence(doc.sentences.size(), 0);
  std::vector<uint8_t> triggers(doc.sentences.size(), 0);
  for (size_t s = 0; s < doc.sentences.size(); ++s) event_sentence[s] = mentions->parse.SentenceParsed(s);
  for (const auto& t : mentions->triggers)
    if (uint8_t& n = triggers[doc.SentenceOfToken(t.toks.begin)]; n < 2) ++n;
  for (const auto& n : mentions->numbers) {
    size_t s = doc.SentenceOfToken(n.toks.begin);
    if (s >= doc.sentences.size() || mentions->parse.SentenceParsed(s)) continue;
    if (triggers[s] < 2 && (s == 0 || !event_sentence[s - 1])) continue;
    if (n.noun_class != "person" && n.noun_class != "killed" && n.noun_class != "injured") continue;
    const Sentence& sent = doc.sentences[s];
    if (sent.tok_end - sent.tok_begin > impl.options.budgets.words_per_parsed_sentence) continue;  // reported above or harmless
    mentions->parse.Set(s, ParseSentence(doc, s, *it->second, opening[s]));
  }
}

Pipeline::Pipeline(std::unique_ptr<PipelineImpl> impl) : impl_(std::move(impl)) {}
Pipeline::~Pipeline() = default;

std::string Pipeline::Version() { return std::string("sitrep-pipeline/") + SITREP_VERSION; }

std::string Pipeline::DataVersion() const { return impl_->data_version; }

namespace {

// Every lexicon-driven stage is built the same way: T::Create(lexicon_dir, warnings).
template <typename T>
Status CreateStage(const std::string& lexicons, std::vector<std::string>* warnings,
                   std::unique_ptr<T>* out) {
  auto stage = T::Create(lexicons, warnings);
  if (!stage.ok()) return stage.status();
  *out = std::move(stage).value();
  return Status::Ok();
}

}  // namespace

StatusOr<std::unique_ptr<Pipeline>> Pipeline::Create(const PipelineOptions& options) {
  auto impl = std::make_unique<PipelineImpl>();
  impl->options = options;
  impl->data_dir = ResolveDataDir(options.data_dir);
  if (!std::filesystem::is_directory(impl->data_dir + "/lexicons")) {
    return Status::NotFound("no lexicons under '" + impl->data_dir +
                            "' (set --data or SITREP_DATA to the project's data/ folder)");
  }
  const std::string lexicons = impl->data_dir + "/lexicons";
  auto* w = &impl->load_warnings;
  SITREP_RETURN_IF_ERROR(CreateStage(lexicons, w, &impl->triggers));
  SITREP_RETURN_IF_ERROR(CreateStage(lexicons, w, &impl->numbers));
  SITREP_RETURN_IF_ERROR(CreateStage(lexicons, w, &impl->dates));
  SITREP_RETURN_IF_ERROR(CreateStage(lexicons, w, &impl->actors));
  SITREP_RETURN_IF_ERROR(CreateStage(lexicons, w, &impl->sources));
  SITREP_RETURN_IF_ERROR(CreateStage(lexicons, w, &impl->assembler));
  impl->data_version = "lexicons:" + HashDataDir(impl->data_dir);
  SITREP_RETURN_IF_ERROR(LoadPlaces(impl.get()));
  SITREP_RETURN_IF_ERROR(LoadSyntaxModels(impl.get()));
  return std::unique_ptr<Pipeline>(new Pipeline(std::move(impl)));
}

namespace {

// The sentence of the token holding byte `b`.
size_t SentenceOfByte(const Document& doc, uint32_t b) {
  auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), b,
                             [](const Token& t, uint32_t v) { return t.span.end <= v; });
  return doc.SentenceOfToken(static_cast<uint32_t>(it - doc.tokens.begin()));
}

// The sentence a mention is in: by its tokens, else its words; none (npos)
// for a mention with neither.
template <typename M>
size_t SentenceOf(const Document& doc, const M& m) {
  if (m.toks.end > m.toks.begin) return doc.SentenceOfToken(m.toks.begin);
  if (!m.span.empty()) return SentenceOfByte(doc, m.span.begin);
  return std::string::npos;
}

// A source that only refers back ("a-t-il précisé") or claims has no words
// of its own: it is where its cue is.
size_t SentenceOf(const Document& doc, const SourceMention& m) {
  if (m.toks.end > m.toks.begin) return doc.SentenceOfToken(m.toks.begin);
  if (!m.cue.empty()) return SentenceOfByte(doc, m.cue.begin);
  return std::string::npos;
}

// Keeps the first `limit` mentions of each sentence and counts the others:
// what comes after stays linear however many a hostile sentence holds.
template <typename M>
void CapPerSentence(const Document& doc, size_t limit, std::vector<M>* mentions, BudgetLog* budget) {
  if (mentions->size() <= limit) return;
  std::vector<uint32_t> seen(doc.sentences.size() + 1, 0);
  size_t before = mentions->size();
  std::erase_if(*mentions, [&](const M& m) {
    size_t s = SentenceOf(doc, m);
    return s != std::string::npos && ++seen[s] > limit;
  });
  if (size_t dropped = before - mentions->size()) budget->Dropped(Budget::kMentionsPerSentence, dropped);
}

}  // namespace

StatusOr<DocumentResult> Pipeline::Run(const RawDocument& raw) const {
  const BudgetLimits& limits = impl_->options.budgets;
  auto analyzed = AnalyzeDocument(raw, impl_->options.max_document_bytes, limits.tokens_per_document);
  if (!analyzed.ok()) return analyzed.status();
  const Document& doc = **analyzed;
  BudgetLog budget = doc.budget;
  const size_t per_sentence = limits.mentions_per_sentence;
  MentionSet mentions;
  mentions.triggers = impl_->triggers->Find(doc);
  CapPerSentence(doc, per_sentence, &mentions.triggers, &budget);
  DocumentResult result;
  result.doc_id = doc.id;
  result.lang = doc.lang;
  result.warnings = doc.warnings;
  // Every event grows from a trigger (events/candidate.cc): a document with
  // none, most general news, needs no other stage.
  if (mentions.triggers.empty()) {
    for (auto& w : budget.Warnings(limits)) result.warnings.push_back(std::move(w));
    return result;
  }
  mentions.actors = impl_->actors->Find(doc);
  CapPerSentence(doc, per_sentence, &mentions.actors, &budget);
  mentions.numbers = impl_->numbers->Find(doc);
  CapPerSentence(doc, per_sentence, &mentions.numbers, &budget);
  mentions.dates = impl_->dates->Find(doc);
  CapPerSentence(doc, per_sentence, &mentions.dates, &budget);
  ParseEventSentences(*impl_, doc, &mentions, &budget);
  mentions.sources = impl_->sources->Find(doc, &mentions.parse, &mentions.triggers);
  CapPerSentence(doc, per_sentence, &mentions.sources, &budget);
  if (impl_->places)
    mentions.places =
        impl_->places->Find(doc, &mentions.parse, &budget, limits.candidates_per_place_name, &mentions.dates);
  CapPerSentence(doc, per_sentence, &mentions.places, &budget);
  result.events = impl_->assembler->Assemble(doc, mentions);
  if (result.events.size() > limits.events_per_document) {
    budget.Dropped(Budget::kEventsPerDocument, result.events.size() - limits.events_per_document);
    result.events.resize(limits.events_per_document);
  }
  if (!impl_->options.keep_background)
    std::erase_if(result.events, [](const Event& e) { return e.background; });
  for (auto& e : result.events) {
    e.pipeline_version = Version();
    e.id = ComputeEventId(e);
  }
  for (auto& w : budget.Warnings(limits)) result.warnings.push_back(std::move(w));
  return result;
}

}  // namespace sitrep
