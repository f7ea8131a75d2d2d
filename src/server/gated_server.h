// An httplib::Server whose accepted connections go through a
// ConnectionGate (connection_gate.h) instead of holding one of the
// library's worker threads each: requests are answered by the gate's
// workers once they have fully arrived.
#ifndef SITREP_SERVER_GATED_SERVER_H_
#define SITREP_SERVER_GATED_SERVER_H_

#include <httplib.h>

#include "server/connection_gate.h"

namespace sitrep {

class GatedServer : public httplib::Server {
 public:
  // `write_timeout_s`: a response must be taken by the client within this
  // time in all (a client that reads a byte a second is cut off).
  GatedServer(const GateOptions& options, int write_timeout_s);
  ~GatedServer() override;

  size_t open_connections() const { return gate_.open_connections(); }

  // After bind_to_port(): a queue of `backlog` connections waiting to be
  // accepted (the library listens with 5: a burst of clients on a busy
  // machine would otherwise wait a second per dropped SYN).
  bool WidenBacklog(int backlog);

 private:
  // Called by the library's accept loop for every accepted socket.
  bool process_and_close_socket(socket_t sock) override;
  bool ServeOne(ReadyConnection& c);

  int write_timeout_s_;
  ConnectionGate gate_;
};

}  // namespace sitrep

#endif  // SITREP_SERVER_GATED_SERVER_H_
