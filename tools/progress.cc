#include "tools/progress.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace sitrep::cli {
namespace {

std::string Thousands(size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

size_t CountLines(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::vector<char> buf(1 << 20);
  size_t lines = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    std::streamsize got = in.gcount();
    for (const char* c = buf.data(); (c = static_cast<const char*>(std::memchr(c, '\n', buf.data() + got - c)));
         ++c)
      ++lines;
  }
  return lines;
}

}  // namespace

Progress::Progress(std::string label, bool enabled, size_t total)
    : label_(std::move(label)), enabled_(enabled && isatty(STDERR_FILENO)), total_(total),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

Progress::~Progress() { Clear(); }

std::string Progress::Line(size_t documents, double seconds, size_t events, size_t total) {
  double rate = seconds > 0 ? static_cast<double>(documents) / seconds : 0;
  std::string s = Thousands(documents) + " documents, " + Thousands(static_cast<size_t>(rate)) +
                  " documents/s, " + Thousands(events) + " events";
  if (total > documents && rate > 0) {
    long left = static_cast<long>(static_cast<double>(total - documents) / rate + 0.5);
    char eta[32];
    std::snprintf(eta, sizeof eta, "%ld:%02ld", left / 60, left % 60);
    s += std::string(", ") + eta + " left";
  }
  return s;
}

void Progress::Update(size_t documents, size_t events) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  if (now - last_ < std::chrono::milliseconds(250)) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  std::fprintf(stderr, "\r\x1b[K%s: %s", label_.c_str(), Line(documents, secs, events, total_).c_str());
  std::fflush(stderr);
  shown_ = true;
}

void Progress::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!shown_) return;
  std::fprintf(stderr, "\r\x1b[K");
  std::fflush(stderr);
  shown_ = false;
}

size_t Progress::EstimateDocuments(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  size_t n = 0;
  std::error_code ec;
  for (const auto& in : inputs) {
    if (in == "-") return 0;
    fs::path p(in);
    if (fs::is_directory(p, ec)) {
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        auto ext = it->path().extension();
        n += ext == ".txt" ? 1 : (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") ? CountLines(it->path()) : 0;
      }
    } else if (p.extension() == ".txt") {
      ++n;
    } else if (fs::is_regular_file(p, ec)) {
      n += CountLines(p);
    }
  }
  return inputs.empty() ? 0 : n;
}

}  // namespace sitrep::cli
