// The `regoc eval` command (see cli/eval.h).
//
// Steps, in opa eval's order: parse options, read the input, load modules and data, compile
// the query, evaluate it, print the result and pick the exit status. Errors met while loading,
// compiling or evaluating print in the chosen output format. Errors in the options or the
// input print as one plain line on the standard error.
#include "cli/eval.h"

#include <exception>
#include <iostream>
#include <iterator>
#include <string_view>

#include "api/engine.h"
#include "cli/eval_flags.h"
#include "cli/output.h"
#include "runtime/json.h"
#include "runtime/loader.h"

namespace regoc::cli {

namespace {

std::string read_stdin() {
  return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
}

int usage_error(const std::string& message) {
  std::cerr << "regoc eval: " << message << "\n";
  return kExitError;
}

// Reads the input document; leaves *input undefined when no input was given.
bool read_input(const EvalFlags& flags, Value* input, std::string* error) {
  std::string text;
  if (flags.stdin_input) {
    text = read_stdin();
  } else if (!flags.input_path.empty()) {
    if (!read_file_text(flags.input_path, &text, error)) {
      *error = "unable to read input: " + *error;
      return false;
    }
  } else {
    return true;
  }
  // As OPA's util.Unmarshal: JSON when the text is valid JSON, YAML otherwise, so a document
  // that is neither gets the YAML error (YAML reads JSON too).
  std::string json_error;
  std::string yaml_error;
  if (!parse_json(text, input, &json_error) && !parse_yaml(text, input, &yaml_error)) {
    const std::string source = flags.stdin_input ? "standard input" : flags.input_path;
    *error = "unable to parse input from " + source + ": " + yaml_error;
    return false;
  }
  return true;
}

// Loads -d paths and bundles; each failure becomes an error without code or location.
bool load_files(const EvalFlags& flags, LoadedFiles* files, Errors* errors) {
  load_data_paths(flags.data_paths, files);
  for (const std::string& bundle : flags.bundle_paths) load_bundle(bundle, files);
  for (const std::string& message : files->errors) errors->push_back({"", message, {}});
  return errors->empty();
}

// Parses the modules and compiles the query; returns false with the errors on failure.
bool prepare_query(const LoadedFiles& files, const std::string& query, ExecutorKind executor,
                   PreparedQuery* prepared, Errors* errors) {
  Engine engine;
  for (const ModuleSource& module : files.modules) {
    Errors parse_errors = engine.add_module(module.file_name, module.text);
    errors->insert(errors->end(), parse_errors.begin(), parse_errors.end());
  }
  if (!errors->empty()) return false;
  engine.set_data(files.data);
  *errors = engine.prepare(query, prepared, executor);
  return errors->empty();
}

int print_report(const EvalReport& report, const EvalFlags& flags) {
  std::string out, err;
  write_report(report, flags.output, &out, &err);
  std::cout << out << std::flush;
  std::cerr << err << std::flush;
  if (!report.errors.empty()) return kExitError;

  const bool defined = !report.results.empty();
  if ((flags.fail && !defined) || (flags.fail_defined && defined)) return kExitFail;
  return kExitOk;
}

int evaluate(const EvalFlags& flags, const std::string& query, const Value& input) {
  EvalReport report;
  LoadedFiles files;
  if (!load_files(flags, &files, &report.errors)) return print_report(report, flags);

  PreparedQuery prepared;
  if (!prepare_query(files, query, flags.executor, &prepared, &report.errors)) return print_report(report, flags);
  if (flags.dump_ir) {
    std::cout << prepared.dump_ir() << std::flush;
    return kExitOk;
  }

  EvalOptions options;
  options.strict_builtin_errors = flags.strict_builtin_errors;
  // opa eval sends print() output to the standard error.
  options.print = [](std::string_view line) { std::cerr << line << "\n"; };
  EvalOutcome outcome = prepared.eval(input, options);
  report.results = std::move(outcome.results);
  report.errors = std::move(outcome.errors);
  return print_report(report, flags);
}

}  // namespace

int run_eval(std::span<const std::string> args) {
  EvalFlags flags;
  if (const std::string error = parse_eval_flags(args, &flags); !error.empty()) {
    return usage_error(error);
  }
  if (flags.help) {
    std::cout << eval_help();
    return kExitOk;
  }

  const std::string query = flags.stdin_query ? read_stdin() : *flags.query;
  Value input;
  if (std::string error; !read_input(flags, &input, &error)) {
    std::cerr << error << "\n";
    return kExitError;
  }

  try {
    return evaluate(flags, query, input);
  } catch (const std::exception& e) {
    // A bug in regoc, not in the policy: report it like any other error.
    EvalReport report;
    report.errors.push_back({codes::kInternal, std::string("internal error: ") + e.what(), {}});
    print_report(report, flags);
    return kExitError;
  }
}

}  // namespace regoc::cli
