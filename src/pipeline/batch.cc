#include "pipeline/batch.h"

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace sitrep {

struct BatchRunner::State {
  const Pipeline& pipeline;
  ResultSink sink;
  size_t max_in_flight;
  std::mutex mu;
  std::condition_variable work_cv, done_cv, space_cv;
  std::deque<std::pair<uint64_t, RawDocument>> queue;
  // Finished documents waiting for their turn to be handed out.
  std::map<uint64_t, std::pair<RawDocument, StatusOr<DocumentResult>>> finished;
  uint64_t next_seq = 0, next_out = 0;
  bool closing = false;
  std::vector<std::thread> workers;

  State(const Pipeline& p, ResultSink s, size_t max) : pipeline(p), sink(std::move(s)), max_in_flight(max) {}

  void Work() {
    while (true) {
      std::pair<uint64_t, RawDocument> job;
      {
        std::unique_lock<std::mutex> lock(mu);
        work_cv.wait(lock, [&] { return closing || !queue.empty(); });
        if (queue.empty()) return;
        job = std::move(queue.front());
        queue.pop_front();
      }
      auto result = pipeline.Run(job.second);
      {
        std::lock_guard<std::mutex> lock(mu);
        finished.emplace(job.first, std::make_pair(std::move(job.second), std::move(result)));
      }
      done_cv.notify_all();
    }
  }

  // Hands out, on the caller's thread, every result whose turn has come.
  void Drain(std::unique_lock<std::mutex>& lock) {
    while (true) {
      auto it = finished.find(next_out);
      if (it == finished.end()) return;
      auto item = std::move(it->second);
      finished.erase(it);
      ++next_out;
      lock.unlock();
      sink(item.first, item.second);
      lock.lock();
    }
  }
};

BatchRunner::BatchRunner(const Pipeline& pipeline, unsigned threads, ResultSink sink) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  state_ = new State(pipeline, std::move(sink), 2 * threads + 2);
  for (unsigned i = 0; i < threads; ++i) state_->workers.emplace_back([s = state_] { s->Work(); });
}

void BatchRunner::Submit(RawDocument&& doc) {
  std::unique_lock<std::mutex> lock(state_->mu);
  state_->Drain(lock);
  while (state_->next_seq - state_->next_out >= state_->max_in_flight) {
    state_->done_cv.wait(lock);
    state_->Drain(lock);
  }
  state_->queue.emplace_back(state_->next_seq++, std::move(doc));
  state_->work_cv.notify_one();
}

void BatchRunner::Finish() {
  std::unique_lock<std::mutex> lock(state_->mu);
  while (state_->next_out < state_->next_seq) {
    state_->Drain(lock);
    if (state_->next_out < state_->next_seq) state_->done_cv.wait(lock);
  }
}

BatchRunner::~BatchRunner() {
  Finish();
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->closing = true;
  }
  state_->work_cv.notify_all();
  for (auto& t : state_->workers) t.join();
  delete state_;
}

}  // namespace sitrep
