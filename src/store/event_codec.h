// Reads back the codebook JSON form ("sitrep.event/1") that EventToJson
// writes, so stored events are kept in the one format every reader knows.
#ifndef SITREP_STORE_EVENT_CODEC_H_
#define SITREP_STORE_EVENT_CODEC_H_

#include <string>

#include "sitrep/event.h"
#include "sitrep/status.h"

namespace sitrep {

// Inverse of EventToJson(e, /*explain=*/true) for every field it writes
// (coordinates come back rounded to 1e-5 as written). Unknown fields are
// ignored; a line that is not an event object is InvalidArgument.
StatusOr<Event> EventFromJson(const std::string& json);

// Parses "YYYY-MM-DD"; false for anything else.
bool ParseYmd(const std::string& s, Ymd* out);

}  // namespace sitrep

#endif  // SITREP_STORE_EVENT_CODEC_H_
