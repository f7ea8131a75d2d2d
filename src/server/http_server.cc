#include "server/http_server.h"

#include <httplib.h>

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "server/acled_api.h"
#include "server/answer_cache.h"
#include "server/api_params.h"
#include "server/gated_server.h"
#include "server/stats.h"
#include "sitrep/export.h"
#include "sitrep/store.h"

namespace sitrep {
namespace {

using Json = nlohmann::ordered_json;

std::atomic<httplib::Server*> g_server{nullptr};

void SendJson(httplib::Response& res, const std::string& body, int status = 200) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body, "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  Json j = {{"error", message}, {"status", status}};
  SendJson(res, j.dump(-1, ' ', false, Json::error_handler_t::replace), status);
}

std::multimap<std::string, std::string> Params(const httplib::Request& req) {
  return {req.params.begin(), req.params.end()};
}

// One read-only Store per worker thread, opened on first use.
class StorePool {
 public:
  explicit StorePool(std::string path) : path_(std::move(path)) {}
  StatusOr<Store*> Get() {
    thread_local std::map<const StorePool*, std::unique_ptr<Store>> stores;
    auto& slot = stores[this];
    if (!slot) {
      StoreOptions opt;
      opt.read_only = true;
      opt.busy_timeout_ms = 5000;
      auto s = Store::Open(path_, opt);
      if (!s.ok()) return s.status();
      slot = std::move(s).value();
    }
    return slot.get();
  }

