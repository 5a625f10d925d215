// The JSON Schema validator: checks a document against compiled SchemaNodes in gojsonschema's
// order and reports its errors. A result carries gojsonschema's score, which decides whose
// errors anyOf, oneOf and contains report when no branch matches: the closest branch, judged
// by how many checks passed (+1 each) and failed (-1 each).
//
// NOTE: gojsonschema walks object members and patternProperties in Go's random map order. OPA
// may therefore list the errors of several members in any order, and regoc sorts them by name.
#include <algorithm>
#include <map>

#include "runtime/builtins/json_schema.h"
#include "runtime/builtins/utf8.h"
#include "runtime/number.h"

namespace regoc::json_schema {
namespace {

// The place of a value in the document: "(root)", "(root).a.0".
struct Context {
  const Context* parent;
  std::string name;

  std::string path() const {
    return parent == nullptr ? name : parent->path() + "." + name;
  }
};

// Thrown when a schema applies to the same value again through its own "$ref"s, which would
// never end. gojsonschema recurses until the Go stack overflows, so OPA crashes there.
struct ReferenceLoop {};

struct ErrorRecord {
  std::string type;
  std::string context;
  std::string description;
};

struct Result {
  std::vector<ErrorRecord> errors;
  int score = 0;

  bool valid() const { return errors.empty(); }
  void merge(const Result& other) {
    errors.insert(errors.end(), other.errors.begin(), other.errors.end());
    score += other.score;
  }
};

// The field gojsonschema reports: the context without its "(root)." prefix.
std::string field_of(const std::string& context) {
  constexpr std::string_view kPrefix = "(root).";
  return context.starts_with(kPrefix) ? context.substr(kPrefix.size()) : context;
}

void add_error(Result* result, const Context& context, std::string type,
               std::string description) {
  result->errors.push_back({std::move(type), context.path(), std::move(description)});
  // -2 here and the +1 that the check adds at its end make a net -1 per failed check.
  result->score -= 2;
}

std::string types_text(const std::vector<std::string>& types) {
  if (types.size() == 1) return types[0];
  std::string out = "[";
  for (size_t i = 0; i < types.size(); ++i) out += (i > 0 ? "," : "") + types[i];
  return out + "]";
}

bool has_type(const SchemaNode& node, std::string_view type) {
  return std::find(node.types.begin(), node.types.end(), type) != node.types.end();
}

std::string normalized_or_empty(const Value& value) {
  std::string text;
  std::string error;
  normalized_json(value, &text, &error);
  return text;
}

class Validator {
 public:
  Result validate(const SchemaNode& node, const Value& value, const Context& context) {
    Result result;
    validate_into(node, value, context, &result);
    return result;
  }

  void validate_into(const SchemaNode& node, const Value& value, const Context& context,
                     Result* result) {
    std::pair<const SchemaNode*, const Value*> visit(&node, &value);
    if (std::find(active_.begin(), active_.end(), visit) != active_.end()) throw ReferenceLoop{};
    active_.push_back(visit);
    validate_node(node, value, context, result);
    active_.pop_back();
  }

 private:
  // The (schema, value) pairs being validated, from the root down: applying a schema to a value
  // that it is already being applied to is a loop.
  std::vector<std::pair<const SchemaNode*, const Value*>> active_;

  void validate_node(const SchemaNode& node, const Value& value, const Context& context,
                     Result* result) {
    if (node.pass.has_value()) {
      if (!*node.pass) add_error(result, context, "false", "False always fails validation");
      return;
    }
    if (node.ref != nullptr) {
      validate_into(*node.ref, value, context, result);
      return;
    }
    if (!check_type(node, value, context, result)) return;

    validate_combinators(node, value, context, result);
    if (value.is_number()) validate_number(node, value, context, result);
    if (value.is_array()) validate_array(node, value, context, result);
    if (value.is_object()) validate_object(node, value, context, result);
    validate_common(node, value, context, result);
    if (value.is_string()) validate_string(node, value, context, result);
    if (value.is_object()) {
      for (const auto& [name, child] : node.properties) {
        const Value* member = value.find(name);
        if (member == nullptr) continue;
        Context member_context{&context, name};
        validate_into(*child, *member, member_context, result);
      }
    }
    result->score += 1;
  }

