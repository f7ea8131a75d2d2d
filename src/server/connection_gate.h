// The server's defence against slow and idle clients. A connection waits
// in one poll loop (the gate) until a whole request has arrived: its head
// within `request_timeout_s` of its first byte, and the body its
// Content-Length announces. Only then does a worker thread answer it. So an
// idle connection, or a client that sends a byte a second, costs a file
// descriptor and a buffer of at most `max_head_bytes`, never a worker; it
// is closed (408) when its time is up, and a head over the cap is refused
// (431) as soon as it is over.
//
// Open connections are capped (`max_connections`): at the cap, the one
// idle the longest is closed to make room. Between requests a kept-alive
// connection goes back to the gate for at most `keep_alive_timeout_s`.
//
// Threading: Admit() may be called from any thread; one thread runs the
// poll loop, `workers` threads answer. Stop() closes every connection the
// gate holds and joins its threads.
#ifndef SITREP_SERVER_CONNECTION_GATE_H_
#define SITREP_SERVER_CONNECTION_GATE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sitrep {

struct GateOptions {
  size_t max_connections = 1000;
  size_t max_head_bytes = 16 * 1024;  // request line and headers
  size_t max_body_bytes = 64 * 1024;
  int request_timeout_s = 10;         // from a request's first byte to its last
  int keep_alive_timeout_s = 5;       // idle before a request (or between two)
  size_t keep_alive_max_requests = 1000;
  size_t workers = 8;
};

// One connection whose request has fully arrived: the socket, and the
// bytes read so far (the whole request, perhaps the start of the next).
struct ReadyConnection {
  int fd = -1;
  std::string buffered;
  size_t request_bytes = 0;  // the first request's head and body in `buffered`
  size_t served = 0;         // requests answered on this connection before
};

class ConnectionGate {
 public:
  // `serve` answers the request at the start of `c.buffered` and returns
  // true when the connection stays open; the gate then drops the request's
  // bytes (read or not) and keeps what follows.
  using ServeFn = std::function<bool(ReadyConnection& c)>;

  ConnectionGate(const GateOptions& options, ServeFn serve);
  ~ConnectionGate();
  ConnectionGate(const ConnectionGate&) = delete;
  ConnectionGate& operator=(const ConnectionGate&) = delete;

  // Takes ownership of an accepted socket.
  void Admit(int fd);
  void Stop();

  size_t open_connections() const;  // held by the gate or a worker

 private:
  struct Waiting;
  void PollLoop();
  void WorkerLoop();
  void Park(ReadyConnection c);
  void Wake();
  bool ReadInto(Waiting& w);  // false when the connection is finished (closed or refused)
  bool HandIfComplete(Waiting& w);  // true when handed to the workers

  const GateOptions options_;
  const ServeFn serve_;
  int wake_fds_[2] = {-1, -1};
  mutable std::mutex mu_;
  std::vector<Waiting> incoming_;  // parked by other threads, picked up by the poll loop
  std::deque<ReadyConnection> ready_;
  std::condition_variable ready_cv_;
  size_t open_ = 0;
  bool stopping_ = false;
  std::thread poller_;
  std::vector<std::thread> workers_;
};

// Where a request's head ends in `buf` (the byte after "\r\n\r\n"; a bare
// "\n\n" is accepted too), or 0 when it has not ended yet.
size_t HeadEnd(std::string_view buf);

// The Content-Length a head announces (0 when absent); -1 when it is
// malformed or repeated with another value, -2 when the head asks for a
// chunked body (the read-only server takes none).
long long ContentLength(std::string_view head);

}  // namespace sitrep

#endif  // SITREP_SERVER_CONNECTION_GATE_H_
