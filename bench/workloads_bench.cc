// Google Benchmark programs for the workloads, on both executors. Each workload gets decision
// latency with the input already parsed and including the JSON parse of the input, through
// PreparedQuery::eval (the result set) and PreparedQuery::decide (the first value only), and
// the time to prepare the query. Preparing parses, compiles and plans the policy, and for the
// JIT also generates native code.
//
// Workloads: a one-rule policy built in, and mesh-authz, rbac-large and abac-rules read from
// the workloads folder (REGOC_WORKLOADS_DIR at build time, or --workloads=DIR). Each workload
// is benchmarked on one representative input, and its result is checked against the
// expected value before timing, so a wrong engine cannot post a fast figure.
//
// Usage: regoc_bench_workloads [--workloads=DIR] [Google Benchmark options]
#include <benchmark/benchmark.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "api/engine.h"
#include "cli/bench_alloc.h"
#include "runtime/json.h"
#include "runtime/json_simd.h"
#include "runtime/loader.h"

#ifndef REGOC_WORKLOADS_DIR
#define REGOC_WORKLOADS_DIR ""
#endif

namespace {

using regoc::Engine;
using regoc::EvalOutcome;
using regoc::ExecutorKind;
using regoc::PreparedQuery;
using regoc::Value;

struct Workload {
  std::string name;
  std::string query;
  std::vector<regoc::ModuleSource> modules;
  Value data = Value::object();
  std::string input_text;  // JSON
  Value input;
  Value expected;  // the query's value for the input
};

// One workload folder of the shared layout: *.rego, data.json, inputs/ and expected/.
struct WorkloadSpec {
  const char* folder;
  const char* query;
  const char* input;  // file name under inputs/ and expected/
};

// mesh-authz: an allowed request, for which every deny rule is evaluated and none matches.
// rbac-large: an allowed user, found through role inheritance. abac-rules: a request that one
// rule denies.
constexpr WorkloadSpec kWorkloadSpecs[] = {
    {"mesh-authz", "data.mesh.authz.decision", "allow_get_order.json"},
    {"rbac-large", "data.rbac.allow", "q00.json"},
    {"abac-rules", "data.abac.deny", "q00.json"},
};

Workload one_rule_workload() {
  Workload workload;
  workload.name = "one-rule";
  workload.query = "data.p.allow";
  workload.modules.push_back(
      {"p.rego", "package p\n\nallow if input.user.role == \"admin\"\n"});
  workload.input_text = R"({"user": {"role": "admin"}})";
  std::string error;
  regoc::parse_json(workload.input_text, &workload.input, &error);
  workload.expected = Value::boolean(true);
  return workload;
}

bool load_workload(const std::filesystem::path& root, const WorkloadSpec& spec, Workload* out,
                   std::string* error) {
  const std::filesystem::path dir = root / spec.folder;
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".rego") paths.push_back(entry.path().string());
  }
  if (ec) {
    *error = dir.string() + ": " + ec.message();
    return false;
  }
  paths.push_back((dir / "data.json").string());
  regoc::LoadedFiles files;
  regoc::load_data_paths(paths, &files);
  if (!files.errors.empty()) {
    *error = files.errors.front();
    return false;
  }
  out->name = spec.folder;
  out->query = spec.query;
  out->modules = std::move(files.modules);
  out->data = std::move(files.data);
  const std::string input_path = (dir / "inputs" / spec.input).string();
  if (!regoc::read_file_text(input_path, &out->input_text, error)) return false;
  if (!regoc::parse_json(out->input_text, &out->input, error)) return false;
  return regoc::read_document_file((dir / "expected" / spec.input).string(), &out->expected,
                                   error);
}

regoc::Errors prepare(const Workload& workload, ExecutorKind executor, PreparedQuery* out) {
  Engine engine;
  for (const auto& module : workload.modules) {
    regoc::Errors errors = engine.add_module(module.file_name, module.text);
    if (!errors.empty()) return errors;
  }
  engine.set_data(workload.data);
  return engine.prepare(workload.query, out, executor);
}

// Returns an empty string when the value is exactly the expected value. Sets compare
// with arrays through JSON, as the expected files write sets as sorted arrays.
std::string check_value(const Workload& workload, const Value& value) {
  if (!value.is_defined()) return "the result is undefined";
  Value actual;
  std::string error;
  const std::string text = regoc::to_json(value);
  if (!regoc::parse_json(text, &actual, &error)) return "unreadable result: " + error;
  if (actual != workload.expected) {
    return "result " + text + " differs from the expected " + regoc::to_json(workload.expected);
  }
  return "";
}

std::string check_outcome(const Workload& workload, const EvalOutcome& outcome) {
  if (!outcome.errors.empty()) return "evaluation failed: " + outcome.errors.front().message;
  if (outcome.results.empty()) return "the result is undefined";
  return check_value(workload, outcome.results.front().expressions.front().value);
}

// Prepared queries, made once per workload and executor and shared by the latency
// benchmarks, so that Google Benchmark's repeated calls do not regenerate native code.
struct PreparedEntry {
  PreparedQuery query;
  std::string error;  // non-empty when preparing or the result check failed
};

const PreparedEntry& prepared_for(const Workload& workload, ExecutorKind executor) {
  static std::map<std::pair<std::string, ExecutorKind>, PreparedEntry> cache;
  const auto key = std::make_pair(workload.name, executor);
  if (auto found = cache.find(key); found != cache.end()) return found->second;
  PreparedEntry& entry = cache[key];
  regoc::Errors errors = prepare(workload, executor, &entry.query);
  if (!errors.empty()) {
    entry.error = "prepare failed: " + errors.front().message;
  } else {
    entry.error = check_outcome(workload, entry.query.eval(workload.input));
  }
  return entry;
}

