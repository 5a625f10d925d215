// Validation of a query document against a schema with the rules of the GraphQL
// specification, as gqlparser applies them and with its messages.
#pragma once

#include <vector>

#include "runtime/graphql/ast.h"
#include "runtime/graphql/error.h"
#include "runtime/graphql/schema.h"

namespace regoc::graphql {

/// Validates `document` and returns every error, in gqlparser's order. Annotates the
/// document's nodes with their definitions as a side effect.
std::vector<GraphqlError> validate_query(const Schema& schema, QueryDocument& document);

}  // namespace regoc::graphql
