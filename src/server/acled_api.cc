#include "server/acled_api.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <set>

#include "base/dates.h"
#include "lexicon/tsv.h"
#include "pipeline/pipeline_impl.h"
#include "server/api_params.h"
#include "sitrep/export.h"

namespace sitrep {
namespace {

enum class Kind { kText, kNumber, kDate };

Kind KindOf(const std::string& column) {
  static const std::set<std::string> kNumbers = {
      "year",     "time_precision", "inter1",        "inter2",     "interaction", "iso",
      "latitude", "longitude",      "geo_precision", "fatalities", "timestamp"};
  if (column == "event_date") return Kind::kDate;
  return kNumbers.count(column) ? Kind::kNumber : Kind::kText;
}

// Parameters a script written for ACLED sends that mean nothing here.
bool IsCredential(const std::string& key) {
  return key == "key" || key == "email" || key == "terms";
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

StatusOr<AcledOp> ParseOp(const std::string& key, const std::string& value, Kind kind) {
  const std::string v = Upper(value);
  if (v == "=" || v.empty()) return AcledOp::kEq;
  if (kind == Kind::kText) {
    if (v == "LIKE") return AcledOp::kLike;
    return Status::InvalidArgument(key + ": expected = or LIKE for a text column");
  }
  if (v == "<") return AcledOp::kLt;
  if (v == "<=") return AcledOp::kLe;
  if (v == ">") return AcledOp::kGt;
  if (v == ">=") return AcledOp::kGe;
  if (v == "BETWEEN") return AcledOp::kBetween;
  return Status::InvalidArgument(key + ": expected =, <, <=, >, >= or BETWEEN");
}

// Checks the values of one condition and turns region codes into names.
Status CheckValues(const std::string& column, AcledCondition* c,
                   const std::map<std::string, std::string>& regions) {
  Kind kind = KindOf(column);
  if (c->op == AcledOp::kBetween && c->values.size() != 2)
    return Status::InvalidArgument(column + ": BETWEEN takes two values joined by '|' (a|b)");
  bool ordered = c->op != AcledOp::kEq && c->op != AcledOp::kLike && c->op != AcledOp::kBetween;
  if (ordered && c->values.size() != 1)
    return Status::InvalidArgument(column + ": a comparison takes one value");
  for (auto& v : c->values) {
    if (v.empty()) return Status::InvalidArgument(column + ": empty value between '|'");
    Ymd d;
    double x;
    if (kind == Kind::kDate && !ParseDay(v, &d))
      return Status::InvalidArgument(column + ": '" + v + "' is not a date (YYYY-MM-DD)");
    if (kind == Kind::kNumber && !ParseDouble(v, &x))
      return Status::InvalidArgument(column + ": '" + v + "' is not a number");
    if (column == "region" && ParseDouble(v, &x)) {
      auto it = regions.find(v);
      if (it == regions.end())
        return Status::InvalidArgument("region: " + v + " is not an ACLED region code");
      v = it->second;
    }
  }
  if (c->op == AcledOp::kBetween) {
    bool reversed = kind == Kind::kDate ? c->values[1] < c->values[0]
                                        : std::atof(c->values[1].c_str()) <
                                              std::atof(c->values[0].c_str());
    if (reversed) return Status::InvalidArgument(column + ": BETWEEN's first value is the larger");
  }
  return Status::Ok();
}

// The date range the store is asked for, from event_date or else year
// conditions: every matching event starts inside it (the store keeps the
// events whose interval meets the range, a superset).
void SetPrefilter(const AcledQuery& q, QueryFilter* f) {
  for (const auto& c : q.conditions) {
    const std::string& column = AcledColumns()[c.column];
    bool date = column == "event_date";
    if (!date && column != "year") continue;
    auto first = [&](const std::string& v) {
      Ymd d;
      if (date) ParseDay(v, &d);
      else d = Ymd{static_cast<int>(std::floor(std::atof(v.c_str()))), 1, 1};
      return d;
    };
    auto last = [&](const std::string& v) {
      Ymd d;
      if (date) ParseDay(v, &d);
      else d = Ymd{static_cast<int>(std::ceil(std::atof(v.c_str()))), 12, 31};
      return d;
    };
    if (!date) {
      for (const auto& v : c.values)
        if (std::atof(v.c_str()) < 1 || std::atof(v.c_str()) > 9999) return;
    }
    auto [lo, hi] = std::minmax_element(c.values.begin(), c.values.end(), [&](auto& a, auto& b) {
      return date ? a < b : std::atof(a.c_str()) < std::atof(b.c_str());
    });
    switch (c.op) {
      case AcledOp::kEq:
      case AcledOp::kBetween:
        f->from = first(*lo);
        f->to = last(*hi);
        break;
      case AcledOp::kGt:
      case AcledOp::kGe:
        f->from = first(*lo);
        break;
      case AcledOp::kLt:
      case AcledOp::kLe:
        f->to = last(*hi);
        break;
      case AcledOp::kLike:
        break;
    }
    if (date) return;  // event_date is the finer of the two
  }
}

// SQL LIKE over bytes, case-insensitive for ASCII: '%' any run, '_' one
// code point. Linear backtracking on the last '%' (no exponential cases).
bool Like(const std::string& text, const std::string& pattern) {
  auto next_cp = [](const std::string& s, size_t i) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    return i;
  };
  size_t t = 0, p = 0, star_p = std::string::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '%') {
      star_p = p++;
      star_t = t;
    } else if (p < pattern.size() && pattern[p] == '_') {
      t = next_cp(text, t);
      ++p;
    } else if (p < pattern.size() && std::tolower(static_cast<unsigned char>(pattern[p])) ==
                                         std::tolower(static_cast<unsigned char>(text[t]))) {
      ++t;
      ++p;
    } else if (star_p != std::string::npos) {
      p = star_p + 1;
      t = star_t = next_cp(text, star_t);
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '%') ++p;
  return p == pattern.size();
}

bool MatchOne(Kind kind, AcledOp op, const std::string& cell, const std::string& value) {
  if (kind == Kind::kText) {
    if (op == AcledOp::kLike)
      return Like(cell, value.find_first_of("%_") == std::string::npos ? "%" + value + "%" : value);
    return cell.size() == value.size() && Lower(cell) == Lower(value);
  }
  if (cell.empty()) return false;  // unknown date, no coordinates: never compared
  int cmp;
  if (kind == Kind::kDate) {
    cmp = cell.compare(value);
  } else {
    double a, b;
    if (!ParseDouble(cell, &a) || !ParseDouble(value, &b)) return false;
    cmp = a < b ? -1 : a > b ? 1 : 0;
  }
  switch (op) {
    case AcledOp::kLt:
      return cmp < 0;
    case AcledOp::kLe:
      return cmp <= 0;
    case AcledOp::kGt:
      return cmp > 0;
    case AcledOp::kGe:
      return cmp >= 0;
    default:
      return cmp == 0;
  }
}

bool Matches(const AcledCondition& c, const std::string& cell) {
  Kind kind = KindOf(AcledColumns()[c.column]);
  if (c.op == AcledOp::kBetween)
    return MatchOne(kind, AcledOp::kGe, cell, c.values[0]) &&
           MatchOne(kind, AcledOp::kLe, cell, c.values[1]);
  for (const auto& v : c.values)
    if (MatchOne(kind, c.op, cell, v)) return true;
  return false;
}

}  // namespace

