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
// Thread-safe.
#ifndef SITREP_SERVER_ANSWER_CACHE_H_
#define SITREP_SERVER_ANSWER_CACHE_H_

#include <cstddef>
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

  size_t bytes() const;
  size_t size() const;

 private:
  struct Entry {
    std::string key, mark;
    std::shared_ptr<const CachedAnswer> answer;
  };
  void Erase(std::list<Entry>::iterator it);

  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
};

}  // namespace sitrep

#endif  // SITREP_SERVER_ANSWER_CACHE_H_
