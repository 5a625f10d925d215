// Command-line options of `regoc test`, which follow `opa test`.
//
// External interface: parse_test_flags() and test_help(). Options of opa test that regoc
// cannot honour exactly (--var-values, --watch, --explain, --capabilities, ...) are rejected
// by name.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace regoc::cli {

enum class TestFormat {
  Pretty,   // failures and a summary, or every test with -v (the default)
  Json,     // one indented JSON array of test results
  GoBench,  // with --bench: one line per benchmark in the Go benchmark data format
};

struct TestFlags {
  std::vector<std::string> paths;  // the files and folders to load (positional arguments)
  bool verbose = false;            // -v/--verbose: list every test, print output of all
  std::optional<std::string> run;  // -r/--run: RE2 pattern that test names must match
  TestFormat format = TestFormat::Pretty;  // -f/--format
  bool coverage = false;                   // -c/--coverage: print OPA's coverage report
  double threshold = 0;                    // --threshold: minimum coverage percentage
  // --timeout per test; unset means OPA's defaults, 5 s (30 s with --bench).
  std::optional<std::chrono::nanoseconds> timeout;
  int parallel = 0;                   // -p/--parallel: tests at a time; 0 means one per CPU
  bool bench = false;                 // --bench: benchmark the tests instead
  bool benchmem = true;               // --benchmem: report allocations with --bench
  int count = 1;                      // --count: run the whole suite this many times
  bool bundle = false;                // -b/--bundle: load the paths as bundle folders
  std::vector<std::string> ignore;    // --ignore: file name patterns to skip in folders
  bool fail_on_empty = false;         // --fail-on-empty: no test run is an error
  bool exit_zero_on_skipped = false;  // -z/--exit-zero-on-skipped
  bool help = false;                  // -h/--help
};

/// Parses the arguments that follow `test`. Returns an empty string on success and an error
/// message otherwise.
std::string parse_test_flags(std::span<const std::string> args, TestFlags* out);

/// Usage text of `regoc test --help`.
std::string test_help();

}  // namespace regoc::cli
