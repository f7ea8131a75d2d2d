// sitrep gazetteer build|info|lookup: compiles and inspects the gazetteer.
#include <chrono>
#include <iostream>

#include "gazetteer/builder.h"
#include "gazetteer/gazetteer.h"
#include "gazetteer/name_key.h"
#include "gazetteer/sources.h"
#include "pipeline/pipeline_impl.h"
#include "tools/command.h"

namespace sitrep::cli {
namespace {

struct GazFlags {
  std::string output = std::string(SITREP_SOURCE_DIR) + "/build/gazetteer.bin";
  std::string input, node_modules = std::string(SITREP_SOURCE_DIR) + "/node_modules", data_dir;
  std::string name;
};

int RunBuild(const GazFlags& f) {
  auto t0 = std::chrono::steady_clock::now();
  GazetteerSources src;
  src.node_modules = f.node_modules;
  src.data_dir = ResolveDataDir(f.data_dir);
  GazetteerBuilder b;
  std::vector<std::string> errors;
  Status st = BuildFromSources(src, &b, &errors);
  for (const auto& e : errors) Report("gazetteer", e);
  if (!st.ok()) {
    Report("gazetteer build", st.message());
    return 2;
  }
  st = b.Write(f.output);
  if (!st.ok()) {
    Report("gazetteer build", st.message());
    return 2;
  }
  auto g = Gazetteer::Load(f.output);
  if (!g.ok()) {
    Report("gazetteer build", g.status().message());
    return 2;
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cerr << "sitrep gazetteer: " << (*g)->size() << " places -> " << f.output << " (" << (*g)->Version()
            << ", " << s << " s). Place data: GeoNames (CC BY 4.0), Natural Earth.\n";
  return 0;
}

int RunInfo(const GazFlags& f) {
  auto t0 = std::chrono::steady_clock::now();
  auto g = Gazetteer::Load(f.input);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (!g.ok()) {
    Report(f.input, g.status().message());
    return 2;
  }
  std::cout << "version " << (*g)->Version() << "\nplaces " << (*g)->size() << "\nload_ms " << ms
            << "\nattribution GeoNames (geonames.org, CC BY 4.0); Natural Earth (public domain)\n";
  return 0;
}

int RunLookup(const GazFlags& f) {
  auto g = Gazetteer::Load(f.input);
  if (!g.ok()) {
    Report(f.input, g.status().message());
    return 2;
  }
  auto words = NameWords(f.name);
  for (const std::string& key : {ExactKey(words), std::string(1, kLooseKeyMarker) + LooseKey(words)}) {
    auto l = (*g)->Find(key);
    for (uint32_t p : l.postings) {
      PlaceMention m;
      (*g)->Describe(p & kPostingIndexMask, &m);
      std::cout << (key[0] == kLooseKeyMarker ? "loose " : "exact ") << m.geonameid << "\t" << m.name << "\t"
                << m.lat << "," << m.lon << "\t" << m.country << "\t" << m.admin1 << "\t" << m.feature << "\tpop "
                << (*g)->place(p & kPostingIndexMask).population << ((p & kPostingPreferred) ? "\tpreferred" : "")
                << "\n";
    }
  }
  return 0;
}

CommandRegistration reg(60, [](CLI::App& app, int* exit_code) {
  auto f = std::make_shared<GazFlags>();
  f->input = f->output;
  auto* cmd = app.add_subcommand("gazetteer", "Compile or inspect the gazetteer (GeoNames, CC BY 4.0; Natural Earth)");
  cmd->group(kGroupData);
  cmd->require_subcommand(1);
  auto* build = cmd->add_subcommand("build", "Compile the gazetteer from the npm/Debian data and data/gazetteer/");
  build->add_option("-o,--output", f->output, "where to write it")->capture_default_str();
  build->add_option("--node-modules", f->node_modules, "folder with the npm data packages")->capture_default_str();
  build->add_option("--data", f->data_dir, "the project's data/ folder");
  build->callback([f, exit_code] { *exit_code = RunBuild(*f); });
  auto* info = cmd->add_subcommand("info", "Print the version, size and load time of a compiled gazetteer");
  info->add_option("gazetteer", f->input, "compiled gazetteer")->capture_default_str();
  info->callback([f, exit_code] { *exit_code = RunInfo(*f); });
  auto* lookup = cmd->add_subcommand("lookup", "List the entries a name matches");
  lookup->add_option("name", f->name)->required();
  lookup->add_option("--gazetteer", f->input, "compiled gazetteer")->capture_default_str();
  lookup->callback([f, exit_code] { *exit_code = RunLookup(*f); });
});

}  // namespace
}  // namespace sitrep::cli
