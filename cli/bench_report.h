// Printing of `regoc bench` results in the formats of `opa bench --format`: pretty (a
// two-column table), json and gobench (the Go benchmark data format).
//
// External interface: BenchResult and render_bench_result().
#pragma once

#include <cstdint>
#include <string>

#include "api/engine.h"
#include "cli/bench_flags.h"
#include "cli/bench_timing.h"

namespace regoc::cli {

// The figures of one repetition of a benchmark.
struct BenchResult {
  LatencyStats latency;
  double prepare_ns = 0;        // parsing modules, compiling, planning, native code generation
  uint64_t peak_rss_bytes = 0;  // the process's maximum resident set size so far
  ExecutorKind executor = ExecutorKind::Interpreter;
  bool parse_input = false;     // whether each decision parsed the input's JSON text
  DecisionApi api = DecisionApi::Eval;
};

/// Renders one repetition's result. Without `benchmem`, the pretty and gobench formats leave
/// out allocations and peak RSS; the json format always has every field.
std::string render_bench_result(const BenchResult& result, BenchFormat format, bool benchmem);

}  // namespace regoc::cli