  bool check_type(const SchemaNode& node, const Value& value, const Context& context,
                  Result* result) {
    if (node.types.empty()) return true;
    std::string given;
    bool valid = false;
    switch (value.kind()) {
      case Kind::Null: given = "null"; break;
      case Kind::Boolean: given = "boolean"; break;
      case Kind::String: given = "string"; break;
      case Kind::Array: case Kind::Set: given = "array"; break;
      case Kind::Object: given = "object"; break;
      case Kind::Number: {
        bool integer = value.as_number().is_integer();
        valid = has_type(node, "number") || (integer && has_type(node, "integer"));
        given = integer ? "integer" : "number";
        break;
      }
      case Kind::Undefined: return true;
    }
    if (!value.is_number()) valid = has_type(node, given);
    if (valid) return true;
    add_error(result, context, "invalid_type",
              "Invalid type. Expected: " + types_text(node.types) + ", given: " + given);
    return false;
  }

  void validate_combinators(const SchemaNode& node, const Value& value, const Context& context,
                            Result* result) {
    validate_any_of(node, value, context, result);
    validate_one_of(node, value, context, result);
    if (!node.all_of.empty()) {
      size_t passed = 0;
      for (const SchemaNode* branch : node.all_of) {
        Result branch_result = validate(*branch, value, context);
        if (branch_result.valid()) ++passed;
        result->merge(branch_result);
      }
      if (passed != node.all_of.size()) {
        add_error(result, context, "number_all_of", "Must validate all the schemas (allOf)");
      }
    }
    if (node.negated != nullptr && validate(*node.negated, value, context).valid()) {
      add_error(result, context, "number_not", "Must not validate the schema (not)");
    }
    validate_dependencies(node, value, context, result);
    validate_condition(node, value, context, result);
    result->score += 1;
  }

  void validate_any_of(const SchemaNode& node, const Value& value, const Context& context,
                       Result* result) {
    if (node.any_of.empty()) return;
    std::optional<Result> best;
    for (const SchemaNode* branch : node.any_of) {
      Result branch_result = validate(*branch, value, context);
      if (branch_result.valid()) return;
      if (!best || branch_result.score > best->score) best = std::move(branch_result);
    }
    add_error(result, context, "number_any_of", "Must validate at least one schema (anyOf)");
    result->merge(*best);
  }

  void validate_one_of(const SchemaNode& node, const Value& value, const Context& context,
                       Result* result) {
    if (node.one_of.empty()) return;
    size_t passed = 0;
    std::optional<Result> best;
    for (const SchemaNode* branch : node.one_of) {
      Result branch_result = validate(*branch, value, context);
      if (branch_result.valid()) {
        ++passed;
      } else if (passed == 0 && (!best || branch_result.score > best->score)) {
        best = std::move(branch_result);
      }
    }
    if (passed == 1) return;
    add_error(result, context, "number_one_of", "Must validate one and only one schema (oneOf)");
    if (passed == 0) result->merge(*best);
  }

  void validate_dependencies(const SchemaNode& node, const Value& value, const Context& context,
                             Result* result) {
    if (node.dependencies.empty() || !value.is_object()) return;
    for (const Value::Entry& entry : value.object_entries()) {
      auto dependency = node.dependencies.find(std::string(entry.first.as_string()));
      if (dependency == node.dependencies.end()) continue;
      if (const auto* names = std::get_if<std::vector<std::string>>(&dependency->second)) {
        for (const std::string& name : *names) {
          if (value.find(name) == nullptr) {
            add_error(result, context, "missing_dependency", "Has a dependency on " + name);
          }
        }
      } else {
        validate_into(*std::get<const SchemaNode*>(dependency->second), value, context, result);
      }
    }
  }

  void validate_condition(const SchemaNode& node, const Value& value, const Context& context,
                          Result* result) {
    if (node.condition == nullptr) return;
    bool condition_holds = validate(*node.condition, value, context).valid();
    const SchemaNode* branch = condition_holds ? node.then_branch : node.else_branch;
    if (branch == nullptr) return;
    Result branch_result = validate(*branch, value, context);
    if (branch_result.valid()) return;
    if (condition_holds) {
      add_error(result, context, "condition_then", "Must validate \"then\" as \"if\" was valid");
    } else {
      add_error(result, context, "condition_else",
                "Must validate \"else\" as \"if\" was not valid");
    }
    result->merge(branch_result);
  }

