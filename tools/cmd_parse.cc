// sitrep parse [INPUT...]: documents in (read like `extract` reads them),
// CoNLL-U out: every sentence tagged, lemmatised and parsed, with the code
// point span of each sentence (comment) and token (MISC "Span=start-end").
// sitrep parse --lang L --conllu FILE: re-tags and re-parses the gold words
// of a CoNLL-U file (columns 3-8 replaced, the rest kept), for evaluation.
#include <chrono>
#include <ctime>
#include <iostream>
#include <map>
#include <memory>

#include "pipeline/pipeline_impl.h"
#include "syntax/conllu.h"
#include "syntax/doc_words.h"
#include "syntax/sentence_parser.h"
#include "syntax/syntax_model.h"
#include "tools/mention_command.h"

namespace sitrep::cli {
namespace {

struct ParseFlags {
  MentionFlags m;
  std::string lang, conllu, model;
  bool stats = false;
};

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

std::string ModelPath(const ParseFlags& f, const std::string& lang) {
  if (!f.model.empty()) return f.model;
  return ResolveDataDir(f.m.pipeline.data_dir) + "/models/" + lang + "/syntax.bin";
}

int RunConllu(const ParseFlags& f) {
  auto t0 = Clock::now();
  auto model = SyntaxModel::Load(ModelPath(f, f.lang.empty() ? "fr" : f.lang));
  if (!model.ok()) {
    Report("parse", model.status().message());
    return 2;
  }
  double load = Seconds(t0);
  auto sents = ReadConlluFile(f.conllu);
  if (!sents.ok()) {
    Report("parse", sents.status().message());
    return 2;
  }
  OutputFile out;
  if (!out.Open(f.m.output)) {
    Report(f.m.output, "cannot write the output file");
    return 2;
  }
  size_t words = 0;
  double busy = 0, cpu = 0;
  std::vector<std::string> forms;
  std::vector<WordAnalysis> an;
  for (auto& s : *sents) {
    forms.clear();
    for (const auto& w : s.words) forms.push_back(w.form);
    auto t1 = Clock::now();
    std::clock_t c1 = std::clock();
    (*model)->Analyze(forms, &an);
    cpu += static_cast<double>(std::clock() - c1) / CLOCKS_PER_SEC;
    busy += Seconds(t1);
    words += forms.size();
    for (size_t i = 0; i < s.words.size(); ++i) {
      ConlluWord& w = s.words[i];
      w.lemma = an[i].lemma;
      w.upos = std::string(UposName(an[i].upos));
      w.xpos = "_";
      w.feats = std::string((*model)->FeatsName(an[i].feats));
      w.head = an[i].head + 1;
      w.deprel = std::string((*model)->LabelName(an[i].label));
    }
    WriteConllu(s, out.stream());
  }
  out.stream().flush();
  if (f.stats)
    std::cerr << "sitrep parse: model " << (*model)->Version() << " loaded in " << load * 1000 << " ms; "
              << words << " words in " << busy << " s wall, " << cpu << " s CPU: "
              << static_cast<long>(words / std::max(cpu, 1e-9)) << " words/s of CPU time (one thread; "
              << static_cast<long>(words / std::max(busy, 1e-9)) << " words/s wall)\n";
  return 0;
}

// Writes one analysed sentence of a document.
void WriteSentence(const Document& doc, size_t si, const SyntaxModel& model, std::ostream& out) {
  const Sentence& s = doc.sentences[si];
  SentenceWords sw = BuildWords(doc, s, model.multiword());
  std::vector<std::string> forms;
  for (const auto& w : sw.words) forms.push_back(w.form);
  std::vector<WordAnalysis> an;
  model.Analyze(forms, &an);
  // The byte span of each word-carrying token, its pieces included.
  std::map<uint32_t, Span> span;
  for (uint32_t k = s.tok_begin; k < s.tok_end; ++k) {
    int32_t owner = sw.part_of[k - s.tok_begin] >= 0 ? sw.part_of[k - s.tok_begin] : static_cast<int32_t>(k);
    Span t = doc.tokens[k].span;
    auto [it, fresh] = span.try_emplace(owner, t);
    if (!fresh) it->second = {std::min(it->second.begin, t.begin), std::max(it->second.end, t.end)};
  }
  auto misc = [&](uint32_t token) {
    Span sp = span[token];
    std::string m = "Span=" + std::to_string(doc.Cp(sp.begin)) + "-" + std::to_string(doc.Cp(sp.end));
    // SpaceAfter=No when the next token is glued to this word.
    uint32_t next = token + 1;
    while (next < s.tok_end && sw.part_of[next - s.tok_begin] == static_cast<int32_t>(token)) ++next;
    if (next < s.tok_end && !doc.tokens[next].space_before) m += "|SpaceAfter=No";
    return m;
  };
  out << "# doc_id = " << doc.id << "\n# sent_id = " << doc.id << "-" << si + 1 << "\n# text = "
      << doc.Slice(s.span) << "\n# span = " << doc.Cp(s.span.begin) << "-" << doc.Cp(s.span.end) << "\n";
  for (size_t i = 0; i < sw.words.size(); ++i) {
    const SyntacticWord& w = sw.words[i];
    size_t last = i;
    while (last + 1 < sw.words.size() && !sw.words[last + 1].carrier && sw.words[last + 1].token == w.token) ++last;
    bool mwt = last > i;
    if (mwt)
      out << i + 1 << "-" << last + 1 << "\t" << doc.Slice(span[w.token]) << "\t_\t_\t_\t_\t_\t_\t_\t" << misc(w.token)
          << "\n";
    for (size_t k = i; k <= last; ++k) {
      const WordAnalysis& a = an[k];
      out << k + 1 << "\t" << sw.words[k].form << "\t" << a.lemma << "\t" << UposName(a.upos) << "\t_\t"
          << model.FeatsName(a.feats) << "\t" << a.head + 1 << "\t" << model.LabelName(a.label) << "\t_\t"
          << (mwt ? std::string("_") : misc(w.token)) << "\n";
    }
    i = last;
  }
  out << "\n";
}

int RunDocuments(const ParseFlags& f) {
  std::map<std::string, std::unique_ptr<SyntaxModel>> models;
  size_t sentences = 0;
  bool failed = false;
  int status = RunMentionCommand("parse", "sentence(s)", f.m, [&](const Document& doc, std::ostream& out) -> size_t {
    std::string lang = f.lang.empty() ? doc.lang : f.lang;
    auto it = models.find(lang);
    if (it == models.end()) {
      auto m = SyntaxModel::Load(ModelPath(f, lang));
      if (!m.ok()) {
        if (!failed) Report("parse", m.status().message());
        failed = true;
        return 0;
      }
      it = models.emplace(lang, std::move(m).value()).first;
    }
    for (size_t s = 0; s < doc.sentences.size(); ++s) {
      if (doc.sentences[s].tok_end - doc.sentences[s].tok_begin > kMaxParsedTokens) continue;
      WriteSentence(doc, s, *it->second, out);
      ++sentences;
    }
    return doc.sentences.size();
  });
  return failed ? 2 : status;
}

CommandRegistration reg(45, [](CLI::App& app, int* exit_code) {
  auto f = std::make_shared<ParseFlags>();
  auto* cmd = app.add_subcommand("parse", "Tag, lemmatise and parse articles (or a CoNLL-U file) into CoNLL-U");
  cmd->group(kGroupStages);
  AddMentionOptions(cmd, &f->m);
  cmd->add_option("--lang", f->lang, "language of the model (default: each document's language)");
  cmd->add_option("--conllu", f->conllu, "re-analyse the gold words of this CoNLL-U file");
  cmd->add_option("--model", f->model, "model file (default: <data>/models/<lang>/syntax.bin)");
  cmd->add_flag("--stats", f->stats, "report model load time and words per second on standard error");
  cmd->callback([f, exit_code] { *exit_code = f->conllu.empty() ? RunDocuments(*f) : RunConllu(*f); });
});

}  // namespace
}  // namespace sitrep::cli
