// sitrep worker --nats URL --db ADDRESS: takes documents from the JetStream
// work queue (`sitrep submit`), extracts their events and stores them. Any
// number of workers on any machines share the queue; each document goes to
// one of them.
//
// A document is acknowledged only after its transaction has committed, so a
// worker killed at any moment loses nothing: the server redelivers what it
// held after the acknowledgement wait, and a redelivered document already
// stored is acknowledged at once (the store's id + content hash make it a
// no-op). A document that cannot be read or extracted, or that the store
// refuses on its last delivery, is reported, published to the dead-letter
// subject with the reason, and terminated: never retried forever. One
// delivered max_deliver times without an acknowledgement (workers died on
// it) is parked without another try.
#include <csignal>
#include <atomic>
#include <chrono>
#include <deque>
#include <iostream>
#include <thread>
#include <vector>

#include "pipeline/batch.h"
#include "queue/nats_queue.h"
#include "queue/work_message.h"
#include "sitrep/store.h"
#include "tools/command.h"
#include "tools/progress.h"

namespace sitrep::cli {
namespace {

std::atomic<bool> g_stop{false};
void OnSignal(int) { g_stop = true; }

struct WorkerFlags {
  std::string db = "sitrep.db";
  WorkQueueOptions queue;
  std::string queue_name = "sitrep";
  unsigned threads = 1;
  double idle_exit = 0;  // seconds; 0: wait for work forever
  double log_every = 30;
  bool quiet = false;
  PipelineFlags pipeline;
};

struct WorkerCounts {
  size_t stored = 0, unchanged = 0, parked = 0, returned = 0, events = 0;
  size_t done() const { return stored + unchanged + parked; }
};

class Worker {
 public:
  Worker(const WorkerFlags& f, const Pipeline& pipeline, Store* store, WorkQueue* queue)
      : f_(f), pipeline_(pipeline), store_(store), queue_(queue),
        data_version_(pipeline.DataVersion()) {}

  int Run() {
    Progress bar("sitrep worker", !f_.quiet, 0);
    auto start = std::chrono::steady_clock::now(), last_log = start;
    auto idle_since = start;
    // Enough documents per fetch that extraction (the runner's threads) and
    // storing (this thread) overlap, few enough that a worker that dies
    // holds little: what it held comes back after --ack-wait.
    const int batch = static_cast<int>(std::max(16u, f_.threads * 8));
    BatchRunner runner(pipeline_, f_.threads,
                       [&](const RawDocument& raw, const StatusOr<DocumentResult>& r) {
                         Finish(raw, r);
                       });
    bool reported_error = false;
    while (!g_stop) {
      auto items = queue_->Fetch(batch, 1000);
      auto now = std::chrono::steady_clock::now();
      if (!items.ok()) {
        if (!reported_error) Report(f_.queue.url, items.status().message() + "; retrying");
        reported_error = true;
        std::this_thread::sleep_for(std::chrono::seconds(1));
        continue;
      }
      reported_error = false;
      if (items->empty()) {
        if (f_.idle_exit > 0 &&
            std::chrono::duration<double>(now - idle_since).count() >= f_.idle_exit)
          break;
        continue;
      }
      // The fetched documents are stored in shared transactions and
      // acknowledged once they are committed (Store::BeginGroup).
      Status begun = store_->BeginGroup();
      if (!begun.ok()) Report("--db", begun.message());
      for (auto& item : *items) Take(std::move(item), &runner);
      runner.Finish();
      Settle(store_->CommitGroup());
      idle_since = std::chrono::steady_clock::now();
      bar.Update(n_.done(), n_.events);
      if (!bar.enabled() && !f_.quiet && f_.log_every > 0 &&
          std::chrono::duration<double>(idle_since - last_log).count() >= f_.log_every) {
        last_log = idle_since;
        std::cerr << "sitrep worker: "
                  << Progress::Line(n_.done(), std::chrono::duration<double>(idle_since - start).count(),
                                    n_.events, 0)
                  << ", " << n_.parked << " parked\n";
      }
    }
    runner.Finish();
    bar.Clear();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "sitrep worker: " << n_.done() << " document(s) in " << static_cast<int>(secs)
              << " s: " << n_.stored << " stored, " << n_.unchanged << " already stored, "
              << n_.parked << " parked on " << f_.queue.dead_subject << ", " << n_.returned
              << " returned to the queue\n";
    return 0;
  }

 private:
  // Reads one message: parked when unreadable or delivered too often,
  // acknowledged when already stored, else extracted.
  void Take(WorkItem item, BatchRunner* runner) {
    auto raw = ParseDocumentMessage(item.data);
    if (!raw.ok()) {
      Park(item, "message", "unreadable message: " + raw.status().message());
      return;
    }
    if (f_.queue.max_deliver > 0 && item.deliveries >= static_cast<uint64_t>(f_.queue.max_deliver)) {
      Park(item, raw->origin,
           "delivered " + std::to_string(item.deliveries) +
               " times without an acknowledgement (a worker died on it?)");
      return;
    }
    auto known = store_->HasDocument(raw->id, DocumentContentHash(*raw), data_version_);
    if (known.ok() && *known) {
      done_.push_back({std::move(item), raw->origin, false, 0});
      return;
    }
    pending_.push_back(std::move(item));
    runner->Submit(std::move(*raw));
  }