  void validate_common(const SchemaNode& node, const Value& value, const Context& context,
                       Result* result) {
    std::string field = field_of(context.path());
    if (node.constant && normalized_or_empty(value) != *node.constant) {
      add_error(result, context, "const", field + " does not match: " + *node.constant);
    }
    if (node.enum_present) {
      std::string text = normalized_or_empty(value);
      if (std::find(node.enumeration.begin(), node.enumeration.end(), text) ==
          node.enumeration.end()) {
        std::string allowed;
        for (const std::string& item : node.enumeration) {
          allowed += (allowed.empty() ? "" : ", ") + item;
        }
        if (node.enumeration.empty()) allowed = "(none)";
        add_error(result, context, "enum", field + " must be one of the following: " + allowed);
      }
    }
    if (!node.format.empty() && !matches_format(node.format, value)) {
      add_error(result, context, "format", "Does not match format '" + node.format + "'");
    }
    result->score += 1;
  }

  void validate_number(const SchemaNode& node, const Value& value, const Context& context,
                       Result* result) {
    Decimal number = decimal_of(value);
    if (node.multiple_of && !is_multiple_of(number, *node.multiple_of)) {
      add_error(result, context, "multiple_of",
                "Must be a multiple of " + format_decimal_g10(*node.multiple_of));
    }
    if (node.maximum && compare_decimals(number, *node.maximum) > 0) {
      add_error(result, context, "number_lte",
                "Must be less than or equal to " + format_decimal_g10(*node.maximum));
    }
    if (node.exclusive_maximum && compare_decimals(number, *node.exclusive_maximum) >= 0) {
      add_error(result, context, "number_lt",
                "Must be less than " + format_decimal_g10(*node.exclusive_maximum));
    }
    if (node.minimum && compare_decimals(number, *node.minimum) < 0) {
      add_error(result, context, "number_gte",
                "Must be greater than or equal to " + format_decimal_g10(*node.minimum));
    }
    if (node.exclusive_minimum && compare_decimals(number, *node.exclusive_minimum) <= 0) {
      add_error(result, context, "number_gt",
                "Must be greater than " + format_decimal_g10(*node.exclusive_minimum));
    }
    result->score += 1;
  }

  void validate_string(const SchemaNode& node, const Value& value, const Context& context,
                       Result* result) {
    std::string_view text = value.as_string();
    auto length = static_cast<int64_t>(count_code_points(text));
    if (node.min_length && length < *node.min_length) {
      add_error(result, context, "string_gte",
                "String length must be greater than or equal to " +
                    std::to_string(*node.min_length));
    }
    if (node.max_length && length > *node.max_length) {
      add_error(result, context, "string_lte",
                "String length must be less than or equal to " +
                    std::to_string(*node.max_length));
    }
    if (node.pattern && !RE2::PartialMatch(text, *node.pattern->regex)) {
      add_error(result, context, "pattern",
                "Does not match pattern '" + node.pattern->source + "'");
    }
    result->score += 1;
  }

  void validate_items(const SchemaNode& node, std::span<const Value> items,
                      const Context& context, Result* result) {
    if (node.items_is_single_schema) {
      for (size_t i = 0; i < items.size(); ++i) {
        Context item_context{&context, std::to_string(i)};
        result->merge(validate(*node.items[0], items[i], item_context));
      }
      return;
    }
    if (node.items.empty()) return;
    size_t positional = std::min(node.items.size(), items.size());
    for (size_t i = 0; i < positional; ++i) {
      Context item_context{&context, std::to_string(i)};
      result->merge(validate(*node.items[i], items[i], item_context));
    }
    if (node.items.size() >= items.size()) return;
    if (const bool* allowed = std::get_if<bool>(&node.additional_items)) {
      if (!*allowed) {
        add_error(result, context, "array_no_additional_items",
                  "No additional items allowed on array");
      }
    } else if (const auto* schema = std::get_if<const SchemaNode*>(&node.additional_items)) {
      for (size_t i = node.items.size(); i < items.size(); ++i) {
        Context item_context{&context, std::to_string(i)};
        result->merge(validate(**schema, items[i], item_context));
      }
    }
  }

