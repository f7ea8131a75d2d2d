#include "events/country_codes.h"

#include <algorithm>
#include <filesystem>

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

Status CountryCodes::LoadOppositions(const std::string& path, std::vector<std::string>* warnings) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::Ok();
  auto t = ReadTsv(path, {"alpha2", "actor", "voices"});
  if (!t.ok()) return t.status();
  for (const auto& r : t->rows) {
    if (r.cells[0].size() != 2 || r.cells[1].empty() || r.cells[2].empty()) {
      if (warnings)
        warnings->push_back(path + ":" + std::to_string(r.line) + ": wants an alpha-2 code, an actor id and source ids");
      continue;
    }
    std::vector<std::string> voices;
    size_t b = 0;
    for (size_t e; (e = r.cells[2].find('|', b)) != std::string::npos; b = e + 1) voices.push_back(r.cells[2].substr(b, e - b));
    voices.push_back(r.cells[2].substr(b));
    AddOpposition(r.cells[0], r.cells[1], std::move(voices));
  }
  if (warnings) warnings->insert(warnings->end(), t->errors.begin(), t->errors.end());
  return Status::Ok();
}

std::string CountryCodes::Opposition(const std::string& alpha2, const std::vector<std::string>& sources) const {
  auto it = opposition_.find(alpha2);
  if (it == opposition_.end()) return "";
  for (const auto& v : it->second.voices)
    if (std::find(sources.begin(), sources.end(), v) != sources.end()) return it->second.actor;
  return "";
}

bool IsUnownedStateId(const std::string& id) { return id.size() > 2 && id[0] == '*' && id[1] == '_'; }

}  // namespace sitrep
