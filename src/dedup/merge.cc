// Clustering of compatible reports and the merged event (see merge.h).
#include "dedup/merge.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

namespace sitrep {
namespace {

struct Edge {
  int score;
  size_t a, b;  // positions in id order, a < b
};

// A count is more conservative than another when it gives fewer (best, then low).
void KeepConservative(const std::optional<Count>& c, std::optional<Count>* out) {
  if (!c) return;
  if (!*out || std::tie(c->best, c->low) < std::tie((*out)->best, (*out)->low)) *out = c;
}

void KeepConservative(const std::vector<Destroyed>& ds, std::map<MaterielKind, Count>* out) {
  for (const auto& d : ds) {
    auto it = out->find(d.kind);
    if (it == out->end() ||
        std::tie(d.count.best, d.count.low) < std::tie(it->second.best, it->second.low))
      (*out)[d.kind] = d.count;
  }
}

int DatePrecisionRank(DatePrecision p) { return static_cast<int>(p); }          // kDay first
int LocationPrecisionRank(LocationPrecision p) { return static_cast<int>(p); }  // kPlace first

bool SameClaim(const Claim& a, const Claim& b) {
  auto dest = [](const std::vector<Destroyed>& v) {
    std::vector<std::tuple<int, int64_t, int64_t, int64_t>> out;
    for (const auto& d : v)
      out.emplace_back(int(d.kind), d.count.low, d.count.best, d.count.high.value_or(-1));
    std::sort(out.begin(), out.end());
    return out;
  };
  return a.source == b.source && a.fatalities == b.fatalities && a.injured == b.injured &&
         a.strikes == b.strikes && dest(a.destroyed) == dest(b.destroyed);
}

// A report with figures but no credited source still states them: in a
// merged event its figures appear as a claim of the document itself.
Claim DocumentClaim(const Event& r) {
  Claim c;
  c.source = "OTHER";
  c.text = "report " + (r.docs.empty() ? r.id : r.docs[0]);
  c.fatalities = r.fatalities;
  c.injured = r.injured;
  c.strikes = r.strikes;
  c.destroyed = r.destroyed;
  return c;
}

}  // namespace

std::vector<Cluster> ClusterReports(const std::vector<Event>& reports) {
  const size_t n = reports.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](size_t x, size_t y) { return reports[x].id < reports[y].id; });
  auto id = [&](size_t pos) -> const std::string& { return reports[order[pos]].id; };

  // Pairwise checks (positions in id order). Components are small: the store
  // only clusters the neighbourhood of the reports that changed.
  std::vector<PairCheck> check(n * n);
  std::vector<Edge> edges;
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = a + 1; b < n; ++b) {
      check[a * n + b] = CheckPair(reports[order[a]], reports[order[b]]);
      if (check[a * n + b].compatible) edges.push_back({check[a * n + b].score, a, b});
    }
  }
  std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
    if (x.score != y.score) return x.score > y.score;
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  auto pair = [&](size_t x, size_t y) -> const PairCheck& {
    return x < y ? check[x * n + y] : check[y * n + x];
  };

  std::vector<size_t> cid(n);
  std::iota(cid.begin(), cid.end(), 0);
  std::vector<std::vector<size_t>> members(n);
  std::vector<std::vector<std::string>> reasons(n);
  for (size_t i = 0; i < n; ++i) members[i] = {i};
  for (const Edge& e : edges) {
    size_t ca = cid[e.a], cb = cid[e.b];
    if (ca == cb) continue;
    std::string conflict;
    for (size_t x : members[ca]) {
      for (size_t y : members[cb]) {
        if (!pair(x, y).compatible) {
          conflict = id(std::min(x, y)) + " / " + id(std::max(x, y)) + ": " + pair(x, y).reason;
          break;
        }
      }
      if (!conflict.empty()) break;
    }
    if (!conflict.empty()) {
      std::string why =
          id(e.a) + " not merged with " + id(e.b) + " although compatible, because " + conflict;
      reasons[ca].push_back(why);
      reasons[cb].push_back(why);
      continue;
    }
    size_t keep = std::min(ca, cb), drop = std::max(ca, cb);
    reasons[keep].push_back(id(e.a) + " + " + id(e.b) + ": " + check[e.a * n + e.b].reason);
    for (auto& r : reasons[drop]) reasons[keep].push_back(std::move(r));
    for (size_t x : members[drop]) cid[x] = keep;
    members[keep].insert(members[keep].end(), members[drop].begin(), members[drop].end());
    members[drop].clear();
    reasons[drop].clear();
  }

  std::vector<Cluster> out;
  for (size_t c = 0; c < n; ++c) {
    if (members[c].empty()) continue;
    std::sort(members[c].begin(), members[c].end());
    Cluster cl;
    for (size_t pos : members[c]) cl.members.push_back(order[pos]);
    cl.reasons = std::move(reasons[c]);
    out.push_back(std::move(cl));  // c is the smallest position of its members: id order
  }
  return out;
}

