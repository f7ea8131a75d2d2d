#include "syntax/conllu.h"

#include <charconv>
#include <fstream>

namespace sitrep {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cols;
  size_t pos = 0;
  while (true) {
    size_t tab = line.find('\t', pos);
    if (tab == std::string_view::npos) {
      cols.push_back(line.substr(pos));
      return cols;
    }
    cols.push_back(line.substr(pos, tab - pos));
    pos = tab + 1;
  }
}

bool ParseInt(std::string_view s, int* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Adds one non-comment line to `s`; returns a reason on failure.
std::string AddLine(std::string_view line, ConlluSentence* s) {
  auto c = SplitTabs(line);
  if (c.size() != 10) return "expected 10 tab-separated columns, found " + std::to_string(c.size());
  std::string_view id = c[0];
  size_t dash = id.find('-');
  if (dash != std::string_view::npos || id.find('.') != std::string_view::npos) {
    if (dash != std::string_view::npos) {
      ConlluToken t;
      if (!ParseInt(id.substr(0, dash), &t.first) || !ParseInt(id.substr(dash + 1), &t.last))
        return "bad multiword id '" + std::string(id) + "'";
      t.form = c[1];
      s->multiword.push_back(std::move(t));
    }
    s->other_lines.emplace_back(s->words.size(), std::string(line));
    return {};
  }
  int n = 0;
  if (!ParseInt(id, &n) || n != static_cast<int>(s->words.size()) + 1)
    return "word id '" + std::string(id) + "' out of sequence";
  ConlluWord w;
  w.form = c[1];
  w.lemma = c[2];
  w.upos = c[3];
  w.xpos = c[4];
  w.feats = c[5];
  if (c[6] == "_") {
    w.head = -1;
  } else if (!ParseInt(c[6], &w.head) || w.head < 0) {
    return "bad head '" + std::string(c[6]) + "'";
  }
  w.deprel = c[7];
  w.deps = c[8];
  w.misc = c[9];
  s->words.push_back(std::move(w));
  return {};
}

}  // namespace

StatusOr<std::vector<ConlluSentence>> ReadConllu(std::istream& in, const std::string& origin) {
  std::vector<ConlluSentence> out;
  ConlluSentence cur;
  std::string line;
  size_t lineno = 0;
  auto flush = [&] {
    if (!cur.words.empty()) out.push_back(std::move(cur));
    cur = ConlluSentence();
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      flush();
    } else if (line[0] == '#') {
      cur.comments.push_back(line);
    } else if (std::string why = AddLine(line, &cur); !why.empty()) {
      return Status::InvalidArgument(origin + ":" + std::to_string(lineno) + ": " + why);
    }
  }
  flush();
  for (const auto& s : out)
    for (const auto& w : s.words)
      if (w.head > static_cast<int>(s.words.size()))
        return Status::InvalidArgument(origin + ": a head points past its sentence");
  return out;
}

StatusOr<std::vector<ConlluSentence>> ReadConlluFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open");
  return ReadConllu(in, path);
}

void WriteConllu(const ConlluSentence& s, std::ostream& out) {
  for (const auto& c : s.comments) out << c << '\n';
  size_t other = 0;
  auto field = [](const std::string& v) -> const std::string& {
    static const std::string kEmpty = "_";
    return v.empty() ? kEmpty : v;
  };
  for (size_t i = 0; i <= s.words.size(); ++i) {
    while (other < s.other_lines.size() && s.other_lines[other].first == i)
      out << s.other_lines[other++].second << '\n';
    if (i == s.words.size()) break;
    const ConlluWord& w = s.words[i];
    out << i + 1 << '\t' << field(w.form) << '\t' << field(w.lemma) << '\t' << field(w.upos) << '\t'
        << field(w.xpos) << '\t' << field(w.feats) << '\t';
    if (w.head < 0) {
      out << '_';
    } else {
      out << w.head;
    }
    out << '\t' << field(w.deprel) << '\t' << field(w.deps) << '\t' << field(w.misc) << '\n';
  }
  out << '\n';
}

}  // namespace sitrep
