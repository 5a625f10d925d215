// The `regoc test` command (see cli/test_command.h).
//
// Steps, in opa test's order: parse options, load the files, compile the modules, find the
// tests, run them (--count times) and report them in the chosen format. Errors in the options,
// the files or the modules print on the standard error; reports print on the standard output.
#include "cli/test_command.h"

#include <exception>
#include <iostream>
#include <thread>

#include "api/engine.h"
#include "cli/test_coverage.h"
#include "cli/test_flags.h"
#include "cli/test_loading.h"
#include "cli/test_report.h"
#include "cli/test_runner.h"

namespace regoc::cli {

namespace {

constexpr int kExitPass = 0;
constexpr int kExitError = 1;  // invalid options, unloadable files, compile errors
constexpr int kExitFail = 2;   // a test did not pass, or coverage is below the threshold

// OPA's defaults for --timeout.
constexpr std::chrono::seconds kDefaultTimeout{5};
constexpr std::chrono::seconds kDefaultBenchTimeout{30};

int fail_with(const std::string& message) {
  std::cerr << message << "\n";
  return kExitError;
}

std::string errors_text(const Errors& errors) {
  std::string out = errors.size() == 1 ? "1 error occurred: "
                                       : std::to_string(errors.size()) + " errors occurred:\n";
  for (size_t i = 0; i < errors.size(); ++i) {
    if (i > 0) out += "\n";
    out += errors[i].code.empty() ? errors[i].message : errors[i].to_string();
  }
  return out;
}

// Loads the files and adds them to the engine; returns the errors met.
Errors load_engine(const TestFlags& flags, Engine* engine) {
  LoadedFiles files;
  load_test_files(flags.paths, flags.ignore, flags.bundle, &files);
  Errors errors;
  for (const std::string& message : files.errors) errors.push_back({"", message, {}});
  if (!errors.empty()) return errors;
  for (const ModuleSource& module : files.modules) {
    Errors parse_errors = engine->add_module(module.file_name, module.text);
    errors.insert(errors.end(), parse_errors.begin(), parse_errors.end());
  }
  engine->set_data(std::move(files.data));
  engine->rename_duplicate_tests(true);
  return errors;
}

RunOptions run_options(const TestFlags& flags) {
  RunOptions options;
  options.filter = flags.run;
  options.timeout = flags.timeout.value_or(flags.bench ? kDefaultBenchTimeout : kDefaultTimeout);
  options.parallel = flags.parallel > 0 ? flags.parallel
                                        : static_cast<int>(std::thread::hardware_concurrency());
  // OPA's compiler drops print() calls when benchmarking.
  options.capture_print = !flags.bench;
  options.coverage = flags.coverage;
  options.benchmem = flags.benchmem;
  return options;
}

// The coverage reporter prints no report when a test did not pass: it names the first such
// test on the standard error instead, and the command exits with status 1.
int report_coverage(const std::vector<TestResult>& results, const Engine& engine,
                    const CoveredRows& covered, const TestFlags& flags) {
  for (const TestResult& result : results) {
    if (result.pass()) continue;
    if (!result.errors.empty()) return fail_with(error_text(result));
    return fail_with(result_text(result));
  }
  const CoverageReport report = build_coverage_report(covered, engine.coverable_rows());
  if (report.coverage < flags.threshold) {
    std::cerr << threshold_error(report, flags.threshold, flags.verbose) << "\n";
    return kExitFail;
  }
  std::cout << render_coverage_json(report);
  return kExitPass;
}

// One run of the suite: runs the tests, prints the report and returns the exit status.
int run_suite(const Engine& engine, const std::vector<TestCase>& tests, const TestFlags& flags) {
  const RunOptions options = run_options(flags);
  Errors errors;
  CoveredRows covered;
  const std::vector<TestResult> results =
      flags.bench ? benchmark_tests(engine, tests, options, &errors)
                  : run_tests(engine, tests, options, &errors, &covered);
  if (!errors.empty()) return fail_with(errors_text(errors));

  int status = kExitPass;
  for (const TestResult& result : results) {
    if (!result.pass() && !(result.skip && flags.exit_zero_on_skipped)) status = kExitFail;
  }

  if (flags.coverage) {
    const int coverage_status = report_coverage(results, engine, covered, flags);
    if (coverage_status != kExitPass) return coverage_status;
  } else if (flags.format == TestFormat::Json) {
    std::cout << render_json(results);
  } else {
    PrettyOptions pretty;
    pretty.verbose = flags.verbose;
    pretty.bench = flags.bench;
    pretty.gobench = flags.format == TestFormat::GoBench;
    pretty.benchmem = flags.benchmem;
    std::cout << render_pretty(results, pretty);
  }
  std::cout << std::flush;

  if (results.empty() && flags.fail_on_empty) return fail_with("no tests were run");
  return status;
}

int run_checked(const TestFlags& flags) {
  if (flags.threshold < 0 || flags.threshold > 100) {
    return fail_with("Code coverage threshold must be between 0 and 100");
  }
  TestFlags effective = flags;
  if (effective.threshold > 0) effective.coverage = true;
  if (effective.coverage && effective.bench) {
    // OPA prints this message twice: once where it finds the conflict, once as the error.
    const std::string message = "coverage reporting is not supported when benchmarking tests";
    std::cerr << message << "\n";
    return fail_with(message);
  }

  Engine engine;
  if (Errors errors = load_engine(effective, &engine); !errors.empty()) {
    return fail_with(errors_text(errors));
  }
  std::vector<TestCase> tests;
  if (std::string error = discover_tests(engine, run_options(effective), &tests);
      !error.empty()) {
    return fail_with(error);
  }
  for (int run = 0; run < effective.count; ++run) {
    const int status = run_suite(engine, tests, effective);
    if (status != kExitPass) return status;
  }
  return kExitPass;
}

}  // namespace

int run_test(std::span<const std::string> args) {
  TestFlags flags;
  if (const std::string error = parse_test_flags(args, &flags); !error.empty()) {
    std::cerr << "regoc test: " << error << "\n";
    return kExitError;
  }
  if (flags.help) {
    std::cout << test_help();
    return kExitPass;
  }
  if (flags.format == TestFormat::GoBench && !flags.bench) {
    // OPA prints this and exits with status 0.
    std::cerr << "cannot use output format gobench without running benchmarks (--bench)\n";
    return kExitPass;
  }
  try {
    return run_checked(flags);
  } catch (const std::exception& e) {
    // A bug in regoc, not in the policy: report it like any other error.
    return fail_with(std::string("internal error: ") + e.what());
  }
}

}  // namespace regoc::cli
