// A document as a work-queue message: one JSON object in the JSON Lines
// format `sitrep ingest` reads (id, text, date, lang, url, outlet), plus
// the origin ("file:line") it was read from, for the worker's messages.
#ifndef SITREP_QUEUE_WORK_MESSAGE_H_
#define SITREP_QUEUE_WORK_MESSAGE_H_

#include <string>

#include "sitrep/document.h"
#include "sitrep/status.h"

namespace sitrep {

// Invalid UTF-8 in the text is repaired (U+FFFD), as the store repairs it.
std::string DocumentMessage(const RawDocument& doc);

StatusOr<RawDocument> ParseDocumentMessage(const std::string& message);

// The message id that lets the server drop a copy: id and content hash.
std::string DocumentMessageId(const RawDocument& doc);

}  // namespace sitrep

#endif  // SITREP_QUEUE_WORK_MESSAGE_H_
