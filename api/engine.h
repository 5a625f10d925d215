// The C++ embedding API: load modules and data, prepare a query, evaluate it.
//
// An Engine collects modules and base data. prepare() compiles the modules together with a
// query into an immutable PreparedQuery that any number of threads may evaluate at once.
// An Engine itself is not thread-safe: use it from one thread at a time. docs/embedding.md
// shows both this API and the C API (include/regoc/regoc.h).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/error.h"
#include "runtime/value.h"

namespace regoc {

namespace ast {
struct Module;
}
struct PreparedQueryImpl;

// Error code of a data or input document that is not valid JSON, or of data that is not an
// object. OPA's Go API has no code for these cases, so the code is regoc's own.
inline constexpr const char* kInvalidJsonCode = "invalid_json";

// One expression of the query in one result: its value and where it is in the query.
struct ExpressionValue {
  Value value;
  std::string text;  // source text of the expression
  Location location;
};

// One solution of a query.
struct QueryResult {
  std::vector<ExpressionValue> expressions;
  // Values of the query's named variables, sorted by name; generated variables are left out.
  std::vector<std::pair<std::string, Value>> bindings;
};

// The executor that runs a prepared query.
enum class ExecutorKind {
  Interpreter,  // the IR interpreter: no compile cost, the reference for results
  Jit,          // native code from the LLVM backend, loaded on first use
};

// The executor named "interp" or "jit" (the names of `regoc eval --engine`); nullopt for any
// other name.
std::optional<ExecutorKind> parse_executor_kind(std::string_view name);
std::string_view executor_kind_name(ExecutorKind kind);

// Rows of source files, by file name: the rows that evaluations reached (coverage), or the
// rows that a coverage report counts.
using CoveredRows = std::map<std::string, std::set<int>>;

struct EvalOptions {
  // When false (OPA's default) a builtin that fails makes its expression undefined; when true
  // the error ends the evaluation.
  bool strict_builtin_errors = false;
  // time.now_ns() for the evaluation; 0 means the current time.
  int64_t now_ns = 0;
  // Receives print() output, one line per call; print output is dropped when unset.
  std::function<void(std::string_view)> print;
  // Receives the rows of the modules that evaluation reached, added to the rows already
  // there. Needs a query prepared with PrepareOptions::coverage; evaluation then runs on the
  // interpreter whatever the executor.
  CoveredRows* coverage = nullptr;
  // When set, evaluation ends with eval_cancel_error once this time has passed. Evaluation
  // then runs on the interpreter whatever the executor.
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

struct PrepareOptions {
  ExecutorKind executor = ExecutorKind::Interpreter;
  // Plan the markers that EvalOptions::coverage needs. They cost a little time, so only
  // coverage runs ask for them.
  bool coverage = false;
  // Reject a rule at a path where the base data already has a value (rego_compile_error
  // "conflicting rule for data path a/p found"), as OPA's rego package does. OPA's
  // conformance cases are compiled without this check.
  bool check_data_conflicts = true;
};

// A rule of the added modules as written, before the compiler rewrites it.
struct RuleInfo {
  std::vector<std::string> package;  // the package path after `data`: {"a", "b"} for a.b
  // The leading constant parts of the head ref: {"p"} for `p`, {"p", "q"} for `p.q[x]`.
  std::vector<std::string> name;
  bool variable_keys = false;  // the head ref continues with variables, as in `p.q[x]`
  bool is_function = false;
  bool is_default = false;
  bool multi_value = false;  // `p contains x`
  Location location;         // where the rule starts
};

struct EvalOutcome {
  // Empty when the query is undefined or an error ended evaluation. A builtin error in strict
  // mode ends nothing: evaluation goes on as if the call were undefined, and its results come
  // with the error, as in OPA.
  std::vector<QueryResult> results;
  Errors errors;  // non-empty when evaluation failed
};

class PreparedQuery {
 public:
  // Evaluates with `input` (undefined when there is no input).
  EvalOutcome eval(const Value& input, const EvalOptions& options = {}) const;
  // Parses `input_json` with the simdjson reader (runtime/json_simd.h) and evaluates with it.
  // Invalid JSON gives one error with code kInvalidJsonCode and the query does not run.
  EvalOutcome eval_json(std::string_view input_json, const EvalOptions& options = {}) const;
  // Evaluates with `input` and returns the value of the query's first expression in its first
  // result: undefined when the query is undefined, and when evaluation fails, which also fills
  // *error if given. The path for decisions: it builds no result set, and allocates nothing
  // beyond the result row when the policy builds no new value.
  Value decide(const Value& input, Error* error = nullptr, const EvalOptions& options = {}) const;
  // The executor chosen when the query was prepared.
  ExecutorKind executor() const;
  // The planned IR, in the text form that `regoc eval --dump-ir` prints.
  std::string dump_ir() const;

  std::shared_ptr<const PreparedQueryImpl> impl;
};

class Engine {
 public:
  // Parses a module; returns parse errors (rego_parse_error) and keeps it otherwise.
  Errors add_module(std::string file_name, std::string text);
  // Sets the base document (`data`). Must be an object.
  void set_data(Value data);
  // Parses `data_json` and sets it as the base document. Returns one error with code
  // kInvalidJsonCode, and keeps the previous data, when the text is not a JSON object.
  Errors set_data_json(std::string_view data_json);
  // Compiles the modules and the query (Rego query text, e.g. "data.x.allow = y").
  // Returns compile errors with OPA's codes when the modules or the query are invalid.
  Errors prepare(const std::string& query, PreparedQuery* out,
                 ExecutorKind executor = ExecutorKind::Interpreter) const;
  Errors prepare(const std::string& query, PreparedQuery* out,
                 const PrepareOptions& options) const;
  // Prepares one query per path, each the document data.<path> (path {"a", "b"} is the
  // query `data.a.b`), compiling the modules once for all of them. Returns the errors of the
  // modules. A query that fails to plan gets its errors in (*query_errors)[i] and an empty
  // PreparedQuery (null impl) in (*out)[i].
  Errors prepare_documents(std::span<const std::vector<std::string>> paths,
                           std::vector<PreparedQuery>* out, std::vector<Errors>* query_errors,
                           const PrepareOptions& options) const;

  // The rules of the added modules, ordered by file name, then as written.
  std::vector<RuleInfo> rules() const;
  // The rows that OPA's coverage report counts in each module: rule heads and expressions,
  // `some` declarations left out.
  CoveredRows coverable_rows() const;
  // As `opa test` does, renames the second and later rules named test_* at one path to
  // test_x#01, test_x#02, ... (in file order), so that each runs as its own test. Applies to
  // rules() and prepare().
  void rename_duplicate_tests(bool enabled) { rename_duplicate_tests_ = enabled; }

 private:
  struct Source {
    std::string file_name;
    std::string text;
  };
  std::vector<Source> sources_;
  Value data_ = Value::object();
  bool rename_duplicate_tests_ = false;

  // Parses every added module, renaming duplicate tests when asked to.
  Errors parse_modules(std::vector<ast::Module>* out) const;
};

}  // namespace regoc
