// The event store: documents, their per-document events ("reports"), the
// merged events built from them, and queries over the result.
//
// A Store holds every document it was given with its text and content hash,
// every report the pipeline made from it, and the events obtained by merging
// reports of the same occurrence across documents (src/dedup/). Merging is a
// deterministic function of the set of stored reports, so the same documents
// ingested in any order give the same events with the same ids.
//
// Identity: a document is its id plus a content hash. The same document
// processed by the same pipeline and data versions again is a no-op; a new
// text, or new lexicons or gazetteer, replace its reports.
//
// Durability: each IngestDocument() is one transaction (or a savepoint
// inside a batch, see BeginBatch()). A process killed at
// any moment leaves the previous committed state; ingesting the same inputs
// again completes the job (an unchanged document is a no-op, a changed one
// replaces its reports).
//
// Concurrency: SQLite, one writer and any number of readers, in one or
// several processes (WAL; a busy writer makes others wait up to
// StoreOptions::busy_timeout_ms); PostgreSQL, any number of writers and
// readers on any machines, with the same events as one writer would make
// (store/postgres_store.h). A Store object is not thread-safe: use one per
// thread.
#ifndef SITREP_STORE_H_
#define SITREP_STORE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sitrep/document.h"
#include "sitrep/event.h"
#include "sitrep/pipeline.h"
#include "sitrep/status.h"

namespace sitrep {

struct StoreOptions {
  bool read_only = false;
  int busy_timeout_ms = 30000;
};

// What IngestDocument did with one document.
enum class IngestAction { kInserted, kUnchanged, kReplaced };
const char* IngestActionName(IngestAction a);

struct IngestOutcome {
  IngestAction action = IngestAction::kInserted;
  std::string doc_id;
  size_t reports = 0;         // per-document events stored
  size_t events_rebuilt = 0;  // merged events recomputed around them
};

struct BoundingBox {
  double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;
};

enum class QueryOrder { kDateAsc, kDateDesc, kFatalitiesDesc };

// Every set field narrows the result (AND). Strings match exactly, except
// `actor` (an actor id, case-insensitive, on either side) and the full-text
// fields (SQLite: FTS5 query syntax; PostgreSQL: web-search syntax, French
// and English stemming, accents folded).
struct QueryFilter {
  std::optional<Ymd> from, to;  // events whose date interval meets [from, to]
  std::optional<BoundingBox> bbox;  // located events whose point is inside, edges included
  std::string admin1;   // ISO 3166-2 ("SY-ID")
  std::string country;  // ISO 3166-1 alpha-2 ("SY")
  std::string event_type, sub_event_type;
  std::string actor;
  std::string source;    // a claim source id ("SOHR") or a document outlet
  std::string text;      // full text over evidence sentences
  std::string doc_text;  // full text over whole documents
  size_t limit = 0;      // 0: no limit
  size_t offset = 0;     // events skipped before the first returned (paging)
  QueryOrder order = QueryOrder::kDateAsc;  // ties broken by event id
};

// A merged event as stored, with what the codebook JSON does not carry.
struct StoredEvent {
  Event event;
  std::string
      data_version;  // Pipeline::DataVersion() of the reports (comma-separated when several)
  std::vector<std::string> outlets;  // outlets of the documents, sorted, when the inputs named them
};

// One per-document event as stored, with the sentences its evidence points at.
struct StoredReport {
  Event event;
  std::string doc_id, outlet, url, pub_date;
  std::vector<std::string> evidence_sentences;  // parallel to event.evidence
};

// `sitrep explain`: a merged event, the reports it was built from and why.
struct EventExplanation {
  StoredEvent event;
  std::vector<StoredReport> reports;
  std::vector<std::string> reasons;  // merge (and non-merge) reasons, one sentence each
};

// A stored document with the evidence spans of the events that cite it.
struct StoredDocument {
  struct Span {
    std::string event_id;     // the merged event
    int64_t start = 0, end = 0;  // code points in `text`
  };
  std::string id, text, pub_date, lang, url, outlet;
  std::vector<Span> evidence;  // by start offset
};

struct StoreStats {
  int64_t documents = 0, reports = 0, events = 0, merged_events = 0;
  int schema_version = 0;
};

// Counts over the events matching a filter, computed by the store without
// reading the events themselves (the /api/stats answer is made from them).
struct EventCounts {
  int64_t events = 0, fatalities = 0;  // fatalities: sum of each event's best figure
  std::map<std::string, std::pair<int64_t, int64_t>> by_day;  // start day -> events, fatalities
  std::map<std::string, int64_t> timeline_days;  // start day -> events that are not background
  std::map<std::string, int64_t> by_type, by_sub_type, by_admin1;
  std::map<std::string, int64_t> by_actor;   // either side, once per event
  std::map<std::string, int64_t> by_source;  // claim sources, once per event
  std::map<std::string, std::map<std::string, int64_t>> source_words;  // source -> words -> claims
};

// One cell of the map's grid: the located events whose point falls in
// [x * size, (x + 1) * size) degrees of longitude, likewise y of latitude.
struct GridCell {
  int64_t x = 0, y = 0;
  int64_t events = 0, fatalities = 0;
};

// The grid levels the store keeps counts for, coarsest first (degrees).
inline constexpr double kGridCellDegrees[] = {8.0, 2.0, 0.5, 0.125};

class Store {
 public:
  // Opens (creating when absent, unless read_only) and migrates the store:
  // a SQLite file, or PostgreSQL for a postgresql://user@host:port/dbname
  // address (the database must exist; its tables are created).
  static StatusOr<std::unique_ptr<Store>> Open(const std::string& path,
                                               const StoreOptions& options = {});
  virtual ~Store() = default;

