#include "server/gated_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstring>

namespace sitrep {
namespace {

using Clock = std::chrono::steady_clock;

void Address(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  int r = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len)
               : ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  if (r != 0) return;
  char buf[INET6_ADDRSTRLEN] = {0};
  if (addr.ss_family == AF_INET) {
    auto* a = reinterpret_cast<sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
    port = ntohs(a->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    auto* a = reinterpret_cast<sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
    port = ntohs(a->sin6_port);
  }
  ip = buf;
}

// The request as the gate buffered it, then the socket. Reads past the
// buffer wait at most until the request's deadline (the gate has read the
// whole request, so they are rare); writes stop at the response's deadline.
class BufferedStream : public httplib::Stream {
 public:
  BufferedStream(ReadyConnection& c, int timeout_s)
      : c_(c), deadline_(Clock::now() + std::chrono::seconds(timeout_s)) {}

  bool is_readable() const override { return pos_ < c_.buffered.size() || Wait(POLLIN); }
  bool is_writable() const override { return Wait(POLLOUT); }

  ssize_t read(char* ptr, size_t size) override {
    if (pos_ < c_.buffered.size()) {
      size_t n = std::min(size, c_.buffered.size() - pos_);
      std::memcpy(ptr, c_.buffered.data() + pos_, n);
      pos_ += n;
      return static_cast<ssize_t>(n);
    }
    if (!Wait(POLLIN)) return -1;
    read_past_ = true;
    return ::recv(c_.fd, ptr, size, 0);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!Wait(POLLOUT)) return -1;
    return ::send(c_.fd, ptr, size, MSG_NOSIGNAL);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { Address(c_.fd, true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { Address(c_.fd, false, ip, port); }
  socket_t socket() const override { return c_.fd; }

  bool ReadPastBuffer() const { return read_past_; }

 private:
  bool Wait(short events) const {
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now()).count();
      if (left <= 0) return false;
      pollfd p{c_.fd, events, 0};
      int n = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left, 1000)));
      if (n > 0) return (p.revents & (events | POLLHUP)) != 0 && !(p.revents & POLLERR);
      if (n < 0 && errno != EINTR) return false;
    }
  }

  ReadyConnection& c_;
  Clock::time_point deadline_;
  size_t pos_ = 0;
  bool read_past_ = false;
};

}  // namespace

GatedServer::GatedServer(const GateOptions& options, int write_timeout_s)
    : write_timeout_s_(write_timeout_s),
      gate_(options, [this](ReadyConnection& c) { return ServeOne(c); }) {
  // The library's own queue only hands sockets to the gate: one thread.
  new_task_queue = [] { return new httplib::ThreadPool(1); };
}

GatedServer::~GatedServer() { gate_.Stop(); }

bool GatedServer::WidenBacklog(int backlog) { return ::listen(svr_sock_, backlog) == 0; }

bool GatedServer::process_and_close_socket(socket_t sock) {
  gate_.Admit(sock);
  return true;
}

bool GatedServer::ServeOne(ReadyConnection& c) {
  BufferedStream stream(c, write_timeout_s_);
  bool closed = false;
  bool ok = process_request(stream, /*close_connection=*/false, closed, nullptr);
  // Bytes read past the buffer (rare: the gate buffered the whole request)
  // are the start of the next request.
  if (stream.ReadPastBuffer()) return false;
  return ok && !closed;
}

}  // namespace sitrep
