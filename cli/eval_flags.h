// Command-line options of `regoc eval`, which follow `opa eval`.
//
// External interface: parse_eval_flags() and eval_help(). Options of opa eval that regoc does
// not implement are rejected by name rather than ignored.
#pragma once

#include "api/engine.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cli/output.h"

namespace regoc::cli {

struct EvalFlags {
  std::vector<std::string> data_paths;    // -d/--data, in the order given
  std::vector<std::string> bundle_paths;  // -b/--bundle
  std::string input_path;                 // -i/--input; empty when unset
  bool stdin_input = false;               // -I/--stdin-input: read the input from stdin
  bool stdin_query = false;               // --stdin: read the query from stdin
  std::optional<std::string> query;       // the positional argument
  WriteOptions output;                    // -f/--format and --pretty-limit
  bool fail = false;                      // --fail: exit 1 when the result is undefined
  bool fail_defined = false;              // --fail-defined: exit 1 when it is defined
  bool strict_builtin_errors = false;     // --strict-builtin-errors
  bool dump_ir = false;                   // --dump-ir: print the planned IR, do not evaluate
  ExecutorKind executor = ExecutorKind::Interpreter;  // --engine
  bool help = false;                      // -h/--help
};

/// Parses the arguments that follow `eval`. Returns an empty string on success and an error
/// message otherwise.
std::string parse_eval_flags(std::span<const std::string> args, EvalFlags* out);

/// Usage text of `regoc eval --help`.
std::string eval_help();

}  // namespace regoc::cli
