// A validated GraphQL schema: the named types, directives and root operation types of a
// schema document merged with the prelude, checked by gqlparser's ValidateSchemaDocument
// rules and messages.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "runtime/graphql/ast.h"
#include "runtime/graphql/error.h"

namespace regoc::graphql {

struct Schema {
  Ptr<Definition> query;
  Ptr<Definition> mutation;
  Ptr<Definition> subscription;
  std::map<std::string, Ptr<Definition>> types;
  std::map<std::string, Ptr<DirectiveDefinition>> directives;
  // For each interface or union, the types that may appear where it is expected; for each
  // object type, the type itself. A union member that is not defined is stored as null.
  std::map<std::string, std::vector<Ptr<Definition>>> possible_types;

  /// Looks up a named type; nullptr when absent.
  Ptr<Definition> type(const std::string& name) const;
  /// Returns possible_types for `definition` (empty when none).
  const std::vector<Ptr<Definition>>& possible(const Definition& definition) const;
};

/// Builds and validates the schema of `document`, which must already contain the prelude.
/// The definitions of `document` are shared and get the fields of their extensions (and the
/// query type its introspection fields), as in gqlparser. On failure returns false and fills
/// *error.
bool build_schema(const SchemaDocument& document, Schema* schema, GraphqlError* error);

/// Merges a parse of the prelude (the built-in scalars, directives and introspection types)
/// with `document` and builds the schema, as OPA does before validating a query.
bool load_schema(const SchemaDocument& document, Schema* schema, GraphqlError* error);

}  // namespace regoc::graphql
