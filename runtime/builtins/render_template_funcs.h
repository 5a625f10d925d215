// The standard functions of Go's text/template (and, or, not, len, index, slice, print,
// printf, println, html, js, urlquery, eq, ne, lt, le, gt, ge, call) for the executor.
// External interface: find_function and call_function.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/builtins/render_template.h"

namespace regoc::go_template {

/// The Go parameter types of the standard functions, which decide how an argument is passed:
/// reflect.Value keeps the value as is (a missing value is an error), interface{} turns a
/// missing value into nil, and string requires a string.
enum class ParameterType { Value, Any, String };

struct FunctionSignature {
  std::vector<ParameterType> fixed;
  std::optional<ParameterType> variadic;
};

/// The signature of a standard function; nullptr for other names.
const FunctionSignature* find_function(std::string_view name);

/// Calls a standard function other than and, or and call with evaluated arguments. On
/// failure returns false and sets *error to the function's error ("index out of range: 5").
bool call_function(std::string_view name, const std::vector<GoValue>& args, GoValue* result,
                   std::string* error);

/// Go's truth of an argument as and, or and not see it (through any interface{}).
bool truth(const GoValue& value);

}  // namespace regoc::go_template
