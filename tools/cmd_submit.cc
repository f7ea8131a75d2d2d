// sitrep submit [INPUT...] --nats URL: reads documents as `sitrep ingest`
// does and publishes each to the JetStream work queue that `sitrep worker`s
// consume (src/queue/nats_queue.h). Bad records are reported and skipped.
#include <iostream>

#include "ingest/reader.h"
#include "queue/nats_queue.h"
#include "queue/work_message.h"
#include "tools/command.h"
#include "tools/progress.h"

namespace sitrep::cli {
namespace {

struct SubmitFlags {
  std::vector<std::string> inputs;
  std::string date;
  bool quiet = false;
  WorkQueueOptions queue;
  std::string queue_name = "sitrep";
  PipelineFlags pipeline;  // only --max-bytes and the date options are read
};

int RunSubmit(SubmitFlags& f) {
  if (!WorkQueueOptions::ValidName(f.queue_name)) {
    Report("--queue", "'" + f.queue_name + "' is not a queue name (letters, digits, '_', '-')");
    return 2;
  }
  f.queue.SetName(f.queue_name);
  ReaderOptions ropt;
  if (!f.pipeline.ReaderOptionsFor(f.date, &ropt)) return 2;
  auto queue = WorkQueue::Connect(f.queue);
  if (!queue.ok()) {
    Report(f.queue.url, queue.status().message());
    return 2;
  }
  Progress bar("sitrep submit", !f.quiet, Progress::EstimateDocuments(f.inputs));
  size_t published = 0, duplicates = 0, failed = 0;
  ReadStats stats = ReadInputs(
      f.inputs, ropt,
      [&](RawDocument&& raw) {
        bool dup = false;
        Status st = (*queue)->Publish(DocumentMessageId(raw), DocumentMessage(raw), &dup);
        if (!st.ok()) {
          Report(raw.origin, "not submitted: " + st.message());
          ++failed;
          return;
        }
        ++(dup ? duplicates : published);
        bar.Update(published + duplicates, 0);
      },
      Report);
  bar.Clear();
  std::cerr << "sitrep submit: " << stats.documents << " document(s) read: " << published
            << " submitted, " << duplicates << " already in the queue, " << stats.skipped
            << " skipped, " << failed << " not submitted\n";
  auto pending = (*queue)->Pending();
  if (pending.ok())
    std::cerr << "sitrep submit: " << *pending << " document(s) waiting in " << f.queue.stream
              << "\n";
  if (failed) return 1;
  if (stats.documents == 0) {
    Report("submit", "no document could be read; see 'sitrep submit --help'");
    return 2;
  }
  return 0;
}

CommandRegistration reg(21, [](CLI::App& app, int* exit_code) {
  auto f = std::make_shared<SubmitFlags>();
  auto* cmd = app.add_subcommand(
      "submit", "Queue articles on a NATS JetStream work queue for 'sitrep worker's");
  cmd->group(kGroupStore);
  cmd->add_option(
      "inputs", f->inputs,
      "JSON Lines files, .txt files, folders of these, or '-' (default: standard input)");
  cmd->add_option("--nats", f->queue.url, "NATS server address")->capture_default_str();
  cmd->add_option("--queue", f->queue_name,
                  "queue name: JetStream stream NAME, dead letters in NAME_dead")
      ->capture_default_str();
  cmd->add_option("--date", f->date,
                  "publication date (YYYY-MM-DD or YYYY-MM) anchoring plain-text inputs");
  cmd->add_flag("-q,--quiet", f->quiet, "no progress line");
  cmd->callback([f, exit_code] { *exit_code = RunSubmit(*f); });
});

}  // namespace
}  // namespace sitrep::cli
