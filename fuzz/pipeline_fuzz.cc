// The whole pipeline (sitrep/pipeline.h) on one arbitrary document:
// Run() never crashes, fails only with a reason, and every event's
// evidence points inside the text.
#include <cstdlib>
#include <memory>

#include "fuzz/fuzz_util.h"
#include "sitrep/pipeline.h"

namespace {

const sitrep::Pipeline& Loaded() {
  static const std::unique_ptr<sitrep::Pipeline> pipeline = [] {
    sitrep::PipelineOptions options;
    options.data_dir = sitrep::fuzz::DataDir();
    options.max_document_bytes = 1u << 20;
    options.keep_background = true;
    return sitrep::fuzz::Must(sitrep::Pipeline::Create(options), "pipeline");
  }();
  return *pipeline;
}

}  // namespace

// Loads the data before the first input, so that loading is not timed as
// one (libFuzzer's -timeout).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)Loaded();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sitrep::RawDocument raw = sitrep::fuzz::DocumentFromInput(data, size);
  auto result = Loaded().Run(raw);
  if (!result.ok()) {
    if (result.status().message().empty()) std::abort();
    return 0;
  }
  for (const auto& e : result->events) {
    if (e.id.empty()) std::abort();
    for (const auto& ev : e.evidence)
      if (ev.start < 0 || ev.end < ev.start) std::abort();
  }
  return 0;
}
