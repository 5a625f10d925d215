// Tests for json.match_schema and json.verify_schema: JSON Schema keywords of drafts 4, 6
// and 7, the error objects OPA returns, and the messages for invalid schemas.
#include <gtest/gtest.h>

#include <string>

#include "tests/runtime/builtin_test_support.h"

namespace regoc {
namespace {

using testing_support::j;
using testing_support::run;
using testing_support::s;

// Passes the document as JSON text, the form in which OPA accepts scalar documents.
std::string match(std::string_view document, std::string_view schema) {
  return run("json.match_schema", {s(document), j(schema)});
}

std::string verify(std::string_view schema) { return run("json.verify_schema", {j(schema)}); }

// One error object in the Rego form that match() returns.
std::string error(std::string_view type, std::string_view field, std::string_view desc) {
  return R"({"desc": ")" + std::string(desc) + R"(", "error": ")" + std::string(field) + ": " +
         std::string(desc) + R"(", "field": ")" + std::string(field) + R"(", "type": ")" +
         std::string(type) + R"("})";
}

std::string failure(const std::string& errors) { return "[false, [" + errors + "]]"; }

TEST(JsonMatchSchema, TypesAndRequired) {
  constexpr const char* kSchema =
      R"({"properties": {"id": {"type": "integer"}}, "required": ["id"]})";
  EXPECT_EQ(match(R"({"id": 5})", kSchema), "[true, []]");
  EXPECT_EQ(match(R"({"id": 5.0})", kSchema), "[true, []]");
  EXPECT_EQ(match(R"({"id": "foo"})", kSchema),
            failure(error("invalid_type", "id", "Invalid type. Expected: integer, given: string")));
  EXPECT_EQ(match(R"({"id": 1.5})", kSchema),
            failure(error("invalid_type", "id", "Invalid type. Expected: integer, given: number")));
  EXPECT_EQ(match("{}", kSchema), failure(error("required", "(root)", "id is required")));
  EXPECT_EQ(match("null", R"({"type": ["string", "null"]})"), "[true, []]");
  EXPECT_EQ(match("true", R"({"type": ["string", "null"]})"),
            failure(error("invalid_type", "(root)",
                          "Invalid type. Expected: [string,null], given: boolean")));
}

TEST(JsonMatchSchema, StringDocumentAndSchema) {
  EXPECT_EQ(run("json.match_schema", {j(R"({"id": 5})"), s(R"({"required": ["id"]})")}),
            "[true, []]");
  EXPECT_EQ(run("json.match_schema", {j(R"({"s": [1, 2]})"), j(R"({"required": ["id"]})")}),
            R"x([false, [{"desc": "id is required", "error": "(root): id is required", )x"
            R"x("field": "(root)", "type": "required"}]])x");
  EXPECT_EQ(run("json.match_schema", {s("{bad"), j("{}")}),
            "eval_builtin_error: json.match_schema: invalid JSON string");
  EXPECT_EQ(run("json.match_schema", {j("1"), j("{}")}),
            "eval_builtin_error: json.match_schema: wrong type, expected string or object");
}

TEST(JsonMatchSchema, NestedFieldPaths) {
  EXPECT_EQ(match(R"({"a": [{"b": 1}, {"b": "x"}]})",
                  R"({"properties": {"a": {"items": {"properties": {"b": {"type": "string"}}}}}})"),
            failure(error("invalid_type", "a.0.b",
                          "Invalid type. Expected: string, given: integer")));
}

TEST(JsonMatchSchema, EnumAndConst) {
  EXPECT_EQ(match(R"("b")", R"({"enum": ["a", 1]})"),
            failure(error("enum", "(root)", R"((root) must be one of the following: \"a\", 1)")));
  EXPECT_EQ(match("1.0", R"({"enum": ["a", 1]})"), "[true, []]");
  EXPECT_EQ(match(R"({"value": "allow"})", R"({"enum": []})"),
            failure(error("enum", "(root)", "(root) must be one of the following: (none)")));
  EXPECT_EQ(match("2", R"({"const": 1})"),
            failure(error("const", "(root)", "(root) does not match: 1")));
  EXPECT_EQ(match(R"({"b": 1, "a": [true]})", R"({"const": {"a": [true], "b": 1.0}})"),
            "[true, []]");
}

