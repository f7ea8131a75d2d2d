#include "lexicon/tsv.h"

#include <fstream>

namespace sitrep {

std::vector<std::string> SplitString(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    start = p + 1;
  }
  return out;
}

int TsvTable::Column(const std::string& name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

StatusOr<TsvTable> ReadTsv(const std::string& path, const std::vector<std::string>& required) {
  std::ifstream in(path);
  if (!in) return Status::IoError(path + ": cannot open");
  TsvTable t;
  t.path = path;
  std::string line;
  int n = 0;
  size_t need = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto cells = SplitString(line, '\t');
    if (t.header.empty()) {
      t.header = cells;
      for (const auto& r : required) {
        int c = t.Column(r);
        if (c < 0) return Status::Corruption(path + ":" + std::to_string(n) + ": header lacks column '" + r + "'");
        need = std::max(need, static_cast<size_t>(c) + 1);
      }
      continue;
    }
    bool blank_required = false;
    for (const auto& r : required) blank_required |= cells.size() >= need && cells[t.Column(r)].empty();
    if (cells.size() < need || blank_required) {
      t.errors.push_back(path + ":" + std::to_string(n) + ": expected " + std::to_string(need) +
                         " tab-separated columns with the required ones filled, got " +
                         std::to_string(cells.size()) + "; row skipped");
      continue;
    }
    t.rows.push_back({n, std::move(cells)});
  }
  if (t.header.empty()) return Status::Corruption(path + ": no header line");
  return t;
}

}  // namespace sitrep