 private:
  std::string path_;
};

// What the ACLED-shaped answers need: the export's tables, loaded once.
struct AcledTables {
  AcledCsvWriter writer;
  std::map<std::string, std::string> regions;
};

// Runs the query behind /api/events, /api/events.geojson (one page, with the
// total count) and /api/stats (`paged` false: every matching event); false
// after answering an error.
bool RunQuery(StorePool& pool, const httplib::Request& req, httplib::Response& res, bool paged,
              ApiQuery* q, std::vector<StoredEvent>* events, int64_t* total) {
  auto parsed = ParseApiQuery(Params(req));
  if (!parsed.ok()) {
    SendError(res, 400, parsed.status().message());
    return false;
  }
  *q = std::move(parsed).value();
  auto store = pool.Get();
  if (!store.ok()) {
    SendError(res, 503, store.status().message());
    return false;
  }
  auto fail = [&](const Status& st) {
    SendError(res, st.code() == StatusCode::kInvalidArgument ? 400 : 500, st.message());
    return false;
  };
  if (paged) {
    auto n = (*store)->Count(q->filter);
    if (!n.ok()) return fail(n.status());
    *total = *n;
    q->filter.limit = q->limit;
    q->filter.offset = q->offset;
  }
  auto r = (*store)->Query(q->filter);
  if (!r.ok()) return fail(r.status());
  *events = std::move(r).value();
  if (!paged) *total = static_cast<int64_t>(events->size());
  return true;
}

void HandleEvents(StorePool& pool, const httplib::Request& req, httplib::Response& res) {
  ApiQuery q;
  std::vector<StoredEvent> events;
  int64_t total = 0;
  if (!RunQuery(pool, req, res, /*paged=*/true, &q, &events, &total)) return;
  std::string body = "{\"total\":" + std::to_string(total) + ",\"offset\":" +
                     std::to_string(q.offset) + ",\"limit\":" + std::to_string(q.limit) +
                     ",\"events\":[";
  for (size_t i = 0; i < events.size(); ++i) {
    if (i > 0) body += ',';
    body += EventToJson(events[i].event);
  }
  body += "]}";
  SendJson(res, body);
}

// The cells of the ACLED export the map's table shows and downloads.
Json AcledCellsJson(const AcledTables& acled, const StoredEvent& e) {
  static const char* kShown[] = {"event_date", "actor1",   "actor2",    "country",
                                 "admin1",     "location", "latitude",  "longitude",
                                 "fatalities", "source"};
  auto cells = acled.writer.Cells(e);
  Json j = Json::object();
  for (const char* c : kShown) j[c] = cells[AcledColumnIndex(c)];
  return j;
}

void HandleGeoJson(StorePool& pool, const AcledTables& acled, const httplib::Request& req,
                   httplib::Response& res) {
  ApiQuery q;
  std::vector<StoredEvent> events;
  int64_t total = 0;
  if (!RunQuery(pool, req, res, /*paged=*/true, &q, &events, &total)) return;
  Json fc = {{"type", "FeatureCollection"}, {"features", Json::array()}};
  for (const auto& stored : events) {
    const Event& e = stored.event;
    if (!e.location.lat || !e.location.lon) continue;
    std::vector<std::string> sources;
    Json claims = Json::array();
    for (const auto& c : e.claims) {
      sources.push_back(c.source);
      claims.push_back({{"source", c.source}, {"text", c.text}});
    }
    Json props = {{"id", e.id}, {"event_type", e.event_type}, {"sub_event_type", e.sub_event_type},
                  {"date", e.date.start.valid() ? Json(e.date.start.ToString()) : Json(nullptr)},
                  {"location", e.location.name}, {"precision", LocationPrecisionName(e.location.precision)},
                  {"actor1", e.actor1 ? Json(e.actor1->id) : Json(nullptr)},
                  {"actor2", e.actor2 ? Json(e.actor2->id) : Json(nullptr)},
                  {"fatalities", e.fatalities ? Json(e.fatalities->best) : Json(nullptr)},
                  {"sources", sources}, {"claims", std::move(claims)}, {"reports", e.docs.size()},
                  {"background", e.background}, {"acled", AcledCellsJson(acled, stored)}};
    fc["features"].push_back({{"type", "Feature"},
                              {"geometry", {{"type", "Point"}, {"coordinates", {*e.location.lon, *e.location.lat}}}},
                              {"properties", std::move(props)}});
  }
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  res.set_content(fc.dump(-1, ' ', false, Json::error_handler_t::replace), "application/geo+json");
}

void HandleEvent(StorePool& pool, const httplib::Request& req, httplib::Response& res) {
  std::string id = req.matches[1];
  if (!IsValidId(id)) return SendError(res, 400, "malformed event id");
  auto store = pool.Get();
  if (!store.ok()) return SendError(res, 503, store.status().message());
  auto ex = (*store)->Explain(id);
  if (!ex.ok()) {
    return SendError(res, ex.status().code() == StatusCode::kNotFound ? 404 : 500, ex.status().message());
  }
  Json j = Json::parse(EventToJson(ex->event.event, /*explain=*/true));
  Json reports = Json::array();
  for (const auto& r : ex->reports) {
    reports.push_back({{"doc", r.doc_id}, {"outlet", r.outlet}, {"url", r.url}, {"date", r.pub_date},
                       {"event", Json::parse(EventToJson(r.event))},
                       {"sentences", r.evidence_sentences}});
  }
  j["reports"] = std::move(reports);
  j["merge_reasons"] = ex->reasons;
  SendJson(res, j.dump(-1, ' ', false, Json::error_handler_t::replace));
}

void HandleDocument(StorePool& pool, const httplib::Request& req, httplib::Response& res) {
  std::string id = req.matches[1];
  if (!IsValidId(id)) return SendError(res, 400, "malformed document id");
  auto store = pool.Get();
  if (!store.ok()) return SendError(res, 503, store.status().message());
  auto d = (*store)->GetDocument(id);
  if (!d.ok()) {
    return SendError(res, d.status().code() == StatusCode::kNotFound ? 404 : 500, d.status().message());
  }
  Json spans = Json::array();
  for (const auto& s : d->evidence) spans.push_back({{"event", s.event_id}, {"start", s.start}, {"end", s.end}});
  Json j = {{"id", d->id}, {"date", d->pub_date}, {"lang", d->lang}, {"url", d->url},
            {"outlet", d->outlet}, {"text", d->text}, {"evidence", std::move(spans)}};
  SendJson(res, j.dump(-1, ' ', false, Json::error_handler_t::replace));
}

void SendAcledError(httplib::Response& res, int status, const std::string& message) {
  Json j = {{"status", status}, {"success", false}, {"error", {{"status", status}, {"message", message}}}};
  SendJson(res, j.dump(-1, ' ', false, Json::error_handler_t::replace), status);
}

// sitrep's own columns of one row: claims, evidence and documents as the
// codebook writes them.
Json ExtraCells(const Event& e) {
  Json ev = Json::parse(EventToJson(e));
  return {{"sitrep_claims", ev["claims"]}, {"sitrep_evidence", ev["evidence"]},
          {"sitrep_documents", ev["docs"]}};
}

// GET /api/acled/read: ACLED's parameters and answer (server/acled_api.h).
void HandleAcledRead(StorePool& pool, const AcledTables& acled, const httplib::Request& req,
                     httplib::Response& res) {
  auto parsed = ParseAcledQuery(Params(req), acled.regions);
  if (!parsed.ok()) return SendAcledError(res, 400, parsed.status().message());
  const AcledQuery& q = *parsed;
  auto store = pool.Get();
  if (!store.ok()) return SendAcledError(res, 503, store.status().message());
  auto events = (*store)->Query(q.prefilter);
  if (!events.ok()) return SendAcledError(res, 500, events.status().message());

  std::vector<std::pair<size_t, std::vector<std::string>>> rows;  // event index, cells
  size_t skip = q.limit ? (q.page - 1) * q.limit : 0, total = 0;
  for (size_t i = 0; i < events->size(); ++i) {
    auto cells = acled.writer.Cells((*events)[i]);
    if (!AcledRowMatches(q, cells)) continue;
    if (total++ >= skip && (q.limit == 0 || rows.size() < q.limit)) rows.emplace_back(i, std::move(cells));
  }
  std::vector<std::string> fields = q.fields;
  if (fields.empty()) {
    fields = AcledColumns();
    fields.insert(fields.end(), AcledExtraColumns().begin(), AcledExtraColumns().end());
  }
  bool extras = false;
  for (const auto& f : fields) extras |= AcledColumnIndex(f) < 0;
  auto value = [&](const std::string& field, const std::vector<std::string>& cells,
                   const Json& extra) -> Json {
    int i = AcledColumnIndex(field);
    return i >= 0 ? Json(cells[i]) : extra[field];
  };
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Total-Count", std::to_string(total));
  if (q.csv) {
    std::ostringstream out;
    WriteCsvRecord(fields, out);
    std::vector<std::string> record;
    for (const auto& [i, cells] : rows) {
      Json extra = extras ? ExtraCells((*events)[i].event) : Json();
      record.clear();
      for (const auto& f : fields) {
        Json v = value(f, cells, extra);
        record.push_back(v.is_string() ? v.get<std::string>()
                                       : v.dump(-1, ' ', false, Json::error_handler_t::replace));
      }
      WriteCsvRecord(record, out);
    }
    res.status = 200;
    res.set_content(out.str(), "text/csv; charset=utf-8");
    return;
  }
  Json data = Json::array();
  for (const auto& [i, cells] : rows) {
    Json extra = extras ? ExtraCells((*events)[i].event) : Json();
    Json row = Json::object();
    for (const auto& f : fields) row[f] = value(f, cells, extra);
    data.push_back(std::move(row));
  }
  Json j = {{"status", 200},       {"success", true},        {"count", rows.size()},
            {"messages", Json::array()}, {"data", std::move(data)},
            {"sitrep_total_count", total}, {"sitrep_page", q.page}};
  SendJson(res, j.dump(-1, ' ', false, Json::error_handler_t::replace));
}

// Today's date (UTC): no event can be dated after it.
Ymd Today() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return Ymd{utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday};
}

