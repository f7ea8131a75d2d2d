// sitrep ingest [INPUT...] --db PATH: runs the pipeline and stores documents,
// reports and merged events. Each document is one transaction, so an
// interrupted ingest is finished by running the same command again.
//
// A pipeline of three stages: this thread reads the inputs and skips the
// documents the store already holds unchanged; worker threads extract
// (BatchRunner, results handed back in input order); one writer thread
// stores the results in that order, so the store ends exactly as a serial
// ingest leaves it, whatever the thread count.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "ingest/reader.h"
#include "pipeline/batch.h"
#include "sitrep/pipeline.h"
#include "sitrep/store.h"
#include "tools/command.h"
#include "tools/progress.h"

namespace sitrep::cli {
namespace {

struct IngestFlags {
  std::vector<std::string> inputs;
  std::string db = "sitrep.db", date;
  bool quiet = false;
  size_t batch = 200;
  unsigned threads = 0;
  PipelineFlags pipeline;
};

struct Counters {
  size_t inserted = 0, replaced = 0, unchanged = 0, failed = 0, store_errors = 0, events = 0;
};

// The writer: stores results in the order they are queued, committing
// every --batch documents or every second, whichever comes first.
class Writer {
 public:
  Writer(Store* store, const IngestFlags& f, std::string data_version, Progress* progress)
      : store_(store), f_(f), data_version_(std::move(data_version)), progress_(progress) {
    if (f_.batch > 1) (void)store_->BeginBatch();
    t_batch_ = std::chrono::steady_clock::now();
    thread_ = std::thread([this] { Loop(); });
  }

  // Queues one result (blocks while the writer is far behind).
  void Push(const RawDocument& raw, const StatusOr<DocumentResult>& result) {
    std::unique_lock<std::mutex> lock(mu_);
    space_cv_.wait(lock, [&] { return queue_.size() < kMaxQueued; });
    queue_.emplace_back(raw, result);
    work_cv_.notify_one();
  }

  // Stores what is queued, commits, and returns the counters.
  Counters Finish(size_t unchanged_before) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closing_ = true;
    }
    work_cv_.notify_one();
    thread_.join();
    Commit(false);
    n_.unchanged += unchanged_before;
    return n_;
  }

  size_t stored() const { return stored_.load(); }
  size_t events() const { return events_.load(); }

 private:
  static constexpr size_t kMaxQueued = 256;

  void Loop() {
    while (true) {
      std::pair<RawDocument, StatusOr<DocumentResult>> item{RawDocument{}, Status::Ok()};
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
        if (queue_.empty()) return;
        item = std::move(queue_.front());
        queue_.pop_front();
      }
      space_cv_.notify_one();
      Store1(item.first, item.second);
    }
  }

  void Commit(bool reopen) {
    Status st = store_->CommitBatch();
    if (!st.ok()) {
      Report(f_.db, "commit failed: " + st.message());
      ++n_.store_errors;
    }
    in_batch_ = 0;
    t_batch_ = std::chrono::steady_clock::now();
    if (reopen && f_.batch > 1) (void)store_->BeginBatch();
  }

  void Store1(const RawDocument& raw, const StatusOr<DocumentResult>& r) {
    if (f_.batch > 1 && (in_batch_ >= f_.batch ||
                         std::chrono::steady_clock::now() - t_batch_ > std::chrono::seconds(1)))
      Commit(true);
    ++in_batch_;
    ++stored_;
    if (!r.ok()) {
      Report(raw.origin, r.status().message() + "; skipped");
      ++n_.failed;
      return;
    }
    if (!f_.quiet)
      for (const auto& w : r->warnings)
        if (w.rfind("malformed UTF-8", 0) != 0) Report(raw.origin, w);
    auto out = store_->IngestDocument(raw, *r, data_version_);
    if (!out.ok()) {
      Report(raw.origin, "not stored: " + out.status().message());
      ++n_.store_errors;
      return;
    }
    events_ += r->events.size();
    switch (out->action) {
      case IngestAction::kInserted:
        ++n_.inserted;
        break;
      case IngestAction::kReplaced:
        ++n_.replaced;
        break;
      case IngestAction::kUnchanged:
        ++n_.unchanged;
        break;
    }
  }

  Store* store_;
  const IngestFlags& f_;
  const std::string data_version_;
  Progress* progress_;
  std::mutex mu_;
  std::condition_variable work_cv_, space_cv_;
  std::deque<std::pair<RawDocument, StatusOr<DocumentResult>>> queue_;
  bool closing_ = false;
  Counters n_;
  size_t in_batch_ = 0;
  std::chrono::steady_clock::time_point t_batch_;
  std::atomic<size_t> stored_{0}, events_{0};
  std::thread thread_;
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
  // The reading thread's own connection, to skip unchanged documents
  // before they reach the pipeline (the writer checks again when storing).
  StoreOptions probe_opt;
  probe_opt.read_only = true;
  auto probe = Store::Open(f.db, probe_opt);
  if (!probe.ok()) {
    Report(f.db, probe.status().message());
    return 2;
  }
  const std::string data_version = pipeline->DataVersion();
  const bool show = !f.quiet;
  Progress progress("sitrep ingest", show, 0);
  std::optional<Progress> counted;
  if (progress.enabled()) counted.emplace("sitrep ingest", true, Progress::EstimateDocuments(f.inputs));
  Progress& bar = counted ? *counted : progress;
  size_t unchanged = 0, read = 0;
  Writer writer(store->get(), f, data_version, &bar);
  ReadStats stats;
  {
    BatchRunner runner(*pipeline, f.threads,
                       [&](const RawDocument& raw, const StatusOr<DocumentResult>& r) { writer.Push(raw, r); });
    stats = ReadInputs(
        f.inputs, ropt,
        [&](RawDocument&& raw) {
          ++read;
          bar.Update(read, writer.events());
          auto known = (*probe)->HasDocument(raw.id, DocumentContentHash(raw), data_version);
          if (known.ok() && *known) {
            ++unchanged;
            return;
          }
          runner.Submit(std::move(raw));
        },
        Report);
    runner.Finish();
  }
  Counters n = writer.Finish(unchanged);
  bar.Clear();
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
  cmd->add_option("-j,--threads", f->threads,
                  "extraction threads (default: one per core); one more thread writes, in input order");
  cmd->add_flag("-q,--quiet", f->quiet,
                "no per-document warnings and no progress line (shown only on a terminal)");
  f->pipeline.AddTo(cmd);
  cmd->callback([f, exit_code] { *exit_code = RunIngest(*f); });
});

}  // namespace
}  // namespace sitrep::cli
