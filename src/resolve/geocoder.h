// From a resolved place mention to the codebook `location` object. The
// mention already carries the gazetteer entry (mentions/place_finder.h); the
// geocoder only states it in the output's terms, so events never invent a
// point: a province stays a province (precision admin1, its representative
// point), a country a country.
#ifndef SITREP_RESOLVE_GEOCODER_H_
#define SITREP_RESOLVE_GEOCODER_H_

#include "mentions/mention.h"
#include "sitrep/event.h"

namespace sitrep {

Location ToLocation(const PlaceMention& m);

}  // namespace sitrep

#endif  // SITREP_RESOLVE_GEOCODER_H_