  // True when a document with this id and content hash is already stored,
  // processed by this Pipeline::Version() and `data_version`: callers may
  // skip running the pipeline on it.
  virtual StatusOr<bool> HasDocument(const std::string& doc_id, const std::string& content_hash,
                                     const std::string& data_version) = 0;

  // Stores `raw` (text and metadata) and the pipeline's `result` for it, then
  // recomputes the merged events around the new reports, all in one
  // transaction. `data_version` is Pipeline::DataVersion().
  virtual StatusOr<IngestOutcome> IngestDocument(const RawDocument& raw,
                                                 const DocumentResult& result,
                                                 const std::string& data_version) = 0;

  // Groups the following IngestDocument() calls into one transaction until
  // CommitBatch() (much faster than one per document). A crash loses the
  // open batch whole, never part of a document; a failed document is rolled
  // back alone. Destroying the Store commits an open batch.
  virtual Status BeginBatch() = 0;
  virtual Status CommitBatch() = 0;

  // For a writer among others (sitrep worker): the following
  // IngestDocument() calls share transactions, committed by CommitGroup(),
  // so that many documents cost one commit, without keeping the other
  // writers out as a batch does (PostgreSQL: each document's locks are only
  // tried while the group holds others; when one is taken, what the group
  // holds is committed before waiting). A document is durable only once
  // CommitGroup() returned Ok; when it fails, some of the group's documents
  // may be stored and others not (storing them again is a no-op). A failed
  // document is rolled back alone. Default: BeginBatch() / CommitBatch().
  virtual Status BeginGroup() { return BeginBatch(); }
  virtual Status CommitGroup() { return CommitBatch(); }

  // Merged events matching `filter`, in `filter.order`, paged by limit/offset.
  virtual StatusOr<std::vector<StoredEvent>> Query(const QueryFilter& filter) = 0;

  // How many events match `filter` (limit and offset ignored).
  virtual StatusOr<int64_t> Count(const QueryFilter& filter) = 0;

  // The counts of the events matching `filter` (limit, offset, order ignored).
  virtual StatusOr<EventCounts> Aggregate(const QueryFilter& filter) = 0;

  // The located events matching `filter` counted per cell of grid `level`
  // (an index of kGridCellDegrees). With a bounding box, the cells that meet
  // it; with no other filter than the event type, these are kept-up-to-date
  // counts (an event in a cell that meets the box counts even when its point
  // is outside the box).
  virtual StatusOr<std::vector<GridCell>> Grid(const QueryFilter& filter, int level) = 0;

  // A mark of what the store holds: it differs once any change to its
  // events or documents is committed, by this or another process, so an
  // answer made between two equal marks may be served again while the mark
  // stays the same. Empty when the store cannot tell (PostgreSQL): nothing
  // may then be reused.
  virtual StatusOr<std::string> ChangeMark() { return std::string(); }

  // NotFound when no event has this id.
  virtual StatusOr<EventExplanation> Explain(const std::string& event_id) = 0;

  // NotFound when no document has this id.
  virtual StatusOr<StoredDocument> GetDocument(const std::string& doc_id) = 0;

  virtual StatusOr<StoreStats> Stats() = 0;

  // SQLite's integrity check plus the store's own invariants (every report
  // belongs to one existing event, every event has reports, the text indexes
  // match their tables). Returns the problems found; empty when consistent.
  virtual StatusOr<std::vector<std::string>> CheckConsistency() = 0;
};

// The content hash that keys a document together with its id: text and the
// metadata the pipeline reads (date, language).
std::string DocumentContentHash(const RawDocument& raw);

}  // namespace sitrep

#endif  // SITREP_STORE_H_
