// The JSON Schema compiler: reads a schema document into SchemaNode trees, keyword by keyword
// in gojsonschema's order, so that an invalid schema fails with the same first error that OPA
// reports. "$ref" is followed within the schema document, including "$id" scopes.
//
// NOTE: gojsonschema visits the members of "properties", "definitions", "patternProperties"
// and "dependencies" in Go's random map order. When several members are invalid, OPA's error
// names any of them, and regoc's names the first in sorted order.
#include <algorithm>
#include <array>

#include "runtime/builtins/json_schema.h"
#include "runtime/builtins/json_schema_reference.h"
#include "runtime/number.h"

namespace regoc::json_schema {
namespace {

// The JSON types in the order gojsonschema lists them in its "NOT VALID" error.
constexpr std::array<std::string_view, 7> kJsonTypes = {
    "array", "boolean", "integer", "number", "null", "object", "string"};

std::string invalid_type(std::string_view expected, std::string_view given) {
  return "Invalid type. Expected: " + std::string(expected) + ", given: " + std::string(given);
}

std::string must_be_of_a(std::string_view key, std::string_view type) {
  return std::string(key) + " must be of a " + std::string(type);
}

std::string must_be_of_an(std::string_view key, std::string_view type) {
  return std::string(key) + " must be of an " + std::string(type);
}

std::string must_be_of_type(std::string_view key, std::string_view type) {
  return std::string(key) + " must be of type " + std::string(type);
}

bool is_schema_value(const Value& value) { return value.is_object() || value.is_boolean(); }

// gojsonschema's mustBeInteger: only a plain integer literal that fits int64 qualifies, so
// 1.0 and 1e2 do not.
std::optional<int64_t> integer_literal(const Value& value) {
  if (!value.is_number()) return std::nullopt;
  std::string text = number_text(value);
  size_t start = text.starts_with("-") ? 1 : 0;
  if (start == text.size() || text.size() - start > 19 ||
      !std::all_of(text.begin() + static_cast<std::ptrdiff_t>(start), text.end(),
                   [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  int64_t out = 0;
  if (!value.as_int64(&out)) return std::nullopt;
  return out;
}

std::shared_ptr<const RE2> compile_regex(const std::string& source) {
  RE2::Options options;
  options.set_log_errors(false);
  auto regex = std::make_shared<const RE2>(source, options);
  if (!regex->ok()) return nullptr;
  return regex;
}

class Compiler {
 public:
  Compiler(const Value& root, Schema* schema, Draft draft)
      : root_(root), schema_(schema), draft_(draft) {}

  bool compile(std::string* error) {
    register_documents(root_, "");
    documents_.emplace("", root_);
    SchemaNode* root = new_node();
    schema_->root = root;
    if (!parse(root_, root, "", true)) {
      *error = error_;
      return false;
    }
    return true;
  }

 private:
  const Value& root_;
  Schema* schema_;
  Draft draft_;
  std::string error_;
  // Documents by absolute URI (without fragment): the root under "" and every "$id" scope.
  std::map<std::string, Value> documents_;
  // Nodes by absolute "$ref" value, so that recursive references end.
  std::map<std::string, SchemaNode*> references_;

  SchemaNode* new_node() {
    schema_->nodes.push_back(std::make_unique<SchemaNode>());
    return schema_->nodes.back().get();
  }

  bool fail(std::string message) {
    error_ = std::move(message);
    return false;
  }

  // Registers every "$id" scope of the document, as gojsonschema's reference pass does:
  // the first document with a given id wins, and const and enum values are not schemas.
  void register_documents(const Value& document, const std::string& base) {
    if (document.is_array()) {
      for (const Value& item : document.array_items()) register_documents(item, base);
      return;
    }
    if (!document.is_object()) return;
    std::string scope = base;
    const Value* id = document.find("id");
    if (id == nullptr) id = document.find("$id");
    std::string normalized;
    std::string ignored;
    if (id != nullptr && id->is_string() &&
        parse_reference(id->as_string(), &normalized, &ignored)) {
      scope = resolve_reference(base, normalized);
      documents_.emplace(scope, document);
    }
    for (const Value::Entry& entry : document.object_entries()) {
      std::string_view key = entry.first.as_string();
      if (key == "const" || key == "enum") continue;
      if ((key == "properties" || key == "dependencies" || key == "patternProperties") &&
          entry.second.is_object()) {
        for (const Value::Entry& child : entry.second.object_entries()) {
          register_documents(child.second, scope);
        }
      } else {
        register_documents(entry.second, scope);
      }
    }
  }

  std::string_view id_keyword(const Value& document) const {
    if (draft_ == Draft::Draft4) return "id";
    if (draft_ == Draft::Hybrid && document.find("id") != nullptr) return "id";
    return "$id";
  }

  bool optional_string(const Value& document, std::string_view key, const Value** out) {
    *out = document.find(key);
    if (*out != nullptr && !(*out)->is_string()) return fail(invalid_type("string", key));
    return true;
  }

  bool parse(const Value& document, SchemaNode* node, std::string base, bool is_root) {
    if (draft_ >= Draft::Draft6 && document.is_boolean()) {
      node->pass = document.as_bool();
      return true;
    }
    if (!document.is_object()) return fail("Expected: valid schema, given: Invalid JSON");

    const Value* id = nullptr;
    if (!optional_string(document, id_keyword(document), &id)) return false;
    if (id != nullptr) {
      std::string normalized;
      if (!parse_reference(id->as_string(), &normalized, &error_)) return false;
      base = is_root ? normalized : resolve_reference(base, normalized);
    }
    if (!parse_definitions(document, base)) return false;
    const Value* text = nullptr;
    if (!optional_string(document, "title", &text) ||
        !optional_string(document, "description", &text)) {
      return false;
    }

    const Value* ref = nullptr;
    if (!optional_string(document, "$ref", &ref)) return false;
    if (ref != nullptr) {
      std::string normalized;
      if (!parse_reference(ref->as_string(), &normalized, &error_)) return false;
      std::string absolute = resolve_reference(base, normalized);
      auto known = references_.find(absolute);
      // A reference seen before is reused and the siblings still parse; a new one replaces
      // the rest of the schema object, as in gojsonschema.
      if (known == references_.end()) return parse_reference_target(absolute, node);
      node->ref = known->second;
    }

    return parse_types(document, node) && parse_object_keywords(document, node, base) &&
           parse_array_keywords(document, node, base) && parse_number_keywords(document, node) &&
           parse_string_keywords(document, node) && parse_property_counts(document, node) &&
           parse_required(document, node) && parse_item_counts(document, node, base) &&
           parse_value_keywords(document, node) && parse_combinators(document, node, base);
  }

  bool parse_child(const Value& document, const std::string& base, const SchemaNode** out) {
    SchemaNode* child = new_node();
    *out = child;
    return parse(document, child, base, false);
  }

  bool parse_definitions(const Value& document, const std::string& base) {
    const Value* definitions = document.find("definitions");
    if (definitions == nullptr) return true;
    if (!definitions->is_object()) return fail(invalid_type("array of schemas", "definitions"));
    for (const Value::Entry& entry : definitions->object_entries()) {
      if (!is_schema_value(entry.second)) {
        return fail(invalid_type("array of schemas", "definitions"));
      }
      const SchemaNode* unused = nullptr;
      if (!parse_child(entry.second, base, &unused)) return false;
    }
    return true;
  }

  bool parse_reference_target(const std::string& absolute, SchemaNode* node) {
    SchemaNode* target = new_node();
    references_.emplace(absolute, target);
    Value document;
    if (!find_document(absolute, &document)) return false;
    if (!is_schema_value(document)) return fail(must_be_of_type("valid schema", "object"));
    if (!parse(document, target, absolute, false)) return false;
    node->ref = target;
    return true;
  }

  bool find_document(const std::string& absolute, Value* out) {
    auto exact = documents_.find(absolute);
    if (exact != documents_.end()) {
      *out = exact->second;
      return true;
    }
    auto base = documents_.find(without_fragment(absolute));
    if (base != documents_.end()) {
      return resolve_pointer(base->second, fragment_of(absolute), out, &error_);
    }
    if (!is_canonical(absolute)) return fail("Reference " + absolute + " must be canonical");
    // NOTE: gojsonschema would fetch the document over the network (hosts limited by OPA's
    // allow_net capability); regoc resolves references within the schema only.
    return fail("Reference " + absolute +
                " is not in the schema: regoc does not load remote references");
  }

  bool add_type(SchemaNode* node, std::string_view type) {
    if (std::find(kJsonTypes.begin(), kJsonTypes.end(), type) == kJsonTypes.end()) {
      return fail("has a primitive type that is NOT VALID -- given: /" + std::string(type) +
                  "/ Expected valid values are:[array boolean integer number null object "
                  "string]");
    }
    if (std::find(node->types.begin(), node->types.end(), type) != node->types.end()) {
      return fail(std::string(type) + " type is duplicated");
    }
    node->types.emplace_back(type);
    return true;
  }

  bool parse_types(const Value& document, SchemaNode* node) {
    const Value* type = document.find("type");
    if (type == nullptr) return true;
    if (type->is_string()) return add_type(node, type->as_string());
    if (!type->is_array()) return fail(invalid_type("type", "string/array of strings"));
    for (const Value& item : type->array_items()) {
      if (!item.is_string()) return fail(invalid_type("type", "string/array of strings"));
      if (!add_type(node, item.as_string())) return false;
    }
    return true;
  }

  bool parse_bool_or_schema(const Value& value, std::string_view key, const std::string& base,
                            BoolOrSchema* out) {
    if (value.is_boolean()) {
      *out = value.as_bool();
      return true;
    }
    if (!value.is_object()) return fail(invalid_type("boolean/valid schema", key));
    const SchemaNode* child = nullptr;
    if (!parse_child(value, base, &child)) return false;
    *out = child;
    return true;
  }

  bool parse_object_keywords(const Value& document, SchemaNode* node, const std::string& base) {
    if (const Value* properties = document.find("properties")) {
      if (!properties->is_object()) return fail(must_be_of_type("properties", "object"));
      for (const Value::Entry& entry : properties->object_entries()) {
        const SchemaNode* child = nullptr;
        if (!parse_child(entry.second, base, &child)) return false;
        node->properties.emplace_back(std::string(entry.first.as_string()), child);
      }
    }
    if (const Value* additional = document.find("additionalProperties")) {
      if (!parse_bool_or_schema(*additional, "additionalProperties", base,
                                &node->additional_properties)) {
        return false;
      }
    }
    if (const Value* patterns = document.find("patternProperties")) {
      if (!patterns->is_object()) return fail(invalid_type("valid schema", "patternProperties"));
      for (const Value::Entry& entry : patterns->object_entries()) {
        std::string source(entry.first.as_string());
        auto regex = compile_regex(source);
        if (regex == nullptr) return fail("Invalid regex pattern '" + source + "'");
        const SchemaNode* child = nullptr;
        if (!parse_child(entry.second, base, &child)) return false;
        node->pattern_properties.emplace_back(Pattern{source, regex}, child);
      }
    }
    const Value* names = document.find("propertyNames");
    if (names != nullptr && draft_ >= Draft::Draft6) {
      if (!is_schema_value(*names)) return fail(invalid_type("valid schema", "patternProperties"));
      if (!parse_child(*names, base, &node->property_names)) return false;
    }
    if (const Value* dependencies = document.find("dependencies")) {
      if (!parse_dependencies(*dependencies, node, base)) return false;
    }
    return true;
  }

  bool parse_dependencies(const Value& dependencies, SchemaNode* node, const std::string& base) {
    if (!dependencies.is_object()) return fail(must_be_of_type("dependencies", "object"));
    const std::string kError = must_be_of_type("dependency", "schema or array of strings");
    for (const Value::Entry& entry : dependencies.object_entries()) {
      std::string name(entry.first.as_string());
      if (entry.second.is_array()) {
        std::vector<std::string> names;
        for (const Value& item : entry.second.array_items()) {
          if (!item.is_string()) return fail(kError);
          names.emplace_back(item.as_string());
        }
        // gojsonschema records a list only once it has a member, so [] constrains nothing.
        if (!names.empty()) node->dependencies[name] = std::move(names);
      } else if (is_schema_value(entry.second)) {
        const SchemaNode* child = nullptr;
        if (!parse_child(entry.second, base, &child)) return false;
        node->dependencies[name] = child;
      } else {
        return fail(kError);
      }
    }
    return true;
  }

  bool parse_array_keywords(const Value& document, SchemaNode* node, const std::string& base) {
    if (const Value* items = document.find("items")) {
      const std::string kError = invalid_type("valid schema/array of schemas", "items");
      if (items->is_array()) {
        for (const Value& item : items->array_items()) {
          if (!is_schema_value(item)) return fail(kError);
          const SchemaNode* child = nullptr;
          if (!parse_child(item, base, &child)) return false;
          node->items.push_back(child);
        }
      } else if (is_schema_value(*items)) {
        const SchemaNode* child = nullptr;
        if (!parse_child(*items, base, &child)) return false;
        node->items.push_back(child);
        node->items_is_single_schema = true;
      } else {
        return fail(kError);
      }
    }
    if (const Value* additional = document.find("additionalItems")) {
      return parse_bool_or_schema(*additional, "additionalItems", base, &node->additional_items);
    }
    return true;
  }

  // exclusiveMinimum and exclusiveMaximum: a boolean modifier of minimum/maximum in draft 4,
  // a number of its own from draft 6 on, and either one in hybrid mode.
  bool parse_exclusive_bound(const Value& document, std::string_view key,
                             std::string_view bound_key, std::optional<Decimal>* bound,
                             std::optional<Decimal>* exclusive) {
    const Value* value = document.find(key);
    if (value == nullptr) return true;
    bool boolean_allowed = draft_ == Draft::Draft4 || draft_ == Draft::Hybrid;
    bool number_allowed = draft_ != Draft::Draft4;
    if (value->is_boolean() && boolean_allowed) {
      if (!bound->has_value()) {
        return fail(std::string(key) + " cannot be used without " + std::string(bound_key));
      }
      if (value->as_bool()) {
        *exclusive = *bound;
        bound->reset();
      }
      return true;
    }
    if (value->is_number() && number_allowed) {
      *exclusive = decimal_of(*value);
      return true;
    }
    if (draft_ == Draft::Draft4) return fail(invalid_type("boolean", key));
    if (draft_ == Draft::Hybrid) return fail(invalid_type("boolean/number", key));
    return fail(invalid_type("number", key));
  }

  bool parse_number_keywords(const Value& document, SchemaNode* node) {
    if (const Value* multiple = document.find("multipleOf")) {
      if (!multiple->is_number()) return fail(invalid_type("number", "multipleOf"));
      Decimal value = decimal_of(*multiple);
      if (sgn(value.coefficient) <= 0) return fail("multipleOf must be strictly greater than 0");
      node->multiple_of = value;
    }
    if (const Value* minimum = document.find("minimum")) {
      if (!minimum->is_number()) return fail(must_be_of_a("minimum", "number"));
      node->minimum = decimal_of(*minimum);
    }
    if (!parse_exclusive_bound(document, "exclusiveMinimum", "minimum", &node->minimum,
                               &node->exclusive_minimum)) {
      return false;
    }
    if (const Value* maximum = document.find("maximum")) {
      if (!maximum->is_number()) return fail(must_be_of_a("maximum", "number"));
      node->maximum = decimal_of(*maximum);
    }
    return parse_exclusive_bound(document, "exclusiveMaximum", "maximum", &node->maximum,
                                 &node->exclusive_maximum);
  }

  bool parse_count(const Value& document, std::string_view key, std::optional<int64_t>* out) {
    const Value* value = document.find(key);
    if (value == nullptr) return true;
    std::optional<int64_t> count = integer_literal(*value);
    if (!count) return fail(must_be_of_an(key, "integer"));
    if (*count < 0) return fail(std::string(key) + " must be greater than or equal to 0");
    *out = count;
    return true;
  }

  bool parse_string_keywords(const Value& document, SchemaNode* node) {
    if (!parse_count(document, "minLength", &node->min_length) ||
        !parse_count(document, "maxLength", &node->max_length)) {
      return false;
    }
    if (node->min_length && node->max_length && *node->min_length > *node->max_length) {
      return fail("minLength cannot be greater than maxLength");
    }
    const Value* pattern = nullptr;
    if (!optional_string(document, "pattern", &pattern)) return false;
    if (pattern != nullptr) {
      std::string source(pattern->as_string());
      auto regex = compile_regex(source);
      if (regex == nullptr) return fail("pattern must be a valid regex");
      node->pattern = Pattern{source, regex};
    }
    const Value* format = nullptr;
    if (!optional_string(document, "format", &format)) return false;
    if (format != nullptr) node->format = format->as_string();
    return true;
  }

  bool parse_property_counts(const Value& document, SchemaNode* node) {
    if (!parse_count(document, "minProperties", &node->min_properties) ||
        !parse_count(document, "maxProperties", &node->max_properties)) {
      return false;
    }
    if (node->min_properties && node->max_properties &&
        *node->min_properties > *node->max_properties) {
      return fail("minProperties cannot be greater than maxProperties");
    }
    return true;
  }

  bool parse_required(const Value& document, SchemaNode* node) {
    const Value* required = document.find("required");
    if (required == nullptr) return true;
    if (!required->is_array()) return fail(must_be_of_an("required", "array"));
    for (const Value& item : required->array_items()) {
      if (!item.is_string()) return fail(invalid_type("string", "required"));
      std::string name(item.as_string());
      if (std::find(node->required.begin(), node->required.end(), name) != node->required.end()) {
        return fail("required items must be unique");
      }
      node->required.push_back(std::move(name));
    }
    return true;
  }

  bool parse_item_counts(const Value& document, SchemaNode* node, const std::string& base) {
    if (!parse_count(document, "minItems", &node->min_items) ||
        !parse_count(document, "maxItems", &node->max_items)) {
      return false;
    }
    if (const Value* unique = document.find("uniqueItems")) {
      if (!unique->is_boolean()) return fail(must_be_of_a("uniqueItems", "boolean"));
      node->unique_items = unique->as_bool();
    }
    const Value* contains = document.find("contains");
    if (contains != nullptr && draft_ >= Draft::Draft6) {
      return parse_child(*contains, base, &node->contains);
    }
    return true;
  }

  bool parse_value_keywords(const Value& document, SchemaNode* node) {
    const Value* constant = document.find("const");
    if (constant != nullptr && draft_ >= Draft::Draft6) {
      std::string text;
      if (!normalized_json(*constant, &text, &error_)) return false;
      node->constant = std::move(text);
    }
    const Value* enumeration = document.find("enum");
    if (enumeration == nullptr) return true;
    if (!enumeration->is_array()) return fail(must_be_of_an("enum", "array"));
    node->enum_present = true;
    for (const Value& item : enumeration->array_items()) {
      std::string text;
      if (!normalized_json(item, &text, &error_)) return false;
      if (std::find(node->enumeration.begin(), node->enumeration.end(), text) !=
          node->enumeration.end()) {
        return fail("enum items must be unique");
      }
      node->enumeration.push_back(std::move(text));
    }
    return true;
  }

  bool parse_schema_list(const Value& document, std::string_view key, const std::string& base,
                         std::vector<const SchemaNode*>* out) {
    const Value* list = document.find(key);
    if (list == nullptr) return true;
    if (!list->is_array()) return fail(must_be_of_an(key, "array"));
    for (const Value& item : list->array_items()) {
      const SchemaNode* child = nullptr;
      if (!parse_child(item, base, &child)) return false;
      out->push_back(child);
    }
    return true;
  }

  bool parse_single_schema(const Value& document, std::string_view key, const std::string& base,
                           const SchemaNode** out) {
    const Value* value = document.find(key);
    if (value == nullptr) return true;
    if (!is_schema_value(*value)) return fail(must_be_of_an(key, "object"));
    return parse_child(*value, base, out);
  }

  bool parse_combinators(const Value& document, SchemaNode* node, const std::string& base) {
    if (!parse_schema_list(document, "oneOf", base, &node->one_of) ||
        !parse_schema_list(document, "anyOf", base, &node->any_of) ||
        !parse_schema_list(document, "allOf", base, &node->all_of) ||
        !parse_single_schema(document, "not", base, &node->negated)) {
      return false;
    }
    if (draft_ < Draft::Draft7) return true;
    return parse_single_schema(document, "if", base, &node->condition) &&
           parse_single_schema(document, "then", base, &node->then_branch) &&
           parse_single_schema(document, "else", base, &node->else_branch);
  }
};

// gojsonschema's draft detection: a "$schema" naming a known meta-schema selects its draft;
// anything else leaves hybrid mode.
bool detect_draft(const Value& document, Draft* draft, std::string* error) {
  *draft = Draft::Hybrid;
  if (document.is_boolean()) return true;
  if (!document.is_object()) {
    *error = "schema is invalid";
    return false;
  }
  const Value* schema = document.find("$schema");
  if (schema == nullptr) return true;
  if (!schema->is_string()) {
    *error = must_be_of_type("$schema", "string");
    return false;
  }
  std::string normalized;
  if (!parse_reference(schema->as_string(), &normalized, error)) return false;
  if (normalized == "http://json-schema.org/draft-04/schema") *draft = Draft::Draft4;
  if (normalized == "http://json-schema.org/draft-06/schema") *draft = Draft::Draft6;
  if (normalized == "http://json-schema.org/draft-07/schema") *draft = Draft::Draft7;
  return true;
}

}  // namespace

bool compile_schema(const Value& document, Schema* schema, std::string* error) {
  *schema = Schema();
  Draft draft = Draft::Hybrid;
  if (!detect_draft(document, &draft, error)) return false;
  return Compiler(document, schema, draft).compile(error);
}

}  // namespace regoc::json_schema
