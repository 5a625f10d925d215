// Parsing of `regoc bench` options (see cli/bench_flags.h). The forms each option accepts are
// those of cli/option_parser.h.
#include "cli/bench_flags.h"

#include <charconv>
#include <cmath>
#include <string_view>

#include "cli/option_parser.h"

namespace regoc::cli {

namespace {

// An unscoped enum converts to OptionSpec's int id; its namespace keeps the names of its
// values out of this file's scope.
namespace option_id {
enum BenchOptionId : int {
  Data, Bundle, Input, StdinInput, Stdin, Format, Count, Benchtime, Benchmem, Fail,
  ParseInput, Api, StrictBuiltinErrors, Engine, Help, Target, V1Compatible,
  Unsupported = kUnsupportedOption,
};
}  // namespace option_id
using option_id::BenchOptionId;

// The options of opa bench (OPA 1.x), then those regoc adds: --benchtime (named after
// `go test -benchtime`), --parse-input, --api, --engine and --strict-builtin-errors.
constexpr OptionSpec kOptions[] = {
    {"data", 'd', true, BenchOptionId::Data},
    {"bundle", 'b', true, BenchOptionId::Bundle},
    {"input", 'i', true, BenchOptionId::Input},
    {"stdin-input", 'I', false, BenchOptionId::StdinInput},
    {"stdin", '\0', false, BenchOptionId::Stdin},
    {"format", 'f', true, BenchOptionId::Format},
    {"count", '\0', true, BenchOptionId::Count},
    {"benchmem", '\0', false, BenchOptionId::Benchmem},
    {"fail", '\0', false, BenchOptionId::Fail},
    {"target", 't', true, BenchOptionId::Target},
    {"v1-compatible", '\0', false, BenchOptionId::V1Compatible},
    {"help", 'h', false, BenchOptionId::Help},
    {"benchtime", '\0', true, BenchOptionId::Benchtime},
    {"parse-input", '\0', false, BenchOptionId::ParseInput},
    {"api", '\0', true, BenchOptionId::Api},
    {"strict-builtin-errors", '\0', false, BenchOptionId::StrictBuiltinErrors},
    {"engine", '\0', true, BenchOptionId::Engine},
    {"config-file", 'c', true, BenchOptionId::Unsupported},
    {"e2e", '\0', false, BenchOptionId::Unsupported},
    {"ignore", '\0', true, BenchOptionId::Unsupported},
    {"import", '\0', true, BenchOptionId::Unsupported},
    {"metrics", '\0', false, BenchOptionId::Unsupported},
    {"package", '\0', true, BenchOptionId::Unsupported},
    {"partial", 'p', false, BenchOptionId::Unsupported},
    {"read-ast-values-from-store", '\0', false, BenchOptionId::Unsupported},
    {"schema", 's', true, BenchOptionId::Unsupported},
    {"shutdown-grace-period", '\0', true, BenchOptionId::Unsupported},
    {"shutdown-wait-period", '\0', true, BenchOptionId::Unsupported},
    {"unknowns", 'u', true, BenchOptionId::Unsupported},
    {"v0-compatible", '\0', false, BenchOptionId::Unsupported},
};

std::string parse_format(const std::string& text, BenchFormat* out) {
  if (text == "pretty") {
    *out = BenchFormat::Pretty;
  } else if (text == "json") {
    *out = BenchFormat::Json;
  } else if (text == "gobench") {
    *out = BenchFormat::GoBench;
  } else {
    return "invalid --format value \"" + text + "\": expected pretty, json or gobench";
  }
  return "";
}

std::string parse_api(const std::string& text, DecisionApi* out) {
  if (text == "eval") {
    *out = DecisionApi::Eval;
  } else if (text == "decide") {
    *out = DecisionApi::Decide;
  } else {
    return "invalid value \"" + text + "\" for --api: expected eval or decide";
  }
  return "";
}

std::string parse_count(const std::string& text, int* out) {
  int count = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (ec != std::errc() || end != text.data() + text.size() || count < 1) {
    return "invalid value \"" + text + "\" for --count: expected a positive integer";
  }
  *out = count;
  return "";
}

// Nanoseconds per unit of a duration suffix; 0 for an unknown suffix.
double unit_nanoseconds(std::string_view unit) {
  if (unit == "ns") return 1;
  if (unit == "us" || unit == "µs") return 1e3;
  if (unit == "ms") return 1e6;
  if (unit == "s") return 1e9;
  if (unit == "m") return 60e9;
  return 0;
}

std::string parse_benchtime(const std::string& text, BenchTime* out) {
  const std::string invalid = "invalid value \"" + text +
                              "\" for --benchtime: expected a duration such as 1s or 500ms, "
                              "or a number of decisions such as 1000x";
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (!text.empty() && text.back() == 'x') {
    uint64_t iterations = 0;
    const auto [stop, ec] = std::from_chars(begin, end - 1, iterations);
    if (ec != std::errc() || stop != end - 1 || iterations == 0) return invalid;
    *out = BenchTime{std::chrono::nanoseconds(0), iterations};
    return "";
  }
  double amount = 0;
  const auto [stop, ec] = std::from_chars(begin, end, amount);
  if (ec != std::errc()) return invalid;
  const double scale = unit_nanoseconds(std::string_view(stop, end - stop));
  const double nanoseconds = amount * scale;
  if (scale == 0 || !std::isfinite(nanoseconds) || nanoseconds < 1 || nanoseconds > 1e13) {
    return invalid;
  }
  *out = BenchTime{std::chrono::nanoseconds(static_cast<int64_t>(nanoseconds)), 0};
  return "";
}

// Stores one option and its value (nullopt for a boolean option given without "=value").
std::string apply(const OptionSpec& spec, const std::optional<std::string>& value,
                  BenchFlags* out) {
  switch (static_cast<BenchOptionId>(spec.id)) {
    case BenchOptionId::Data: out->data_paths.push_back(*value); return "";
    case BenchOptionId::Bundle: out->bundle_paths.push_back(*value); return "";
    case BenchOptionId::Input: out->input_path = *value; return "";
    case BenchOptionId::StdinInput: return parse_bool_option(spec, value, &out->stdin_input);
    case BenchOptionId::Stdin: return parse_bool_option(spec, value, &out->stdin_query);
    case BenchOptionId::Format: return parse_format(*value, &out->format);
    case BenchOptionId::Count: return parse_count(*value, &out->count);
    case BenchOptionId::Benchtime: return parse_benchtime(*value, &out->benchtime);
    case BenchOptionId::Benchmem: return parse_bool_option(spec, value, &out->benchmem);
    case BenchOptionId::Fail: return parse_bool_option(spec, value, &out->fail);
    case BenchOptionId::ParseInput: return parse_bool_option(spec, value, &out->parse_input);
    case BenchOptionId::Api: return parse_api(*value, &out->api);
    case BenchOptionId::StrictBuiltinErrors:
      return parse_bool_option(spec, value, &out->strict_builtin_errors);
    case BenchOptionId::Engine: return parse_engine_option(*value, &out->executor);
    case BenchOptionId::Help: return parse_bool_option(spec, value, &out->help);
    case BenchOptionId::V1Compatible: {
      bool ignored = false;  // Rego v1 is the only language version regoc parses.
      return parse_bool_option(spec, value, &ignored);
    }
    case BenchOptionId::Target:
      if (*value == "rego") return "";
      return "--target " + *value + " is not supported yet: regoc evaluates with its own "
             "engine (target rego)";
    case BenchOptionId::Unsupported:
      return "option --" + std::string(spec.long_name) + " is not supported yet";
  }
  return "";
}

// Checks the combinations that opa bench rejects, and those of --parse-input.
std::string validate(const BenchFlags& flags, size_t positional_count) {
  if (positional_count > 1) return "specify at most one query argument";
  if (flags.query && flags.stdin_query) return "specify a query argument or --stdin, not both";
  if (!flags.query && !flags.stdin_query) return "specify a query argument or --stdin";
  if (flags.stdin_query && flags.stdin_input) return "specify --stdin or --stdin-input, not both";
  if (flags.stdin_input && !flags.input_path.empty()) {
    return "specify --stdin-input or --input, not both";
  }
  if (flags.parse_input && !flags.stdin_input && flags.input_path.empty()) {
    return "--parse-input needs an input document: add --input or --stdin-input";
  }
  return "";
}

}  // namespace

std::string parse_bench_flags(std::span<const std::string> args, BenchFlags* out) {
  std::vector<std::string> positionals;
  const auto handle = [out](const OptionSpec& spec, const std::optional<std::string>& value) {
    return apply(spec, value, out);
  };
  if (std::string error = parse_options(args, kOptions, "bench", handle, &positionals);
      !error.empty()) {
    return error;
  }
  if (!positionals.empty()) out->query = positionals.front();
  if (out->help) return "";
  return validate(*out, positionals.size());
}

std::string bench_help() {
  return R"(Benchmark a Rego query: prepare it once, then evaluate it repeatedly and print
timing figures, as `opa bench` does.

Usage:
  regoc bench [options] <query>

What is measured: one decision is one call of PreparedQuery::eval (the embedding API) with
the input already parsed, including building the result set. With --parse-input it is one
call of PreparedQuery::eval_json, which also parses the input's JSON text. With --api decide
it is one call of PreparedQuery::decide, which returns only the value of the query's first
expression (after parsing the input with simdjson, with --parse-input). Decisions run
back to back on one thread, in timed batches of k decisions. k is chosen so that a batch
takes at least 1 us and 100 reads of std::chrono::steady_clock, and the cost of one clock
read, measured at start, is subtracted from each batch. ns/op is the total time over the
number of decisions. cpu_ns/op is the thread's CPU time over the same decisions, which
leaves out time that other processes took from the core. The p50, p90 and p99 latencies are
percentiles of the per-decision mean of each batch, so with k > 1 they smooth out outliers
shorter than a batch. Each repetition runs for --benchtime after a warm-up of up to 20 ms.
Preparing (parsing the modules, compiling, planning and, with --engine jit, generating
native code) is timed once, before the repetitions. B/op and allocs/op count C++ operator
new calls on the benchmark thread (memory that C libraries take with malloc is not
counted). Peak RSS is the process's maximum resident set size from getrusage().

Options:
  -d, --data PATH             load a .rego, .json, .yaml or .yml file, or every such file
                              under a folder (repeatable); data in dir/a/b/ lands at data.a.b
  -b, --bundle PATH           load a bundle folder: .rego files and data.json/data.yaml
                              placed by folder, with an optional .manifest (repeatable)
  -i, --input PATH            read the input document from a JSON or YAML file
  -I, --stdin-input           read the input document from standard input
      --stdin                 read the query from standard input
  -f, --format FORMAT         pretty (default: a table), json or gobench (the Go benchmark
                              data format)
      --count N               repeat the whole benchmark N times (default 1)
      --benchtime T           run each repetition for the duration T (default 1s; units ns,
                              us, ms, s, m) or for exactly N decisions when written Nx
      --benchmem              report allocations per decision and peak RSS (default true;
                              --benchmem=false hides them)
      --fail                  treat an undefined result as an error (default true;
                              --fail=false benchmarks undefined results too)
      --parse-input           parse the input's JSON text in every decision, as a server
                              receiving JSON requests does; needs a JSON input
      --api API               eval (default: build the whole result set, as opa bench does) or
                              decide (return the first expression's value only)
      --strict-builtin-errors make the first builtin error end evaluation with an error
      --engine ENGINE         interp (default: the IR interpreter) or jit (native code
                              through LLVM)
  -t, --target rego           the evaluation target; only rego is supported
  -h, --help                  print this help

Exit status: 0 on success, 2 on any error (bad options, unreadable files, parse, compile or
evaluation errors, or an undefined result with --fail).
Other options of opa bench (--e2e, --metrics, --partial, --config-file, ...) are rejected
with an error.
)";
}

}  // namespace regoc::cli
