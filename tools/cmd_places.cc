// sitrep places [INPUT...]: one JSON line per place mention.
#include <sys/resource.h>

#include <iostream>

#include <nlohmann/json.hpp>

#include "ingest/reader.h"
#include "mentions/place_finder.h"
#include "pipeline/pipeline_impl.h"
#include "sitrep/pipeline.h"
#include "text/document.h"
#include "tools/command.h"

namespace sitrep::cli {
namespace {

struct PlacesFlags {
  std::vector<std::string> inputs;
  std::string output;
  PipelineFlags pipeline;
};

nlohmann::json MentionJson(const Document& doc, const PlaceMention& m) {
  nlohmann::json j;
  j["doc"] = doc.id;
  j["start"] = doc.Cp(m.span.begin);
  j["end"] = doc.Cp(m.span.end);
  j["text"] = std::string(doc.Slice(m.span));
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

int RunPlaces(const PlacesFlags& f) {
  PipelineOptions popt;
  popt.data_dir = f.pipeline.data_dir;
  popt.gazetteer_path = f.pipeline.gazetteer;
  popt.require_gazetteer = true;
  auto pipeline = Pipeline::Create(popt);
  if (!pipeline.ok()) {
    Report("setup", pipeline.status().message());
    return 2;
  }
  const PlaceFinder& finder = *(*pipeline)->impl().places;
  OutputFile out;
  if (!out.Open(f.output)) {
    Report(f.output, "cannot write the output file");
    return 2;
  }
  ReaderOptions ropt;
  ropt.max_document_bytes = f.pipeline.max_bytes;
  size_t docs = 0, mentions = 0;
  auto sink = [&](RawDocument&& raw) {
    auto doc = AnalyzeDocument(raw, f.pipeline.max_bytes);
    if (!doc.ok()) {
      Report(raw.origin, doc.status().message() + "; skipped");
      return;
    }
    ++docs;
    for (const auto& m : finder.Find(**doc)) {
      out.stream() << MentionJson(**doc, m).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
      ++mentions;
    }
  };
  ReadInputs(f.inputs, ropt, sink, Report);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);  // ru_maxrss is in kilobytes on Linux
  std::cerr << "sitrep places: " << docs << " document(s), " << mentions << " place mention(s), peak RSS "
            << usage.ru_maxrss / 1024 << " MB (" << (*pipeline)->DataVersion()
            << "; place data GeoNames CC BY 4.0)\n";
  return docs == 0 ? 2 : 0;
}

CommandRegistration reg(20, [](CLI::App& app, int* exit_code) {
  auto f = std::make_shared<PlacesFlags>();
  auto* cmd = app.add_subcommand("places", "Find and resolve place names; one JSON line per mention "
                                           "(place data: GeoNames, CC BY 4.0)");
  cmd->add_option("inputs", f->inputs, "JSON Lines, .txt files, folders, or '-' (default: standard input)");
  cmd->add_option("-o,--output", f->output, "write here instead of standard output");
  f->pipeline.AddTo(cmd);
  cmd->callback([f, exit_code] { *exit_code = RunPlaces(*f); });
});

}  // namespace
}  // namespace sitrep::cli
