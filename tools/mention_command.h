// The shared body of the subcommands that list one kind of mention per
// JSON line (places, timex, numbers): inputs, --output, --date, the document
// analysis, the per-document error reports and the summary line.
#ifndef SITREP_TOOLS_MENTION_COMMAND_H_
#define SITREP_TOOLS_MENTION_COMMAND_H_

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "text/document.h"
#include "tools/command.h"

namespace sitrep::cli {

struct MentionFlags {
  std::vector<std::string> inputs;
  std::string output, date;
  PipelineFlags pipeline;
};

// Adds the inputs, -o/--output, --date and the pipeline options.
void AddMentionOptions(CLI::App* cmd, MentionFlags* f);

// Writes the mentions of one analysed document; returns how many.
using MentionEmitter = std::function<size_t(const Document& doc, std::ostream& out)>;

// Reads every input, analyses each document and hands it to `emit`. Prints
// "sitrep NAME: N document(s) read, M WHAT, K skipped" plus `summary_tail()`
// on standard error. Returns the exit status (2 when nothing was read).
int RunMentionCommand(const std::string& name, const std::string& what, const MentionFlags& f,
                      const MentionEmitter& emit,
                      const std::function<std::string()>& summary_tail = nullptr);

// {"doc", "start", "end", "text"} for a span (code point offsets).
nlohmann::json SpanJson(const Document& doc, Span span);

}  // namespace sitrep::cli

#endif  // SITREP_TOOLS_MENTION_COMMAND_H_
