// Tests for the GraphQL builtins and the parser, schema checks and query validation under
// them, with gqlparser's messages as OPA reports them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/builtins/builtin.h"
#include "runtime/builtins/term_text.h"
#include "runtime/graphql/lexer.h"
#include "runtime/graphql/parser.h"
#include "runtime/graphql/schema.h"
#include "runtime/graphql/validator.h"
#include "runtime/json.h"

namespace regoc {
namespace {

// Calls builtin `name` and returns its result in Rego syntax, or "<code>: <message>".
std::string run(std::string_view name, std::vector<Value> args) {
  const Builtin* builtin = find_builtin(name);
  if (builtin == nullptr || builtin->function == nullptr) return "missing builtin";
  BuiltinContext context;
  Value result;
  switch (builtin->function(context, args, result)) {
    case BuiltinStatus::Ok:
      return term_string(result);
    case BuiltinStatus::Undefined:
      return "undefined";
    case BuiltinStatus::Error:
      return context.error.code + ": " + context.error.message;
  }
  return "invalid status";
}

Value s(std::string_view text) { return Value::string(text); }

Value j(std::string_view text) {
  Value value;
  std::string error;
  if (!parse_json(text, &value, &error)) ADD_FAILURE() << "invalid JSON " << text;
  return value;
}

// Validates `query` against `schema` and returns the first error's text, or "".
std::string first_error(std::string_view schema_text, std::string_view query_text) {
  graphql::SchemaDocument document;
  graphql::GraphqlError error;
  if (!graphql::parse_schema(schema_text, false, &document, &error)) return error.text();
  graphql::Schema schema;
  if (!graphql::load_schema(document, &schema, &error)) return error.text();
  graphql::QueryDocument query;
  if (!graphql::parse_query(query_text, &query, &error)) return error.text();
  std::vector<graphql::GraphqlError> errors = graphql::validate_query(schema, query);
  return errors.empty() ? "" : errors[0].text();
}

constexpr std::string_view kSchema = R"(
  type Query { hero(episode: Episode): Character  droid(id: ID!): Droid  count: Int }
  enum Episode { NEWHOPE EMPIRE }
  interface Character { id: ID!  name: String }
  type Droid implements Character { id: ID!  name: String  primaryFunction: String }
  type Human implements Character { id: ID!  name: String  height: Float }
)";

TEST(GraphqlLexer, TokensAndPositions) {
  graphql::Lexer lexer("{ a(x: -1.5e3) }\n  \"s\\n\"");
  std::optional<graphql::GraphqlError> error;
  std::vector<std::string> tokens;
  for (int i = 0; i < 9; ++i) tokens.push_back(lexer.read_token(&error).to_string());
  EXPECT_FALSE(error.has_value());
  EXPECT_EQ(tokens[1], "Name \"a\"");
  EXPECT_EQ(tokens[5], "Float \"-1.5e3\"");
  EXPECT_EQ(tokens[8], "String \"s\\n\"");
}

// Returns the message of the first lexical error in `text`.
std::string lexer_error(std::string_view text) {
  graphql::Lexer lexer(text);
  std::optional<graphql::GraphqlError> error;
  for (int i = 0; i < 100 && !error; ++i) {
    if (lexer.read_token(&error).kind == graphql::TokenKind::Eof) break;
  }
  return error ? error->text() : "no error";
}

TEST(GraphqlLexer, Errors) {
  EXPECT_EQ(lexer_error("{ a(x: 01) }"),
            "input:1:9: Invalid number, unexpected digit after 0: \"1\".");
  EXPECT_EQ(lexer_error("\"open"), "input:1:6: Unterminated string.");
  EXPECT_EQ(lexer_error("'a'"),
            "input:1:1: Unexpected single quote character ('), did you mean to use a double "
            "quote (\")?");
  EXPECT_EQ(lexer_error("\"\\q\""), "input:1:3: Invalid character escape sequence: \\q.");
  EXPECT_EQ(lexer_error("\x01"), "input:1:1: Cannot contain the invalid character \"\\u0001\"");
  // The parser reports a lexical error in a peeked token as an unexpected token.
  EXPECT_EQ(run("graphql.parse_query", {s("{ a(x: 01) }")}),
            "eval_builtin_error: graphql.parse_query: Unexpected <Invalid> in GraphQL string "
            "at location 1:9");
  EXPECT_EQ(run("graphql.parse_query", {s("{ 'a' }")}),
            "eval_builtin_error: graphql.parse_query: Expected Name, found <Invalid> in GraphQL "
            "string at location 1:3");
}

TEST(GraphqlParseQuery, Ast) {
  EXPECT_EQ(run("graphql.parse_query", {s("{hero {name}}")}),
            R"({"Operations": [{"Name": "", "Operation": "query", "SelectionSet": [{"Alias": )"
            R"("hero", "Name": "hero", "SelectionSet": [{"Alias": "name", "Name": "name"}]}]}]})");
  EXPECT_EQ(run("graphql.parse_query", {s("query Q($v: [Int!] = [1]) { f(a: $v) }")}),
            R"({"Operations": [{"Name": "Q", "Operation": "query", "SelectionSet": [{"Alias": )"
            R"("f", "Arguments": [{"Name": "a", "Value": {"Kind": 0, "Raw": "v"}}], "Name": )"
            R"("f"}], "VariableDefinitions": [{"DefaultValue": {"Children": [{"Name": "", )"
            R"("Value": {"Kind": 1, "Raw": "1"}}], "Kind": 8, "Raw": ""}, "Type": {"Elem": )"
            R"({"NamedType": "Int", "NonNull": true}, "NamedType": "", "NonNull": false}, )"
            R"("Used": false, "Variable": "v"}]}]})");
  EXPECT_EQ(run("graphql.parse_query", {s("")}), "{}");
}

TEST(GraphqlParseQuery, Errors) {
  EXPECT_EQ(run("graphql.parse_query", {s("{")}),
            "eval_builtin_error: graphql.parse_query: Expected Name, found <EOF> in GraphQL "
            "string at location 1:2");
  EXPECT_EQ(run("graphql.parse_query", {s("{ ...on }")}),
            "eval_builtin_error: graphql.parse_query: Expected Name, found } in GraphQL string "
            "at location 1:9");
  EXPECT_EQ(run("graphql.parse_query", {j("1")}),
            "eval_type_error: graphql.parse_query: operand 1 must be string but got number");
}

TEST(GraphqlParseSchema, Ast) {
  EXPECT_EQ(run("graphql.parse_schema", {s("\"\"\"\n  Doc\n\"\"\"\nunion U = | A | B")}),
            R"({"Definitions": [{"BuiltIn": false, "Description": "Doc", "Kind": "UNION", )"
            R"("Name": "U", "Types": ["A", "B"]}]})");
  EXPECT_EQ(run("graphql.parse_schema", {s("directive @d(a: Int = 1) repeatable on FIELD")}),
            R"({"Directives": [{"Arguments": [{"DefaultValue": {"Kind": 1, "Raw": "1"}, )"
            R"("Description": "", "Name": "a", "Type": {"NamedType": "Int", "NonNull": )"
            R"(false}}], "Description": "", "IsRepeatable": true, "Locations": ["FIELD"], )"
            R"("Name": "d"}]})");
}

TEST(GraphqlParseSchema, Errors) {
  EXPECT_EQ(run("graphql.parse_schema", {s("\n  \"D\"\n  extend type T { f: Int }")}),
            "eval_builtin_error: graphql.parse_schema: Unexpected String \"D\" in GraphQL "
            "string at location 2:4");
  EXPECT_EQ(run("graphql.parse_schema", {s("extend schema")}),
            "eval_builtin_error: graphql.parse_schema: Unexpected <EOF> in GraphQL string at "
            "location 1:14");
  EXPECT_EQ(run("graphql.parse_schema", {s("\"\"\"\r")}),
            "eval_builtin_error: graphql.parse_schema: Unexpected <Invalid> in GraphQL string "
            "at location 2:1");
}

TEST(GraphqlSchema, Validation) {
  EXPECT_EQ(run("graphql.schema_is_valid", {s(kSchema)}), "true");
  EXPECT_EQ(first_error("type A implements B { f: Int }", ""),
            "input:1:6: Undefined type \"B\".");
  EXPECT_EQ(first_error("type A { f: B }", ""), "input:1:13: Undefined type B.");
  EXPECT_EQ(first_error("scalar A\nextend type A @x", ""),
            "input:2:13: Cannot extend type A because the base type is a SCALAR, not OBJECT.");
  EXPECT_EQ(first_error("interface I { f: Int }\ntype A implements I { g: Int }", ""),
            "input:2:6: For A to implement I it must have a field called f.");
  EXPECT_EQ(first_error("schema { query: Q }", ""),
            "input:1:10: Schema root query refers to a type Q that does not exist.");
  EXPECT_EQ(first_error("type __A { f: Int }", ""),
            "input:1:6: Name \"__A\" must not begin with \"__\", which is reserved by GraphQL "
            "introspection.");
}

TEST(GraphqlValidation, Fields) {
  EXPECT_EQ(first_error(kSchema, "{ hero { name } }"), "");
  EXPECT_EQ(first_error(kSchema, "{ hero { nam } }"),
            "input:1:10: Cannot query field \"nam\" on type \"Character\". Did you mean "
            "\"name\"?");
  EXPECT_EQ(first_error(kSchema, "{ hero { primaryFunction } }"),
            "input:1:10: Cannot query field \"primaryFunction\" on type \"Character\". Did you "
            "mean to use an inline fragment on \"Droid\"?");
  EXPECT_EQ(first_error(kSchema, "{ droid { id } }"),
            "input:1:3: Field \"droid\" argument \"id\" of type \"ID!\" is required, but it was "
            "not provided.");
  EXPECT_EQ(first_error(kSchema, "{ hero }"),
            "input:1:3: Field \"hero\" of type \"Character\" must have a selection of "
            "subfields. Did you mean \"hero { ... }\"?");
  EXPECT_EQ(first_error(kSchema, "{ count { __typename } }"),
            "input:1:3: Field \"count\" must not have a selection since type \"Int\" has no "
            "subfields.");
  EXPECT_EQ(first_error(kSchema, "{ count(x: 1) }"),
            "input:1:3: Unknown argument \"x\" on field \"Query.count\".");
  EXPECT_EQ(first_error(kSchema, "{ a: count  a: hero { id } }"),
            "input:1:13: Fields \"a\" conflict because count and hero are different fields. "
            "Use different aliases on the fields to fetch both if this was intentional.");
}

TEST(GraphqlValidation, ChildErrorsFirst) {
  // Observers run after a node's children, so the error of a subfield comes first.
  EXPECT_EQ(first_error(kSchema, "{ count { a } }"),
            "input:1:11: Cannot query field \"a\" on type \"Int\".");
}

TEST(GraphqlValidation, Values) {
  EXPECT_EQ(first_error(kSchema, "{ hero(episode: JEDI) { id } }"),
            "input:1:17: Value \"JEDI\" does not exist in \"Episode\" enum.");
  EXPECT_EQ(first_error(kSchema, "{ hero(episode: \"EMPIRE\") { id } }"),
            "input:1:18: Enum \"Episode\" cannot represent non-enum value: \"EMPIRE\". Did you "
            "mean the enum value \"EMPIRE\"?");
  EXPECT_EQ(first_error(kSchema, "{ droid(id: 1.5) { id } }"),
            "input:1:13: ID cannot represent a non-string and non-integer value: 1.5");
}

TEST(GraphqlValidation, VariablesAndFragments) {
  EXPECT_EQ(first_error(kSchema, "query Q($e: Episode) { count }"),
            "input:1:9: Variable \"$e\" is never used in operation \"Q\".");
  EXPECT_EQ(first_error(kSchema, "{ hero(episode: $e) { id } }"),
            "input:1:17: Variable \"$e\" is not defined.");
  EXPECT_EQ(first_error(kSchema, "query ($i: ID) { droid(id: $i) { id } }"),
            "input:1:28: Variable \"$i\" of type \"ID\" used in position expecting type "
            "\"ID!\".");
  EXPECT_EQ(first_error(kSchema, "{ hero { ...F } }"), "input:1:13: Unknown fragment \"F\".");
  EXPECT_EQ(first_error(kSchema, "{ count } fragment F on Droid { id }"),
            "input:1:11: Fragment \"F\" is never used.");
  EXPECT_EQ(first_error(kSchema, "{ hero { ...F } } fragment F on Droid { ...F }"),
            "input:1:44: Cannot spread fragment \"F\" within itself.");
  EXPECT_EQ(first_error(kSchema, "{ hero { ... on Episode { __typename } } }"),
            "input:1:14: Fragment cannot condition on non composite type \"Episode\".");
  EXPECT_EQ(first_error(kSchema, "mutation { count }"),
            "input:1:1: Schema does not support operation type \"mutation\"");
  EXPECT_EQ(first_error(kSchema, "{ count @skip(if: true) @skip(if: true) }"),
            "input:1:26: The directive \"@skip\" can only be used once at this location.");
  EXPECT_EQ(first_error(kSchema, "{ count @nope }"), "input:1:10: Unknown directive \"@nope\".");
}

TEST(GraphqlBuiltins, ParseAndVerify) {
  std::string schema = "type Query { f(a: Int!): Int }";
  EXPECT_EQ(run("graphql.is_valid", {s("{ f(a: 1) }"), s(schema)}), "true");
  EXPECT_EQ(run("graphql.is_valid", {s("{ f }"), s(schema)}), "false");
  EXPECT_EQ(run("graphql.is_valid", {j("1"), s(schema)}), "false");
  EXPECT_EQ(run("graphql.parse", {s("\n{ f }"), s(schema)}),
            "eval_builtin_error: graphql.parse: Field \"f\" argument \"a\" of type \"Int!\" is "
            "required, but it was not provided in GraphQL query string at location 2:3");
  EXPECT_EQ(run("graphql.parse", {s("{ f(a: 1) }"), s("type Query { f: X }")}),
            "eval_builtin_error: graphql.parse: Error in gqlparser SchemaDocument to Schema "
            "conversion: input:1:17: Undefined type X.");
  EXPECT_EQ(run("graphql.parse", {j("true"), s(schema)}),
            "eval_type_error: graphql.parse: operand 0 must be one of {string, object} but got "
            "boolean");
  EXPECT_EQ(run("graphql.parse_and_verify", {s("{ f }"), s(schema)}), "[false, {}, {}]");
}

TEST(GraphqlBuiltins, ObjectOperands) {
  std::string schema = "type Query { f(a: Int): Int }";
  Value query = j(R"({"Operations": [{"Operation": "query", "SelectionSet": )"
                  R"([{"Alias": "f", "Name": "f", "Arguments": [{"Name": "a", )"
                  R"("Value": {"Kind": 1, "Raw": "2"}}]}]}]})");
  EXPECT_EQ(run("graphql.is_valid", {query, s(schema)}), "true");
  Value schema_value = j(R"({"Definitions": [{"Kind": "OBJECT", "Name": "Query", "Fields": )"
                         R"([{"Name": "f", "Type": {"NamedType": "Int"}}]}]})");
  EXPECT_EQ(run("graphql.schema_is_valid", {schema_value}), "true");
  // gqlparser decodes every selection given as an object as a field.
  Value spread = j(R"({"Operations": [{"Operation": "query", "SelectionSet": [{"Name": "F"}]}]})");
  EXPECT_EQ(run("graphql.is_valid", {spread, s(schema)}), "false");
  Value bad = j(R"({"Operations": [{"Operation": "query", "Name": 3}]})");
  EXPECT_EQ(run("graphql.parse", {bad, s(schema)}),
            "eval_builtin_error: graphql.parse: json: cannot unmarshal number into Go struct "
            "field OperationDefinition.Name of type string");
}

TEST(GraphqlBuiltins, MalformedInputsDoNotCrash) {
  const std::vector<std::string> queries = {
      "{", "}", "query", "query Q(", "query Q($", "query Q($a:", "query Q($a: [", "{ a(", "{ a(b:",
      "{ a(b: [", "{ a(b: {", "{ ... on", "fragment", "fragment F on", "{ a @", "\"\"\"",
      "{ a(b: $c) @d(e: [1, {f: $g}]) { ...H ... on I { j } } } fragment H on I { k }",
      "subscription { a b __typename }", "{ a } { b }", "query A { a } query A { a }"};
  const std::string schema = "type Query { a(b: [Int]): Q  k: Int }  type Q { j: Int }";
  for (const std::string& query : queries) {
    EXPECT_FALSE(run("graphql.parse_query", {s(query)}).empty()) << query;
    EXPECT_FALSE(run("graphql.is_valid", {s(query), s(schema)}).empty()) << query;
    EXPECT_FALSE(run("graphql.schema_is_valid", {s(query)}).empty()) << query;
  }
  const std::vector<std::string> objects = {
      R"({"Operations": [null, {"SelectionSet": [null, 1, {"Arguments": [{"Name": "b"}]}]}]})",
      R"({"Operations": [{"SelectionSet": [{"Name": "a", "SelectionSet": "x"}]}]})",
      R"({"Operations": [{"VariableDefinitions": [{"Variable": "v"}]}]})",
      R"({"Definitions": [{"Kind": "OBJECT", "Name": "Query", "Fields": [{"Name": "a"}]}]})",
      R"({"Definitions": [{"Kind": "UNION", "Name": "U", "Types": ["Nope", null]}]})"};
  for (const std::string& object : objects) {
    EXPECT_FALSE(run("graphql.parse", {j(object), s(schema)}).empty()) << object;
    EXPECT_FALSE(run("graphql.schema_is_valid", {j(object)}).empty()) << object;
  }
}

}  // namespace
}  // namespace regoc
