// Running and judging one conformance case (see conformance/run_case.h).
//
// The rules follow OPA's harness in v1/topdown/exported_test.go (OPA 1.x). Modules are named
// test-0.rego, test-1.rego and so on. An input_term is parsed as a Rego term and wins over
// input. Results become sets of binding objects after a round trip through JSON.
#include "conformance/run_case.h"

#include <algorithm>
#include <cstdlib>
#include <exception>

#include "api/engine.h"
#include "runtime/json.h"

namespace regoc::conformance {

namespace {

// A value as it looks after conversion to JSON and back: sets become arrays and non-string
// object keys become their JSON text, as OPA's ast.JSON does.
Value json_round_trip(const Value& value) {
  switch (value.kind()) {
    case Kind::Array:
    case Kind::Set: {
      std::vector<Value> items;
      const auto source = value.is_set() ? value.set_items() : value.array_items();
      for (const Value& item : source) items.push_back(json_round_trip(item));
      return Value::array(std::move(items));
    }
    case Kind::Object: {
      std::vector<Value::Entry> entries;
      for (const auto& [key, item] : value.object_entries()) {
        Value json_key = key.is_string() ? key : Value::string(to_json(json_round_trip(key)));
        entries.emplace_back(std::move(json_key), json_round_trip(item));
      }
      return Value::object(std::move(entries));
    }
    default:
      return value;
  }
}

Value sorted_array(const Value& value) {
  if (!value.is_array()) return value;
  std::vector<Value> items(value.array_items().begin(), value.array_items().end());
  std::sort(items.begin(), items.end());
  return Value::array(std::move(items));
}

Value result_set(const std::vector<QueryResult>& results, bool sort_bindings) {
  std::vector<Value> rows;
  for (const QueryResult& result : results) {
    std::vector<Value::Entry> bindings;
    for (const auto& [name, value] : result.bindings) {
      Value json = json_round_trip(value);
      bindings.emplace_back(Value::string(name), sort_bindings ? sorted_array(json) : json);
    }
    rows.push_back(Value::object(std::move(bindings)));
  }
  return Value::set(std::move(rows));
}

std::string errors_text(const Errors& errors) {
  std::string out;
  for (const Error& error : errors) out += (out.empty() ? "" : "\n") + error.to_string();
  return out;
}

// Evaluates the input_term text as a Rego term by binding it to a variable in a query.
bool evaluate_term(const std::string& term, Value* out, std::string* error) {
  static const std::string kVariable = "regoc_input_term";
  Engine engine;
  PreparedQuery prepared;
  Errors errors = engine.prepare(kVariable + " = " + term, &prepared);
  if (errors.empty()) {
    EvalOutcome outcome = prepared.eval(Value::undefined());
    errors = std::move(outcome.errors);
    if (errors.empty() && !outcome.results.empty()) {
      for (const auto& [name, value] : outcome.results.front().bindings) {
        if (name == kVariable) *out = value;
      }
    }
  }
  if (!errors.empty()) *error = errors_text(errors);
  else if (!out->is_defined()) *error = "the term is undefined";
  return error->empty();
}

// Evaluates the case; fills *results or *errors. Returns false when the case itself is broken
// (an input_term that does not evaluate), with the reason in *setup_error.
bool evaluate_case(const ConformanceCase& test, ExecutorKind executor,
                   std::vector<QueryResult>* results,
                   Errors* errors, std::string* setup_error) {
  Value input = test.input.value_or(Value::undefined());
  if (test.input_term && !evaluate_term(*test.input_term, &input, setup_error)) {
    *setup_error = "input_term could not be evaluated: " + *setup_error;
    return false;
  }

  Engine engine;
  for (size_t i = 0; i < test.modules.size(); ++i) {
    Errors parse_errors =
        engine.add_module("test-" + std::to_string(i) + ".rego", test.modules[i]);
    errors->insert(errors->end(), parse_errors.begin(), parse_errors.end());
  }
  if (!errors->empty()) return true;
  engine.set_data(test.data.value_or(Value::object()));

  // OPA's conformance runner compiles without checking rules against the data.
  PrepareOptions prepare_options;
  prepare_options.executor = executor;
  prepare_options.check_data_conflicts = false;
  PreparedQuery prepared;
  *errors = engine.prepare(test.query, &prepared, prepare_options);
  if (!errors->empty()) return true;

  EvalOptions options;
  options.strict_builtin_errors = test.strict_error;
  EvalOutcome outcome = prepared.eval(input, options);
  *results = std::move(outcome.results);
  *errors = std::move(outcome.errors);
  return true;
}

// Compares the outcome with the expectations; returns the first mismatch, or "" when none.
std::string judge(const ConformanceCase& test, const std::vector<QueryResult>& results,
                  const Errors& errors) {
  const bool expects_error = test.want_error || test.want_error_code;
  if (!test.want_result && !expects_error && !test.want_defined) {
    return "the case has none of want_result, want_error, want_error_code or want_defined";
  }
  if (!errors.empty() && !expects_error) return "unexpected error: " + errors_text(errors);
  if (test.want_error) {
    if (errors.empty()) return "expected an error containing \"" + *test.want_error +
                               "\", but evaluation succeeded";
    if (errors_text(errors).find(*test.want_error) == std::string::npos) {
      return "expected an error containing \"" + *test.want_error + "\", got: " +
             errors_text(errors);
    }
  }
  if (test.want_error_code) {
    if (errors.empty()) return "expected error code " + *test.want_error_code +
                               ", but evaluation succeeded";
    if (errors.front().code != *test.want_error_code) {
      return "expected error code " + *test.want_error_code + ", got: " + errors_text(errors);
    }
  }
  if (test.want_defined && *test.want_defined != !results.empty()) {
    return *test.want_defined ? "expected a defined result, got undefined"
                              : "expected an undefined result, got " +
                                    to_json(result_set(results, false));
  }
  if (test.want_result) {
    const Value want = Value::set(*test.want_result);
    const Value got = result_set(results, test.sort_bindings);
    if (want != got) return "unexpected result\n  want: " + to_json(want) + "\n  got:  " +
                            to_json(got);
  }
  return "";
}

}  // namespace

CaseOutcome run_case(const ConformanceCase& test, ExecutorKind executor) {
  if (!test.invalid.empty()) return {CaseStatus::Failed, "invalid case: " + test.invalid};
  if (test.skip) return {CaseStatus::Skipped, *test.skip};

  // NOTE: with --no-fork every case runs in the runner's process, so a case that sets env
  // leaves the variables set for the cases after it.
  for (const auto& [name, value] : test.env) setenv(name.c_str(), value.c_str(), 1);

  std::vector<QueryResult> results;
  Errors errors;
  std::string setup_error;
  try {
    if (!evaluate_case(test, executor, &results, &errors, &setup_error)) {
      return {CaseStatus::Failed, setup_error};
    }
  } catch (const std::exception& e) {
    return {CaseStatus::Failed, std::string("exception: ") + e.what()};
  }
  std::string mismatch = judge(test, results, errors);
  if (mismatch.empty()) return {CaseStatus::Passed, ""};
  return {CaseStatus::Failed, std::move(mismatch)};
}

}  // namespace regoc::conformance
