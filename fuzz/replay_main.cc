// Replays fuzz inputs through the targets' own entry points, without
// libFuzzer: CTest runs every target over its corpus (fuzz/corpus/<name>/,
// which keeps each input a fuzzing run found crashing) in the ordinary and
// the sanitized builds. Usage: sitrep_fuzz_replay TARGET FILE_OR_DIR...
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#define SITREP_FUZZ_ENTRY(name) extern "C" int name##_entry(const uint8_t* data, size_t size);
#include "fuzz_entries.inc"
#undef SITREP_FUZZ_ENTRY

namespace {

struct Target {
  const char* name;
  int (*run)(const uint8_t*, size_t);
};

#define SITREP_FUZZ_ENTRY(name) {#name, name##_entry},
const Target kTargets[] = {
#include "fuzz_entries.inc"
};
#undef SITREP_FUZZ_ENTRY

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s TARGET FILE_OR_DIR...\n", argv[0]);
    return 2;
  }
  const Target* target = nullptr;
  for (const auto& t : kTargets)
    if (std::strcmp(t.name, argv[1]) == 0) target = &t;
  if (!target) {
    std::fprintf(stderr, "no fuzz target '%s'\n", argv[1]);
    return 2;
  }
  std::vector<fs::path> files;
  for (int i = 2; i < argc; ++i) {
    if (fs::is_directory(argv[i])) {
      for (const auto& e : fs::directory_iterator(argv[i]))
        if (e.is_regular_file()) files.push_back(e.path());
    } else {
      files.push_back(argv[i]);
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    std::string bytes = s.str();
    std::fprintf(stderr, "%s\n", f.string().c_str());
    target->run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  std::printf("%s: %zu input(s) replayed\n", target->name, files.size());
  return files.empty() ? 1 : 0;
}
