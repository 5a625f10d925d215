// Parsing of `regoc test` options (see cli/test_flags.h). The forms each option accepts are
// those of cli/option_parser.h.
#include "cli/test_flags.h"

#include <charconv>
#include <string_view>

#include "cli/option_parser.h"
#include "cli/test_duration.h"

namespace regoc::cli {

namespace {

namespace test_option_id {
enum TestOptionId : int {
  Verbose, Run, Format, Coverage, Threshold, Timeout, Parallel, Bench, Benchmem, Count, Bundle,
  Ignore, FailOnEmpty, ExitZeroOnSkipped, Help, V1Compatible, Target, Rejected,
};
}  // namespace test_option_id
using test_option_id::TestOptionId;

// The options of opa test (OPA 1.x) with their short forms. Those marked Rejected end the
// command with an error that gives the reason.
constexpr OptionSpec kOptions[] = {
    {"verbose", 'v', false, TestOptionId::Verbose},
    {"run", 'r', true, TestOptionId::Run},
    {"format", 'f', true, TestOptionId::Format},
    {"coverage", 'c', false, TestOptionId::Coverage},
    {"threshold", '\0', true, TestOptionId::Threshold},
    {"timeout", '\0', true, TestOptionId::Timeout},
    {"parallel", 'p', true, TestOptionId::Parallel},
    {"bench", '\0', false, TestOptionId::Bench},
    {"benchmem", '\0', false, TestOptionId::Benchmem},
    {"count", '\0', true, TestOptionId::Count},
    {"bundle", 'b', false, TestOptionId::Bundle},
    {"ignore", '\0', true, TestOptionId::Ignore},
    {"fail-on-empty", '\0', false, TestOptionId::FailOnEmpty},
    {"exit-zero-on-skipped", 'z', false, TestOptionId::ExitZeroOnSkipped},
    {"help", 'h', false, TestOptionId::Help},
    {"v1-compatible", '\0', false, TestOptionId::V1Compatible},
    {"target", 't', true, TestOptionId::Target},
    {"capabilities", '\0', true, TestOptionId::Rejected},
    {"explain", '\0', true, TestOptionId::Rejected},
    {"max-errors", 'm', true, TestOptionId::Rejected},
    {"schema", 's', true, TestOptionId::Rejected},
    {"v0-compatible", '\0', false, TestOptionId::Rejected},
    {"var-values", '\0', false, TestOptionId::Rejected},
    {"watch", 'w', false, TestOptionId::Rejected},
};

// The reason an option is rejected, so that the message can name an alternative.
std::string unsupported_reason(std::string_view name) {
  if (name == "var-values" || name == "explain") {
    return "regoc does not record OPA's evaluation trace, which this option prints";
  }
  if (name == "watch") return "run regoc test again after a change instead";
  if (name == "v0-compatible") return "regoc parses Rego v1 only";
  return "regoc does not implement it yet";
}

std::string parse_format(std::string_view text, TestFormat* out) {
  if (text == "pretty") {
    *out = TestFormat::Pretty;
  } else if (text == "json") {
    *out = TestFormat::Json;
  } else if (text == "gobench") {
    *out = TestFormat::GoBench;
  } else {
    return "invalid --format value \"" + std::string(text) +
           "\": expected pretty, json or gobench";
  }
  return "";
}

std::string parse_int(const OptionSpec& spec, const std::string& text, int minimum, int* out) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < minimum) {
    return "invalid value \"" + text + "\" for --" + std::string(spec.long_name) +
           ": expected an integer of at least " + std::to_string(minimum);
  }
  *out = value;
  return "";
}

std::string parse_threshold(const std::string& text, double* out) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return "invalid value \"" + text + "\" for --threshold: expected a number";
  }
  *out = value;
  return "";
}

std::string parse_timeout(const std::string& text, TestFlags* out) {
  std::chrono::nanoseconds timeout{0};
  if (!parse_go_duration(text, &timeout)) {
    return "invalid value \"" + text + "\" for --timeout: expected a duration such as 5s, "
           "500ms or 1m30s";
  }
  // As in OPA, zero keeps the default timeout.
  if (timeout.count() > 0) out->timeout = timeout;
  return "";
}

