// Turns inputs (JSON Lines, plain .txt files, directories of these, standard
// input) into RawDocuments. A bad record never stops the batch: it is
// reported through the Reporter with its file, line and reason, and skipped.
#ifndef SITREP_INGEST_READER_H_
#define SITREP_INGEST_READER_H_

#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "sitrep/document.h"
#include "sitrep/status.h"

namespace sitrep {

struct ReaderOptions {
  PubDate date;                 // --date: anchors plain-text inputs
  size_t max_document_bytes = 10u << 20;
};

struct ReadStats {
  size_t documents = 0;  // handed to the sink
  size_t skipped = 0;    // reported and skipped
  size_t inputs = 0;     // files (or stdin) opened
};

using DocumentSink = std::function<void(RawDocument&&)>;
// origin is "path:line" (or "path"), reason a sentence for a human.
using Reporter = std::function<void(const std::string& origin, const std::string& reason)>;

// Reads every input in order ("-" or an empty list is standard input).
// Fails only when an input cannot be opened at all; that input is reported
// and the others are still read.
ReadStats ReadInputs(const std::vector<std::string>& inputs, const ReaderOptions& options,
                     const DocumentSink& sink, const Reporter& report);

// Reads one stream as standard input is read: JSON Lines when its first
// non-space byte opens an object, else one text document. `name` is the
// origin in messages.
ReadStats ReadInputStream(std::istream& in, const std::string& name, const ReaderOptions& options,
                          const DocumentSink& sink, const Reporter& report);

// Parses one JSON Lines record; exposed for tests. `origin` names it in
// messages. Invalid UTF-8 is repaired before parsing (and reported).
StatusOr<RawDocument> ParseJsonRecord(const std::string& line, const std::string& origin,
                                      const Reporter& report);

}  // namespace sitrep

#endif  // SITREP_INGEST_READER_H_
