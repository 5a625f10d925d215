// The coverage report (see cli/test_coverage.h), in the shape of OPA's cover.Report.
#include "cli/test_coverage.h"

#include <cstdio>
#include <set>

#include "cli/test_json.h"

namespace regoc::cli {

namespace {

RowRanges to_ranges(const std::set<int>& rows) {
  RowRanges ranges;
  for (const int row : rows) {
    if (!ranges.empty() && ranges.back().second + 1 == row) {
      ranges.back().second = row;
    } else {
      ranges.emplace_back(row, row);
    }
  }
  return ranges;
}

int line_count(const RowRanges& ranges) {
  int lines = 0;
  for (const auto& [first, last] : ranges) lines += last - first + 1;
  return lines;
}

double percent(int covered, int not_covered) {
  const int total = covered + not_covered;
  return total == 0 ? 0.0 : 100.0 * covered / total;
}

JsonNode ranges_json(const RowRanges& ranges) {
  JsonNode list = JsonNode::array();
  for (const auto& [first, last] : ranges) {
    JsonNode range = JsonNode::object();
    range.add("start", JsonNode::object()).add("row", JsonNode::integer(first));
    range.add("end", JsonNode::object()).add("row", JsonNode::integer(last));
    list.items.push_back(std::move(range));
  }
  return list;
}

// OPA leaves out empty and zero members of a file's report.
JsonNode file_json(const FileCoverage& file) {
  JsonNode node = JsonNode::object();
  if (!file.covered.empty()) node.add("covered", ranges_json(file.covered));
  if (!file.not_covered.empty()) node.add("not_covered", ranges_json(file.not_covered));
  if (file.covered_lines != 0) node.add("covered_lines", JsonNode::integer(file.covered_lines));
  if (file.not_covered_lines != 0) {
    node.add("not_covered_lines", JsonNode::integer(file.not_covered_lines));
  }
  if (file.coverage != 0) node.add("coverage", JsonNode::number(file.coverage));
  return node;
}

std::string format_percent(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.2f", value);
  return buffer;
}

}  // namespace

CoverageReport build_coverage_report(const CoveredRows& covered, const CoveredRows& coverable) {
  CoverageReport report;
  for (const auto& [file, rows] : covered) report.files[file].covered = to_ranges(rows);
  for (const auto& [file, rows] : coverable) {
    const auto hits = covered.find(file);
    std::set<int> missed;
    for (const int row : rows) {
      if (hits == covered.end() || !hits->second.contains(row)) missed.insert(row);
    }
    report.files[file].not_covered = to_ranges(missed);
  }
  for (auto& [file, coverage] : report.files) {
    coverage.covered_lines = line_count(coverage.covered);
    coverage.not_covered_lines = line_count(coverage.not_covered);
    coverage.coverage = percent(coverage.covered_lines, coverage.not_covered_lines);
    report.covered_lines += coverage.covered_lines;
    report.not_covered_lines += coverage.not_covered_lines;
  }
  report.coverage = percent(report.covered_lines, report.not_covered_lines);
  return report;
}

std::string render_coverage_json(const CoverageReport& report) {
  JsonNode node = JsonNode::object();
  JsonNode& files = node.add("files", JsonNode::object());
  for (const auto& [name, file] : report.files) files.add(name, file_json(file));
  node.add("covered_lines", JsonNode::integer(report.covered_lines));
  node.add("not_covered_lines", JsonNode::integer(report.not_covered_lines));
  node.add("coverage", JsonNode::number(report.coverage));
  return render_indented(node) + "\n";
}

std::string threshold_error(const CoverageReport& report, double threshold, bool verbose) {
  std::string out = "Code coverage threshold not met: got " + format_percent(report.coverage) +
                    " instead of " + format_percent(threshold);
  if (!verbose || report.files.empty()) return out;
  out += "\nLines not covered:";
  for (const auto& [name, file] : report.files) {
    for (const auto& [first, last] : file.not_covered) {
      out += "\n\t" + name + ":" + std::to_string(first);
      if (last != first) out += "-" + std::to_string(last);
    }
  }
  return out;
}

}  // namespace regoc::cli
