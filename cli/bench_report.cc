// Printing of `regoc bench` results (see cli/bench_report.h).
#include "cli/bench_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace regoc::cli {

namespace {

const char* api_name(DecisionApi api) { return api == DecisionApi::Decide ? "decide" : "eval"; }

double per_op(uint64_t total, uint64_t decisions) {
  return decisions == 0 ? 0 : static_cast<double>(total) / static_cast<double>(decisions);
}

// The rule that opa bench takes from Go's testing package: no decimals from 100 up, then
// three significant digits (three decimals at most here).
std::string format_figure(double value) {
  const double magnitude = std::fabs(value);
  if (magnitude == 0 || magnitude >= 99.95) return fmt::format("{:.0f}", value);
  if (magnitude >= 9.995) return fmt::format("{:.1f}", value);
  if (magnitude >= 0.9995) return fmt::format("{:.2f}", value);
  return fmt::format("{:.3f}", value);
}

std::vector<std::pair<std::string, std::string>> pretty_rows(const BenchResult& result,
                                                             bool benchmem) {
  const LatencyStats& latency = result.latency;
  std::vector<std::pair<std::string, std::string>> rows = {
      {"samples", std::to_string(latency.decisions)},
      {"ns/op", format_figure(latency.ns_per_op)},
      {"cpu_ns/op", format_figure(latency.cpu_ns_per_op)},
  };
  if (benchmem) {
    rows.emplace_back("B/op", format_figure(per_op(latency.allocations.bytes,
                                                   latency.decisions)));
    rows.emplace_back("allocs/op", format_figure(per_op(latency.allocations.allocations,
                                                        latency.decisions)));
  }
  rows.emplace_back("p50_ns", format_figure(latency.p50_ns));
  rows.emplace_back("p90_ns", format_figure(latency.p90_ns));
  rows.emplace_back("p99_ns", format_figure(latency.p99_ns));
  rows.emplace_back("batch_size", std::to_string(latency.batch_size));
  rows.emplace_back("prepare_ms", format_figure(result.prepare_ns / 1e6));
  if (benchmem) {
    rows.emplace_back("peak_rss_MiB", format_figure(result.peak_rss_bytes / 1048576.0));
  }
  rows.emplace_back("engine", executor_kind_name(result.executor));
  rows.emplace_back("parse_input", result.parse_input ? "true" : "false");
  rows.emplace_back("api", api_name(result.api));
  return rows;
}

// A box-drawn table without a header, names left-aligned and figures right-aligned, in the
// layout that opa bench prints.
std::string render_pretty(const BenchResult& result, bool benchmem) {
  const auto rows = pretty_rows(result, benchmem);
  size_t name_width = 0;
  size_t value_width = 0;
  for (const auto& [name, value] : rows) {
    name_width = std::max(name_width, name.size());
    value_width = std::max(value_width, value.size());
  }
  std::string line_above, line_below;
  for (size_t i = 0; i < name_width + 2; ++i) line_above += "─";
  line_below = line_above;
  line_above += "┬";
  line_below += "┴";
  for (size_t i = 0; i < value_width + 2; ++i) {
    line_above += "─";
    line_below += "─";
  }
  std::string out = "┌" + line_above + "┐\n";
  for (const auto& [name, value] : rows) {
    out += fmt::format("│ {:<{}} │ {:>{}} │\n", name, name_width, value, value_width);
  }
  return out + "└" + line_below + "┘\n";
}

std::string render_json(const BenchResult& result) {
  const LatencyStats& latency = result.latency;
  const uint64_t decisions = latency.decisions;
  std::string out = "{\n";
  // N, T, MemAllocs and MemBytes are the members of Go's testing.BenchmarkResult, which
  // opa bench --format json prints.
  out += fmt::format("  \"N\": {},\n", decisions);
  out += fmt::format("  \"T\": {:.0f},\n", latency.total_ns);
  out += fmt::format("  \"MemAllocs\": {},\n", latency.allocations.allocations);
  out += fmt::format("  \"MemBytes\": {},\n", latency.allocations.bytes);
  out += fmt::format("  \"samples\": {},\n", decisions);
  out += fmt::format("  \"ns_per_op\": {:.1f},\n", latency.ns_per_op);
  out += fmt::format("  \"cpu_ns_per_op\": {:.1f},\n", latency.cpu_ns_per_op);
  out += fmt::format("  \"p50_ns\": {:.1f},\n", latency.p50_ns);
  out += fmt::format("  \"p90_ns\": {:.1f},\n", latency.p90_ns);
  out += fmt::format("  \"p99_ns\": {:.1f},\n", latency.p99_ns);
  out += fmt::format("  \"batch_size\": {},\n", latency.batch_size);
  out += fmt::format("  \"clock_read_ns\": {:.1f},\n", latency.clock_read_ns);
  out += fmt::format("  \"allocs_per_op\": {:.2f},\n",
                     per_op(latency.allocations.allocations, decisions));
  out += fmt::format("  \"bytes_per_op\": {:.1f},\n", per_op(latency.allocations.bytes,
                                                              decisions));
  out += fmt::format("  \"peak_rss_bytes\": {},\n", result.peak_rss_bytes);
  out += fmt::format("  \"prepare_ns\": {:.0f},\n", result.prepare_ns);
  out += fmt::format("  \"engine\": \"{}\",\n", executor_kind_name(result.executor));
  out += fmt::format("  \"parse_input\": {},\n", result.parse_input ? "true" : "false");
  out += fmt::format("  \"api\": \"{}\"\n", api_name(result.api));
  return out + "}\n";
}

// One line in the Go benchmark data format: name, iterations, then "value unit" pairs.
std::string render_gobench(const BenchResult& result, bool benchmem) {
  const LatencyStats& latency = result.latency;
  const char* name =
      result.api == DecisionApi::Decide ? "BenchmarkRegocDecide" : "BenchmarkRegocEval";
  std::string out = fmt::format("{}\t{}\t{} ns/op", name, latency.decisions,
                                format_figure(latency.ns_per_op));
  if (benchmem) {
    out += fmt::format("\t{:.0f} B/op\t{:.0f} allocs/op",
                       std::floor(per_op(latency.allocations.bytes, latency.decisions)),
                       std::floor(per_op(latency.allocations.allocations, latency.decisions)));
  }
  out += fmt::format("\t{} cpu-ns/op\t{} p50-ns\t{} p90-ns\t{} p99-ns\t{:.0f} prepare-ns",
                     format_figure(latency.cpu_ns_per_op), format_figure(latency.p50_ns),
                     format_figure(latency.p90_ns), format_figure(latency.p99_ns),
                     result.prepare_ns);
  if (benchmem) out += fmt::format("\t{} peak-RSS-bytes", result.peak_rss_bytes);
  return out + "\n";
}

}  // namespace

std::string render_bench_result(const BenchResult& result, BenchFormat format, bool benchmem) {
  switch (format) {
    case BenchFormat::Pretty: return render_pretty(result, benchmem);
    case BenchFormat::Json: return render_json(result);
    case BenchFormat::GoBench: return render_gobench(result, benchmem);
  }
  return "";
}

}  // namespace regoc::cli
