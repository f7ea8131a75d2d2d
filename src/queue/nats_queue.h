// A work queue of documents on NATS JetStream, for `sitrep submit` and
// `sitrep worker`. Only src/queue/nats_*.cc include the NATS C client.
//
// Streams (created when absent, so any process may come first):
//  - the work stream (retention "work queue": a message is removed once
//    acknowledged), subject `sitrep.docs` (for the default queue name), consumed by one durable pull
//    consumer that every worker shares, so each document goes to one
//    worker; explicit acknowledgement, redelivered after `ack_wait_s`
//    without one (a worker that died), at most `max_deliver` times;
//  - the dead-letter stream (kept, limits retention), subject `sitrep.dead`:
//    documents that failed, with the reason in a header, for a person to
//    look at (`nats stream view sitrep_dead`).
// Publishing sets the message id (the document's id and content hash), so
// the server drops a copy submitted again within its duplicate window.
//
// Thread safety: one WorkQueue per thread.
#ifndef SITREP_QUEUE_NATS_QUEUE_H_
#define SITREP_QUEUE_NATS_QUEUE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sitrep/status.h"

namespace sitrep {

struct WorkQueueOptions {
  std::string url = "nats://127.0.0.1:4222";
  std::string stream = "sitrep", subject = "sitrep.docs";
  std::string dead_stream = "sitrep_dead", dead_subject = "sitrep.dead";
  std::string consumer = "sitrep_workers";
  int max_deliver = 5;
  int ack_wait_s = 120;
  int connect_timeout_ms = 3000;

  // A queue named NAME: stream NAME (subject NAME.docs), dead letters in
  // stream NAME_dead (subject NAME.dead), consumer NAME_workers. Several
  // queues can share one server. Letters, digits, '_' and '-' only.
  void SetName(const std::string& name);
  static bool ValidName(const std::string& name);
};

// One message taken from the queue; must be acknowledged, terminated or
// handed back (Nak), else it is redelivered after ack_wait_s.
struct WorkItem {
  std::string data;
  uint64_t deliveries = 1;  // 1 the first time
  std::shared_ptr<void> msg;  // the client's message
};

class WorkQueue {
 public:
  // Connects and makes sure the streams and the consumer exist. IoError
  // with the address when the server cannot be reached.
  static StatusOr<std::unique_ptr<WorkQueue>> Connect(const WorkQueueOptions& options);
  ~WorkQueue();

  // Publishes one document (waits for the server's acknowledgement).
  // *duplicate is set when the server already had this message id.
  Status Publish(const std::string& msg_id, const std::string& data, bool* duplicate = nullptr);
  // Parks a document that failed, with the reason.
  Status PublishDeadLetter(const std::string& data, const std::string& reason);

  // Up to `max` messages, waiting at most timeout_ms; empty when none came.
  StatusOr<std::vector<WorkItem>> Fetch(int max, int timeout_ms);
  // Sent without waiting for the server (a lost one is a redelivery).
  Status Ack(const WorkItem& item);
  Status Term(const WorkItem& item);  // never redelivered
  Status Nak(const WorkItem& item);   // redelivered soon

  // Messages in the work stream (published, not yet acknowledged).
  StatusOr<uint64_t> Pending();
  // Messages in the dead-letter stream.
  StatusOr<uint64_t> DeadLetters();

  const WorkQueueOptions& options() const { return options_; }

 private:
  struct Impl;
  explicit WorkQueue(const WorkQueueOptions& o);
  WorkQueueOptions options_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sitrep

#endif  // SITREP_QUEUE_NATS_QUEUE_H_
