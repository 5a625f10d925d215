// OPA's coverage report for `regoc test --coverage`: for each file the ranges of rows that
// the tests evaluated and of those they did not, with line counts and percentages.
//
// External interface: CoverageReport, build_coverage_report(), render_coverage_json() and
// threshold_error().
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "api/engine.h"

namespace regoc::cli {

// Inclusive ranges of rows, [first, last].
using RowRanges = std::vector<std::pair<int, int>>;

struct FileCoverage {
  RowRanges covered;
  RowRanges not_covered;
  int covered_lines = 0;
  int not_covered_lines = 0;
  double coverage = 0;  // percent of the counted rows that were covered; 0 when none count
};

struct CoverageReport {
  std::map<std::string, FileCoverage> files;
  int covered_lines = 0;
  int not_covered_lines = 0;
  double coverage = 0;
};

/// Builds the report from the rows that the tests reached and the rows that count (rule
/// heads and expressions, from Engine::coverable_rows()).
CoverageReport build_coverage_report(const CoveredRows& covered, const CoveredRows& coverable);

/// Renders the report as opa test --coverage prints it, with a final newline.
std::string render_coverage_json(const CoverageReport& report);

/// OPA's message when coverage is below the threshold; with `verbose` it lists the rows not
/// covered.
std::string threshold_error(const CoverageReport& report, double threshold, bool verbose);

}  // namespace regoc::cli
