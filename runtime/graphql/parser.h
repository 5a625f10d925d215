// The GraphQL parser's interface: executable documents (queries) and type system documents
// (schemas), with gqlparser's error messages and positions.
#pragma once

#include <string_view>

#include "runtime/graphql/ast.h"
#include "runtime/graphql/error.h"

namespace regoc::graphql {

/// Parses an executable document. On failure returns false and fills *error.
bool parse_query(std::string_view text, QueryDocument* document, GraphqlError* error);

/// Parses a type system document; `built_in` marks its definitions as the prelude's. On
/// failure returns false and fills *error.
bool parse_schema(std::string_view text, bool built_in, SchemaDocument* document,
                  GraphqlError* error);

}  // namespace regoc::graphql
