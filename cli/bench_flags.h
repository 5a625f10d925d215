// Command-line options of `regoc bench`, which follow `opa bench`.
//
// External interface: parse_bench_flags() and bench_help(). Options of opa bench that regoc
// does not implement (--e2e, --metrics, --partial, ...) are rejected by name.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "api/engine.h"

namespace regoc::cli {

enum class BenchFormat {
  Pretty,   // a two-column table, as opa bench prints (the default)
  Json,     // one indented JSON object per repetition
  GoBench,  // one line per repetition in the Go benchmark data format
};

// The embedding API call that makes one decision.
enum class DecisionApi {
  Eval,    // PreparedQuery::eval (eval_json with --parse-input): the whole result set
  Decide,  // PreparedQuery::decide: the value of the query's first expression only
};

// How long each repetition runs: for `duration`, or for exactly `iterations` decisions when
// iterations is non-zero. The syntax is that of `go test -benchtime`: "1s", "500ms", "100x".
struct BenchTime {
  std::chrono::nanoseconds duration = std::chrono::seconds(1);
  uint64_t iterations = 0;
};

struct BenchFlags {
  std::vector<std::string> data_paths;    // -d/--data, in the order given
  std::vector<std::string> bundle_paths;  // -b/--bundle
  std::string input_path;                 // -i/--input; empty when unset
  bool stdin_input = false;               // -I/--stdin-input: read the input from stdin
  bool stdin_query = false;               // --stdin: read the query from stdin
  std::optional<std::string> query;       // the positional argument
  BenchFormat format = BenchFormat::Pretty;  // -f/--format
  int count = 1;                          // --count: repetitions of the whole benchmark
  BenchTime benchtime;                    // --benchtime
  bool benchmem = true;                   // --benchmem: report allocations and peak RSS
  bool fail = true;                       // --fail: an undefined result is an error
  bool parse_input = false;               // --parse-input: parse the input JSON per decision
  DecisionApi api = DecisionApi::Eval;    // --api
  bool strict_builtin_errors = false;     // --strict-builtin-errors
  ExecutorKind executor = ExecutorKind::Interpreter;  // --engine
  bool help = false;                      // -h/--help
};

/// Parses the arguments that follow `bench`. Returns an empty string on success and an error
/// message otherwise.
std::string parse_bench_flags(std::span<const std::string> args, BenchFlags* out);

/// Usage text of `regoc bench --help`.
std::string bench_help();

}  // namespace regoc::cli
