// The `regoc bench` command (see cli/bench.h).
//
// Steps: parse options, read the input, load modules and data, prepare the query (timed),
// then for each repetition run the timing loop of cli/bench_timing.h and print the figures.
// Errors met while loading, preparing or evaluating print as `regoc eval` prints them: as
// JSON on the standard output with --format json, as text on the standard error otherwise.
#include "cli/bench.h"

#include <chrono>
#include <exception>
#include <iostream>
#include <iterator>

#include "api/engine.h"
#include "cli/bench_flags.h"
#include "cli/bench_report.h"
#include "cli/eval.h"
#include "cli/output.h"
#include "runtime/json.h"
#include "runtime/json_simd.h"
#include "runtime/loader.h"

namespace regoc::cli {

namespace {

std::string read_stdin() {
  return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
}

int print_errors(const Errors& errors, const BenchFlags& flags) {
  EvalReport report;
  report.errors = errors;
  WriteOptions options;
  options.format = flags.format == BenchFormat::Json ? OutputFormat::Json : OutputFormat::Pretty;
  std::string out, err;
  write_report(report, options, &out, &err);
  std::cout << out << std::flush;
  std::cerr << err << std::flush;
  return kExitError;
}

Errors single_error(std::string message) { return {Error{"", std::move(message), {}}}; }

// Reads the input's text; leaves *text empty and returns true when no input was given.
bool read_input_text(const BenchFlags& flags, std::string* text, std::string* error) {
  if (flags.stdin_input) {
    *text = read_stdin();
    return true;
  }
  if (flags.input_path.empty()) return true;
  if (read_file_text(flags.input_path, text, error)) return true;
  *error = "unable to read input: " + *error;
  return false;
}

// Parses the input once. With --parse-input it must be JSON, the format parsed per decision.
bool parse_input_document(const BenchFlags& flags, const std::string& text, Value* input,
                 std::string* error) {
  if (!flags.stdin_input && flags.input_path.empty()) return true;
  const std::string source = flags.stdin_input ? "standard input" : flags.input_path;
  std::string parse_error;
  if (flags.parse_input) {
    if (parse_json(text, input, &parse_error)) return true;
    *error = "unable to parse input from " + source + " as JSON (which --parse-input needs): " +
             parse_error;
    return false;
  }
  if (parse_document(text, input, &parse_error)) return true;
  *error = "unable to parse input from " + source + ": " + parse_error;
  return false;
}

// Parses the modules and compiles the query, and sets *prepare_ns to the time that took.
Errors prepare_query(const LoadedFiles& files, const std::string& query, ExecutorKind executor,
                     PreparedQuery* prepared, double* prepare_ns) {
  const auto start = std::chrono::steady_clock::now();
  Engine engine;
  Errors errors;
  for (const ModuleSource& module : files.modules) {
    Errors parse_errors = engine.add_module(module.file_name, module.text);
    errors.insert(errors.end(), parse_errors.begin(), parse_errors.end());
  }
  if (!errors.empty()) return errors;
  engine.set_data(files.data);
  errors = engine.prepare(query, prepared, executor);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  *prepare_ns = static_cast<double>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count());
  return errors;
}

// The state of one benchmark: the prepared query, its input and the first failure.
struct Benchmark {
  const BenchFlags& flags;
  PreparedQuery prepared;
  Value input;
  std::string input_text;  // parsed per decision with --parse-input
  EvalOptions options;
  Errors failure;

  bool accept(EvalOutcome&& outcome) {
    if (!outcome.errors.empty()) {
      failure = std::move(outcome.errors);
      return false;
    }
    if (flags.fail && outcome.results.empty()) {
      failure = single_error("undefined result");
      return false;
    }
    return true;
  }

  // The outcome of PreparedQuery::decide: undefined with *error filled on failure.
  bool accept_value(const Value& value, Error&& error) {
    if (!error.code.empty() || !error.message.empty()) {
      failure = {std::move(error)};
      return false;
    }
    if (flags.fail && !value.is_defined()) {
      failure = single_error("undefined result");
      return false;
    }
    return true;
  }

