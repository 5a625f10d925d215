// Discovery and evaluation of Rego tests for `regoc test`, following OPA's tester.
//
// External interface: discover_tests(), run_tests() and benchmark_tests(). A test is a rule
// whose name (one of the leading constant parts of its head ref) starts with test_; one that
// starts with todo_test_ is skipped. Each test runs as the query data.<package>.<name>. It
// passes when the query's value is true, fails when it is undefined or anything else, and
// errors when evaluation fails. A test with variables in its head ref (`test_x[name]`) is a
// parameterized test: each key of its object value is a case that passes when its value is
// true.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "api/engine.h"

namespace regoc::cli {

// One test rule found in the modules.
struct TestCase {
  std::vector<std::string> path;  // the query's path under data: package, then the name
  std::string package;            // OPA's text of the package ref: "data.pkg"
  std::string name;               // OPA's text of the name ref: "test_x" or "p.test_x"
  std::string full_name;          // package and name: "data.pkg.test_x" (what -r matches)
  Location location;              // where the rule starts
  bool skip = false;              // named todo_test_*
  bool parameterized = false;     // variables in the head ref: cases are object keys
  bool is_function = false;
};

// The outcome of one case of a parameterized test, with its nested cases.
struct SubResult {
  std::string name;
  bool fail = false;
  std::vector<SubResult> children;  // sorted by name
};

// Figures of one benchmarked test (--bench).
struct BenchFigures {
  uint64_t iterations = 0;
  double ns_per_op = 0;
  double bytes_per_op = 0;
  double allocs_per_op = 0;
};

struct TestResult {
  const TestCase* test = nullptr;
  bool fail = false;
  bool skip = false;
  // The error that stopped the test. `compile_error` marks errors of preparing the query,
  // which OPA reports as a list, unlike an evaluation error.
  Errors errors;
  bool compile_error = false;
  std::chrono::nanoseconds duration{0};
  std::string output;  // print() output: one line per call, each ending in "\n"
  std::vector<SubResult> sub_results;
  std::optional<BenchFigures> bench;

  bool pass() const { return !fail && !skip && errors.empty(); }
};

struct RunOptions {
  std::optional<std::string> filter;  // RE2 pattern that a test's full name must match
  std::chrono::nanoseconds timeout{0};
  int parallel = 1;
  bool capture_print = true;
  bool coverage = false;
  bool benchmem = true;
};

/// Finds the tests of the engine's modules that match options.filter, in file and source
/// order. Returns an error message when the filter is not a valid RE2 pattern.
std::string discover_tests(const Engine& engine, const RunOptions& options,
                           std::vector<TestCase>* out);

/// Runs the tests, up to options.parallel at a time, and returns their results in the order
/// of `tests`. Errors of the modules (parse or compile) are returned in *errors and no test
/// runs. With options.coverage, *covered receives the rows that the tests evaluated.
std::vector<TestResult> run_tests(const Engine& engine, const std::vector<TestCase>& tests,
                                  const RunOptions& options, Errors* errors,
                                  CoveredRows* covered);

/// Benchmarks each test, one at a time, for about a second each. A test that does not pass
/// is reported as run_tests() reports it.
std::vector<TestResult> benchmark_tests(const Engine& engine,
                                        const std::vector<TestCase>& tests,
                                        const RunOptions& options, Errors* errors);

}  // namespace regoc::cli
