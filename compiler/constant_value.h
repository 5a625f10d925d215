// The value of a constant term: a scalar, or an array, set or object of constant terms.
#pragma once

#include <optional>

#include "compiler/ast.h"
#include "runtime/value.h"

namespace regoc::ast {

// Returns the value of a term that contains no variables, refs, calls or comprehensions, or
// nothing for any other term.
std::optional<Value> constant_value(const Term& term);

}  // namespace regoc::ast
