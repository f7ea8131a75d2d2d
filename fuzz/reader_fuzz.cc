// The input readers (ingest/reader.h) on an arbitrary stream, as standard
// input is read: JSON Lines when it opens with '{', else one text
// document. Every document handed on has text, an id and an origin; every
// skipped record is reported with a reason.
#include <cstdlib>
#include <sstream>

#include "ingest/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  sitrep::ReaderOptions options;
  options.max_document_bytes = 4096;  // small, so the size cap is reached too
  size_t reported = 0;
  auto sink = [](sitrep::RawDocument&& doc) {
    if (doc.bytes.empty() || doc.id.empty() || doc.origin.empty()) std::abort();
  };
  auto report = [&](const std::string& origin, const std::string& reason) {
    if (origin.empty() || reason.empty()) std::abort();
    ++reported;
  };
  std::istringstream in(bytes);
  sitrep::ReadStats stats = sitrep::ReadInputStream(in, "fuzz", options, sink, report);
  if (stats.skipped > reported) std::abort();

  // One record on its own, as a line of a JSON Lines file.
  auto doc = sitrep::ParseJsonRecord(bytes, "fuzz:1", report);
  if (doc.ok() && (doc->bytes.empty() || doc->id.empty())) std::abort();
  return 0;
}