  bool eval() { return accept(prepared.eval(input, options)); }

  bool parse_and_eval() { return accept(prepared.eval_json(input_text, options)); }

  bool decide() {
    Error error;
    const Value value = prepared.decide(input, &error, options);
    return accept_value(value, std::move(error));
  }

  bool parse_and_decide() {
    Value parsed;
    std::string message;
    if (!parse_json_simd(input_text, &parsed, &message)) {
      failure = single_error("unable to parse input: " + message);
      return false;
    }
    Error error;
    const Value value = prepared.decide(parsed, &error, options);
    return accept_value(value, std::move(error));
  }

  bool measure(LatencyStats* stats) {
    TimingOptions timing;
    timing.min_time = flags.benchtime.duration;
    timing.iterations = flags.benchtime.iterations;
    if (flags.api == DecisionApi::Decide) {
      if (flags.parse_input) {
        return measure_latency([this] { return parse_and_decide(); }, timing, stats);
      }
      return measure_latency([this] { return decide(); }, timing, stats);
    }
    if (flags.parse_input) {
      return measure_latency([this] { return parse_and_eval(); }, timing, stats);
    }
    return measure_latency([this] { return eval(); }, timing, stats);
  }
};

int run_repetitions(Benchmark* benchmark, double prepare_ns) {
  const BenchFlags& flags = benchmark->flags;
  for (int repetition = 0; repetition < flags.count; ++repetition) {
    BenchResult result;
    result.prepare_ns = prepare_ns;
    result.executor = flags.executor;
    result.parse_input = flags.parse_input;
    result.api = flags.api;
    if (!benchmark->measure(&result.latency)) return print_errors(benchmark->failure, flags);
    result.peak_rss_bytes = peak_rss_bytes();
    std::cout << render_bench_result(result, flags.format, flags.benchmem) << std::flush;
  }
  return kExitOk;
}

int run_benchmark(const BenchFlags& flags, const std::string& query, std::string input_text) {
  Benchmark benchmark{flags, {}, {}, std::move(input_text), {}, {}};
  std::string error;
  if (!parse_input_document(flags, benchmark.input_text, &benchmark.input, &error)) {
    std::cerr << error << "\n";
    return kExitError;
  }
  benchmark.options.strict_builtin_errors = flags.strict_builtin_errors;

  LoadedFiles files;
  load_data_paths(flags.data_paths, &files);
  for (const std::string& bundle : flags.bundle_paths) load_bundle(bundle, &files);
  Errors errors;
  for (const std::string& message : files.errors) errors.push_back({"", message, {}});
  if (!errors.empty()) return print_errors(errors, flags);

  double prepare_ns = 0;
  errors = prepare_query(files, query, flags.executor, &benchmark.prepared, &prepare_ns);
  if (!errors.empty()) return print_errors(errors, flags);
  return run_repetitions(&benchmark, prepare_ns);
}

}  // namespace

int run_bench(std::span<const std::string> args) {
  BenchFlags flags;
  if (const std::string error = parse_bench_flags(args, &flags); !error.empty()) {
    std::cerr << "regoc bench: " << error << "\n";
    return kExitError;
  }
  if (flags.help) {
    std::cout << bench_help();
    return kExitOk;
  }

  const std::string query = flags.stdin_query ? read_stdin() : *flags.query;
  std::string input_text;
  if (std::string error; !read_input_text(flags, &input_text, &error)) {
    std::cerr << error << "\n";
    return kExitError;
  }
  try {
    return run_benchmark(flags, query, std::move(input_text));
  } catch (const std::exception& e) {
    // A bug in regoc, not in the policy: report it like any other error.
    return print_errors({Error{codes::kInternal, std::string("internal error: ") + e.what(), {}}},
                        flags);
  }
}

}  // namespace regoc::cli
