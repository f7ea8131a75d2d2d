// Answers of the read-only API kept while the store stays the same: the
// map's first view (/api/stats, the first page, the grid) is asked by every
// visitor, and a million events make some answers cost milliseconds.
//
// An answer is kept under the store's change mark (Store::ChangeMark) read
// before it was made, and only when the mark read after it is the same: no
// write was committed in between, so the answer is exactly what the store
// holds under that mark. A lookup under another mark misses (and drops the
// old answer). Least recently used answers go first once `max_bytes` of
// bodies are held; an answer larger than an eighth of that is never kept.
//
// Single flight (GetOrMake): when several threads miss the same key under
// the same mark at once, one makes the answer and the others wait for it,
// instead of all computing it side by side.
//
// Thread-safe.
#ifndef SITREP_SERVER_ANSWER_CACHE_H_
#define SITREP_SERVER_ANSWER_CACHE_H_

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sitrep {

struct CachedAnswer {
  std::string body, content_type;
};

class AnswerCache {
 public:
  explicit AnswerCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  bool enabled() const { return max_bytes_ > 0; }

  // The answer kept for `key` under `mark`, or null.
  std::shared_ptr<const CachedAnswer> Get(const std::string& key, const std::string& mark);

  // Keeps `answer` for `key` under `mark` (replacing any other).
  void Put(const std::string& key, const std::string& mark, CachedAnswer answer);

  // Makes an answer: null when it must not be shared or kept (an error, or
  // the store changed while it was made).
  using Maker = std::function<std::shared_ptr<const CachedAnswer>()>;

  // The answer kept for `key` under `mark`; else, when another thread is
  // making it, that thread's answer once made; else calls `make` in this
  // thread (`*made` set to true), keeps what it returns and hands it to the
  // threads waiting for it. A waiter whose maker returned null calls `make`
  // itself. Returns null only when this thread's `make` did.
  std::shared_ptr<const CachedAnswer> GetOrMake(const std::string& key, const std::string& mark,
                                                const Maker& make, bool* made);

  size_t bytes() const;
  size_t size() const;

 private:
  struct Entry {
    std::string key, mark;
    std::shared_ptr<const CachedAnswer> answer;
  };
  // An answer being made: waiters wait on `done`.
  struct Flight {
    bool finished = false;
    std::shared_ptr<const CachedAnswer> answer;
  };
  std::shared_ptr<const CachedAnswer> GetLocked(const std::string& key, const std::string& mark);
  void PutLocked(const std::string& key, const std::string& mark, std::shared_ptr<const CachedAnswer> answer);
  void Erase(std::list<Entry>::iterator it);

  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::condition_variable done_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  // Answers being made, by key and mark.
  std::unordered_map<std::string, std::shared_ptr<Flight>> flights_;
  size_t bytes_ = 0;
};

}  // namespace sitrep

#endif  // SITREP_SERVER_ANSWER_CACHE_H_