Event BuildMergedEvent(const std::vector<const Event*>& in,
                       const std::vector<std::string>& reasons) {
  if (in.size() == 1) return *in[0];
  std::vector<const Event*> m(in);
  std::sort(m.begin(), m.end(), [](const Event* a, const Event* b) { return a->id < b->id; });
  Event e;
  e.id = m[0]->id;

  // Sub-event type: the most frequent, ties to the first report.
  std::map<std::string, int> votes;
  for (const Event* r : m) votes[r->sub_event_type]++;
  const Event* typed = m[0];
  for (const Event* r : m)
    if (votes[r->sub_event_type] > votes[typed->sub_event_type]) typed = r;
  e.event_type = typed->event_type;
  e.sub_event_type = typed->sub_event_type;

  const Event* dated = m[0];
  const Event* placed = m[0];
  for (const Event* r : m) {
    if (DatePrecisionRank(r->date.precision) < DatePrecisionRank(dated->date.precision)) dated = r;
    if (LocationPrecisionRank(r->location.precision) <
        LocationPrecisionRank(placed->location.precision))
      placed = r;
    if (!e.actor1 && r->actor1) e.actor1 = r->actor1;
    if (!e.actor2 && r->actor2) e.actor2 = r->actor2;
  }
  e.date = dated->date;
  e.location = placed->location;

  std::set<std::string> docs, versions;
  std::map<MaterielKind, Count> destroyed;
  for (const Event* r : m) {
    docs.insert(r->docs.begin(), r->docs.end());
    versions.insert(r->pipeline_version);
    KeepConservative(r->fatalities, &e.fatalities);
    KeepConservative(r->injured, &e.injured);
    KeepConservative(r->strikes, &e.strikes);
    KeepConservative(r->destroyed, &destroyed);
    std::vector<Claim> claims = r->claims;
    bool has_figures = r->fatalities || r->injured || r->strikes || !r->destroyed.empty();
    if (claims.empty() && has_figures) claims.push_back(DocumentClaim(*r));
    for (auto& c : claims) {
      KeepConservative(c.fatalities, &e.fatalities);
      KeepConservative(c.injured, &e.injured);
      KeepConservative(c.strikes, &e.strikes);
      KeepConservative(c.destroyed, &destroyed);
      bool dup = std::any_of(e.claims.begin(), e.claims.end(),
                             [&](const Claim& x) { return SameClaim(x, c); });
      if (!dup) e.claims.push_back(std::move(c));
    }
    e.evidence.insert(e.evidence.end(), r->evidence.begin(), r->evidence.end());
  }
  for (const auto& [kind, count] : destroyed) e.destroyed.push_back({kind, count});
  e.docs.assign(docs.begin(), docs.end());
  std::sort(e.evidence.begin(), e.evidence.end(), [](const Evidence& a, const Evidence& b) {
    return std::tie(a.doc, a.start, a.end) < std::tie(b.doc, b.start, b.end);
  });
  for (const auto& v : versions) e.pipeline_version += (e.pipeline_version.empty() ? "" : ",") + v;
  e.provenance = m[0]->provenance;
  e.provenance.notes.push_back("merged from " + std::to_string(m.size()) + " reports");
  for (const auto& r : reasons) e.provenance.notes.push_back(r);
  return e;
}

}  // namespace sitrep
