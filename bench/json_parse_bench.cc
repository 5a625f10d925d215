// Compares the two JSON readers: parse_json (runtime/json.h) and parse_json_simd
// (runtime/json_simd.h, which reuses a per-thread parser). Each benchmark parses every
// document of one set per iteration; the "ns_per_doc" counter is the time per document.
//
// Usage: regoc_bench_json_parse [WORKLOADS_DIR] [Google Benchmark flags]
// The sets are the inputs of each workload, the inputs of examples/ and rbac-large's 2 MB
// data.json. Sets whose files are missing are skipped.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "runtime/json.h"
#include "runtime/json_simd.h"

namespace {

namespace fs = std::filesystem;

using Parser = bool (*)(std::string_view, regoc::Value*, std::string*);

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The input.json file of each case folder in `folder`, sorted by case name.
std::vector<std::string> read_cases(const fs::path& folder) {
  std::vector<fs::path> paths;
  if (fs::is_directory(folder)) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (fs::exists(entry.path() / "input.json")) paths.push_back(entry.path() / "input.json");
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const fs::path& path : paths) texts.push_back(read_file(path));
  return texts;
}

// The .json files directly in `folder`, sorted by name.
std::vector<std::string> read_folder(const fs::path& folder) {
  std::vector<fs::path> paths;
  if (fs::is_directory(folder)) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.path().extension() == ".json") paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const fs::path& path : paths) texts.push_back(read_file(path));
  return texts;
}

void parse_all(benchmark::State& state, Parser parser, const std::vector<std::string>& texts) {
  size_t bytes = 0;
  for (const std::string& text : texts) bytes += text.size();
  regoc::Value value;
  std::string error;
  for (auto _ : state) {
    for (const std::string& text : texts) {
      if (!parser(text, &value, &error)) {
        state.SkipWithError(error.c_str());
        return;
      }
      benchmark::DoNotOptimize(value);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["ns_per_doc"] = benchmark::Counter(
      static_cast<double>(texts.size()) * 1e-9,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void register_set(const std::string& name, std::vector<std::string> texts) {
  if (texts.empty()) {
    std::cerr << "skipping " << name << ": no files\n";
    return;
  }
  auto shared = std::make_shared<std::vector<std::string>>(std::move(texts));
  benchmark::RegisterBenchmark(("parse_json/" + name).c_str(),
                               [shared](benchmark::State& state) {
                                 parse_all(state, &regoc::parse_json, *shared);
                               });
  benchmark::RegisterBenchmark(("parse_json_simd/" + name).c_str(),
                               [shared](benchmark::State& state) {
                                 parse_all(state, &regoc::parse_json_simd, *shared);
                               });
}

}  // namespace

int main(int argc, char** argv) {
  fs::path workloads = REGOC_WORKLOADS_DIR;
  if (argc > 1 && argv[1][0] != '-') {
    workloads = argv[1];
    --argc;
    ++argv;
    argv[0] = argv[-1];
  }
  for (const char* set : {"mesh-authz", "rbac-large", "abac-rules"}) {
    register_set(std::string(set) + "_inputs", read_folder(workloads / set / "inputs"));
  }
  register_set("examples_inputs", read_cases(fs::path(REGOC_SOURCE_DIR) / "examples/cases"));
  fs::path big = workloads / "rbac-large" / "data.json";
  if (fs::exists(big)) register_set("rbac-large_data", {read_file(big)});

  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
