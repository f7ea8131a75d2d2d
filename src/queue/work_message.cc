#include "queue/work_message.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "ingest/reader.h"
#include "sitrep/store.h"

namespace sitrep {

std::string DocumentMessage(const RawDocument& doc) {
  nlohmann::json j;
  std::string text;
  RepairUtf8(doc.bytes, &text);
  j["id"] = doc.id;
  j["text"] = text;
  if (doc.date.valid()) {
    char buf[16];
    if (doc.date.day_precision())
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", doc.date.y, doc.date.m, doc.date.d);
    else
      std::snprintf(buf, sizeof buf, "%04d-%02d", doc.date.y, doc.date.m);
    j["date"] = buf;
  }
  auto put = [&](const char* key, const std::string& v) {
    if (v.empty()) return;
    std::string clean;
    RepairUtf8(v, &clean);
    j[key] = clean;
  };
  put("lang", doc.lang);
  put("url", doc.url);
  put("outlet", doc.outlet);
  put("origin", doc.origin);
  return j.dump();
}

StatusOr<RawDocument> ParseDocumentMessage(const std::string& message) {
  std::string warning;
  auto doc = ParseJsonRecord(message, "message",
                             [&](const std::string&, const std::string& w) { warning = w; });
  if (!doc.ok()) return doc.status();
  auto j = nlohmann::json::parse(message, nullptr, false);
  if (j.is_object() && j.contains("origin") && j["origin"].is_string())
    doc->origin = j["origin"].get<std::string>();
  return doc;
}

std::string DocumentMessageId(const RawDocument& doc) {
  return doc.id + ":" + DocumentContentHash(doc);
}

}  // namespace sitrep