// Stores one option and its value (nullopt for a boolean option given without "=value").
std::string apply(const OptionSpec& spec, const std::optional<std::string>& value,
                  TestFlags* out) {
  switch (static_cast<TestOptionId>(spec.id)) {
    case TestOptionId::Verbose: return parse_bool_option(spec, value, &out->verbose);
    case TestOptionId::Run: out->run = *value; return "";
    case TestOptionId::Format: return parse_format(*value, &out->format);
    case TestOptionId::Coverage: return parse_bool_option(spec, value, &out->coverage);
    case TestOptionId::Threshold: return parse_threshold(*value, &out->threshold);
    case TestOptionId::Timeout: return parse_timeout(*value, out);
    case TestOptionId::Parallel: return parse_int(spec, *value, 0, &out->parallel);
    case TestOptionId::Bench: return parse_bool_option(spec, value, &out->bench);
    case TestOptionId::Benchmem: return parse_bool_option(spec, value, &out->benchmem);
    case TestOptionId::Count: return parse_int(spec, *value, 1, &out->count);
    case TestOptionId::Bundle: return parse_bool_option(spec, value, &out->bundle);
    case TestOptionId::Ignore: out->ignore.push_back(*value); return "";
    case TestOptionId::FailOnEmpty: return parse_bool_option(spec, value, &out->fail_on_empty);
    case TestOptionId::ExitZeroOnSkipped:
      return parse_bool_option(spec, value, &out->exit_zero_on_skipped);
    case TestOptionId::Help: return parse_bool_option(spec, value, &out->help);
    case TestOptionId::V1Compatible: {
      bool ignored = false;  // Rego v1 is the only language version regoc parses.
      return parse_bool_option(spec, value, &ignored);
    }
    case TestOptionId::Target:
      if (*value == "rego") return "";
      return "--target " + *value + " is not supported: regoc runs tests with its own "
             "engine (target rego)";
    case TestOptionId::Rejected:
      return "option --" + std::string(spec.long_name) + " is not supported: " +
             unsupported_reason(spec.long_name);
  }
  return "";
}

// Checks the combinations that regoc cannot report as opa test does.
std::string validate(const TestFlags& flags) {
  if (flags.paths.empty()) return "specify at least one file";
  if (flags.bundle && !flags.ignore.empty()) {
    return "--ignore with --bundle is not supported yet: remove the files from the bundle";
  }
  if (flags.verbose && flags.format == TestFormat::Json && !flags.coverage) {
    return "-v with --format json is not supported: opa test then adds its evaluation trace "
           "to each result, and regoc does not record one";
  }
  return "";
}

}  // namespace

std::string parse_test_flags(std::span<const std::string> args, TestFlags* out) {
  const auto handle = [out](const OptionSpec& spec, const std::optional<std::string>& value) {
    return apply(spec, value, out);
  };
  if (std::string error = parse_options(args, kOptions, "test", handle, &out->paths);
      !error.empty()) {
    return error;
  }
  if (out->help) return "";
  return validate(*out);
}

std::string test_help() {
  return R"(Run the Rego tests of the given files and folders, as `opa test` does.

Usage:
  regoc test [options] <path> [path...]

Tests are rules whose names start with test_; rules named todo_test_* are reported as
skipped. Folders are searched recursively for .rego files and for .json, .yaml and .yml
data files, which are loaded as `regoc eval -d` loads them.

Options:
  -v, --verbose              list every test and its print() output, not only failures
  -r, --run REGEX            run only the tests whose full name (data.pkg.test_x) matches
                             the RE2 regular expression
  -f, --format FORMAT        pretty (default), json, or gobench (with --bench)
  -c, --coverage             print OPA's JSON coverage report instead of test results
      --threshold PERCENT    with coverage: exit with status 2 when coverage is lower
      --timeout DURATION     time limit per test, such as 10s or 500ms (default 5s, 30s
                             with --bench)
  -p, --parallel N           tests to run at a time (default: one per CPU)
      --bench                benchmark each test and print ns/op
      --benchmem             with --bench: print B/op and allocs/op (default true)
      --count N              run the whole suite N times (default 1)
  -b, --bundle               load each path as a bundle folder
      --ignore PATTERN       skip files and folders whose names match the glob pattern
                             inside the given folders (repeatable)
      --fail-on-empty        exit with status 1 when no test ran
  -z, --exit-zero-on-skipped do not count skipped tests as failures for the exit status
  -h, --help                 print this help

Exit status: 0 when every test passed, 2 when a test failed, errored or was skipped (unless
-z), 1 when the files could not be loaded or compiled.
Other options of opa test (--var-values, --explain, --watch, --capabilities, --schema,
...) are rejected with an error.
)";
}

}  // namespace regoc::cli
