// sitrep places [INPUT...]: one JSON line per place mention.
#include <sys/resource.h>

#include <iostream>

#include <nlohmann/json.hpp>

#include "mentions/place_finder.h"
#include "pipeline/pipeline_impl.h"
#include "sitrep/pipeline.h"
#include "text/document.h"
#include "tools/mention_command.h"

namespace sitrep::cli {
namespace {

nlohmann::json MentionJson(const Document& doc, const PlaceMention& m) {
  nlohmann::json j = SpanJson(doc, m.span);
  j["geonameid"] = m.geonameid ? nlohmann::json(m.geonameid) : nlohmann::json();
  j["name"] = m.name;
  j["lat"] = m.lat;
  j["lon"] = m.lon;
  j["admin1"] = m.admin1.empty() ? nlohmann::json() : nlohmann::json(m.admin1);
  j["country"] = m.country.empty() ? nlohmann::json() : nlohmann::json(m.country);
  j["feature"] = m.feature;
  j["precision"] = LocationPrecisionName(m.precision);
  if (!m.relation.empty()) j["relation"] = std::string(doc.Slice(m.relation));
  j["rule"] = m.rule;
  return j;
}

int RunPlaces(const MentionFlags& f) {
  auto pipeline = f.pipeline.CreatePipeline(/*require_gazetteer=*/true);
  if (!pipeline) return 2;
  const PlaceFinder& finder = *pipeline->impl().places;
  const DateFinder& date_finder = *pipeline->impl().dates;
  auto emit = [&](const Document& doc, std::ostream& out) {
    auto dates = date_finder.Find(doc);  // a name inside a date is no place ("Mon 3 June")
    auto mentions = finder.Find(doc, nullptr, nullptr, BudgetLimits{}.candidates_per_place_name, &dates);
    for (const auto& m : mentions)
      out << MentionJson(doc, m).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return mentions.size();
  };
  return RunMentionCommand("places", "place mention(s)", f, emit, [&] {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);  // ru_maxrss is in kilobytes on Linux
    return ", peak RSS " + std::to_string(usage.ru_maxrss / 1024) + " MB (" + pipeline->DataVersion() +
           "; place data GeoNames CC BY 4.0)";
  });
}

CommandRegistration reg(41, [](CLI::App& app, int* exit_code) {
  auto f = std::make_shared<MentionFlags>();
  auto* cmd = app.add_subcommand("places", "Find and resolve place names; one JSON line per mention "
                                           "(place data: GeoNames, CC BY 4.0)");
  cmd->group(kGroupStages);
  AddMentionOptions(cmd, f.get());
  cmd->callback([f, exit_code] { *exit_code = RunPlaces(*f); });
});

}  // namespace
}  // namespace sitrep::cli