// The counts come from the store (kept up to date on ingest for the whole
// store and each event type, else counted in SQL): no event is read.
void HandleStats(StorePool& pool, const httplib::Request& req, httplib::Response& res) {
  auto parsed = ParseApiQuery(Params(req));
  if (!parsed.ok()) return SendError(res, 400, parsed.status().message());
  auto store = pool.Get();
  if (!store.ok()) return SendError(res, 503, store.status().message());
  auto counts = (*store)->Aggregate(parsed->filter);
  if (!counts.ok()) {
    const Status& st = counts.status();
    return SendError(res, st.code() == StatusCode::kInvalidArgument ? 400 : 500, st.message());
  }
  SendJson(res, StatsJson(*counts, Today()));
}

// GET /api/events/grid?level=0..3&<filters>: the located events counted per
// grid cell (Store::Grid), for the map at a million events:
// {"level", "cell": degrees, "cells": [{"lon", "lat" (the cell's centre), "x", "y", "events", "fatalities"}]}.
void HandleGrid(StorePool& pool, const httplib::Request& req, httplib::Response& res) {
  auto params = Params(req);
  auto level_it = params.find("level");
  size_t level = 0;
  constexpr size_t kLevels = std::size(kGridCellDegrees);
  if (level_it == params.end() || !ParseSize(level_it->second, kLevels - 1, &level) || params.count("level") > 1)
    return SendError(res, 400, "level: expected one integer from 0 to " + std::to_string(kLevels - 1));
  params.erase("level");
  auto parsed = ParseApiQuery(params);
  if (!parsed.ok()) return SendError(res, 400, parsed.status().message());
  auto store = pool.Get();
  if (!store.ok()) return SendError(res, 503, store.status().message());
  auto cells = (*store)->Grid(parsed->filter, static_cast<int>(level));
  if (!cells.ok()) {
    const Status& st = cells.status();
    return SendError(res, st.code() == StatusCode::kInvalidArgument ? 400 : 500, st.message());
  }
  const double size = kGridCellDegrees[level];
  std::string body = "{\"level\":" + std::to_string(level) + ",\"cell\":" + Json(size).dump() + ",\"cells\":[";
  bool first = true;
  for (const auto& c : *cells) {
    if (!first) body += ',';
    first = false;
    body += "{\"lon\":" + Json((c.x + 0.5) * size).dump() + ",\"lat\":" + Json((c.y + 0.5) * size).dump() +
            ",\"x\":" + std::to_string(c.x) + ",\"y\":" + std::to_string(c.y) +
            ",\"events\":" + std::to_string(c.events) + ",\"fatalities\":" + std::to_string(c.fatalities) + "}";
  }
  body += "]}";
  SendJson(res, body);
}

