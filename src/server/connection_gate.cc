#include "server/connection_gate.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>

namespace sitrep {
namespace {

using Clock = std::chrono::steady_clock;

// A short canned answer for a request the gate refuses; best effort (the
// client may be gone or not reading). The connection is then only drained.
void Refuse(int fd, int status, const char* reason) {
  std::string body = std::string("{\"error\":\"") + reason + "\",\"status\":" + std::to_string(status) + "}";
  std::string msg = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                    "\r\nContent-Type: application/json\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  (void)::send(fd, msg.data(), msg.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::shutdown(fd, SHUT_WR);
}

// A refused client may still be sending (a body it announced): what it sends
// is read and dropped for a moment, so that it gets to read the answer
// instead of a reset connection.
constexpr int kDrainSeconds = 2;
constexpr size_t kDrainBytes = 8u << 20;

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

size_t HeadEnd(std::string_view buf) {
  size_t crlf = buf.find("\r\n\r\n");
  size_t lf = buf.find("\n\n");
  size_t end = std::string_view::npos;
  if (crlf != std::string_view::npos) end = crlf + 4;
  if (lf != std::string_view::npos && lf + 2 < end) end = lf + 2;
  return end == std::string_view::npos ? 0 : end;
}

long long ContentLength(std::string_view head) {
  long long length = 0;
  bool seen = false;
  size_t pos = head.find('\n');  // skip the request line
  while (pos != std::string_view::npos && pos + 1 < head.size()) {
    size_t next = head.find('\n', pos + 1);
    std::string_view line = head.substr(pos + 1, next == std::string_view::npos ? next : next - pos - 1);
    pos = next;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = Trim(line.substr(0, colon)), value = Trim(line.substr(colon + 1));
    if (IEquals(name, "transfer-encoding")) return -2;
    if (!IEquals(name, "content-length")) continue;
    if (value.empty() || value.size() > 12) return -1;
    long long v = 0;
    for (char c : value) {
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    if (seen && v != length) return -1;
    seen = true;
    length = v;
  }
  return length;
}

struct ConnectionGate::Waiting {
  ReadyConnection conn;
  Clock::time_point deadline;
  Clock::time_point parked;
  bool in_request = false;  // some bytes of a request have arrived
  bool draining = false;    // refused: the answer is sent, input is dropped until the deadline
  size_t drained = 0;
};

ConnectionGate::ConnectionGate(const GateOptions& options, ServeFn serve)
    : options_(options), serve_(std::move(serve)) {
  if (::pipe2(wake_fds_, O_NONBLOCK | O_CLOEXEC) != 0) std::abort();
  poller_ = std::thread([this] { PollLoop(); });
  for (size_t i = 0; i < std::max<size_t>(1, options_.workers); ++i)
    workers_.emplace_back([this] { WorkerLoop(); });
}

ConnectionGate::~ConnectionGate() {
  Stop();
  ::close(wake_fds_[0]);
  ::close(wake_fds_[1]);
}

void ConnectionGate::Wake() {
  char c = 1;
  (void)::write(wake_fds_[1], &c, 1);
}

size_t ConnectionGate::open_connections() const {
  std::lock_guard<std::mutex> lock(mu_);
  return open_;
}

void ConnectionGate::Admit(int fd) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) {
      ::close(fd);
      return;
    }
    ++open_;
  }
  Park(ReadyConnection{fd, "", 0});
}

void ConnectionGate::Park(ReadyConnection c) {
  Waiting w;
  w.parked = Clock::now();
  w.in_request = !c.buffered.empty();
  w.deadline = w.parked + std::chrono::seconds(w.in_request ? options_.request_timeout_s
                                                            : options_.keep_alive_timeout_s);
  w.conn = std::move(c);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) {
      ::close(w.conn.fd);
      --open_;
      return;
    }
    incoming_.push_back(std::move(w));
  }
  Wake();
}

// Reads what the socket has, without blocking. False when the connection
// is finished: the peer closed it, or the gate refused the request.
bool ConnectionGate::ReadInto(Waiting& w) {
  char buf[4096];
  std::string& b = w.conn.buffered;
  auto refuse = [&](int status, const char* reason) {
    Refuse(w.conn.fd, status, reason);
    w.draining = true;
    w.deadline = Clock::now() + std::chrono::seconds(kDrainSeconds);
    b.clear();
    b.shrink_to_fit();
  };
  for (;;) {
    size_t head_end = w.draining ? 0 : HeadEnd(b);
    if (head_end) {
      long long length = ContentLength(std::string_view(b).substr(0, head_end));
      if (length == -2) refuse(411, "Length Required");
      else if (length < 0) refuse(400, "Bad Request");
      else if (static_cast<size_t>(length) > options_.max_body_bytes) refuse(413, "Payload Too Large");
      else if (b.size() >= head_end + static_cast<size_t>(length)) return true;  // whole request
    } else if (!w.draining && b.size() > options_.max_head_bytes) {
      refuse(431, "Request Header Fields Too Large");
    }
    ssize_t n = ::recv(w.conn.fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
      ::close(w.conn.fd);
      return false;
    }
    if (n < 0) return true;
    if (w.draining) {
      w.drained += static_cast<size_t>(n);
      if (w.drained > kDrainBytes) {
        ::close(w.conn.fd);
        return false;
      }
      continue;
    }
    if (!w.in_request) {
      w.in_request = true;
      w.deadline = Clock::now() + std::chrono::seconds(options_.request_timeout_s);
    }
    b.append(buf, static_cast<size_t>(n));
  }
}

