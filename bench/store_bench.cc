// Store benchmarks on synthetic located reports (the pipeline may not yet
// place events, so the R*Tree is exercised here with events we build):
// ingest with cross-document merging, then bounding-box + date queries.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "sitrep/store.h"

namespace sitrep {
namespace {

constexpr int kDocs = 20000;

// One report per document; every fourth document retells the previous
// one's event from another source (a few km away, another toll).
std::pair<RawDocument, DocumentResult> SyntheticDoc(int i, std::mt19937* rng) {
  std::uniform_real_distribution<double> lat(32.5, 37.0), lon(36.0, 42.0), jitter(-0.03, 0.03);
  static double last_lat = 0, last_lon = 0;
  static int last_day = 0;
  bool retell = i % 4 == 3;
  double la = retell ? last_lat + jitter(*rng) : lat(*rng),
         lo = retell ? last_lon + jitter(*rng) : lon(*rng);
  int day = retell ? last_day : static_cast<int>((*rng)() % 1800);
  last_lat = la, last_lon = lo, last_day = day;
  RawDocument raw;
  raw.id = "synthetic-" + std::to_string(i);
  raw.bytes =
      "Synthetic report " + std::to_string(i) + ". Air strikes hit the town, a monitor said.";
  DocumentResult r;
  r.doc_id = raw.id;
  Event e;
  e.id = "ev_" + raw.id;
  e.docs = {raw.id};
  e.event_type = "Explosions/Remote violence";
  e.sub_event_type = "Air/drone strike";
  Ymd d{2016 + day / 360, 1 + (day % 360) / 30, 1 + day % 28};
  e.date = {d, d, DatePrecision::kDay};
  e.location.lat = la;
  e.location.lon = lo;
  e.location.admin1 = "SY-XX";
  e.location.country = "SY";
  e.location.precision = LocationPrecision::kPlace;
  Claim c;
  c.source = retell ? "AP" : "SOHR";
  c.fatalities = Count::Exact(1 + (*rng)() % 30);
  e.claims = {c};
  e.fatalities = c.fatalities;
  e.evidence = {{raw.id, 0, 40}};
  e.pipeline_version = Pipeline::Version();
  r.events = {e};
  return {raw, r};
}

Store* SharedStore() {
  static std::unique_ptr<Store> store = [] {
    auto path = std::filesystem::temp_directory_path() /
                ("sitrep_store_bench_" + std::to_string(::getpid()) + ".db");
    static const std::string kPath = path.string();
    std::atexit([] {
      for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(kPath + ext);
    });
    auto s = std::move(Store::Open(path.string())).value();
    std::mt19937 rng(42);
    auto t0 = std::chrono::steady_clock::now();
    (void)s->BeginBatch();
    for (int i = 0; i < kDocs; ++i) {
      auto [raw, result] = SyntheticDoc(i, &rng);
      (void)s->IngestDocument(raw, result, "synthetic");
      if (i % 200 == 199) (void)s->CommitBatch(), (void)s->BeginBatch();
    }
    (void)s->CommitBatch();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    auto st = s->Stats();
    std::fprintf(stderr,
                 "store ingest: %d documents in %.2f s = %.0f documents/s; %lld events (%lld "
                 "merged), %.1f MB\n",
                 kDocs, secs, kDocs / secs, static_cast<long long>(st->events),
                 static_cast<long long>(st->merged_events),
                 std::filesystem::file_size(path) / 1048576.0);
    return s;
  }();
  return store.get();
}

void BM_BboxAndDateQuery(benchmark::State& state) {
  Store* s = SharedStore();
  QueryFilter f;
  f.bbox = BoundingBox{36.0, 35.0, 37.0, 36.5};  // about Idlib and Hama
  f.from = Ymd{2018, 1, 1};
  f.to = Ymd{2018, 3, 31};
  size_t n = 0;
  for (auto _ : state) {
    auto q = s->Query(f);
    n = q->size();
    benchmark::DoNotOptimize(n);
  }
  state.counters["events"] = static_cast<double>(n);
}
BENCHMARK(BM_BboxAndDateQuery)->Unit(benchmark::kMillisecond);

void BM_TextQuery(benchmark::State& state) {
  Store* s = SharedStore();
  QueryFilter f;
  f.text = "monitor";
  f.limit = 100;
  for (auto _ : state) benchmark::DoNotOptimize(s->Query(f)->size());
}
BENCHMARK(BM_TextQuery)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sitrep
