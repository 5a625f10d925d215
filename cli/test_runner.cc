// Evaluation of the discovered tests for `regoc test` (see cli/test_runner.h).
//
// The modules are compiled once and every test gets its own prepared query. Tests run on a
// small pool of threads, and each evaluation has its own deadline, print buffer and coverage
// set. Results keep the order of the tests, whatever order they finish in.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "cli/bench_alloc.h"
#include "cli/bench_timing.h"
#include "cli/test_runner.h"
#include "runtime/json.h"

namespace regoc::cli {

namespace {

using Clock = std::chrono::steady_clock;

// The text OPA gives a case name: a string as it is, any other value as JSON.
std::string case_name(const Value& key) {
  return key.is_string() ? std::string(key.as_string()) : to_json(key);
}

// The cases of a parameterized test's value, as OPA's tester reads them: true passes, an
// object contains nested cases, anything else fails. Returns true when any case failed.
bool collect_sub_results(const Value& value, std::vector<SubResult>* out) {
  bool failed = false;
  for (const auto& [key, child] : value.object_entries()) {
    SubResult result;
    result.name = case_name(key);
    if (child.is_object()) {
      result.fail = collect_sub_results(child, &result.children);
    } else {
      result.fail = !(child.is_boolean() && child.as_bool());
    }
    failed = failed || result.fail;
    out->push_back(std::move(result));
  }
  std::sort(out->begin(), out->end(),
            [](const SubResult& a, const SubResult& b) { return a.name < b.name; });
  return failed;
}

// Judges a test from its query outcome.
void judge(const TestCase& test, EvalOutcome outcome, TestResult* result) {
  if (!outcome.errors.empty()) {
    result->errors = std::move(outcome.errors);
    return;
  }
  if (outcome.results.empty()) {
    result->fail = true;
    return;
  }
  const Value& value = outcome.results.front().expressions.front().value;
  if (test.parameterized && value.is_object()) {
    // NOTE: OPA also lists, as failed, cases whose body failed after their name was bound
    // (it traces an injected internal.test_case call). regoc gets only the cases that
    // produced a value: such cases are missing, and a test whose every case failed is
    // reported as failed without cases.
    result->fail = collect_sub_results(value, &result->sub_results) || value.size() == 0;
    return;
  }
  result->fail = !(value.is_boolean() && value.as_bool());
}

TestResult run_one(const TestCase& test, const PreparedQuery& prepared,
                   const RunOptions& options, CoveredRows* covered) {
  TestResult result;
  result.test = &test;
  EvalOptions eval;
  if (options.capture_print) {
    eval.print = [&result](std::string_view line) {
      result.output.append(line);
      result.output += '\n';
    };
  }
  eval.coverage = covered;
  const Clock::time_point start = Clock::now();
  eval.deadline = start + options.timeout;
  EvalOutcome outcome = prepared.eval(Value(), eval);
  result.duration = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start);
  judge(test, std::move(outcome), &result);
  return result;
}

// A result for a test that does not run: skipped, or rejected before evaluation.
TestResult result_without_run(const TestCase& test, const Errors& prepare_errors) {
  TestResult result;
  result.test = &test;
  result.skip = test.skip;
  if (test.skip) return result;
  result.compile_error = true;
  if (test.is_function) {
    result.errors.push_back({codes::kType,
                             test.full_name + " is a function: a test must be a rule "
                             "without arguments",
                             test.location});
  } else {
    result.errors = prepare_errors;
  }
  return result;
}

// Prepares the query of every test that runs; the others get an empty PreparedQuery.
Errors prepare_tests(const Engine& engine, const std::vector<TestCase>& tests,
                     const RunOptions& options, std::vector<PreparedQuery>* prepared,
                     std::vector<Errors>* prepare_errors) {
  std::vector<std::vector<std::string>> paths;
  std::vector<size_t> runnable;
  for (size_t i = 0; i < tests.size(); ++i) {
    if (tests[i].skip || tests[i].is_function) continue;
    paths.push_back(tests[i].path);
    runnable.push_back(i);
  }
  PrepareOptions prepare_options;
  prepare_options.coverage = options.coverage;
  std::vector<PreparedQuery> queries;
  std::vector<Errors> query_errors;
  Errors errors = engine.prepare_documents(paths, &queries, &query_errors, prepare_options);
  if (!errors.empty()) return errors;
  prepared->assign(tests.size(), PreparedQuery());
  prepare_errors->assign(tests.size(), Errors());
  for (size_t i = 0; i < runnable.size(); ++i) {
    (*prepared)[runnable[i]] = std::move(queries[i]);
    (*prepare_errors)[runnable[i]] = std::move(query_errors[i]);
  }
  return {};
}

}  // namespace

