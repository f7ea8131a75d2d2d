// The HTTP API's parameter parsing (server/api_params.h, server/acled_api.h)
// on an arbitrary query string, percent-decoded as the server decodes it
// (malformed escapes included): every endpoint's parser either accepts it
// within its documented limits or refuses it with a message.
#include <cstdlib>

#include "server/acled_api.h"
#include "server/api_params.h"
#include "sitrep/export.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::map<std::string, std::string> kRegions = {{"11", "Middle East"}, {"1", "Western Africa"}};
  std::string query(reinterpret_cast<const char*>(data), size);
  auto params = sitrep::ParseQueryString(query);

  auto api = sitrep::ParseApiQuery(params);
  if (api.ok()) {
    if (api->limit < 1 || api->limit > sitrep::kMaxPageSize || api->offset > sitrep::kMaxOffset) std::abort();
  } else if (api.status().message().empty()) {
    std::abort();
  }

  auto acled = sitrep::ParseAcledQuery(params, kRegions);
  if (acled.ok()) {
    if (acled->page < 1 || acled->limit > sitrep::kAcledMaxLimit) std::abort();
    std::vector<std::string> cells(sitrep::AcledColumns().size(), "1");
    (void)sitrep::AcledRowMatches(*acled, cells);
    for (auto& c : cells) c = query.substr(0, 40);
    (void)sitrep::AcledRowMatches(*acled, cells);
  } else if (acled.status().message().empty()) {
    std::abort();
  }

  for (const auto& [key, value] : params) (void)sitrep::IsValidId(value);
  return 0;
}
