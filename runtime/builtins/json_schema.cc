// json.match_schema(document, schema) and json.verify_schema(schema). Both accept a schema
// (and a document) as a JSON string or as a value; the validator itself is in
// json_schema_compile.cc and json_schema_validate.cc. External interface:
// register_json_schema_builtins.
#include "runtime/builtins/json_schema.h"

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/json.h"

namespace regoc {
namespace {

// Reads an operand as OPA's astValueToJSONSchemaLoader does: a string is JSON text, an object
// or array is a document. On failure returns false and sets *error to OPA's message.
bool load_json_operand(const Value& operand, Value* out, std::string* error) {
  if (operand.is_string()) {
    std::string parse_error;
    if (!parse_json(operand.as_string(), out, &parse_error)) {
      *error = "invalid JSON string";
      return false;
    }
    return true;
  }
  if (operand.is_object() || operand.is_array()) {
    *out = json_schema::to_json_document(operand);
    return true;
  }
  *error = "wrong type, expected string or object";
  return false;
}

Value error_object(const json_schema::ValidationError& error) {
  return Value::object({
      {Value::string("error"), Value::string(error.field + ": " + error.description)},
      {Value::string("type"), Value::string(error.type)},
      {Value::string("field"), Value::string(error.field)},
      {Value::string("desc"), Value::string(error.description)},
  });
}

// json.match_schema returns [matches, errors], each error an object with the members error,
// type, field and desc.
BuiltinStatus match_schema(BuiltinContext& context, std::span<const Value> args, Value& result) {
  constexpr std::string_view kName = "json.match_schema";
  Value document;
  Value schema_document;
  std::string error;
  if (!load_json_operand(args[0], &document, &error) ||
      !load_json_operand(args[1], &schema_document, &error)) {
    return builtin_error(context, kName, error);
  }
  json_schema::Schema schema;
  if (!json_schema::compile_schema(schema_document, &schema, &error)) {
    return builtin_error(context, kName, error);
  }
  std::vector<json_schema::ValidationError> errors;
  if (!json_schema::validate_document(schema, document, &errors, &error)) {
    return builtin_error(context, kName, error);
  }
  std::vector<Value> items;
  items.reserve(errors.size());
  for (const json_schema::ValidationError& validation_error : errors) {
    items.push_back(error_object(validation_error));
  }
  result = Value::array({Value::boolean(errors.empty()), Value::array(std::move(items))});
  return BuiltinStatus::Ok;
}

// json.verify_schema returns [true, null] for a valid schema and [false, message] otherwise;
// it never fails.
BuiltinStatus verify_schema(BuiltinContext&, std::span<const Value> args, Value& result) {
  Value schema_document;
  std::string error;
  json_schema::Schema schema;
  if (load_json_operand(args[0], &schema_document, &error) &&
      json_schema::compile_schema(schema_document, &schema, &error)) {
    result = Value::array({Value::boolean(true), Value::null()});
  } else {
    result = Value::array({Value::boolean(false), Value::string("jsonschema: " + error)});
  }
  return BuiltinStatus::Ok;
}

}  // namespace

void register_json_schema_builtins(Registry& registry) {
  registry.add("json.match_schema", match_schema);
  registry.add("json.verify_schema", verify_schema);
}

}  // namespace regoc
