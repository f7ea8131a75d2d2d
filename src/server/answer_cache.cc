#include "server/answer_cache.h"

namespace sitrep {

std::shared_ptr<const CachedAnswer> AnswerCache::Get(const std::string& key, const std::string& mark) {
  std::lock_guard<std::mutex> lock(mu_);
  return GetLocked(key, mark);
}

std::shared_ptr<const CachedAnswer> AnswerCache::GetLocked(const std::string& key, const std::string& mark) {
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
  if (!enabled()) return;
  std::lock_guard<std::mutex> lock(mu_);
  PutLocked(key, mark, std::make_shared<const CachedAnswer>(std::move(answer)));
}

void AnswerCache::PutLocked(const std::string& key, const std::string& mark,
                            std::shared_ptr<const CachedAnswer> answer) {
  const size_t size = answer->body.size() + key.size();
  if (size > max_bytes_ / 8) return;
  auto it = index_.find(key);
  if (it != index_.end()) Erase(it->second);
  lru_.push_front({key, mark, std::move(answer)});
  index_[key] = lru_.begin();
  bytes_ += size;
  while (bytes_ > max_bytes_ && !lru_.empty()) Erase(std::prev(lru_.end()));
}

std::shared_ptr<const CachedAnswer> AnswerCache::GetOrMake(const std::string& key, const std::string& mark,
                                                           const Maker& make, bool* made) {
  *made = false;
  const std::string flight_key = mark + '\x1e' + key;
  std::shared_ptr<Flight> flight;
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (auto hit = GetLocked(key, mark)) return hit;
    auto it = flights_.find(flight_key);
    if (it != flights_.end()) {
      auto waiting = it->second;
      done_.wait(lock, [&] { return waiting->finished; });
      if (waiting->answer) return waiting->answer;
      // Its maker could not share an answer: make one here.
    } else {
      flight = std::make_shared<Flight>();
      flights_[flight_key] = flight;
    }
  }
  *made = true;
  std::shared_ptr<const CachedAnswer> answer;
  struct Land {  // the waiters are woken even if `make` throws
    AnswerCache* cache;
    const std::string& flight_key;
    const std::string& key;
    const std::string& mark;
    std::shared_ptr<Flight>& flight;
    std::shared_ptr<const CachedAnswer>& answer;
    ~Land() {
      if (!flight) return;
      {
        std::lock_guard<std::mutex> lock(cache->mu_);
        flight->finished = true;
        flight->answer = answer;
        cache->flights_.erase(flight_key);
        if (answer) cache->PutLocked(key, mark, answer);
      }
      cache->done_.notify_all();
    }
  } land{this, flight_key, key, mark, flight, answer};
  auto made_answer = make();
  answer = made_answer;  // read by `land` after the return value is moved out
  return made_answer;
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