// Wraps an API handler: its answer is kept (AnswerCache) and served again
// while the store's change mark stays the same. The key is the path and
// the parameters as parsed, plus today's date for the answers that depend
// on it (/api/stats' timeline leaves out days after today). Concurrent
// requests for an answer not kept yet wait for the one that makes it.
httplib::Server::Handler Cached(std::shared_ptr<StorePool> pool, std::shared_ptr<AnswerCache> cache,
                                bool dated, httplib::Server::Handler handler) {
  if (!cache->enabled()) return handler;
  return [pool, cache, dated, handler](const httplib::Request& req, httplib::Response& res) {
    auto store = pool->Get();
    if (!store.ok()) return handler(req, res);
    auto mark = (*store)->ChangeMark();
    if (!mark.ok() || mark->empty()) return handler(req, res);
    std::string key = req.path;
    for (const auto& [k, v] : req.params) key += "\x1f" + k + "=" + v;  // sorted by name
    if (dated) key += "\x1f" + Today().ToString();
    bool made = false;
    auto answer = cache->GetOrMake(key, *mark, [&]() -> std::shared_ptr<const CachedAnswer> {
      handler(req, res);
      if (res.status != 200) return nullptr;
      auto after = (*store)->ChangeMark();
      if (!after.ok() || *after != *mark) return nullptr;
      return std::make_shared<const CachedAnswer>(CachedAnswer{res.body, res.get_header_value("Content-Type")});
    }, &made);
    if (made || !answer) return;  // `res` holds what the handler made
    res.status = 200;
    res.set_header("Cache-Control", "no-store");
    res.set_content(answer->body, answer->content_type);
  };
}

std::string DefaultPath(const std::string& given, const char* sub) {
  return given.empty() ? std::string(SITREP_SOURCE_DIR) + "/" + sub : given;
}

Status MountStatic(httplib::Server& svr, const ServerOptions& o) {
  std::string web = DefaultPath(o.web_root, "web");
  if (!svr.set_mount_point("/", web)) return Status::NotFound("web root '" + web + "' not found");
  std::string vendor = DefaultPath(o.vendor_root, "node_modules");
  // Only the files the page needs are exposed, never the whole node_modules.
  const std::pair<const char*, const char*> kVendor[] = {
      {"/vendor/leaflet", "leaflet/dist"},
      {"/vendor/leaflet.markercluster", "leaflet.markercluster/dist"},
      {"/vendor/topojson-client", "topojson-client/dist"},
      {"/vendor/world-atlas", "world-atlas"},
  };
  for (const auto& [mount, dir] : kVendor) {
    if (!svr.set_mount_point(mount, vendor + "/" + dir)) {
      return Status::NotFound("'" + vendor + "/" + dir + "' is missing: run 'make build' to install the map's npm packages");
    }
  }
  svr.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
  return Status::Ok();
}

