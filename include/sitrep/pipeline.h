// The whole extraction pipeline behind one object. Create() loads the
// lexicons and the compiled gazetteer once; Run() is const and thread-safe,
// so one Pipeline serves every worker thread.
#ifndef SITREP_PIPELINE_H_
#define SITREP_PIPELINE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "sitrep/budget.h"
#include "sitrep/document.h"
#include "sitrep/event.h"
#include "sitrep/status.h"

namespace sitrep {

struct PipelineOptions {
  std::string data_dir;        // holds lexicons/<lang>/; empty: SITREP_DATA or the source tree
  std::string gazetteer_path;  // compiled gazetteer; empty: SITREP_GAZETTEER or build/gazetteer.bin
  bool require_gazetteer = false;  // fail Create() when the gazetteer is missing
  size_t max_document_bytes = 10u << 20;
  bool keep_background = false;  // also return events recalled as context ("background": true)
  BudgetLimits budgets;          // per-document limits; reaching one is a warning (sitrep/budget.h)
};

struct DocumentResult {
  std::string doc_id;
  std::string lang;
  std::vector<Event> events;
  std::vector<std::string> warnings;  // non-fatal problems (repaired UTF-8, unknown date, budgets...)
};

class PipelineImpl;

class Pipeline {
 public:
  static StatusOr<std::unique_ptr<Pipeline>> Create(const PipelineOptions& options);
  ~Pipeline();

  // Fails only for documents that cannot be processed at all (empty, over
  // the size cap); everything else degrades to warnings and null fields.
  StatusOr<DocumentResult> Run(const RawDocument& doc) const;

  // "sitrep-pipeline/<version>", recorded on every event.
  static std::string Version();
  // Versions of the data in use (lexicons hash, gazetteer format and hash).
  std::string DataVersion() const;
  const PipelineImpl& impl() const { return *impl_; }

 private:
  explicit Pipeline(std::unique_ptr<PipelineImpl> impl);
  std::unique_ptr<PipelineImpl> impl_;
};

}  // namespace sitrep

#endif  // SITREP_PIPELINE_H_
