// Conversions between the GraphQL syntax tree and Rego values, in the JSON shape that OPA
// gives gqlparser's AST: Go field names as keys, with null members, empty arrays and empty
// objects left out and no positions.
#pragma once

#include <string>

#include "runtime/graphql/ast.h"
#include "runtime/value.h"

namespace regoc::graphql {

/// Converts a query document to OPA's value of it.
regoc::Value query_to_value(const QueryDocument& document);

/// Converts a schema document to OPA's value of it.
regoc::Value schema_to_value(const SchemaDocument& document);

/// Decodes a query document from an object, as Go's encoding/json decodes gqlparser's AST.
/// On failure returns false and sets *error.
bool query_from_value(const regoc::Value& object, QueryDocument* document, std::string* error);

/// Decodes a schema document from an object. On failure returns false and sets *error.
bool schema_from_value(const regoc::Value& object, SchemaDocument* document,
                       std::string* error);

}  // namespace regoc::graphql
