#include "syntax/syntax_model.h"

#include "base/hash.h"
#include "syntax/model_file.h"

namespace sitrep {

SyntaxModel::SyntaxModel(std::string lang, MultiwordTable multiword, Tagger tagger,
                         Lemmatizer lemmatizer, Parser parser, std::string info)
    : lang_(std::move(lang)),
      multiword_(std::move(multiword)),
      tagger_(std::move(tagger)),
      lemmatizer_(std::move(lemmatizer)),
      parser_(std::move(parser)),
      info_(std::move(info)) {}

std::string SyntaxTrainCommand(const std::string& lang) {
  if (lang == "en")
    return "sitrep syntax train --lang en --train ../shared/data/ud/en_ewt-ud-train.conllu "
           "--dev ../shared/data/ud/en_ewt-ud-dev.conllu -o data/models/en/syntax.bin";
  return "sitrep syntax train --lang fr --train "
         "../shared/data/ud/fr_sequoia-ud-train.conllu,../shared/data/ud/fr_gsd-ud-dev.conllu,"
         "../shared/data/ud/fr_gsd-ud-dev.conllu "
         "--dev ../shared/data/ud/fr_sequoia-ud-dev.conllu --seeds 1,2 --threads 2 --set-upos '%=SYM' "
         "-o data/models/fr/syntax.bin";
}

std::string SyntaxModel::Serialize() const {
  ByteWriter w;
  w.Str(lang_);
  w.Str(info_);
  multiword_.Save(&w);
  tagger_.Save(&w);
  lemmatizer_.Save(&w);
  parser_.Save(&w);
  return w.bytes();
}

Status SyntaxModel::Save(const std::string& path) { return WriteModelFile(path, Serialize(), &hash_); }

StatusOr<std::unique_ptr<SyntaxModel>> SyntaxModel::Load(const std::string& path) {
  uint64_t hash = 0;
  uint32_t format = 0;
  auto body = MapModelBody(path, &hash, &format);
  std::string lang_hint = path.find("/en/") != std::string::npos ? "en" : "fr";
  std::string rebuild = " (rebuild it with: " + SyntaxTrainCommand(lang_hint) +
                        "; data/models/" + lang_hint + "/PROVENANCE.md gives the exact commands)";
  if (!body.ok()) return Status(body.status().code() == StatusCode::kNotFound
                                    ? Status::NotFound(body.status().message() + rebuild)
                                    : Status::Corruption(body.status().message() + rebuild));
  auto m = FromBytes(*body, hash, path, format);
  if (!m.ok()) return Status::Corruption(m.status().message() + rebuild);
  return m;
}

StatusOr<std::unique_ptr<SyntaxModel>> SyntaxModel::FromBody(std::string_view body, uint64_t hash,
                                                             const std::string& origin, uint32_t format) {
  return FromBytes(CopyModelBytes(body), hash, origin, format);
}

StatusOr<std::unique_ptr<SyntaxModel>> SyntaxModel::FromBytes(std::shared_ptr<const ModelBytes> body,
                                                              uint64_t hash, const std::string& origin,
                                                              uint32_t format) {
  std::unique_ptr<SyntaxModel> m(new SyntaxModel());
  ByteReader r(std::move(body));
  if (!r.Str(&m->lang_) || !r.Str(&m->info_) || !m->multiword_.Load(&r) || !m->tagger_.Load(&r) ||
      !m->lemmatizer_.Load(&r) || !m->parser_.Load(&r, format) || !r.at_end())
    return Status::Corruption(origin + ": syntax model body does not parse");
  m->hash_ = hash;
  return m;
}

std::string SyntaxModel::Version() const { return "syntax-" + lang_ + ":" + Hex64(hash_).substr(0, 12); }

std::string_view SyntaxModel::FeatsName(uint16_t id) const {
  const auto& names = tagger_.feats_names();
  return id < names.size() ? std::string_view(names[id]) : std::string_view("_");
}

std::string_view SyntaxModel::LabelName(uint16_t id) const {
  const auto& names = parser_.labels();
  return id < names.size() ? std::string_view(names[id]) : std::string_view("dep");
}

void SyntaxModel::Analyze(const std::vector<std::string>& forms, std::vector<WordAnalysis>* out) const {
  std::vector<WordKeys> keys;
  keys.reserve(forms.size());
  for (const auto& f : forms) keys.push_back(MakeWordKeys(f));
  std::vector<uint16_t> upos, feats;
  tagger_.Tag(keys, &upos, &feats);
  std::vector<int> heads;
  std::vector<uint16_t> labels;
  parser_.Parse(MakeParserInput(keys, upos, feats), &heads, &labels);
  out->resize(forms.size());
  for (size_t i = 0; i < forms.size(); ++i) {
    WordAnalysis& a = (*out)[i];
    a.upos = static_cast<Upos>(upos[i]);
    a.feats = feats[i];
    a.lemma = lemmatizer_.Lemma(forms[i], a.upos);
    a.head = heads[i];
    a.label = labels[i];
  }
}

}  // namespace sitrep
