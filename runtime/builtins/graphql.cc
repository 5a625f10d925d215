// GraphQL builtins: graphql.parse, graphql.parse_and_verify, graphql.parse_query,
// graphql.parse_schema, graphql.is_valid and graphql.schema_is_valid. They parse and
// validate with runtime/graphql and return the AST in the JSON shape OPA gives gqlparser's,
// with OPA's messages built from gqlparser's "input:<line>:<column>: <message>" errors.
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/graphql/ast_value.h"
#include "runtime/graphql/parser.h"
#include "runtime/graphql/schema.h"
#include "runtime/graphql/validator.h"

namespace regoc {
namespace {

namespace gql = regoc::graphql;

// The outcome of reading an operand: a document, or OPA's error for it.
struct Failure {
  bool type_error = false;  // the operand is neither a string nor an object
  std::string message;
};

std::string parse_error_message(const gql::GraphqlError& error) {
  return error.message + " in GraphQL string at location " + std::to_string(error.position.line) +
         ":" + std::to_string(error.position.column);
}

bool read_query(const Value& operand, gql::QueryDocument* document, Failure* failure) {
  if (operand.is_string()) {
    gql::GraphqlError error;
    if (gql::parse_query(operand.as_string(), document, &error)) return true;
    failure->message = parse_error_message(error);
    return false;
  }
  if (operand.is_object()) return gql::query_from_value(operand, document, &failure->message);
  failure->type_error = true;
  return false;
}

bool read_schema(const Value& operand, gql::SchemaDocument* document, Failure* failure) {
  if (operand.is_string()) {
    gql::GraphqlError error;
    if (gql::parse_schema(operand.as_string(), false, document, &error)) return true;
    failure->message = parse_error_message(error);
    return false;
  }
  if (operand.is_object()) return gql::schema_from_value(operand, document, &failure->message);
  failure->type_error = true;
  return false;
}

// OPA's message for a failed validation: it cuts the error list's text at the first three
// colons ("input", line, column, rest) and drops the final ".\n", so the rest keeps every
// later error of the list.
// NOTE: gqlparser errors without a position (queries given as objects) have fewer parts;
// OPA fails on those, and regoc returns the message without a location.
std::string validation_message(const std::vector<gql::GraphqlError>& errors) {
  std::string text = gql::errors_text(errors);
  std::vector<std::string> parts;
  size_t begin = 0;
  while (parts.size() < 3) {
    size_t colon = text.find(':', begin);
    if (colon == std::string::npos) break;
    parts.push_back(text.substr(begin, colon - begin));
    begin = colon + 1;
  }
  std::string rest = text.substr(begin);
  rest.erase(0, rest.find_first_not_of(' '));
  if (rest.ends_with(".\n")) rest.resize(rest.size() - 2);
  if (parts.size() < 3) return rest;
  return rest + " in GraphQL query string at location " + parts[1] + ":" + parts[2];
}

// The documents and values of one parse and validation, and the failure if it failed.
struct Checked {
  gql::QueryDocument query;
  gql::SchemaDocument schema;
  Value query_value;
  Value schema_value;
  Failure failure;
  int failed_operand = 0;  // 0 or 1, as OPA numbers these operands
};

// Reads both operands, converts them to values and validates the query against the schema.
bool check(std::span<const Value> args, Checked* checked) {
  if (!read_query(args[0], &checked->query, &checked->failure)) return false;
  if (!read_schema(args[1], &checked->schema, &checked->failure)) {
    checked->failed_operand = 1;
    return false;
  }
  // OPA converts the documents before validation annotates them.
  checked->query_value = gql::query_to_value(checked->query);
  checked->schema_value = gql::schema_to_value(checked->schema);

  gql::Schema schema;
  gql::GraphqlError error;
  if (!gql::load_schema(checked->schema, &schema, &error)) {
    checked->failure.message =
        "Error in gqlparser SchemaDocument to Schema conversion: " + error.text();
    return false;
  }
  std::vector<gql::GraphqlError> errors = gql::validate_query(schema, checked->query);
  if (errors.empty()) return true;
  checked->failure.message = validation_message(errors);
  return false;
}

BuiltinStatus graphql_parse(BuiltinContext& context, std::span<const Value> args,
                            Value& result) {
  constexpr std::string_view kName = "graphql.parse";
  Checked checked;
  if (!check(args, &checked)) {
    if (checked.failure.type_error) {
      return context.type_error(kName, checked.failed_operand, "one of {string, object}",
                                args[checked.failed_operand]);
    }
    return builtin_error(context, kName, checked.failure.message);
  }
  result = Value::array({checked.query_value, checked.schema_value});
  return BuiltinStatus::Ok;
}

BuiltinStatus graphql_parse_and_verify(BuiltinContext&, std::span<const Value> args,
                                       Value& result) {
  Checked checked;
  if (!check(args, &checked)) {
    result = Value::array({Value::boolean(false), Value::object(), Value::object()});
    return BuiltinStatus::Ok;
  }
  result = Value::array({Value::boolean(true), checked.query_value, checked.schema_value});
  return BuiltinStatus::Ok;
}

BuiltinStatus graphql_is_valid(BuiltinContext&, std::span<const Value> args, Value& result) {
  Checked checked;
  result = Value::boolean(check(args, &checked));
  return BuiltinStatus::Ok;
}

BuiltinStatus graphql_schema_is_valid(BuiltinContext&, std::span<const Value> args,
                                      Value& result) {
  gql::SchemaDocument document;
  Failure failure;
  gql::Schema schema;
  gql::GraphqlError error;
  result = Value::boolean(read_schema(args[0], &document, &failure) &&
                          gql::load_schema(document, &schema, &error));
  return BuiltinStatus::Ok;
}

BuiltinStatus graphql_parse_query(BuiltinContext& context, std::span<const Value> args,
                                  Value& result) {
  constexpr std::string_view kName = "graphql.parse_query";
  if (!args[0].is_string()) return context.type_error(kName, 1, "string", args[0]);
  gql::QueryDocument document;
  gql::GraphqlError error;
  if (!gql::parse_query(args[0].as_string(), &document, &error)) {
    return builtin_error(context, kName, parse_error_message(error));
  }
  result = gql::query_to_value(document);
  return BuiltinStatus::Ok;
}

BuiltinStatus graphql_parse_schema(BuiltinContext& context, std::span<const Value> args,
                                   Value& result) {
  constexpr std::string_view kName = "graphql.parse_schema";
  if (!args[0].is_string()) return context.type_error(kName, 1, "string", args[0]);
  gql::SchemaDocument document;
  gql::GraphqlError error;
  if (!gql::parse_schema(args[0].as_string(), false, &document, &error)) {
    return builtin_error(context, kName, parse_error_message(error));
  }
  result = gql::schema_to_value(document);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_graphql_builtins(Registry& registry) {
  registry.add("graphql.parse", graphql_parse);
  registry.add("graphql.parse_and_verify", graphql_parse_and_verify);
  registry.add("graphql.parse_query", graphql_parse_query);
  registry.add("graphql.parse_schema", graphql_parse_schema);
  registry.add("graphql.is_valid", graphql_is_valid);
  registry.add("graphql.schema_is_valid", graphql_schema_is_valid);
}

}  // namespace regoc