// As many connections as asked for, within what the process may open
// (the soft descriptor limit is raised to the hard one first).
GateOptions GateOptionsFor(const ServerOptions& o) {
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &lim);
    ::getrlimit(RLIMIT_NOFILE, &lim);
  }
  GateOptions g;
  size_t fd_room = lim.rlim_cur > 64 ? static_cast<size_t>(lim.rlim_cur) - 64 : 16;
  g.max_connections = std::min(o.max_connections, fd_room);
  g.max_head_bytes = o.max_head_bytes;
  g.max_body_bytes = o.max_body_bytes;
  g.request_timeout_s = o.request_timeout_s;
  g.keep_alive_timeout_s = o.keep_alive_timeout_s;
  g.workers = o.workers;
  return g;
}

}  // namespace

void StopServing() {
  if (auto* s = g_server.load()) s->stop();
}

Status Serve(const ServerOptions& o, const std::function<void(const std::string&)>& on_ready) {
  {
    StoreOptions opt;
    opt.read_only = true;
    auto probe = Store::Open(o.db_path, opt);
    if (!probe.ok()) return probe.status();
  }
  auto pool = std::make_shared<StorePool>(o.db_path);
  auto writer = AcledCsvWriter::Create(o.data_dir, nullptr);
  if (!writer.ok()) return writer.status();
  auto regions = ReadAcledRegions(o.data_dir);
  if (!regions.ok()) return regions.status();
  auto acled = std::make_shared<AcledTables>(AcledTables{std::move(writer).value(), std::move(regions).value()});
  GatedServer svr(GateOptionsFor(o), o.write_timeout_s);
  SITREP_RETURN_IF_ERROR(MountStatic(svr, o));
  svr.set_payload_max_length(o.max_body_bytes);
  svr.set_tcp_nodelay(true);  // headers and body go out as separate writes: no Nagle delay
  svr.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      SendError(res, 405, "read-only server: only GET and HEAD are answered");
      return httplib::Server::HandlerResponse::Handled;
    }
    // A decoded path with a NUL or control character ("/index.html%00.json")
    // names no file: it would be cut short when opened.
    for (unsigned char c : req.path) {
      if (c < 0x20 || c == 0x7f) {
        SendError(res, 400, "malformed path");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  auto guard = [](auto handler) {
    return [handler](const httplib::Request& req, httplib::Response& res) {
      try {
        handler(req, res);
      } catch (const std::exception& e) {
        SendError(res, 500, std::string("internal error: ") + e.what());
      }
    };
  };
  auto cache = std::make_shared<AnswerCache>(o.cache_bytes);
  svr.Get("/api/events", guard(Cached(pool, cache, false, [pool](const auto& q, auto& r) {
            HandleEvents(*pool, q, r);
          })));
  svr.Get("/api/events/grid", guard(Cached(pool, cache, false, [pool](const auto& q, auto& r) {
            HandleGrid(*pool, q, r);
          })));
  svr.Get("/api/events.geojson", guard(Cached(pool, cache, false, [pool, acled](const auto& q, auto& r) {
            HandleGeoJson(*pool, *acled, q, r);
          })));
  svr.Get("/api/acled/read",
          guard([pool, acled](const auto& q, auto& r) { HandleAcledRead(*pool, *acled, q, r); }));
  svr.Get(R"(/api/events/([^/]+))", guard([pool](const auto& q, auto& r) { HandleEvent(*pool, q, r); }));
  svr.Get(R"(/api/documents/([^/]+))", guard([pool](const auto& q, auto& r) { HandleDocument(*pool, q, r); }));
  svr.Get("/api/stats", guard(Cached(pool, cache, true, [pool](const auto& q, auto& r) {
            HandleStats(*pool, q, r);
          })));
  svr.Get(R"(/api/.*)", [](const auto&, auto& r) { SendError(r, 404, "no such API endpoint"); });
  svr.set_error_handler([](const auto&, auto& res) {
    if (res.body.empty()) SendError(res, res.status, res.status == 404 ? "not found" : "request refused");
  });
  if (!svr.bind_to_port(o.host, o.port)) {
    return Status::IoError("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                           " (in use? choose another with --port)");
  }
  svr.WidenBacklog(1024);
  g_server = &svr;
  if (on_ready) on_ready("http://" + o.host + ":" + std::to_string(o.port) + "/");
  bool ok = svr.listen_after_bind();
  g_server = nullptr;
  return ok ? Status::Ok() : Status::IoError("server stopped with an error");
}

}  // namespace sitrep
