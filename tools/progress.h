// A one-line progress report for long runs on a terminal: documents done,
// documents/s, events and the time left, rewritten in place at most a few
// times a second. Silent when standard error is not a terminal or when
// disabled (-q). Thread-safe: Update may be called from any thread.
#ifndef SITREP_TOOLS_PROGRESS_H_
#define SITREP_TOOLS_PROGRESS_H_

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace sitrep::cli {

class Progress {
 public:
  // `total`: documents expected (0 when unknown: no time left is shown).
  Progress(std::string label, bool enabled, size_t total);
  ~Progress();  // clears the line
  bool enabled() const { return enabled_; }
  void Update(size_t documents, size_t events);
  void Clear();

  // The documents the inputs hold, counted cheaply (lines of JSON Lines
  // files, .txt files of folders); 0 when unknown (standard input).
  static size_t EstimateDocuments(const std::vector<std::string>& inputs);
  // "12,345 documents, 3,210 documents/s, 456 events, 0:42 left" (no ETA without a total).
  static std::string Line(size_t documents, double seconds, size_t events, size_t total);

 private:
  std::string label_;
  bool enabled_;
  size_t total_;
  std::chrono::steady_clock::time_point start_, last_;
  std::mutex mu_;
  bool shown_ = false;
};

}  // namespace sitrep::cli

#endif  // SITREP_TOOLS_PROGRESS_H_
