// sitrep serve --db PATH [--port 8080]: the JSON API and the offline map.
#include <csignal>
#include <iostream>

#include "server/http_server.h"
#include "tools/command.h"

namespace sitrep::cli {
namespace {

extern "C" void OnSignal(int) { StopServing(); }

int RunServe(const ServerOptions& o) {
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGPIPE, SIG_IGN);
  Status st = Serve(o, [&](const std::string& url) {
    std::cerr << "sitrep serve: " << o.db_path << " on " << url << " (read-only; Ctrl-C stops)\n";
    std::cout << "Open " << url << " in a browser." << std::endl;
  });
  if (!st.ok()) {
    Report("serve", st.message());
    return 2;
  }
  return 0;
}

CommandRegistration reg(32, [](CLI::App& app, int* exit_code) {
  auto o = std::make_shared<ServerOptions>();
  auto* cmd = app.add_subcommand("serve", "Serve the events of a database: JSON API and web map (read-only)");
  cmd->group(kGroupStore);
  cmd->add_option("--db", o->db_path, "event store made by 'sitrep ingest': SQLite file or postgresql:// address")->capture_default_str();
  cmd->add_option("--port", o->port, "TCP port")->capture_default_str()->check(CLI::Range(1, 65535));
  cmd->add_option("--host", o->host, "address to listen on")->capture_default_str();
  cmd->add_option("--web-root", o->web_root, "folder of the map page (default: the source tree's web/)");
  cmd->add_option("--data", o->data_dir, "data folder (ACLED tables for /api/acled/read)");
  cmd->add_option("--vendor-root", o->vendor_root, "npm packages folder (default: the source tree's node_modules/)");
  cmd->add_option("--threads", o->workers, "threads answering requests")->capture_default_str()->check(CLI::Range(1, 256));
  cmd->add_option("--max-connections", o->max_connections, "connections open at once (the longest idle is closed first)")
      ->capture_default_str()->check(CLI::Range(1, 100000));
  cmd->add_option("--request-timeout", o->request_timeout_s, "seconds for a request to arrive whole (else 408)")
      ->capture_default_str()->check(CLI::Range(1, 3600));
  cmd->add_option("--idle-timeout", o->keep_alive_timeout_s, "seconds an idle connection stays open")
      ->capture_default_str()->check(CLI::Range(1, 3600));
  auto cache_mb = std::make_shared<size_t>(o->cache_bytes >> 20);
  cmd->add_option("--cache-mb", *cache_mb,
                  "megabytes of API answers kept while the store is unchanged (0: none)")
      ->capture_default_str()->check(CLI::Range(0, 65536));
  cmd->callback([o, cache_mb, exit_code] {
    o->cache_bytes = *cache_mb << 20;
    *exit_code = RunServe(*o);
  });
});

}  // namespace
}  // namespace sitrep::cli
