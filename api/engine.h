// The C++ embedding API: load modules and data, prepare a query, evaluate it.
//
// An Engine collects modules and base data. prepare() compiles the modules together with a
// query into an immutable PreparedQuery that any number of threads may evaluate at once.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/error.h"
#include "runtime/value.h"

namespace regoc {

struct PreparedQueryImpl;

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

struct EvalOptions {
  // When false (OPA's default) a builtin that fails makes its expression undefined; when true
  // the error ends the evaluation.
  bool strict_builtin_errors = false;
  // time.now_ns() for the evaluation; 0 means the current time.
  int64_t now_ns = 0;
  // Receives print() output, one line per call; print output is dropped when unset.
  std::function<void(std::string_view)> print;
};

struct EvalOutcome {
  std::vector<QueryResult> results;  // empty when the query is undefined
  Errors errors;                     // non-empty when evaluation failed
};

class PreparedQuery {
 public:
  // Evaluates with `input` (undefined when there is no input).
  EvalOutcome eval(const Value& input, const EvalOptions& options = {}) const;
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
  // Compiles the modules and the query (Rego query text, e.g. "data.x.allow = y").
  // Returns compile errors with OPA's codes when the modules or the query are invalid.
  Errors prepare(const std::string& query, PreparedQuery* out,
                 ExecutorKind executor = ExecutorKind::Interpreter) const;

 private:
  struct Source {
    std::string file_name;
    std::string text;
  };
  std::vector<Source> sources_;
  Value data_ = Value::object();
};

}  // namespace regoc
