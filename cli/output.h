// Printing of `regoc eval` results and errors in the output formats of `opa eval --format`.
//
// External interface: write_report(). Results go to the standard output. Errors go there too
// in the json and discard formats, and to the standard error in the others, as in OPA.
#pragma once

#include <string>
#include <vector>

#include "api/engine.h"

namespace regoc::cli {

enum class OutputFormat {
  Json,      // the whole result set, indented JSON (the default)
  Values,    // one indented JSON array of expression values per result
  Bindings,  // one indented JSON object of variable bindings per result
  Pretty,    // one value as JSON, or a table of bindings and values
  Raw,       // expression values separated by spaces, strings without quotes
  Discard,   // like json, with the result replaced by "discarded"
};

// The outcome of one evaluation: results, or the errors that stopped it.
struct EvalReport {
  std::vector<QueryResult> results;
  Errors errors;
};

struct WriteOptions {
  OutputFormat format = OutputFormat::Json;
  // Cells of the pretty table longer than this many bytes are cut and end in "...".
  int pretty_limit = 80;
};

/// Renders `report` into the text for the standard output (*out) and the standard error
/// (*err).
void write_report(const EvalReport& report, const WriteOptions& options, std::string* out,
                  std::string* err);

/// OPA's one-line form of an error: "file:row: code: message", or just the message for
/// errors without a code, such as a data file that failed to load.
std::string error_line(const Error& error);

}  // namespace regoc::cli
