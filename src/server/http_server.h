// `sitrep serve`: a read-only JSON API over an event store, and the map page.
// Only this folder includes the HTTP library.
//
// Threading: a request is answered once it has fully arrived
// (connection_gate.h: idle and slow clients hold no worker); each worker
// opens its own read-only Store on first use (a Store is not thread-safe),
// so readers run concurrently with each other and with an ingest writing
// through SQLite's WAL.
//
// Read-only: the store is opened read-only and only GET and HEAD are
// answered (any other method gets 405 before routing), so a writing
// endpoint cannot appear without changing that rule on purpose.
#ifndef SITREP_SERVER_HTTP_SERVER_H_
#define SITREP_SERVER_HTTP_SERVER_H_

#include <functional>
#include <string>

#include "sitrep/status.h"

namespace sitrep {

struct ServerOptions {
  std::string db_path = "sitrep.db";
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web_root;      // the map page (default: the source tree's web/)
  std::string vendor_root;   // npm packages (default: the source tree's node_modules/)
  std::string data_dir;      // ACLED tables (default: $SITREP_DATA or the source tree's data/)
  size_t max_body_bytes = 64 * 1024;
  size_t max_head_bytes = 16 * 1024;  // request line and headers (431 over it)
  size_t max_connections = 1000;      // open at once; the longest idle is closed first
  size_t workers = 8;                 // threads answering complete requests
  int request_timeout_s = 10;         // a request must arrive whole within this (408)
  int keep_alive_timeout_s = 5;       // an idle connection is closed after this
  int write_timeout_s = 30;           // a response must be taken within this
  size_t cache_bytes = 64 << 20;      // answers kept while the store is unchanged (0: none)
};

// Serves until Stop() is called from another thread or the process gets a
// signal. `on_ready` runs once the socket listens (with the URL to open).
Status Serve(const ServerOptions& options, const std::function<void(const std::string& url)>& on_ready);

// Asks a running Serve() to return.
void StopServing();

}  // namespace sitrep

#endif  // SITREP_SERVER_HTTP_SERVER_H_
