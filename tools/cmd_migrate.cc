// sitrep migrate --from sitrep.db --to postgresql://...: copies a SQLite
// store into a PostgreSQL one (store/store_copy.h), in one transaction.
// Running it again copies nothing new: unchanged documents are left as they
// are and events are written by id, so the target's content is the same.
#include <filesystem>
#include <iostream>

#include "sitrep/store.h"
#include "store/postgres_store.h"
#include "store/store_copy.h"
#include "tools/command.h"

namespace sitrep::cli {
namespace {

struct MigrateFlags {
  std::string from = "sitrep.db", to;
  bool quiet = false;
};

int RunMigrate(const MigrateFlags& f) {
  if (!IsPostgresUrl(f.to)) {
    Report("--to", "'" + f.to + "' is not a postgresql://user@host:port/dbname address");
    return 2;
  }
  if (IsPostgresUrl(f.from) || !std::filesystem::is_regular_file(f.from)) {
    Report("--from", "'" + f.from + "' is not a SQLite store file");
    return 2;
  }
  const std::string target = RedactPostgresUrl(f.to);
  auto counts = CopySqliteToPostgres(f.from, f.to, [&](const std::string& table, int64_t n) {
    if (!f.quiet) std::cerr << "\rsitrep migrate: " << table << ": " << n << " row(s) read" << std::flush;
  });
  if (!f.quiet) std::cerr << "\r\x1b[K";
  if (!counts.ok()) {
    Report(target, counts.status().message() + " (nothing was copied)");
    return 2;
  }
  std::cerr << "sitrep migrate: " << f.from << " -> " << target << ": "
            << counts->documents_new << " new document(s), " << counts->documents_replaced
            << " replaced, " << counts->documents_unchanged << " unchanged; "
            << counts->events_written << " event(s) written\n";
  StoreOptions ro;
  ro.read_only = true;
  auto to = Store::Open(f.to, ro);
  auto st = to.ok() ? (*to)->Stats() : StatusOr<StoreStats>(to.status());
  if (st.ok())
    std::cerr << "sitrep migrate: " << target << " holds " << st->documents << " document(s), "
              << st->reports << " report(s), " << st->events << " event(s)\n";
  return 0;
}

CommandRegistration reg(23, [](CLI::App& app, int* exit_code) {
  auto f = std::make_shared<MigrateFlags>();
  auto* cmd = app.add_subcommand("migrate", "Copy a SQLite event store into PostgreSQL");
  cmd->group(kGroupStore);
  cmd->add_option("--from", f->from, "SQLite store file")->capture_default_str();
  cmd->add_option("--to", f->to, "PostgreSQL address, postgresql://user@host:port/dbname")
      ->required();
  cmd->add_flag("-q,--quiet", f->quiet, "no progress line");
  cmd->callback([f, exit_code] { *exit_code = RunMigrate(*f); });
});

}  // namespace
}  // namespace sitrep::cli
