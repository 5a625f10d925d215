// JSON Schema (drafts 4, 6 and 7) as OPA's json.match_schema and json.verify_schema apply it.
// OPA uses its copy of the gojsonschema library; this is an independent implementation of the
// same behaviour: the keywords and draft rules, the schema errors ("minLength must be of an
// integer"), and the validation errors with their type, field and description.
//
// External interface: compile_schema, validate_document and the helpers below, which
// json_schema.cc (the builtins) uses.
#pragma once

#include <gmpxx.h>
#include <re2/re2.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "runtime/value.h"

namespace regoc::json_schema {

/// The drafts; Hybrid, the default without a known "$schema", accepts every draft's keywords.
enum class Draft { Draft4 = 4, Draft6 = 6, Draft7 = 7, Hybrid = 1000 };

/// An exact decimal number, coefficient * 10^exponent, as Go's big.Rat holds JSON numbers.
struct Decimal {
  mpz_class coefficient;
  int64_t exponent = 0;
};

struct SchemaNode;

/// A boolean or a schema: the forms of additionalProperties and additionalItems. Absent is
/// std::monostate and allows everything.
using BoolOrSchema = std::variant<std::monostate, bool, const SchemaNode*>;

/// A compiled regular expression with its source, which error descriptions quote.
struct Pattern {
  std::string source;
  std::shared_ptr<const RE2> regex;
};

/// One schema object (or boolean schema) after parsing.
struct SchemaNode {
  std::optional<bool> pass;  // set for the boolean schemas true and false
  const SchemaNode* ref = nullptr;

  std::vector<std::string> types;
  std::vector<std::pair<std::string, const SchemaNode*>> properties;  // sorted by name
  std::vector<std::pair<Pattern, const SchemaNode*>> pattern_properties;
  BoolOrSchema additional_properties;
  const SchemaNode* property_names = nullptr;
  std::vector<std::string> required;
  // A property name's dependency: the names it requires, or a schema.
  std::map<std::string, std::variant<std::vector<std::string>, const SchemaNode*>> dependencies;
  std::optional<int64_t> min_properties, max_properties;

  std::vector<const SchemaNode*> items;
  bool items_is_single_schema = false;
  BoolOrSchema additional_items;
  std::optional<int64_t> min_items, max_items;
  bool unique_items = false;
  const SchemaNode* contains = nullptr;

  std::optional<Decimal> multiple_of, minimum, maximum, exclusive_minimum, exclusive_maximum;
  std::optional<int64_t> min_length, max_length;
  std::optional<Pattern> pattern;
  std::string format;

  // const and enum hold values in normalized JSON text (see normalized_json).
  std::optional<std::string> constant;
  bool enum_present = false;
  std::vector<std::string> enumeration;

  std::vector<const SchemaNode*> all_of, any_of, one_of;
  const SchemaNode* negated = nullptr;
  const SchemaNode* condition = nullptr;
  const SchemaNode* then_branch = nullptr;
  const SchemaNode* else_branch = nullptr;
};

/// A compiled schema; owns all of its nodes.
struct Schema {
  const SchemaNode* root = nullptr;
  std::vector<std::unique_ptr<SchemaNode>> nodes;
};

/// One validation error as OPA reports it.
struct ValidationError {
  std::string type;         // "invalid_type", "required", ...
  std::string field;        // "id", "a.0.b" or "(root)"
  std::string description;  // "Invalid type. Expected: integer, given: string"
};

/// Converts a Rego value to the JSON document that OPA hands the validator: sets become
/// arrays and a non-string object key becomes its JSON text.
Value to_json_document(const Value& value);

/// Compiles a schema document (a value from to_json_document). On failure returns false and
/// sets *error to the message OPA reports.
bool compile_schema(const Value& document, Schema* schema, std::string* error);

/// Validates a document against a compiled schema; no errors means it matches. Fails, with
/// *error set, for a schema whose "$ref"s loop without reaching a keyword ({"$ref": "#"}).
bool validate_document(const Schema& schema, const Value& document,
                       std::vector<ValidationError>* errors, std::string* error);

/// Returns true when a string matches the named format; unknown formats and non-strings
/// always match.
bool matches_format(std::string_view format, const Value& value);

// --- numbers and normalized JSON -------------------------------------------------------------

/// The exact value of a JSON number.
Decimal decimal_of(const Value& number);
int compare_decimals(const Decimal& a, const Decimal& b);
/// True when a / b is an integer (b is positive).
bool is_multiple_of(const Decimal& a, const Decimal& b);
/// Formats like Go's big.Float.Text('g', 10): ten significant digits, "1e+21" style exponents.
std::string format_decimal_g10(const Decimal& value);
/// The JSON text of a number's literal, as OPA's json.Number keeps it.
std::string number_text(const Value& number);

/// Writes the JSON text that gojsonschema compares const, enum and uniqueItems with: numbers
/// pass through float64 (1.0 and 1 are equal), object keys are sorted and strings are escaped
/// as Go's json.Marshal escapes them. Fails, as Go does, for a number beyond float64's range.
bool normalized_json(const Value& value, std::string* out, std::string* error);

}  // namespace regoc::json_schema