bool ConnectionGate::HandIfComplete(Waiting& w) {
  if (w.draining) return false;
  std::string_view b = w.conn.buffered;
  size_t head_end = HeadEnd(b);
  if (!head_end) return false;
  long long length = ContentLength(b.substr(0, head_end));
  if (length < 0 || b.size() < head_end + static_cast<size_t>(length)) return false;
  w.conn.request_bytes = head_end + static_cast<size_t>(length);
  {
    std::lock_guard<std::mutex> lock(mu_);
    ready_.push_back(std::move(w.conn));
  }
  ready_cv_.notify_one();
  return true;
}

// The poll loop: every waiting connection in one poll(); a complete request
// goes to the workers, a finished or expired one is closed. Hot only with
// many connections; the vector is rebuilt each round (O(connections)).
void ConnectionGate::PollLoop() {
  std::vector<Waiting> waiting;
  std::vector<pollfd> fds;
  size_t closed = 0;
  auto finish = [&](size_t i) {
    waiting[i] = std::move(waiting.back());
    waiting.pop_back();
    ++closed;
  };
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      open_ -= closed;
      closed = 0;
      if (stopping_) break;
      for (auto& w : incoming_) waiting.push_back(std::move(w));
      incoming_.clear();
      // Over the cap: close the connections idle the longest first.
      while (open_ > options_.max_connections && !waiting.empty()) {
        size_t victim = 0;
        auto idle = [](const Waiting& w) { return w.draining || !w.in_request; };
        for (size_t i = 1; i < waiting.size(); ++i) {
          auto& a = waiting[i];
          auto& v = waiting[victim];
          if (idle(a) != idle(v) ? idle(a) : a.parked < v.parked) victim = i;
        }
        ::close(waiting[victim].conn.fd);
        waiting[victim] = std::move(waiting.back());
        waiting.pop_back();
        --open_;
      }
    }
    // Parked with a whole request already buffered (pipelining): no wait.
    for (size_t i = waiting.size(); i-- > 0;) {
      if (!waiting[i].conn.buffered.empty() && HandIfComplete(waiting[i])) {
        waiting[i] = std::move(waiting.back());
        waiting.pop_back();
      }
    }
    fds.assign(1, pollfd{wake_fds_[0], POLLIN, 0});
    auto now = Clock::now();
    auto next = now + std::chrono::seconds(1);
    for (const auto& w : waiting) {
      fds.push_back(pollfd{w.conn.fd, POLLIN, 0});
      next = std::min(next, w.deadline);
    }
    int timeout_ms = static_cast<int>(
        std::max<int64_t>(0, std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count()) + 1);
    int n = ::poll(fds.data(), fds.size(), timeout_ms);
    if (n < 0 && errno != EINTR) break;
    if (fds[0].revents) {
      char drain[256];
      while (::read(wake_fds_[0], drain, sizeof drain) > 0) {
      }
    }
    now = Clock::now();
    // fds[i + 1] is waiting[i]; walk backwards so removals keep indexes.
    for (size_t i = waiting.size(); i-- > 0;) {
      Waiting& w = waiting[i];
      if (fds[i + 1].revents) {
        if (!ReadInto(w)) {
          finish(i);
          continue;
        }
        if (HandIfComplete(w)) {
          waiting[i] = std::move(waiting.back());
          waiting.pop_back();
          continue;
        }
      }
      if (now >= w.deadline) {
        if (w.in_request && !w.draining) {
          Refuse(w.conn.fd, 408, "Request Timeout");
          w.draining = true;
          w.deadline = now + std::chrono::seconds(kDrainSeconds);
          continue;
        }
        ::close(w.conn.fd);
        finish(i);
      }
    }
  }
  for (auto& w : waiting) ::close(w.conn.fd);
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& w : incoming_) ::close(w.conn.fd);
  incoming_.clear();
}

void ConnectionGate::WorkerLoop() {
  for (;;) {
    ReadyConnection c;
    {
      std::unique_lock<std::mutex> lock(mu_);
      ready_cv_.wait(lock, [this] { return stopping_ || !ready_.empty(); });
      if (stopping_) return;
      c = std::move(ready_.front());
      ready_.pop_front();
    }
    bool keep = false;
    try {
      keep = serve_(c);
    } catch (...) {
      keep = false;
    }
    ++c.served;
    if (keep && c.served < options_.keep_alive_max_requests) {
      c.buffered.erase(0, std::min(c.request_bytes, c.buffered.size()));
      c.request_bytes = 0;
      Park(std::move(c));
      continue;
    }
    ::shutdown(c.fd, SHUT_RDWR);
    ::close(c.fd);
    std::lock_guard<std::mutex> lock(mu_);
    --open_;
  }
}

void ConnectionGate::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ && !poller_.joinable()) return;
    stopping_ = true;
  }
  Wake();
  ready_cv_.notify_all();
  if (poller_.joinable()) poller_.join();
  for (auto& t : workers_)
    if (t.joinable()) t.join();
  workers_.clear();
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& c : ready_) ::close(c.fd);
  ready_.clear();
}

}  // namespace sitrep
