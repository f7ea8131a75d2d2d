// `sitrep serve`: a read-only JSON API over an event store, and the map page.
// Only this folder includes the HTTP library.
//
// Threading: the HTTP library answers requests on a thread pool; each
// worker opens its own read-only Store on first use (a Store is not
// thread-safe), so readers run concurrently with each other and with an
// ingest writing through SQLite's WAL.
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
  int read_timeout_s = 5, write_timeout_s = 10;
};

// Serves until Stop() is called from another thread or the process gets a
// signal. `on_ready` runs once the socket listens (with the URL to open).
Status Serve(const ServerOptions& options, const std::function<void(const std::string& url)>& on_ready);

// Asks a running Serve() to return.
void StopServing();

}  // namespace sitrep

#endif  // SITREP_SERVER_HTTP_SERVER_H_
