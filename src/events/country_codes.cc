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

Status CountryCodes::LoadTheatres(const std::string& path, std::vector<std::string>* warnings) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::Ok();
  auto t = ReadTsv(path, {"alpha2", "opposition", "voices", "air"});
  if (!t.ok()) return t.status();
  auto cell = [](const std::string& c) { return c == "-" ? std::string() : c; };
  const int mission = t->Column("mission");
  for (const auto& r : t->rows) {
    Theatre th{cell(r.cells[1]), {}, cell(r.cells[3]), mission >= 0 ? cell(r.cells[mission]) : std::string()};
    std::string voices = cell(r.cells[2]);
    if (r.cells[0].size() != 2 || th.opposition.empty() != voices.empty()) {
      if (warnings)
        warnings->push_back(path + ":" + std::to_string(r.line) +
                            ": wants an alpha-2 code, and an opposition actor with the source ids that speak for the state");
      continue;
    }
    size_t b = 0;
    for (size_t e; !voices.empty() && (e = voices.find('|', b)) != std::string::npos; b = e + 1)
      th.voices.push_back(voices.substr(b, e - b));
    if (!voices.empty()) th.voices.push_back(voices.substr(b));
    AddTheatre(r.cells[0], std::move(th));
  }
  if (warnings) warnings->insert(warnings->end(), t->errors.begin(), t->errors.end());
  return Status::Ok();
}

std::string CountryCodes::Opposition(const std::string& alpha2, const std::vector<std::string>& sources) const {
  auto it = theatres_.find(alpha2);
  if (it == theatres_.end()) return "";
  for (const auto& v : it->second.voices)
    if (std::find(sources.begin(), sources.end(), v) != sources.end()) return it->second.opposition;
  return "";
}

std::string CountryCodes::AirPower(const std::string& alpha2) const {
  auto it = theatres_.find(alpha2);
  return it == theatres_.end() ? "" : it->second.air;
}

std::string CountryCodes::Mission(const std::string& alpha2) const {
  auto it = theatres_.find(alpha2);
  return it == theatres_.end() ? "" : it->second.mission;
}

bool IsUnownedStateId(const std::string& id) { return id.size() > 2 && id[0] == '*' && id[1] == '_'; }

}  // namespace sitrep