TEST(JsonMatchSchema, StringKeywords) {
  constexpr const char* kSchema = R"({"minLength": 2, "maxLength": 3, "pattern": "^[a-zé]+$"})";
  EXPECT_EQ(match(R"("héé")", kSchema), "[true, []]");
  EXPECT_EQ(match(R"("a")", kSchema),
            failure(error("string_gte", "(root)",
                          "String length must be greater than or equal to 2")));
  EXPECT_EQ(match(R"("abcd")", kSchema),
            failure(error("string_lte", "(root)",
                          "String length must be less than or equal to 3")));
  EXPECT_EQ(match(R"("A1")", kSchema),
            failure(error("pattern", "(root)", "Does not match pattern '^[a-zé]+$'")));
}

TEST(JsonMatchSchema, NumberKeywords) {
  EXPECT_EQ(match("0.3", R"({"multipleOf": 0.1})"), "[true, []]");
  EXPECT_EQ(match("0.35", R"({"multipleOf": 0.1})"),
            failure(error("multiple_of", "(root)", "Must be a multiple of 0.1")));
  EXPECT_EQ(match("11", R"({"maximum": 10})"),
            failure(error("number_lte", "(root)", "Must be less than or equal to 10")));
  EXPECT_EQ(match("1e22", R"({"maximum": 1e21})"),
            failure(error("number_lte", "(root)", "Must be less than or equal to 1e+21")));
  EXPECT_EQ(match("10", R"({"exclusiveMaximum": 10})"),
            failure(error("number_lt", "(root)", "Must be less than 10")));
  EXPECT_EQ(match("-1", R"({"minimum": 0.5})"),
            failure(error("number_gte", "(root)", "Must be greater than or equal to 0.5")));
  EXPECT_EQ(match("0", R"({"exclusiveMinimum": 0})"),
            failure(error("number_gt", "(root)", "Must be greater than 0")));
  // Draft 4 spells exclusive bounds as booleans.
  EXPECT_EQ(match("5", R"({"$schema": "http://json-schema.org/draft-04/schema#",
                          "maximum": 5, "exclusiveMaximum": true})"),
            failure(error("number_lt", "(root)", "Must be less than 5")));
  EXPECT_EQ(match("123456789012", R"({"maximum": 12345678901})"),
            failure(error("number_lte", "(root)",
                          "Must be less than or equal to 1.23456789e+10")));
}

TEST(JsonMatchSchema, ArrayKeywords) {
  EXPECT_EQ(match("[1, 1.0, 2, 1]", R"({"uniqueItems": true})"),
            failure(error("unique", "(root)", "array items[0,1] must be unique") + ", " +
                    error("unique", "(root)", "array items[1,3] must be unique")));
  EXPECT_EQ(match("[]", R"({"minItems": 1})"),
            failure(error("array_min_items", "(root)", "Array must have at least 1 items")));
  EXPECT_EQ(match("[1, 2]", R"({"maxItems": 1})"),
            failure(error("array_max_items", "(root)", "Array must have at most 1 items")));
  EXPECT_EQ(match(R"([1, "a", true])", R"({"items": [{"type": "integer"}],
                                            "additionalItems": false})"),
            failure(error("array_no_additional_items", "(root)",
                          "No additional items allowed on array")));
  EXPECT_EQ(match(R"([1, "a"])", R"({"contains": {"type": "string"}})"), "[true, []]");
  EXPECT_EQ(match("[1]", R"({"contains": {"type": "string"}})"),
            failure(error("contains", "(root)", "At least one of the items must match") + ", " +
                    error("invalid_type", "0", "Invalid type. Expected: string, given: integer")));
}

