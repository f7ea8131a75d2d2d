#include "ingest/reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/hash.h"
#include "base/utf8.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string ContentId(const std::string& bytes) { return "doc_" + Hex64(Fnv1a64(bytes)); }

bool HasExtension(const fs::path& p, std::initializer_list<const char*> exts) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), ::tolower);
  for (const char* x : exts)
    if (e == x) return true;
  return false;
}

std::string StringField(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

// Reads one line, keeping at most `cap` bytes of it (a line of gigabytes
// costs no memory); `*length` is its whole length. False at the end of input.
bool GetBoundedLine(std::istream& in, size_t cap, std::string* line, size_t* length) {
  line->clear();
  *length = 0;
  std::streambuf* buf = in.rdbuf();
  bool any = false;
  for (int c; (c = buf->sbumpc()) != std::char_traits<char>::eof();) {
    any = true;
    if (c == '\n') return true;
    if (line->size() < cap) line->push_back(static_cast<char>(c));
    ++*length;
  }
  in.setstate(std::ios::eofbit);
  return any;
}

void ReadJsonLines(std::istream& in, const std::string& name, const ReaderOptions& opt,
                   const DocumentSink& sink, const Reporter& report, ReadStats* stats) {
  std::string line;
  size_t n = 0, length = 0;
  const size_t cap = opt.max_document_bytes + 4096;  // the text plus its record's fields
  while (GetBoundedLine(in, cap + 1, &line, &length)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::string origin = name + ":" + std::to_string(n);
    if (length > cap) {
      report(origin, "record of " + std::to_string(length) + " bytes is over the size cap of " +
                         std::to_string(opt.max_document_bytes) + " bytes (raise it with --max-bytes); skipped");
      ++stats->skipped;
      continue;
    }
    auto doc = ParseJsonRecord(line, origin, report);
    if (!doc.ok()) {
      report(origin, doc.status().message() + "; skipped");
      ++stats->skipped;
      continue;
    }
    ++stats->documents;
    sink(std::move(doc).value());
  }
}

void ReadTextFile(std::istream& in, const std::string& name, const std::string& id,
                  const ReaderOptions& opt, const DocumentSink& sink, const Reporter& report,
                  ReadStats* stats) {
  // At most one byte over the cap is read: the pipeline refuses the
  // document with its size message, and a huge file costs no memory.
  RawDocument doc;
  doc.bytes.resize(opt.max_document_bytes + 1);
  in.read(doc.bytes.data(), static_cast<std::streamsize>(doc.bytes.size()));
  doc.bytes.resize(static_cast<size_t>(in.gcount()));
  doc.id = id.empty() ? ContentId(doc.bytes) : id;
  doc.date = opt.date;
  doc.origin = name;
  ++stats->documents;
  sink(std::move(doc));
}

void ReadStream(std::istream& in, const std::string& name, const ReaderOptions& opt,
                const DocumentSink& sink, const Reporter& report, ReadStats* stats) {
  // Standard input: JSON Lines when the first non-space byte opens an object.
  int c;
  while ((c = in.peek()) != EOF && std::isspace(c)) in.get();
  if (c == '{') {
    ReadJsonLines(in, name, opt, sink, report, stats);
  } else if (c != EOF) {
    ReadTextFile(in, name, "", opt, sink, report, stats);
  }
}

void ReadPath(const fs::path& path, const ReaderOptions& opt, const DocumentSink& sink,
              const Reporter& report, ReadStats* stats, bool explicit_arg) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<fs::path> entries;
    for (const auto& e : fs::directory_iterator(path, ec)) entries.push_back(e.path());
    std::sort(entries.begin(), entries.end());
    for (const auto& e : entries) ReadPath(e, opt, sink, report, stats, false);
    return;
  }
  bool jsonl = HasExtension(path, {".jsonl", ".ndjson", ".json"});
  bool text = HasExtension(path, {".txt", ".text"});
  if (!jsonl && !text && !explicit_arg) return;  // other files in a directory are not articles
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    report(path.string(), "cannot open: " + std::string(std::strerror(errno)));
    ++stats->skipped;
    return;
  }
  ++stats->inputs;
  if (jsonl) {
    ReadJsonLines(in, path.string(), opt, sink, report, stats);
  } else if (text) {
    ReadTextFile(in, path.string(), path.stem().string(), opt, sink, report, stats);
  } else {
    ReadStream(in, path.string(), opt, sink, report, stats);
  }
}

}  // namespace

StatusOr<RawDocument> ParseJsonRecord(const std::string& line, const std::string& origin,
                                      const Reporter& report) {
  std::string repaired;
  size_t bad = RepairUtf8(line, &repaired);
  if (bad > 0) {
    report(origin, "malformed UTF-8: " + std::to_string(bad) + " invalid byte(s) replaced with U+FFFD");
  }
  Json j = Json::parse(repaired, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("not a JSON object (broken JSON line)");
  if (!j.is_object()) return Status::InvalidArgument("JSON value is not an object");
  RawDocument doc;
  doc.origin = origin;
  for (const char* key : {"text", "article", "body"}) {
    auto it = j.find(key);
    if (it != j.end() && it->is_string()) {
      doc.bytes = it->get<std::string>();
      break;
    }
  }
  if (doc.bytes.empty()) {
    bool has = j.contains("text");
    return Status::InvalidArgument(has ? "record has an empty or non-string \"text\""
                                       : "record has no \"text\" field");
  }
  if (doc.bytes.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("empty document (text is only white space)");
  }
  auto id = j.find("id");
  if (id != j.end() && id->is_string()) doc.id = id->get<std::string>();
  else if (id != j.end() && id->is_number_integer()) doc.id = std::to_string(id->get<int64_t>());
  if (doc.id.empty()) doc.id = ContentId(doc.bytes);
  std::string date = StringField(j, "date");
  if (!date.empty() && !ParsePubDate(date, &doc.date)) {
    report(origin, "unreadable date '" + date + "' (expected YYYY-MM-DD or YYYY-MM); read with no date");
  }
  doc.lang = StringField(j, "lang");
  doc.url = StringField(j, "url");
  doc.outlet = StringField(j, "outlet");
  return doc;
}

ReadStats ReadInputStream(std::istream& in, const std::string& name, const ReaderOptions& opt,
                          const DocumentSink& sink, const Reporter& report) {
  ReadStats stats;
  ++stats.inputs;
  ReadStream(in, name, opt, sink, report, &stats);
  return stats;
}

ReadStats ReadInputs(const std::vector<std::string>& inputs, const ReaderOptions& opt,
                     const DocumentSink& sink, const Reporter& report) {
  ReadStats stats;
  if (inputs.empty()) {
    ++stats.inputs;
    ReadStream(std::cin, "<stdin>", opt, sink, report, &stats);
    return stats;
  }
  for (const auto& in : inputs) {
    if (in == "-") {
      ++stats.inputs;
      ReadStream(std::cin, "<stdin>", opt, sink, report, &stats);
      continue;
    }
    std::error_code ec;
    if (!fs::exists(in, ec)) {
      report(in, "no such file or directory");
      ++stats.skipped;
      continue;
    }
    ReadPath(in, opt, sink, report, &stats, true);
  }
  return stats;
}

}  // namespace sitrep