const std::vector<std::string>& AcledExtraColumns() {
  static const std::vector<std::string> kExtra = {"sitrep_claims", "sitrep_evidence",
                                                  "sitrep_documents"};
  return kExtra;
}

int AcledColumnIndex(const std::string& name) {
  const auto& cols = AcledColumns();
  auto it = std::find(cols.begin(), cols.end(), name);
  return it == cols.end() ? -1 : static_cast<int>(it - cols.begin());
}

StatusOr<AcledQuery> ParseAcledQuery(const std::multimap<std::string, std::string>& params,
                                     const std::map<std::string, std::string>& regions) {
  AcledQuery q;
  std::map<std::string, std::string> where;  // column -> its _where value
  std::vector<std::pair<std::string, std::string>> filters;
  for (const auto& [key, value] : params) {
    if (params.count(key) > 1) return Status::InvalidArgument("parameter '" + key + "' given twice");
    if (value.size() > 10000) return Status::InvalidArgument("parameter '" + key + "' is too long");
    if (IsCredential(key)) continue;
    if (key == "fields") {
      if (value.empty()) continue;
      for (const auto& f : SplitString(value, '|')) {
        const auto& extra = AcledExtraColumns();
        if (AcledColumnIndex(f) < 0 && std::find(extra.begin(), extra.end(), f) == extra.end())
          return Status::InvalidArgument("fields: unknown column '" + f + "'");
        q.fields.push_back(f);
      }
    } else if (key == "limit") {
      if (!ParseSize(value, kAcledMaxLimit, &q.limit))
        return Status::InvalidArgument("limit: expected an integer from 0 (every row) to " +
                                       std::to_string(kAcledMaxLimit));
    } else if (key == "page") {
      if (!ParseSize(value, 10'000'000, &q.page) || q.page == 0)
        return Status::InvalidArgument("page: expected an integer from 1");
    } else if (key == "export_type" || key == "_format") {
      if (value != "json" && value != "csv")
        return Status::InvalidArgument(key + ": sitrep answers json or csv");
      q.csv = value == "csv";
    } else if (key.size() > 6 && key.compare(key.size() - 6, 6, "_where") == 0) {
      std::string column = key.substr(0, key.size() - 6);
      if (AcledColumnIndex(column) < 0) return Status::InvalidArgument("unknown parameter '" + key + "'");
      if (!params.count(column))
        return Status::InvalidArgument(key + " given without " + column);
      where[column] = value;
    } else if (AcledColumnIndex(key) >= 0) {
      filters.emplace_back(key, value);
    } else {
      return Status::InvalidArgument("unknown parameter '" + key +
                                     "' (filters are ACLED's column names; see docs/acled-api.md)");
    }
  }
  for (const auto& [column, value] : filters) {
    AcledCondition c;
    c.column = static_cast<size_t>(AcledColumnIndex(column));
    auto op = ParseOp(column + "_where", where.count(column) ? where[column] : "", KindOf(column));
    if (!op.ok()) return op.status();
    c.op = *op;
    if (value.empty()) continue;  // `country=` filters nothing, as an empty form field
    c.values = SplitString(value, '|');
    SITREP_RETURN_IF_ERROR(CheckValues(column, &c, regions));
    q.conditions.push_back(std::move(c));
  }
  SetPrefilter(q, &q.prefilter);
  return q;
}

bool AcledRowMatches(const AcledQuery& q, const std::vector<std::string>& cells) {
  for (const auto& c : q.conditions)
    if (c.column >= cells.size() || !Matches(c, cells[c.column])) return false;
  return true;
}

StatusOr<std::map<std::string, std::string>> ReadAcledRegions(const std::string& data_dir) {
  auto t = ReadTsv(ResolveDataDir(data_dir) + "/acled/regions.tsv", {"code", "name"});
  if (!t.ok()) return t.status();
  std::map<std::string, std::string> out;
  for (const auto& r : t->rows) out[r.cells[0]] = r.cells[1];
  return out;
}

}  // namespace sitrep