TEST(JsonMatchSchema, ObjectKeywords) {
  EXPECT_EQ(match(R"({"a": 1, "x": 2})",
                  R"({"properties": {"a": {}}, "additionalProperties": false})"),
            failure(error("additional_property_not_allowed", "(root)",
                          "Additional property x is not allowed")));
  EXPECT_EQ(match(R"({"s_1": 1})", R"({"patternProperties": {"^s_": {"type": "string"}}})"),
            failure(error("invalid_type", "s_1",
                          "Invalid type. Expected: string, given: integer")));
  EXPECT_EQ(match(R"({"abc": 1})", R"({"propertyNames": {"maxLength": 2}})"),
            failure(error("invalid_property_name", "(root)",
                          R"(Property name of \"abc\" does not match)") + ", " +
                    error("string_lte", "(root)",
                          "String length must be less than or equal to 2")));
  EXPECT_EQ(match(R"({"a": 1})", R"({"dependencies": {"a": ["b"]}})"),
            failure(error("missing_dependency", "(root)", "Has a dependency on b")));
  EXPECT_EQ(match("{}", R"({"minProperties": 1})"),
            failure(error("array_min_properties", "(root)", "Must have at least 1 properties")));
}

TEST(JsonMatchSchema, Combinators) {
  // The errors of the closest branch follow: the minLength branch passed more checks.
  EXPECT_EQ(match(R"("x")", R"({"anyOf": [{"type": "integer"}, {"minLength": 2}]})"),
            failure(error("number_any_of", "(root)", "Must validate at least one schema (anyOf)") +
                    ", " + error("string_gte", "(root)",
                                 "String length must be greater than or equal to 2")));
  EXPECT_EQ(match("5", R"({"oneOf": [{"type": "integer"}, {"minimum": 1}]})"),
            failure(error("number_one_of", "(root)",
                          "Must validate one and only one schema (oneOf)")));
  EXPECT_EQ(match("5", R"({"not": {"type": "integer"}})"),
            failure(error("number_not", "(root)", "Must not validate the schema (not)")));
  EXPECT_EQ(match("5", R"({"if": {"minimum": 3}, "then": {"maximum": 4}})"),
            failure(error("condition_then", "(root)",
                          R"(Must validate \"then\" as \"if\" was valid)") +
                    ", " + error("number_lte", "(root)", "Must be less than or equal to 4")));
  // A boolean schema is accepted as JSON text only; a Rego boolean has the wrong type.
  EXPECT_EQ(run("json.match_schema", {s("5"), s("false")}),
            failure(error("false", "(root)", "False always fails validation")));
  EXPECT_EQ(run("json.match_schema", {s("5"), j("false")}),
            "eval_builtin_error: json.match_schema: wrong type, expected string or object");
}

TEST(JsonMatchSchema, References) {
  constexpr const char* kSchema = R"({"definitions": {"node": {"type": "object",
      "properties": {"next": {"$ref": "#/definitions/node"}, "v": {"type": "integer"}}}},
      "$ref": "#/definitions/node"})";
  EXPECT_EQ(match(R"({"v": 1, "next": {"v": 2, "next": {}}})", kSchema), "[true, []]");
  EXPECT_EQ(match(R"({"next": {"v": "x"}})", kSchema),
            failure(error("invalid_type", "next.v",
                          "Invalid type. Expected: integer, given: string")));
  EXPECT_EQ(match("1", R"({"$id": "http://example.com/root.json", "definitions": {"a":
                          {"type": "string"}}, "$ref": "#/definitions/a"})"),
            failure(error("invalid_type", "(root)",
                          "Invalid type. Expected: string, given: integer")));
}

