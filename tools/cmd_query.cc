// sitrep query --db PATH [filters] [--format table|jsonl|csv|geojson]:
// reads stored events; runs while an ingest writes (read-only, WAL).
#include <map>
#include <chrono>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "sitrep/export.h"
#include "sitrep/store.h"
#include "tools/command.h"
#include "tools/event_table.h"

namespace sitrep::cli {
namespace {

struct QueryFlags {
  std::string db = "sitrep.db", from, to, bbox, format = "table", output, data_dir;
  QueryFilter filter;
  bool timing = false;
};

bool ParseDay(const std::string& s, Ymd* out) {
  PubDate d;
  if (!ParsePubDate(s, &d) || !d.day_precision() || s.size() != 10) return false;
  *out = Ymd{d.y, d.m, d.d};
  return true;
}

bool ParseBbox(const std::string& s, BoundingBox* b) {
  std::istringstream in(s);
  char c1, c2, c3;
  if (!(in >> b->min_lon >> c1 >> b->min_lat >> c2 >> b->max_lon >> c3 >> b->max_lat) ||
      c1 != ',' || c2 != ',' || c3 != ',')
    return false;
  return b->min_lon <= b->max_lon && b->min_lat <= b->max_lat && b->min_lat >= -90 &&
         b->max_lat <= 90;
}

int RunQuery(QueryFlags& f) {
  if (!f.from.empty() && !ParseDay(f.from, &f.filter.from.emplace())) {
    Report("--from", "'" + f.from + "' is not YYYY-MM-DD");
    return 2;
  }
  if (!f.to.empty() && !ParseDay(f.to, &f.filter.to.emplace())) {
    Report("--to", "'" + f.to + "' is not YYYY-MM-DD");
    return 2;
  }
  if (!f.bbox.empty() && !ParseBbox(f.bbox, &f.filter.bbox.emplace())) {
    Report("--bbox", "'" + f.bbox + "' is not minlon,minlat,maxlon,maxlat");
    return 2;
  }
  std::optional<AcledCsvWriter> csv;
  if (f.format == "csv") {
    std::vector<std::string> warnings;
    auto w = AcledCsvWriter::Create(f.data_dir, &warnings);
    if (!w.ok()) {
      Report("setup", w.status().message());
      return 2;
    }
    for (const auto& m : warnings) Report("setup", m);
    csv.emplace(std::move(*w));
  }
  StoreOptions opt;
  opt.read_only = true;
  auto store = Store::Open(f.db, opt);
  if (!store.ok()) {
    Report(f.db, store.status().message() + " (create it with 'sitrep ingest --db " + f.db + "')");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  auto events = (*store)->Query(f.filter);
  auto t1 = std::chrono::steady_clock::now();
  if (!events.ok()) {
    Report("query", events.status().message());
    return 2;
  }
  if (f.timing)
    std::cerr << "sitrep query: " << events->size() << " event(s) in "
              << std::chrono::duration<double, std::milli>(t1 - t0).count() << " ms\n";
  OutputFile out;
  if (!out.Open(f.output)) {
    Report(f.output, "cannot write the output file");
    return 2;
  }
  std::ostream& os = out.stream();
  if (f.format == "jsonl") {
    for (const auto& e : *events) os << StoredEventToJson(e) << '\n';
  } else if (f.format == "geojson") {
    WriteGeoJson(*events, os);
  } else if (csv) {
    csv->WriteHeader(os);
    for (const auto& e : *events) csv->WriteRow(e, os);
  } else {
    WriteTable(*events, os);
  }
  os.flush();
  return 0;
}

CommandRegistration reg(30, [](CLI::App& app, int* exit_code) {
  auto f = std::make_shared<QueryFlags>();
  auto* cmd = app.add_subcommand(
      "query", "Select stored events and print them as a table, JSON Lines, ACLED CSV or GeoJSON");
  cmd->group(kGroupStore);
  cmd->add_option("--db", f->db, "event store: SQLite file or postgresql://user@host:port/dbname")->capture_default_str();
  cmd->add_option("--from", f->from, "events on or after this day (YYYY-MM-DD)");
  cmd->add_option("--to", f->to, "events on or before this day (YYYY-MM-DD)");
  cmd->add_option("--bbox", f->bbox, "minlon,minlat,maxlon,maxlat (WGS 84 degrees)");
  cmd->add_option("--admin1", f->filter.admin1, "province, ISO 3166-2 (SY-ID)");
  cmd->add_option("--country", f->filter.country, "country, ISO 3166-1 alpha-2 (SY)");
  cmd->add_option("--type", f->filter.event_type, "ACLED event type (\"Battles\")");
  cmd->add_option("--sub-type", f->filter.sub_event_type,
                  "ACLED sub-event type (\"Air/drone strike\")");
  cmd->add_option("--actor", f->filter.actor, "actor id on either side (RUS_MIL)");
  cmd->add_option("--source", f->filter.source, "claim source id (SOHR) or document outlet");
  cmd->add_option("--text", f->filter.text,
                  "full text over evidence sentences (FTS5 syntax; accents ignored)");
  cmd->add_option("--doc-text", f->filter.doc_text, "full text over whole documents (FTS5 syntax)");
  cmd->add_option("--limit", f->filter.limit, "at most this many events");
  cmd->add_option("--offset", f->filter.offset, "skip this many events first (paging)");
  const std::map<std::string, QueryOrder> kOrders = {{"date", QueryOrder::kDateAsc},
                                                     {"-date", QueryOrder::kDateDesc},
                                                     {"-fatalities", QueryOrder::kFatalitiesDesc}};
  cmd->add_option("--sort", f->filter.order, "order: date (default), -date, -fatalities")
      ->transform(CLI::CheckedTransformer(kOrders, CLI::ignore_case));
  cmd->add_option("--format", f->format, "output format")
      ->check(CLI::IsMember({"table", "jsonl", "csv", "geojson"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", f->output, "write here instead of standard output");
  cmd->add_option("--data", f->data_dir, "data folder (ACLED tables for --format csv)");
  cmd->add_flag("--timing", f->timing, "report the query time on standard error");
  cmd->callback([f, exit_code] { *exit_code = RunQuery(*f); });
});

}  // namespace
}  // namespace sitrep::cli
