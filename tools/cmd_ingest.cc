// sitrep ingest [INPUT...] --db PATH: runs the pipeline and stores documents,
// reports and merged events. Each document is one transaction, so an
// interrupted ingest is finished by running the same command again.
#include <chrono>
#include <iostream>

#include "ingest/reader.h"
#include "sitrep/pipeline.h"
#include "sitrep/store.h"
#include "tools/command.h"

namespace sitrep::cli {
namespace {

struct IngestFlags {
  std::vector<std::string> inputs;
  std::string db = "sitrep.db", date;
  bool quiet = false;
  size_t batch = 200;
  PipelineFlags pipeline;
};

struct Counters {
  size_t inserted = 0, replaced = 0, unchanged = 0, failed = 0, store_errors = 0;
};

int RunIngest(const IngestFlags& f) {
  ReaderOptions ropt;
  if (!f.pipeline.ReaderOptionsFor(f.date, &ropt)) return 2;
  auto pipeline = f.pipeline.CreatePipeline();
  if (!pipeline) return 2;
  auto store = Store::Open(f.db);
  if (!store.ok()) {
    Report(f.db, store.status().message());
    return 2;
  }
  const std::string data_version = pipeline->DataVersion();
  Counters n;
  size_t in_batch = 0;
  auto t_batch = std::chrono::steady_clock::now();
  // Commits every --batch documents or every second, whichever comes first.
  auto commit = [&](bool reopen) {
    Status st = (*store)->CommitBatch();
    if (!st.ok()) {
      Report(f.db, "commit failed: " + st.message());
      ++n.store_errors;
    }
    in_batch = 0;
    t_batch = std::chrono::steady_clock::now();
    if (reopen && f.batch > 1) (void)(*store)->BeginBatch();
  };
  if (f.batch > 1) (void)(*store)->BeginBatch();
  auto sink = [&](RawDocument&& raw) {
    if (f.batch > 1 && (in_batch >= f.batch ||
                        std::chrono::steady_clock::now() - t_batch > std::chrono::seconds(1)))
      commit(true);
    ++in_batch;
    // An unchanged document is skipped before the pipeline runs.
    auto known = (*store)->HasDocument(raw.id, DocumentContentHash(raw), data_version);
    if (known.ok() && *known) {
      ++n.unchanged;
      return;
    }
    auto r = pipeline->Run(raw);
    if (!r.ok()) {
      Report(raw.origin, r.status().message() + "; skipped");
      ++n.failed;
      return;
    }
    if (!f.quiet)
      for (const auto& w : r->warnings)
        if (w.rfind("malformed UTF-8", 0) != 0) Report(raw.origin, w);
    auto out = (*store)->IngestDocument(raw, *r, data_version);
    if (!out.ok()) {
      Report(raw.origin, "not stored: " + out.status().message());
      ++n.store_errors;
      return;
    }
    switch (out->action) {
      case IngestAction::kInserted:
        ++n.inserted;
        break;
      case IngestAction::kReplaced:
        ++n.replaced;
        break;
      case IngestAction::kUnchanged:
        ++n.unchanged;
        break;
    }
  };
  ReadStats stats = ReadInputs(f.inputs, ropt, sink, Report);
  commit(false);
  auto st = (*store)->Stats();
  std::cerr << "sitrep ingest: " << stats.documents << " document(s) read: " << n.inserted
            << " new, " << n.replaced << " replaced, " << n.unchanged << " unchanged, "
            << (stats.skipped + n.failed) << " skipped, " << n.store_errors << " not stored\n";
  if (st.ok())
    std::cerr << "sitrep ingest: " << f.db << " holds " << st->documents << " document(s), "
              << st->reports << " report(s), " << st->events << " event(s) (" << st->merged_events
              << " from several documents)\n";
  if (n.store_errors) return 1;
  if (stats.documents == 0) {
    Report("ingest", "no document could be read; see 'sitrep ingest --help'");
    return 2;
  }
  return 0;
}

CommandRegistration reg(20, [](CLI::App& app, int* exit_code) {
  auto f = std::make_shared<IngestFlags>();
  auto* cmd = app.add_subcommand(
      "ingest", "Extract events from articles and store them in an event database");
  cmd->group(kGroupStore);
  cmd->add_option(
      "inputs", f->inputs,
      "JSON Lines files, .txt files, folders of these, or '-' (default: standard input)");
  cmd->add_option("--db", f->db, "SQLite database (created when absent)")->capture_default_str();
  cmd->add_option("--date", f->date,
                  "publication date (YYYY-MM-DD or YYYY-MM) anchoring plain-text inputs");
  cmd->add_option("--batch", f->batch, "documents per transaction (1: one per document)")
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", f->quiet, "do not report per-document warnings");
  f->pipeline.AddTo(cmd);
  cmd->callback([f, exit_code] { *exit_code = RunIngest(*f); });
});

}  // namespace
}  // namespace sitrep::cli