TEST(JsonMatchSchema, ReferenceLoopIsAnError) {
  // gojsonschema recurses until the Go stack overflows on these; regoc reports an error.
  constexpr const char* kError =
      "eval_builtin_error: json.match_schema: invalid schema: its $ref references apply a schema "
      "to the same value again, without end";
  EXPECT_EQ(match("{}", R"({"$ref": "#"})"), kError);
  EXPECT_EQ(match("1", R"({"anyOf": [{"$ref": "#"}]})"), kError);
  // Recursion that descends into the document ends.
  EXPECT_EQ(match(R"({"a": {"a": {}}})", R"({"properties": {"a": {"$ref": "#"}}})"),
            "[true, []]");
}

TEST(JsonMatchSchema, Formats) {
  EXPECT_EQ(match(R"("2024-02-29")", R"({"format": "date"})"), "[true, []]");
  EXPECT_EQ(match(R"("2023-02-29")", R"({"format": "date"})"),
            failure(error("format", "(root)", "Does not match format 'date'")));
  EXPECT_EQ(match(R"("2024-01-02T03:04:05.5+01:00")", R"({"format": "date-time"})"),
            "[true, []]");
  EXPECT_EQ(match(R"("10.0.0.1")", R"({"format": "ipv4"})"), "[true, []]");
  EXPECT_EQ(match(R"("::1")", R"({"format": "ipv4"})"),
            failure(error("format", "(root)", "Does not match format 'ipv4'")));
  EXPECT_EQ(match(R"("Jane <jane@example.com>")", R"({"format": "email"})"), "[true, []]");
  EXPECT_EQ(match(R"("jane.example.com")", R"({"format": "email"})"),
            failure(error("format", "(root)", "Does not match format 'email'")));
  EXPECT_EQ(match(R"("https://a.b/c?d")", R"({"format": "uri"})"), "[true, []]");
  EXPECT_EQ(match(R"("/relative")", R"({"format": "uri"})"),
            failure(error("format", "(root)", "Does not match format 'uri'")));
  EXPECT_EQ(match(R"("not-a-uuid")", R"({"format": "uuid"})"),
            failure(error("format", "(root)", "Does not match format 'uuid'")));
  EXPECT_EQ(match(R"("(")", R"({"format": "regex"})"),
            failure(error("format", "(root)", "Does not match format 'regex'")));
  EXPECT_EQ(match("5", R"({"format": "email"})"), "[true, []]");
  EXPECT_EQ(match(R"("x")", R"({"format": "made-up"})"), "[true, []]");
}

TEST(JsonMatchSchema, InvalidSchemas) {
  EXPECT_EQ(match("{}", R"({"type": "unknown"})"),
            "eval_builtin_error: json.match_schema: has a primitive type that is NOT VALID -- "
            "given: /unknown/ Expected valid values are:[array boolean integer number null "
            "object string]");
  EXPECT_EQ(match("{}", R"({"minLength": 1.0})"),
            "eval_builtin_error: json.match_schema: minLength must be of an integer");
  EXPECT_EQ(match("{}", R"({"pattern": "("})"),
            "eval_builtin_error: json.match_schema: pattern must be a valid regex");
  EXPECT_EQ(match("{}", R"({"$ref": "other.json"})"),
            "eval_builtin_error: json.match_schema: Reference other.json must be canonical");
  EXPECT_EQ(match("{}", R"({"$ref": "#/definitions/missing"})"),
            "eval_builtin_error: json.match_schema: Object has no key 'definitions'");
  EXPECT_EQ(match("{}", R"({"required": ["a", "a"]})"),
            "eval_builtin_error: json.match_schema: required items must be unique");
  EXPECT_EQ(match("{}", R"({"multipleOf": 0})"),
            "eval_builtin_error: json.match_schema: multipleOf must be strictly greater than 0");
  EXPECT_EQ(match("{}", "[]"), "eval_builtin_error: json.match_schema: schema is invalid");
}

TEST(JsonVerifySchema, ValidAndInvalid) {
  EXPECT_EQ(verify(R"({"type": "object"})"), "[true, null]");
  EXPECT_EQ(run("json.verify_schema", {s("true")}), "[true, null]");
  EXPECT_EQ(run("json.verify_schema", {s(R"({"type": "string"})")}), "[true, null]");
  EXPECT_EQ(verify(R"({"type": 5})"),
            R"([false, "jsonschema: Invalid type. Expected: type, given: )"
            R"(string/array of strings"])");
  EXPECT_EQ(verify(R"({"minItems": -1})"),
            R"([false, "jsonschema: minItems must be greater than or equal to 0"])");
  EXPECT_EQ(verify(R"({"minLength": 3, "maxLength": 2})"),
            R"([false, "jsonschema: minLength cannot be greater than maxLength"])");
  EXPECT_EQ(verify(R"({"$schema": "http://json-schema.org/draft-04/schema#",
                       "items": [true]})"),
            R"([false, "jsonschema: Expected: valid schema, given: Invalid JSON"])");
  EXPECT_EQ(run("json.verify_schema", {s("{")}),
            R"([false, "jsonschema: invalid JSON string"])");
  EXPECT_EQ(run("json.verify_schema", {j("1")}),
            R"([false, "jsonschema: wrong type, expected string or object"])");
}

}  // namespace
}  // namespace regoc
