// Runs a Pipeline over a stream of documents on several worker threads and
// hands the results back in input order, so output is identical whatever
// the thread count. Memory stays bounded: at most `2 * threads + 2`
// documents are in flight.
#ifndef SITREP_PIPELINE_BATCH_H_
#define SITREP_PIPELINE_BATCH_H_

#include <functional>

#include "sitrep/pipeline.h"

namespace sitrep {

// Called in input order, on the caller's thread.
using ResultSink = std::function<void(const RawDocument& raw, const StatusOr<DocumentResult>& result)>;

class BatchRunner {
 public:
  // threads == 0: one per hardware thread.
  BatchRunner(const Pipeline& pipeline, unsigned threads, ResultSink sink);
  ~BatchRunner();  // waits for every submitted document
  BatchRunner(const BatchRunner&) = delete;
  BatchRunner& operator=(const BatchRunner&) = delete;

  // Queues one document (blocks while too many are in flight).
  void Submit(RawDocument&& doc);
  // Waits until every submitted document was handed to the sink.
  void Finish();

 private:
  struct State;
  State* state_;
};

}  // namespace sitrep

#endif  // SITREP_PIPELINE_BATCH_H_