void report_allocations(benchmark::State& state, regoc::cli::AllocationCounts before) {
  const regoc::cli::AllocationCounts after = regoc::cli::current_thread_allocations();
  state.counters["allocs_per_op"] = benchmark::Counter(
      static_cast<double>(after.allocations - before.allocations),
      benchmark::Counter::kAvgIterations);
  state.counters["bytes_per_op"] = benchmark::Counter(
      static_cast<double>(after.bytes - before.bytes), benchmark::Counter::kAvgIterations);
}

void decision(benchmark::State& state, const Workload* workload, ExecutorKind executor) {
  const PreparedEntry& prepared = prepared_for(*workload, executor);
  if (!prepared.error.empty()) {
    state.SkipWithError(prepared.error.c_str());
    return;
  }
  const auto before = regoc::cli::current_thread_allocations();
  for (auto _ : state) {
    EvalOutcome outcome = prepared.query.eval(workload->input);
    benchmark::DoNotOptimize(outcome);
  }
  report_allocations(state, before);
}

// The input's JSON text is parsed in every iteration by PreparedQuery::eval_json.
void decision_with_parse(benchmark::State& state, const Workload* workload,
                         ExecutorKind executor) {
  const PreparedEntry& prepared = prepared_for(*workload, executor);
  if (!prepared.error.empty()) {
    state.SkipWithError(prepared.error.c_str());
    return;
  }
  const std::string error =
      check_outcome(*workload, prepared.query.eval_json(workload->input_text));
  if (!error.empty()) {
    state.SkipWithError(("eval_json: " + error).c_str());
    return;
  }
  const auto before = regoc::cli::current_thread_allocations();
  for (auto _ : state) {
    EvalOutcome outcome = prepared.query.eval_json(workload->input_text);
    benchmark::DoNotOptimize(outcome);
  }
  report_allocations(state, before);
}

// PreparedQuery::decide returns the first expression's value without building a result set.
void decide(benchmark::State& state, const Workload* workload, ExecutorKind executor) {
  const PreparedEntry& prepared = prepared_for(*workload, executor);
  if (!prepared.error.empty()) {
    state.SkipWithError(prepared.error.c_str());
    return;
  }
  if (const std::string error = check_value(*workload, prepared.query.decide(workload->input));
      !error.empty()) {
    state.SkipWithError(("decide: " + error).c_str());
    return;
  }
  const auto before = regoc::cli::current_thread_allocations();
  for (auto _ : state) {
    Value value = prepared.query.decide(workload->input);
    benchmark::DoNotOptimize(value);
  }
  report_allocations(state, before);
}

// The JSON parse that eval_json does (simdjson), followed by decide.
void decide_with_parse(benchmark::State& state, const Workload* workload,
                       ExecutorKind executor) {
  const PreparedEntry& prepared = prepared_for(*workload, executor);
  if (!prepared.error.empty()) {
    state.SkipWithError(prepared.error.c_str());
    return;
  }
  const auto before = regoc::cli::current_thread_allocations();
  for (auto _ : state) {
    Value input;
    std::string error;
    if (!regoc::parse_json_simd(workload->input_text, &input, &error)) {
      state.SkipWithError(error.c_str());
      break;
    }
    Value value = prepared.query.decide(input);
    benchmark::DoNotOptimize(value);
  }
  report_allocations(state, before);
}

void prepare_time(benchmark::State& state, const Workload* workload, ExecutorKind executor) {
  for (auto _ : state) {
    PreparedQuery query;
    regoc::Errors errors = prepare(*workload, executor, &query);
    if (!errors.empty()) {
      state.SkipWithError(errors.front().message.c_str());
      break;
    }
    benchmark::DoNotOptimize(query);
  }
}

void register_workload(const Workload* workload) {
  for (ExecutorKind executor : {ExecutorKind::Interpreter, ExecutorKind::Jit}) {
    const std::string suffix =
        "/" + workload->name + "/" + std::string(regoc::executor_kind_name(executor));
    benchmark::RegisterBenchmark(("decision" + suffix).c_str(), decision, workload, executor);
    benchmark::RegisterBenchmark(("decision_with_parse" + suffix).c_str(), decision_with_parse,
                                 workload, executor);
    benchmark::RegisterBenchmark(("decide" + suffix).c_str(), decide, workload, executor);
    benchmark::RegisterBenchmark(("decide_with_parse" + suffix).c_str(), decide_with_parse,
                                 workload, executor);
    benchmark::RegisterBenchmark(("prepare" + suffix).c_str(), prepare_time, workload, executor)
        ->Unit(benchmark::kMillisecond);
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::filesystem::path root = REGOC_WORKLOADS_DIR;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--workloads=", 0) == 0) {
      root = arg.substr(std::string("--workloads=").size());
    } else {
      std::cerr << "unknown argument " << arg
                << " (expected --workloads=DIR or a Google Benchmark option)\n";
      return 2;
    }
  }

  // Registered benchmarks keep pointers to these, so they live until the end of main.
  std::vector<std::unique_ptr<Workload>> workloads;
  workloads.push_back(std::make_unique<Workload>(one_rule_workload()));
  for (const WorkloadSpec& spec : kWorkloadSpecs) {
    auto workload = std::make_unique<Workload>();
    std::string error;
    if (!load_workload(root, spec, workload.get(), &error)) {
      std::cerr << "skipping workload " << spec.folder << ": " << error << "\n";
      continue;
    }
    workloads.push_back(std::move(workload));
  }
  for (const auto& workload : workloads) register_workload(workload.get());

  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
