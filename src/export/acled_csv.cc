// ACLED-compatible CSV (see docs/acled-export.md for every mapping).
#include <cmath>
#include <cstdio>
#include <set>

#include "lexicon/tsv.h"
#include "pipeline/pipeline_impl.h"
#include "sitrep/export.h"

namespace sitrep {
namespace {

std::string Quote(const std::string& cell) {
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string DisorderType(const std::string& event_type) {
  if (event_type == "Strategic developments") return "Strategic developments";
  if (event_type == "Protests") return "Demonstrations";
  if (event_type == "Riots") return "Political violence; Demonstrations";
  return "Political violence";
}

// 1: the day is known; 2: within a week; 3: a month or more.
std::string TimePrecision(const DateInterval& d) {
  switch (d.precision) {
    case DatePrecision::kDay:
      return "1";
    case DatePrecision::kRange:
    case DatePrecision::kWeek:
      return "2";
    default:
      return "3";
  }
}

// 1: the place itself; 2: near it or part of a region; 3: the province only.
std::string GeoPrecision(LocationPrecision p) {
  switch (p) {
    case LocationPrecision::kPlace:
      return "1";
    case LocationPrecision::kNear:
      return "2";
    case LocationPrecision::kAdmin1:
    case LocationPrecision::kCountry:
      return "3";
    case LocationPrecision::kUnknown:
      break;
  }
  return "";
}

std::string Coord(std::optional<double> v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.5f", *v);
  return buf;
}

std::string CountText(const Count& c) {
  std::string s = std::to_string(c.best);
  if (!c.high)
    s = "at least " + s;
  else if (c.low != c.best || *c.high != c.best)
    s += " (" + std::to_string(c.low) + "-" + std::to_string(*c.high) + ")";
  return s;
}

std::string ClaimSummary(const Claim& c) {
  std::vector<std::string> parts;
  if (c.fatalities) parts.push_back(CountText(*c.fatalities) + " killed");
  if (c.injured) parts.push_back(CountText(*c.injured) + " injured");
  if (c.strikes) parts.push_back(CountText(*c.strikes) + " strikes");
  for (const auto& d : c.destroyed)
    parts.push_back(CountText(d.count) + " " + MaterielKindName(d.kind) + " destroyed");
  std::string s = c.source + ": ";
  if (parts.empty()) return s + "no figure";
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? ", " : "") + parts[i];
  return s;
}

// Fills the "{country}" slot of an ACLED actor name ("Civilians ({country})").
std::string WithCountry(std::string name, const std::string& country) {
  const std::string slot = "{country}";
  size_t at = name.find(slot);
  if (at == std::string::npos) return name;
  if (!country.empty()) return name.replace(at, slot.size(), country);
  size_t open = name.rfind(" (", at);
  if (open != std::string::npos && open + 2 == at && name.compare(at + slot.size(), 1, ")") == 0)
    return name.erase(open, at + slot.size() + 1 - open);
  return name.replace(at, slot.size(), "");
}

}  // namespace

const std::vector<std::string>& AcledColumns() {
  static const std::vector<std::string> kColumns = {
      "event_id_cnty", "event_date",     "year",     "time_precision", "disorder_type",
      "event_type",    "sub_event_type", "actor1",   "assoc_actor_1",  "inter1",
      "actor2",        "assoc_actor_2",  "inter2",   "interaction",    "civilian_targeting",
      "iso",           "region",         "country",  "admin1",         "admin2",
      "admin3",        "location",       "latitude", "longitude",      "geo_precision",
      "source",        "source_scale",   "notes",    "fatalities",     "tags",
      "timestamp"};
  return kColumns;
}

StatusOr<AcledCsvWriter> AcledCsvWriter::Create(const std::string& data_option,
                                                std::vector<std::string>* warnings) {
  AcledCsvWriter w;
  const std::string data_dir = ResolveDataDir(data_option);
  auto actors = ReadTsv(data_dir + "/acled/actors.tsv", {"id", "name", "inter"});
  if (!actors.ok()) return actors.status();
  int home = actors->Column("home");
  for (const auto& r : actors->rows) {
    ActorInfo a{r.cells[1], home >= 0 && size_t(home) < r.cells.size() ? r.cells[home] : "",
                std::atoi(r.cells[2].c_str())};
    w.actors_[r.cells[0]] = a;
  }
  auto countries =
      ReadTsv(data_dir + "/acled/countries.tsv", {"alpha2", "alpha3", "iso", "name", "region"});
  if (!countries.ok()) return countries.status();
  for (const auto& r : countries->rows) {
    w.countries_[r.cells[0]] = {r.cells[0], r.cells[1], r.cells[2], r.cells[3], r.cells[4]};
    w.alpha3_[r.cells[1]] = r.cells[0];
  }
  if (warnings) {
    warnings->insert(warnings->end(), actors->errors.begin(), actors->errors.end());
    warnings->insert(warnings->end(), countries->errors.begin(), countries->errors.end());
  }
  return w;
}

// Listed actors first; then the ISO3_MIL / _POL / _GOV pattern; else the id.
AcledCsvWriter::ActorInfo AcledCsvWriter::Actor(const std::string& id) const {
  if (auto it = actors_.find(id); it != actors_.end()) return it->second;
  if (id.size() == 7 && id[3] == '_') {
    auto a2 = alpha3_.find(id.substr(0, 3));
    std::string country = a2 != alpha3_.end() ? countries_.at(a2->second).name : id.substr(0, 3);
    std::string home = a2 != alpha3_.end() ? a2->second : "";
    std::string role = id.substr(4);
    if (role == "MIL") return {"Military Forces of " + country, home, 1};
    if (role == "POL") return {"Police Forces of " + country, home, 1};
    if (role == "GOV") return {"Government of " + country, home, 1};
  }
  return {id, "", 0};
}

std::vector<std::string> AcledCsvWriter::Cells(const StoredEvent& se) const {
  const Event& e = se.event;
  const Location& l = e.location;
  auto country = countries_.find(l.country);
  auto inter = [&](const std::optional<sitrep::Actor>& a) {
    if (!a) return 0;
    ActorInfo info = Actor(a->id);
    // State forces acting outside their own country are "external forces".
    if (info.inter == 1 && !info.home.empty() && !l.country.empty() && info.home != l.country)
      return 8;
    return info.inter;
  };
  int i1 = inter(e.actor1), i2 = inter(e.actor2);
  std::string interaction;
  if (i1 && i2)
    interaction = std::to_string(std::min(i1, i2) * 10 + std::max(i1, i2));
  else if (i1 || i2)
    interaction = std::to_string((i1 ? i1 : i2) * 10);
  bool civilians =
      e.event_type == "Violence against civilians" || (e.actor2 && e.actor2->id == "CIVILIANS");
  bool dated = e.date.precision != DatePrecision::kUnknown && e.date.start.valid();

  std::set<std::string> sources;
  for (const auto& c : e.claims) sources.insert(c.source);
  sources.insert(se.outlets.begin(), se.outlets.end());
  std::string source;
  for (const auto& s : sources) source += (source.empty() ? "" : "; ") + s;

  std::string notes;
  if (dated)
    notes +=
        "On " + e.date.start.ToString() +
        (e.date.end.valid() && e.date.end != e.date.start ? " to " + e.date.end.ToString() : "") +
        ", ";
  notes += e.sub_event_type.empty() ? e.event_type : e.sub_event_type;
  if (!l.name.empty())
    notes += std::string(l.precision == LocationPrecision::kNear ? " near " : " in ") + l.name;
  else if (!l.admin1_name.empty())
    notes += " in " + l.admin1_name;
  if (e.actor1) notes += "; by " + e.actor1->text + " (" + e.actor1->id + ")";
  if (e.actor2) notes += "; against " + e.actor2->text + " (" + e.actor2->id + ")";
  notes += ".";
  if (!e.claims.empty()) {
    notes += " Claims:";
    for (size_t i = 0; i < e.claims.size(); ++i)
      notes += std::string(i ? ";" : "") + " " + ClaimSummary(e.claims[i]);
    notes += ".";
  }
  notes += " Reported in " + std::to_string(e.docs.size()) + " document(s)";
  if (e.claims.size() > 1) notes += "; fatalities: the most conservative figure";
  notes += ". [sitrep " + e.id + "]";

  // "Protesters ({country})" -> "Protesters (Mali)": the event's country, else no parentheses.
  std::string country_name = country != countries_.end() ? country->second.name : l.country;
  auto name_of = [&](const std::optional<sitrep::Actor>& a) {
    return a ? WithCountry(Actor(a->id).name, country_name) : std::string();
  };
  auto num = [](int n) { return n ? std::to_string(n) : std::string(); };
  return {e.id,
          dated ? e.date.start.ToString() : "",
          dated ? std::to_string(e.date.start.y) : "",
          dated ? TimePrecision(e.date) : "",
          DisorderType(e.event_type),
          e.event_type,
          e.sub_event_type,
          name_of(e.actor1),
          "",
          num(i1),
          name_of(e.actor2),
          "",
          num(i2),
          interaction,
          civilians ? "Civilian targeting" : "",
          country != countries_.end() ? country->second.iso : "",
          country != countries_.end() ? country->second.region : "",
          country != countries_.end() ? country->second.name : l.country,
          l.admin1_name.empty() ? l.admin1 : l.admin1_name,
          "",
          "",
          l.name,
          Coord(l.lat),
          Coord(l.lon),
          GeoPrecision(l.precision),
          source,
          "Other",
          notes,
          std::to_string(e.fatalities ? e.fatalities->best : 0),
          "sitrep_pipeline=" + e.pipeline_version + "; data=" + se.data_version,
          ""};
}

void WriteCsvRecord(const std::vector<std::string>& cells, std::ostream& out) {
  for (size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << Quote(cells[i]);
  out << "\r\n";
}

void AcledCsvWriter::WriteHeader(std::ostream& out) const { WriteCsvRecord(AcledColumns(), out); }

void AcledCsvWriter::WriteRow(const StoredEvent& e, std::ostream& out) const {
  WriteCsvRecord(Cells(e), out);
}

}  // namespace sitrep
