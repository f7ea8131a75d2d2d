#include "server/answer_cache.h"

namespace sitrep {

std::shared_ptr<const CachedAnswer> AnswerCache::Get(const std::string& key, const std::string& mark) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  if (it->second->mark != mark) {
    Erase(it->second);  // made from another state of the store
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->answer;
}

void AnswerCache::Put(const std::string& key, const std::string& mark, CachedAnswer answer) {
  const size_t size = answer.body.size() + key.size();
  if (!enabled() || size > max_bytes_ / 8) return;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = index_.find(key);
  if (it != index_.end()) Erase(it->second);
  lru_.push_front({key, mark, std::make_shared<const CachedAnswer>(std::move(answer))});
  index_[key] = lru_.begin();
  bytes_ += size;
  while (bytes_ > max_bytes_ && !lru_.empty()) Erase(std::prev(lru_.end()));
}

void AnswerCache::Erase(std::list<Entry>::iterator it) {
  bytes_ -= it->answer->body.size() + it->key.size();
  index_.erase(it->key);
  lru_.erase(it);
}

size_t AnswerCache::bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bytes_;
}

size_t AnswerCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lru_.size();
}

}  // namespace sitrep