  // The pipeline's result for the oldest pending message (input order).
  void Finish(const RawDocument& raw, const StatusOr<DocumentResult>& r) {
    WorkItem item = std::move(pending_.front());
    pending_.pop_front();
    if (!r.ok()) {
      Park(item, raw.origin, "extraction failed: " + r.status().message());
      return;
    }
    auto out = store_->IngestDocument(raw, *r, data_version_);
    if (!out.ok()) {
      if (f_.queue.max_deliver > 0 &&
          item.deliveries + 1 >= static_cast<uint64_t>(f_.queue.max_deliver)) {
        Park(item, raw.origin, "not stored: " + out.status().message());
      } else {
        Report(raw.origin, "not stored (returned to the queue): " + out.status().message());
        (void)queue_->Nak(item);
        ++n_.returned;
      }
      return;
    }
    bool stored = out->action != IngestAction::kUnchanged;
    done_.push_back({std::move(item), raw.origin, stored, stored ? r->events.size() : 0});
  }

  // After the group's commit: its documents are acknowledged, or, when the
  // commit failed, returned to the queue (those that were stored after all
  // come back as no-ops).
  void Settle(const Status& committed) {
    if (!committed.ok() && !done_.empty())
      Report("--db", "not stored (" + std::to_string(done_.size()) +
                        " document(s) returned to the queue): " + committed.message());
    for (auto& d : done_) {
      if (!committed.ok()) {
        (void)queue_->Nak(d.item);
        ++n_.returned;
        continue;
      }
      Acknowledge(d.item, d.origin);
      if (d.stored) {
        ++n_.stored;
        n_.events += d.events;
      } else {
        ++n_.unchanged;
      }
    }
    done_.clear();
  }

  void Acknowledge(const WorkItem& item, const std::string& origin) {
    Status st = queue_->Ack(item);
    // Stored but not acknowledged: the redelivery will be a no-op.
    if (!st.ok()) Report(origin, "stored, acknowledgement failed: " + st.message());
  }

  void Park(const WorkItem& item, const std::string& origin, const std::string& reason) {
    Report(origin, reason + "; parked on " + f_.queue.dead_subject);
    Status st = queue_->PublishDeadLetter(item.data, reason);
    if (!st.ok()) {
      Report(origin, "cannot park it (" + st.message() + "); returned to the queue");
      (void)queue_->Nak(item);
      ++n_.returned;
      return;
    }
    (void)queue_->Term(item);
    ++n_.parked;
  }

  const WorkerFlags& f_;
  const Pipeline& pipeline_;
  Store* store_;
  WorkQueue* queue_;
  const std::string data_version_;
  std::deque<WorkItem> pending_;
  struct Done {
    WorkItem item;
    std::string origin;
    bool stored;  // false: already stored
    size_t events;
  };
  std::vector<Done> done_;  // stored (or found stored) in the open group
  WorkerCounts n_;
};

int RunWorker(WorkerFlags& f) {
  if (!WorkQueueOptions::ValidName(f.queue_name)) {
    Report("--queue", "'" + f.queue_name + "' is not a queue name (letters, digits, '_', '-')");
    return 2;
  }
  f.queue.SetName(f.queue_name);
  auto pipeline = f.pipeline.CreatePipeline();
  if (!pipeline) return 2;
  auto store = Store::Open(f.db);
  if (!store.ok()) {
    Report(f.db, store.status().message());
    return 2;
  }
  auto queue = WorkQueue::Connect(f.queue);
  if (!queue.ok()) {
    Report(f.queue.url, queue.status().message());
    return 2;
  }
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  Worker w(f, *pipeline, store->get(), queue->get());
  return w.Run();
}

CommandRegistration reg(22, [](CLI::App& app, int* exit_code) {
  auto f = std::make_shared<WorkerFlags>();
  auto* cmd = app.add_subcommand(
      "worker", "Extract and store the articles queued by 'sitrep submit' (run any number)");
  cmd->group(kGroupStore);
  cmd->add_option("--nats", f->queue.url, "NATS server address")->capture_default_str();
  cmd->add_option("--db", f->db, "event store: postgresql://user@host:port/db (or a SQLite file)")
      ->capture_default_str();
  cmd->add_option("--queue", f->queue_name,
                  "queue name: JetStream stream NAME, dead letters in NAME_dead")
      ->capture_default_str();
  cmd->add_option("--max-deliver", f->queue.max_deliver,
                  "deliveries of one document before it is parked")
      ->capture_default_str()->check(CLI::Range(2, 1000));
  cmd->add_option("--ack-wait", f->queue.ack_wait_s,
                  "seconds before a document a worker holds is redelivered")
      ->capture_default_str()->check(CLI::Range(1, 86400));
  cmd->add_option("-j,--threads", f->threads, "extraction threads of this worker")
      ->capture_default_str()->check(CLI::Range(1u, 256u));
  cmd->add_option("--idle-exit", f->idle_exit,
                  "exit after this many seconds with no work (default: wait forever)");
  cmd->add_option("--log-every", f->log_every,
                  "seconds between progress lines when standard error is not a terminal (0: none)")
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", f->quiet, "no progress line");
  f->pipeline.AddTo(cmd);
  cmd->callback([f, exit_code] { *exit_code = RunWorker(*f); });
});

}  // namespace
}  // namespace sitrep::cli
