// Runs the built `sitrep` binary as a user would, for end-to-end tests.
#ifndef SITREP_TESTS_CLI_HELPERS_H_
#define SITREP_TESTS_CLI_HELPERS_H_

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>

namespace sitrep::testing {

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};

inline std::string TempDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("sitrep_test_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

inline void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary);
  f << bytes;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

// Runs `sitrep ARGS` with `stdin_path` (may be empty) as standard input.
inline RunResult RunSitrep(const std::string& args, const std::string& stdin_path = "") {
  static int counter = 0;
  std::string dir = TempDir("run" + std::to_string(counter++));
  std::string cmd = std::string(SITREP_BINARY) + " " + args + " > " + dir + "/out 2> " + dir + "/err";
  cmd += stdin_path.empty() ? " < /dev/null" : " < " + stdin_path;
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(dir + "/out");
  r.err = ReadFile(dir + "/err");
  std::filesystem::remove_all(dir);
  return r;
}

inline std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) out.push_back(l);
  return out;
}

}  // namespace sitrep::testing

#endif  // SITREP_TESTS_CLI_HELPERS_H_
