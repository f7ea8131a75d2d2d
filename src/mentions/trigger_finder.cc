#include "mentions/trigger_finder.h"

#include <filesystem>

#include "lexicon/tsv.h"

namespace sitrep {

StatusOr<std::unique_ptr<TriggerFinder>> TriggerFinder::Create(const std::string& lexicon_dir,
                                                               std::vector<std::string>* warnings) {
  auto f = std::unique_ptr<TriggerFinder>(new TriggerFinder());
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const auto& lang_dir : fs::directory_iterator(lexicon_dir, ec)) {
    fs::path p = lang_dir.path() / "triggers.tsv";
    if (!fs::exists(p)) continue;
    auto t = ReadTsv(p.string(), {"phrase", "event_type", "sub_event_type"});
    if (!t.ok()) return t.status();
    for (const auto& e : t->errors) warnings->push_back(e);
    auto& matcher = f->by_lang_[lang_dir.path().filename().string()];
    int cp = t->Column("phrase"), ce = t->Column("event_type"), cs = t->Column("sub_event_type");
    for (const auto& row : t->rows) {
      int32_t idx = static_cast<int32_t>(f->entries_.size());
      f->entries_.push_back({row.cells[cp], row.cells[ce], row.cells[cs]});
      matcher.Add(row.cells[cp], idx);
    }
  }
  if (ec) return Status::IoError(lexicon_dir + ": " + ec.message());
  return f;
}

std::vector<TriggerMention> TriggerFinder::Find(const Document& doc) const {
  std::vector<TriggerMention> out;
  auto it = by_lang_.find(doc.lang);
  if (it == by_lang_.end()) return out;
  for (const auto& m : it->second.FindAll(doc.tokens, 0, static_cast<uint32_t>(doc.tokens.size()))) {
    const Entry& e = entries_[m.value];
    TriggerMention t;
    t.toks = {m.begin, m.end};
    t.span = {doc.tokens[m.begin].span.begin, doc.tokens[m.end - 1].span.end};
    t.event_type = e.event_type;
    t.sub_event_type = e.sub_event_type;
    t.lemma = e.phrase;
    t.rule = "triggers.tsv:" + e.phrase;
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace sitrep