std::vector<TestResult> run_tests(const Engine& engine, const std::vector<TestCase>& tests,
                                  const RunOptions& options, Errors* errors,
                                  CoveredRows* covered) {
  std::vector<PreparedQuery> prepared;
  std::vector<Errors> prepare_errors;
  *errors = prepare_tests(engine, tests, options, &prepared, &prepare_errors);
  if (!errors->empty()) return {};

  std::vector<TestResult> results(tests.size());
  std::atomic<size_t> next{0};
  std::mutex coverage_mutex;
  auto work = [&] {
    CoveredRows local;
    for (size_t i = next++; i < tests.size(); i = next++) {
      if (!prepared[i].impl) {
        results[i] = result_without_run(tests[i], prepare_errors[i]);
        continue;
      }
      results[i] = run_one(tests[i], prepared[i], options, options.coverage ? &local : nullptr);
    }
    if (!options.coverage) return;
    std::lock_guard<std::mutex> lock(coverage_mutex);
    for (const auto& [file, rows] : local) (*covered)[file].insert(rows.begin(), rows.end());
  };

  const size_t threads = std::clamp<size_t>(options.parallel, 1, std::max<size_t>(tests.size(), 1));
  std::vector<std::thread> pool;
  for (size_t i = 1; i < threads; ++i) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  return results;
}

std::vector<TestResult> benchmark_tests(const Engine& engine,
                                        const std::vector<TestCase>& tests,
                                        const RunOptions& options, Errors* errors) {
  std::vector<PreparedQuery> prepared;
  std::vector<Errors> prepare_errors;
  *errors = prepare_tests(engine, tests, options, &prepared, &prepare_errors);
  if (!errors->empty()) return {};

  std::vector<TestResult> results;
  for (size_t i = 0; i < tests.size(); ++i) {
    if (!prepared[i].impl) {
      results.push_back(result_without_run(tests[i], prepare_errors[i]));
      continue;
    }
    // A test that does not pass is reported from its first run, as OPA stops benchmarking
    // it at the first failure.
    TestResult first = run_one(tests[i], prepared[i], options, nullptr);
    if (!first.pass()) {
      results.push_back(std::move(first));
      continue;
    }
    EvalOptions eval;
    eval.deadline = Clock::now() + options.timeout;
    Errors failure;
    auto decide = [&] {
      EvalOutcome outcome = prepared[i].eval(Value(), eval);
      failure = std::move(outcome.errors);
      return failure.empty();
    };
    LatencyStats stats;
    const Clock::time_point start = Clock::now();
    const bool ok = measure_latency(decide, TimingOptions(), &stats);
    TestResult result = std::move(first);
    result.duration = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start);
    if (!ok) {
      result.errors = std::move(failure);
    } else {
      BenchFigures figures;
      figures.iterations = stats.decisions;
      figures.ns_per_op = stats.ns_per_op;
      const double decisions = static_cast<double>(std::max<uint64_t>(stats.decisions, 1));
      figures.bytes_per_op = static_cast<double>(stats.allocations.bytes) / decisions;
      figures.allocs_per_op = static_cast<double>(stats.allocations.allocations) / decisions;
      result.bench = figures;
    }
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace regoc::cli
