// Throwaway PostgreSQL and NATS servers for the tests of tests/servers/:
// started on free loopback ports in temporary folders on first use, shared
// by every test of the binary, stopped (by their pid) when it ends.
//
// PostgreSQL refuses to run as root: as root, initdb and pg_ctl run as the
// user `nobody` (runuser), which owns the temporary folder. When a server's
// programs are missing the tests that need it fail under CI (CI=true,
// `make test` installs them) and are skipped elsewhere, with the reason.
#ifndef SITREP_TESTS_SERVERS_TEST_SERVERS_H_
#define SITREP_TESTS_SERVERS_TEST_SERVERS_H_

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace sitrep::testing {

inline int FreeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  ::close(fd);
  return port;
}

inline bool PortAccepts(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

inline bool UnderCi() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

// Fails (CI) or skips (elsewhere) the current test when `why` is not empty.
#define SITREP_REQUIRE_SERVER(why)                                          \
  do {                                                                      \
    std::string sitrep_why_ = (why);                                        \
    if (!sitrep_why_.empty()) {                                             \
      if (::sitrep::testing::UnderCi()) FAIL() << sitrep_why_;              \
      GTEST_SKIP() << sitrep_why_;                                          \
    }                                                                       \
  } while (0)

inline int Shell(const std::string& cmd) {
  int st = std::system(cmd.c_str());
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

inline bool ProcessAlive(pid_t pid) { return pid > 0 && ::kill(pid, 0) == 0; }

class PgTestServer {
 public:
  static PgTestServer& Get() {
    if (!Slot()) Slot() = new PgTestServer();
    return *Slot();
  }
  static void StopIfStarted() {
    if (Slot()) Slot()->Stop();
  }
  // "" when running, else why not.
  const std::string& error() const { return error_; }
  int port() const { return port_; }

  // A fresh database (PostGIS ready) and its address.
  std::string NewDatabase(const std::string& name) {
    std::string db = "t_" + name;
    for (auto& ch : db)
      ch = isalnum(static_cast<unsigned char>(ch)) ? static_cast<char>(tolower(ch)) : '_';
    if (db.size() > 63) db = db.substr(0, 55) + std::to_string(std::hash<std::string>()(db) % 10000000);
    Psql("postgres", "DROP DATABASE IF EXISTS " + db);
    Psql("postgres", "CREATE DATABASE " + db + " TEMPLATE sitrep_template");
    return Url(db);
  }
  std::string Url(const std::string& db) const {
    return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + db;
  }
  int Psql(const std::string& db, const std::string& sql, std::string* out = nullptr) const {
    std::string cmd = bin_ + "/psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p " +
                      std::to_string(port_) + " -U postgres -d " + db + " -c \"" + sql + "\"";
    std::string file = dir_ + "/psql.out";
    int rc = Shell(cmd + " > " + file + " 2>&1");
    if (out) {
      std::ifstream f(file);
      out->assign(std::istreambuf_iterator<char>(f), {});
      while (!out->empty() && out->back() == '\n') out->pop_back();
    }
    return rc;
  }

  void Stop() {
    if (ProcessAlive(pid_)) {
      ::kill(pid_, SIGINT);  // fast shutdown
      for (int i = 0; i < 200 && ProcessAlive(pid_); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    pid_ = 0;
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    dir_.clear();
  }
  ~PgTestServer() { Stop(); }

 private:
  PgTestServer() { error_ = Start(); }
  static PgTestServer*& Slot() {
    static PgTestServer* p = nullptr;
    return p;
  }

  std::string Start() {
    const char* env = std::getenv("SITREP_PG_BIN");
    bin_ = env ? env : "/usr/lib/postgresql/15/bin";
    if (!std::filesystem::exists(bin_ + "/initdb") || !std::filesystem::exists(bin_ + "/pg_ctl"))
      return "PostgreSQL server programs not found in " + bin_ +
             " (install postgresql-15 and postgresql-15-postgis-3: make build does)";
    char tmpl[] = "/tmp/sitrep_pg_XXXXXX";
    if (!::mkdtemp(tmpl)) return "cannot make a temporary folder";
    dir_ = tmpl;
    std::string as;
    if (::geteuid() == 0) {
      passwd* pw = ::getpwnam("nobody");
      if (!pw) return "running as root and no user 'nobody' to run PostgreSQL as";
      if (::chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) return "cannot chown " + dir_;
      as = "runuser -u nobody -- ";
    }
    port_ = FreeLoopbackPort();
    std::string log = dir_ + "/setup.log";
    if (Shell(as + bin_ + "/initdb -D " + dir_ + "/data -U postgres --auth=trust -E UTF8 "
              "--locale=C.UTF-8 --no-sync > " + log + " 2>&1") != 0)
      return "initdb failed (" + log + ")";
    std::string opts = "-p " + std::to_string(port_) + " -k " + dir_ +
                       " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                       "-c full_page_writes=off -c max_connections=60";
    if (Shell(as + bin_ + "/pg_ctl -D " + dir_ + "/data -l " + dir_ + "/server.log -o \"" + opts +
              "\" -w -t 60 start >> " + log + " 2>&1") != 0)
      return "pg_ctl start failed (" + dir_ + "/server.log)";
    std::ifstream pidfile(dir_ + "/data/postmaster.pid");
    pidfile >> pid_;
    if (Psql("postgres", "CREATE DATABASE sitrep_template") != 0 ||
        Psql("sitrep_template", "CREATE EXTENSION postgis; CREATE EXTENSION unaccent") != 0)
      return "cannot create the PostGIS template database (is postgresql-15-postgis-3 installed?)";
    return "";
  }

  std::string bin_, dir_, error_;
  int port_ = 0;
  pid_t pid_ = 0;
};

class NatsTestServer {
 public:
  static NatsTestServer& Get() {
    if (!Slot()) Slot() = new NatsTestServer();
    return *Slot();
  }
  static void StopIfStarted() {
    if (Slot()) Slot()->Stop();
  }
  const std::string& error() const { return error_; }
  int port() const { return port_; }
  std::string Url() const { return "nats://127.0.0.1:" + std::to_string(port_); }

  void Stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int st;
      ::waitpid(pid_, &st, 0);
    }
    pid_ = 0;
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    dir_.clear();
  }
  ~NatsTestServer() { Stop(); }

 private:
  NatsTestServer() { error_ = Start(); }
  static NatsTestServer*& Slot() {
    static NatsTestServer* p = nullptr;
    return p;
  }

  std::string Start() {
    std::string bin;
    for (const char* b : {"/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"})
      if (std::filesystem::exists(b)) {
        bin = b;
        break;
      }
    if (bin.empty()) return "nats-server not found (install nats-server: make build does)";
    char tmpl[] = "/tmp/sitrep_nats_XXXXXX";
    if (!::mkdtemp(tmpl)) return "cannot make a temporary folder";
    dir_ = tmpl;
    port_ = FreeLoopbackPort();
    std::string port = std::to_string(port_), log = dir_ + "/server.log";
    pid_ = ::fork();
    if (pid_ == 0) {
      std::freopen(log.c_str(), "w", stderr);
      std::freopen(log.c_str(), "a", stdout);
      ::execl(bin.c_str(), "nats-server", "-js", "-a", "127.0.0.1", "-p", port.c_str(), "-sd",
              dir_.c_str(), static_cast<char*>(nullptr));
      std::_Exit(127);
    }
    for (int i = 0; i < 200; ++i) {
      if (PortAccepts(port_)) return "";
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return "nats-server did not start (" + log + ")";
  }

  std::string dir_, error_;
  int port_ = 0;
  pid_t pid_ = 0;
};

// Starts `sitrep ARGS` in the background (output to `log`); returns its pid.
inline pid_t SpawnSitrep(const std::string& args, const std::string& log) {
  pid_t pid = ::fork();
  if (pid == 0) {
    std::string cmd =
        "exec " + std::string(SITREP_BINARY) + " " + args + " > " + log + " 2>&1 < /dev/null";
    ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

// Waits for a child started by SpawnSitrep; its exit code, -1 on a signal
// or after `seconds`, when it is killed.
inline int WaitChild(pid_t pid, double seconds) {
  auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > end) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Stops the servers when the test binary ends.
class ServersEnvironment : public ::testing::Environment {
 public:
  void TearDown() override {
    PgTestServer::StopIfStarted();
    NatsTestServer::StopIfStarted();
  }
};

}  // namespace sitrep::testing

#endif  // SITREP_TESTS_SERVERS_TEST_SERVERS_H_
