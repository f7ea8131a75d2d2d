#include "events/country_codes.h"

#include "lexicon/tsv.h"

namespace sitrep {

StatusOr<CountryCodes> CountryCodes::Load(const std::string& path, std::vector<std::string>* warnings) {
  auto t = ReadTsv(path, {"alpha2", "alpha3"});
  if (!t.ok()) return t.status();
  CountryCodes c;
  for (const auto& r : t->rows) {
    if (r.cells[0].size() != 2 || r.cells[1].size() != 3) {
      if (warnings) warnings->push_back(path + ":" + std::to_string(r.line) + ": not an alpha-2/alpha-3 pair");
      continue;
    }
    c.Add(r.cells[0], r.cells[1]);
  }
  if (warnings) warnings->insert(warnings->end(), t->errors.begin(), t->errors.end());
  return c;
}

std::string CountryCodes::Alpha3(const std::string& alpha2) const {
  auto it = alpha3_.find(alpha2);
  return it == alpha3_.end() ? "" : it->second;
}

bool IsUnownedStateId(const std::string& id) { return id.size() > 2 && id[0] == '*' && id[1] == '_'; }

}  // namespace sitrep
