// Validation rules on input values: UniqueInputFieldNames and ValuesOfCorrectType.
#include <cerrno>
#include <cstdlib>
#include <set>

#include "runtime/graphql/rules.h"
#include "runtime/graphql/suggestions.h"

namespace regoc::graphql {
namespace {

bool is_one_of(const Definition& definition, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (definition.name == name) return true;
  }
  return false;
}

// Whether Go's strconv.ParseInt(text, 10, bits) would fail with a range error.
bool integer_out_of_range(const std::string& text, int bits) {
  if (text.empty()) return false;
  size_t digits = text[0] == '-' || text[0] == '+' ? 1 : 0;
  if (digits == text.size()) return false;
  for (size_t i = digits; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;  // a syntax error, not a range error
  }
  errno = 0;
  long long value = std::strtoll(text.c_str(), nullptr, 10);
  if (errno == ERANGE) return true;
  if (bits == 32) return value < INT32_MIN || value > INT32_MAX;
  return false;
}

// Whether gqlparser's Value.Value(nil) fails on the literal: an Int outside int64, a Float
// outside double, a Boolean Go cannot parse, or such a literal inside a list or object.
bool literal_fails(const ValueNode& value) {
  switch (value.kind) {
    case ValueKind::Int:
      return integer_out_of_range(value.raw, 64) ||
             value.raw.find_first_not_of("+-0123456789") != std::string::npos;
    case ValueKind::Float: {
      errno = 0;
      char* end = nullptr;
      std::strtod(value.raw.c_str(), &end);
      return (errno == ERANGE && end != value.raw.c_str()) || *end != '\0' || value.raw.empty();
    }
    case ValueKind::Boolean: {
      static const std::set<std::string> kAccepted = {"1", "t", "T", "TRUE", "true", "True",
                                                      "0", "f", "F", "FALSE", "false", "False"};
      return !kAccepted.count(value.raw);
    }
    case ValueKind::List:
    case ValueKind::Object:
      for (const ChildValue& child : value.children) {
        if (literal_fails(*child.value)) return true;
      }
      return false;
    default:
      return false;
  }
}

// gqlparser's message for a value of the wrong type, chosen by the expected type.
std::string unexpected_type_message(const ValueNode& value) {
  std::string expected = value.expected_type->to_string();
  std::string text = value.to_string();
  if (expected == "Int" || expected == "Int!") {
    if (integer_out_of_range(value.raw, 32)) {
      return "Int cannot represent non 32-bit signed integer value: " + text;
    }
    return "Int cannot represent non-integer value: " + text;
  }
  if (expected == "String" || expected == "String!" || expected == "[String]") {
    return "String cannot represent a non string value: " + text;
  }
  if (expected == "Boolean" || expected == "Boolean!") {
    return "Boolean cannot represent a non boolean value: " + text;
  }
  if (expected == "Float" || expected == "Float!") {
    return "Float cannot represent non numeric value: " + text;
  }
  if (expected == "ID" || expected == "ID!") {
    return "ID cannot represent a non-string and non-integer value: " + text;
  }
  if (value.definition->kind == kEnum) {
    return "Enum \"" + expected + "\" cannot represent non-enum value: " + text + ".";
  }
  return "Expected value of type \"" + expected + "\", found " + text + ".";
}

void check_object(const ValueNode& value, const AddError& add_error) {
  const Definition& type = *value.definition;
  for (const auto& field : type.fields) {
    if (!field->type->non_null) continue;
    bool provided = false;
    for (const ChildValue& child : value.children) {
      provided = provided || child.name == field->name;
    }
    if (!provided && !field->default_value) {
      add_error(value.position, "Field \"" + type.name + "." + field->name +
                                    "\" of required type \"" + field->type->to_string() +
                                    "\" was not provided.");
    }
  }
  std::vector<std::string> names;
  for (const auto& field : type.fields) names.push_back(field->name);
  for (const ChildValue& child : value.children) {
    if (type.field(child.name)) continue;
    add_error(child.position, "Field \"" + child.name + "\" is not defined by type \"" +
                                  type.name + "\"." +
                                  suggest_quoted("Did you mean", child.name, names));
  }
}

void check_enum_literal(const ValueNode& value, const std::vector<std::string>& enum_values,
                        const AddError& add_error) {
  const Definition& type = *value.definition;
  std::string expected = value.expected_type->to_string();
  if (type.kind != kEnum) {
    add_error(value.position, unexpected_type_message(value) +
                                  suggest_unquoted("Did you mean the enum value", value.raw,
                                                   enum_values));
    return;
  }
  for (const auto& candidate : type.enum_values) {
    if (candidate->name == value.raw) return;
  }
  add_error(value.position, "Value \"" + value.to_string() + "\" does not exist in \"" +
                                expected + "\" enum." +
                                suggest_quoted("Did you mean the enum value", value.raw,
                                               enum_values));
}

void check_value(const ValueNode& value, const AddError& add_error) {
  const Definition& type = *value.definition;
  const TypeRef& expected = *value.expected_type;
  if (value.kind == ValueKind::Null && expected.non_null) {
    add_error(value.position, "Expected value of type \"" + expected.to_string() + "\", found " +
                                  value.to_string() + ".");
  }
  // Custom scalars accept any literal.
  if (type.kind == kScalar && !is_one_of(type, {"Int", "Float", "String", "Boolean", "ID"})) {
    return;
  }
  std::vector<std::string> enum_values;
  if (type.kind == kEnum) {
    for (const auto& candidate : type.enum_values) enum_values.push_back(candidate->name);
  }
  if (literal_fails(value)) add_error(value.position, unexpected_type_message(value));

  switch (value.kind) {
    case ValueKind::List:
      if (!expected.element) add_error(value.position, unexpected_type_message(value));
      break;
    case ValueKind::Int:
      if (!is_one_of(type, {"Int", "Float", "ID"})) {
        add_error(value.position, unexpected_type_message(value));
      }
      break;
    case ValueKind::Float:
      if (!is_one_of(type, {"Float"})) add_error(value.position, unexpected_type_message(value));
      break;
    case ValueKind::String:
    case ValueKind::Block:
      if (type.kind == kEnum) {
        add_error(value.position, "Enum \"" + expected.to_string() +
                                      "\" cannot represent non-enum value: " +
                                      value.to_string() + "." +
                                      suggest_quoted("Did you mean the enum value", value.raw,
                                                     enum_values));
      } else if (!is_one_of(type, {"String", "ID"})) {
        add_error(value.position, unexpected_type_message(value));
      }
      break;
    case ValueKind::Enum:
      check_enum_literal(value, enum_values, add_error);
      break;
    case ValueKind::Boolean:
      if (!is_one_of(type, {"Boolean"})) add_error(value.position, unexpected_type_message(value));
      break;
    case ValueKind::Object:
      check_object(value, add_error);
      break;
    default:  // null and variables
      break;
  }
}

}  // namespace

void add_unique_input_field_names(Events& events, const AddError& add_error) {
  events.value.push_back([add_error](Walker&, ValueNode& value) {
    if (value.kind != ValueKind::Object) return;
    std::set<std::string> seen;
    for (const ChildValue& child : value.children) {
      if (!seen.insert(child.name).second) {
        add_error(child.position,
                  "There can be only one input field named \"" + child.name + "\".");
      }
    }
  });
}

void add_values_of_correct_type(Events& events, const AddError& add_error) {
  events.value.push_back([add_error](Walker&, ValueNode& value) {
    if (!value.definition || !value.expected_type) return;
    check_value(value, add_error);
  });
}

}  // namespace regoc::graphql
