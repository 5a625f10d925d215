// Printing of `regoc test` results in the formats of `opa test`: pretty (failures and a
// summary, or every test with -v), json (an array of result objects) and, for benchmarks,
// gobench.
//
// External interface: PrettyOptions, render_pretty(), render_json() and result_text().
#pragma once

#include <string>
#include <vector>

#include "cli/test_runner.h"

namespace regoc::cli {

struct PrettyOptions {
  bool verbose = false;    // list passing tests and their print() output too
  bool bench = false;      // print a benchmark line for each passing test
  bool gobench = false;    // name benchmarks as the Go benchmark data format requires
  bool benchmem = false;   // add B/op and allocs/op to benchmark lines
};

/// Renders results as opa test's pretty reporter does.
std::string render_pretty(const std::vector<TestResult>& results, const PrettyOptions& options);

/// Renders results as opa test --format json does, with a final newline.
std::string render_json(const std::vector<TestResult>& results);

/// The text of one result, as OPA's Result.String(): "data.pkg.test_x: FAIL (1.2ms)" and a
/// line for each case of a parameterized test.
std::string result_text(const TestResult& result);

/// The text of a test's error: "file:row: code: message" for an evaluation error, OPA's
/// "1 error occurred: ..." list for errors of preparing the query.
std::string error_text(const TestResult& result);

}  // namespace regoc::cli