  void validate_array(const SchemaNode& node, const Value& value, const Context& context,
                      Result* result) {
    std::span<const Value> items = value.array_items();
    validate_items(node, items, context, result);
    auto count = static_cast<int64_t>(items.size());
    if (node.min_items && count < *node.min_items) {
      add_error(result, context, "array_min_items",
                "Array must have at least " + std::to_string(*node.min_items) + " items");
    }
    if (node.max_items && count > *node.max_items) {
      add_error(result, context, "array_max_items",
                "Array must have at most " + std::to_string(*node.max_items) + " items");
    }
    if (node.unique_items) {
      // Each item is compared with the latest earlier item of equal JSON text.
      std::map<std::string, size_t> seen;
      for (size_t j = 0; j < items.size(); ++j) {
        std::string text = normalized_or_empty(items[j]);
        auto earlier = seen.find(text);
        if (earlier != seen.end()) {
          add_error(result, context, "unique",
                    "array items[" + std::to_string(earlier->second) + "," + std::to_string(j) +
                        "] must be unique");
        }
        seen[text] = j;
      }
    }
    if (node.contains != nullptr) validate_contains(node, items, context, result);
    result->score += 1;
  }

  void validate_contains(const SchemaNode& node, std::span<const Value> items,
                         const Context& context, Result* result) {
    std::optional<Result> best;
    for (size_t i = 0; i < items.size(); ++i) {
      Context item_context{&context, std::to_string(i)};
      Result item_result = validate(*node.contains, items[i], item_context);
      if (item_result.valid()) return;
      if (!best || item_result.score > best->score) best = std::move(item_result);
    }
    add_error(result, context, "contains", "At least one of the items must match");
    if (best) result->merge(*best);
  }

  // Validates a member against the patternProperties that match its name; false when none do.
  bool validate_pattern_properties(const SchemaNode& node, const std::string& name,
                                   const Value& member, const Context& context, Result* result) {
    bool matched = false;
    for (const auto& [pattern, schema] : node.pattern_properties) {
      if (!RE2::PartialMatch(name, *pattern.regex)) continue;
      matched = true;
      Context member_context{&context, name};
      result->merge(validate(*schema, member, member_context));
    }
    if (matched) result->score += 1;
    return matched;
  }

  void validate_object(const SchemaNode& node, const Value& value, const Context& context,
                       Result* result) {
    auto count = static_cast<int64_t>(value.size());
    if (node.min_properties && count < *node.min_properties) {
      add_error(result, context, "array_min_properties",
                "Must have at least " + std::to_string(*node.min_properties) + " properties");
    }
    if (node.max_properties && count > *node.max_properties) {
      add_error(result, context, "array_max_properties",
                "Must have at most " + std::to_string(*node.max_properties) + " properties");
    }
    for (const std::string& name : node.required) {
      if (value.find(name) != nullptr) {
        result->score += 1;
      } else {
        add_error(result, context, "required", name + " is required");
      }
    }
    for (const Value::Entry& entry : value.object_entries()) {
      std::string name(entry.first.as_string());
      bool declared = std::any_of(node.properties.begin(), node.properties.end(),
                                  [&](const auto& property) { return property.first == name; });
      bool patterned = validate_pattern_properties(node, name, entry.second, context, result);
      if (declared || patterned) continue;
      if (const bool* allowed = std::get_if<bool>(&node.additional_properties)) {
        if (!*allowed) {
          add_error(result, context, "additional_property_not_allowed",
                    "Additional property " + name + " is not allowed");
        }
      } else if (const auto* schema = std::get_if<const SchemaNode*>(&node.additional_properties)) {
        Context member_context{&context, name};
        result->merge(validate(**schema, entry.second, member_context));
      }
    }
    if (node.property_names != nullptr) {
      for (const Value::Entry& entry : value.object_entries()) {
        Result name_result = validate(*node.property_names, entry.first, context);
        if (name_result.valid()) continue;
        add_error(result, context, "invalid_property_name",
                  "Property name of \"" + std::string(entry.first.as_string()) +
                      "\" does not match");
        result->merge(name_result);
      }
    }
    result->score += 1;
  }
};

}  // namespace

bool validate_document(const Schema& schema, const Value& document,
                       std::vector<ValidationError>* errors, std::string* error) {
  Context root{nullptr, "(root)"};
  Result result;
  try {
    result = Validator().validate(*schema.root, document, root);
  } catch (const ReferenceLoop&) {
    *error = "invalid schema: its $ref references apply a schema to the same value again, "
             "without end";
    return false;
  }
  errors->clear();
  for (ErrorRecord& record : result.errors) {
    errors->push_back({std::move(record.type), field_of(record.context),
                       std::move(record.description)});
  }
  return true;
}

}  // namespace regoc::json_schema
