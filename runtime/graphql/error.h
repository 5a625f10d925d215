// A GraphQL parse or validation error, and its text in gqlparser's form
// ("input:<line>:<column>: <message>"), which OPA cuts apart to build its own messages.
#pragma once

#include <string>
#include <vector>

#include "runtime/graphql/ast.h"

namespace regoc::graphql {

struct GraphqlError {
  Position position;  // unknown for nodes decoded from a JSON AST
  std::string message;

  /// Writes the error as gqlparser's Error.Error() does for an unnamed source.
  std::string text() const;
};

/// Writes a list of errors as gqlparser's List.Error() does: each error's text followed by a
/// newline.
std::string errors_text(const std::vector<GraphqlError>& errors);

}  // namespace regoc::graphql
