// The compiler's checks and rewrites: from parsed modules and a query to the kernel form that
// the planner reads (see compiler/ast.h), with OPA's error codes.
#pragma once

#include <string>
#include <vector>

#include "compiler/ast.h"

namespace regoc {

class Value;

struct CompileOptions {
  // Reject unused local assignments and deprecated builtins, as `opa check --strict` does.
  bool strict = false;
  // The base document the program will read, or null. When set, a rule at a path where it
  // has a value is a rego_compile_error, as OPA's rego package and `opa eval` report
  // ("conflicting rule for data path a/p found"). Not owned, and read only during compilation.
  const Value* base_data = nullptr;
};

// Modules and query in kernel form, ready for planning.
struct CompiledProgram {
  std::vector<ast::Module> modules;
  ast::Body query;
  // Names of the query's variables that results report as bindings, in order of appearance.
  std::vector<std::string> query_vars;
};

// Runs every check and rewrite on `modules` and `query`:
// import and rule-name resolution, `:=`/`some`/`_` rewriting, output-argument calls,
// rule conflicts and `default` misuse (rego_type_error / rego_compile_error), rules at paths
// of options.base_data (rego_compile_error), undefined
// functions and arity (rego_type_error), recursion (rego_recursion_error), type checks of
// builtin calls (rego_type_error), unsafe variables (rego_unsafe_var_error) and safety
// reordering of every body.
Errors compile_program(std::vector<ast::Module> modules, ast::Body query,
                       const CompileOptions& options, CompiledProgram* out);

}  // namespace regoc
