// Decoding of GraphQL syntax trees from Rego values, as OPA does for AST objects passed to
// graphql.parse and friends: it marshals the object to JSON and decodes it into gqlparser's
// structs with Go's encoding/json. External interface: query_from_value and
// schema_from_value.
//
// Go's rules that matter here: unknown members are ignored, null leaves a member unset,
// member names match case-insensitively except in the four types with their own decoders
// (OperationDefinition, FragmentDefinition, Field, InlineFragment), and a type mismatch
// fails the decode. gqlparser decodes each selection as a Field first, which succeeds for
// any object without a mismatch, so fragment spreads and inline fragments given as objects
// are read as fields.
//
// NOTE: members that gqlparser fills during validation (Definition, ObjectDefinition,
// Position, ...) are ignored here, where Go would decode them. Error messages follow the
// form of Go's UnmarshalTypeError but not its exact field paths.
#include <cctype>

#include "runtime/graphql/ast_value.h"

namespace regoc::graphql {
namespace {

using regoc::Value;

bool equal_fold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view json_kind(const Value& value) {
  switch (value.kind()) {
    case Kind::Boolean: return "bool";
    case Kind::Number: return "number";
    case Kind::String: return "string";
    case Kind::Array:
    case Kind::Set: return "array";
    case Kind::Object: return "object";
    default: return "null";
  }
}

// Decodes one Go struct at a time; `exact` selects case-sensitive member names.
class Decoder {
 public:
  std::string error;

  // Returns the member `key` of `object`, or nullptr when absent or null.
  const Value* member(const Value& object, std::string_view key, bool exact) const {
    const Value* found = object.find(key);
    if (found == nullptr && !exact) {
      for (const auto& [name, value] : object.object_entries()) {
        if (name.is_string() && equal_fold(name.as_string(), key)) {
          found = &value;
          break;
        }
      }
    }
    if (found == nullptr || found->is_null()) return nullptr;
    return found;
  }

  bool mismatch(const Value& value, std::string_view owner, std::string_view field,
                std::string_view go_type) {
    error = "json: cannot unmarshal " + std::string(json_kind(value)) +
            " into Go struct field " + std::string(owner) + "." + std::string(field) +
            " of type " + std::string(go_type);
    return false;
  }

  bool text(const Value& object, std::string_view owner, std::string_view key, bool exact,
            std::string* out) {
    const Value* value = member(object, key, exact);
    if (value == nullptr) return true;
    if (!value->is_string()) return mismatch(*value, owner, key, "string");
    *out = value->as_string();
    return true;
  }

  bool boolean(const Value& object, std::string_view owner, std::string_view key, bool* out) {
    const Value* value = member(object, key, false);
    if (value == nullptr) return true;
    if (!value->is_boolean()) return mismatch(*value, owner, key, "bool");
    *out = value->as_bool();
    return true;
  }

  // Calls decode_item for each item of the array member `key`.
  template <class Decode>
  bool items(const Value& object, std::string_view owner, std::string_view key, bool exact,
             std::string_view go_type, Decode decode_item) {
    const Value* value = member(object, key, exact);
    if (value == nullptr) return true;
    if (!value->is_array() && !value->is_set()) return mismatch(*value, owner, key, go_type);
    auto list = value->is_array() ? value->array_items() : value->set_items();
    for (const Value& item : list) {
      if (!decode_item(item)) return false;
    }
    return true;
  }

  bool strings(const Value& object, std::string_view owner, std::string_view key,
               std::vector<std::string>* out) {
    return items(object, owner, key, false, "[]string", [&](const Value& item) {
      if (item.is_null()) {
        out->emplace_back();
        return true;
      }
      if (!item.is_string()) return mismatch(item, owner, key, "string");
      out->emplace_back(item.as_string());
      return true;
    });
  }

  // Checks that a struct-typed value is an object; null yields no struct.
  bool is_struct(const Value& value, std::string_view owner, std::string_view key,
                 std::string_view go_type) {
    if (value.is_object()) return true;
    return mismatch(value, owner, key, go_type);
  }

  Ptr<TypeRef> type(const Value& object, std::string_view owner, bool* ok);
  Ptr<ValueNode> value(const Value& object, std::string_view owner, std::string_view key,
                       bool* ok);
  bool arguments(const Value& object, std::string_view owner, bool exact,
                 std::vector<Ptr<Argument>>* out);
  bool directives(const Value& object, std::string_view owner, bool exact, DirectiveList* out);
  bool variable_definitions(const Value& object, std::string_view owner, std::string_view key,
                            bool exact, VariableDefinitionList* out);
  bool selection_set(const Value& object, std::string_view owner, SelectionSet* out);
  bool field(const Value& item, Selection* out);
  bool fragment_spread(const Value& item, Selection* out);
  bool inline_fragment(const Value& item, Selection* out);
};

// A missing type would crash gqlparser's validator; regoc reports it instead.
Ptr<TypeRef> Decoder::type(const Value& object, std::string_view owner, bool* ok) {
  const Value* member_value = member(object, "Type", false);
  if (member_value == nullptr) {
    error = "graphql: " + std::string(owner) + " has no Type";
    *ok = false;
    return nullptr;
  }
  if (!is_struct(*member_value, owner, "Type", "ast.Type")) {
    *ok = false;
    return nullptr;
  }
  auto result = std::make_shared<TypeRef>();
  const Value& type_object = *member_value;
  *ok = text(type_object, "Type", "NamedType", false, &result->named_type) &&
        boolean(type_object, "Type", "NonNull", &result->non_null);
  if (*ok && member(type_object, "Elem", false) != nullptr) {
    const Value* element = member(type_object, "Elem", false);
    if (!is_struct(*element, "Type", "Elem", "ast.Type")) {
      *ok = false;
      return nullptr;
    }
    Value wrapper = Value::object({{Value::string("Type"), *element}});
    result->element = type(wrapper, "Type", ok);
  }
  return result;
}

Ptr<ValueNode> Decoder::value(const Value& object, std::string_view owner,
                              std::string_view key, bool* ok) {
  const Value* member_value = member(object, key, false);
  *ok = true;
  if (member_value == nullptr) return nullptr;
  if (!is_struct(*member_value, owner, key, "ast.Value")) {
    *ok = false;
    return nullptr;
  }
  const Value& value_object = *member_value;
  auto result = std::make_shared<ValueNode>();
  if (!text(value_object, "Value", "Raw", false, &result->raw)) {
    *ok = false;
    return nullptr;
  }
  if (const Value* kind = member(value_object, "Kind", false)) {
    int64_t number = 0;
    if (!kind->is_number() || !kind->as_int64(&number)) {
      *ok = mismatch(*kind, "Value", "Kind", "ast.ValueKind");
      return nullptr;
    }
    result->kind = static_cast<ValueKind>(number);
  }
  *ok = items(value_object, "Value", "Children", false, "ast.ChildValueList",
              [&](const Value& item) {
                if (item.is_null()) return true;
                if (!is_struct(item, "Value", "Children", "ast.ChildValue")) return false;
                ChildValue child;
                bool child_ok = text(item, "ChildValue", "Name", false, &child.name);
                if (child_ok) child.value = value(item, "ChildValue", "Value", &child_ok);
                if (child_ok && !child.value) {
                  error = "graphql: ChildValue has no Value";
                  child_ok = false;
                }
                result->children.push_back(std::move(child));
                return child_ok;
              });
  return result;
}

bool Decoder::arguments(const Value& object, std::string_view owner, bool exact,
                        std::vector<Ptr<Argument>>* out) {
  return items(object, owner, "Arguments", exact, "ast.ArgumentList", [&](const Value& item) {
    if (item.is_null()) return true;
    if (!is_struct(item, owner, "Arguments", "ast.Argument")) return false;
    auto argument = std::make_shared<Argument>();
    bool ok = text(item, "Argument", "Name", false, &argument->name);
    if (ok) argument->value = value(item, "Argument", "Value", &ok);
    if (ok && !argument->value) {
      error = "graphql: Argument has no Value";
      ok = false;
    }
    out->push_back(std::move(argument));
    return ok;
  });
}

bool Decoder::directives(const Value& object, std::string_view owner, bool exact,
                         DirectiveList* out) {
  return items(object, owner, "Directives", exact, "ast.DirectiveList", [&](const Value& item) {
    if (item.is_null()) return true;
    if (!is_struct(item, owner, "Directives", "ast.Directive")) return false;
    auto directive = std::make_shared<Directive>();
    out->push_back(directive);
    return text(item, "Directive", "Name", false, &directive->name) &&
           text(item, "Directive", "Location", false, &directive->location) &&
           arguments(item, "Directive", false, &directive->arguments);
  });
}

bool Decoder::variable_definitions(const Value& object, std::string_view owner,
                                   std::string_view key, bool exact,
                                   VariableDefinitionList* out) {
  return items(object, owner, key, exact, "ast.VariableDefinitionList", [&](const Value& item) {
    if (item.is_null()) return true;
    if (!is_struct(item, owner, key, "ast.VariableDefinition")) return false;
    auto definition = std::make_shared<VariableDefinition>();
    out->push_back(definition);
    bool ok = text(item, "VariableDefinition", "Variable", false, &definition->variable) &&
              boolean(item, "VariableDefinition", "Used", &definition->used) &&
              directives(item, "VariableDefinition", false, &definition->directives);
    if (ok) definition->type = type(item, "VariableDefinition", &ok);
    if (ok) definition->default_value = value(item, "VariableDefinition", "DefaultValue", &ok);
    return ok;
  });
}

// gqlparser's UnmarshalSelectionSet: each item becomes the first of Field, FragmentSpread
// and InlineFragment that decodes without error; an item that decodes as none is dropped.
bool Decoder::selection_set(const Value& object, std::string_view owner, SelectionSet* out) {
  const Value* member_value = member(object, "SelectionSet", true);
  if (member_value == nullptr) return true;
  if (!member_value->is_array() && !member_value->is_set()) {
    return mismatch(*member_value, owner, "SelectionSet", "ast.SelectionSet");
  }
  auto list = member_value->is_array() ? member_value->array_items()
                                       : member_value->set_items();
  for (const Value& item : list) {
    auto selection = std::make_shared<Selection>();
    if (field(item, selection.get()) || fragment_spread(item, selection.get()) ||
        inline_fragment(item, selection.get())) {
      out->push_back(std::move(selection));
    }
  }
  error.clear();
  return true;
}

bool Decoder::field(const Value& item, Selection* out) {
  *out = Selection();
  out->kind = Selection::Kind::Field;
  if (item.is_null()) return true;  // Go decodes null into an empty field
  if (!item.is_object()) return false;
  return text(item, "Field", "Alias", true, &out->alias) &&
         text(item, "Field", "Name", true, &out->name) &&
         arguments(item, "Field", true, &out->arguments) &&
         directives(item, "Field", true, &out->directives) &&
         selection_set(item, "Field", &out->selection_set);
}

bool Decoder::fragment_spread(const Value& item, Selection* out) {
  *out = Selection();
  out->kind = Selection::Kind::FragmentSpread;
  if (!item.is_object()) return false;
  return text(item, "FragmentSpread", "Name", false, &out->name) &&
         directives(item, "FragmentSpread", false, &out->directives);
}

bool Decoder::inline_fragment(const Value& item, Selection* out) {
  *out = Selection();
  out->kind = Selection::Kind::InlineFragment;
  if (!item.is_object()) return false;
  return text(item, "InlineFragment", "TypeCondition", true, &out->type_condition) &&
         directives(item, "InlineFragment", true, &out->directives) &&
         selection_set(item, "InlineFragment", &out->selection_set);
}

}  // namespace

bool query_from_value(const regoc::Value& object, QueryDocument* document, std::string* error) {
  Decoder decoder;
  bool ok = decoder.items(object, "QueryDocument", "Operations", false, "ast.OperationList",
                          [&](const Value& item) {
    if (!decoder.is_struct(item, "QueryDocument", "Operations", "ast.OperationDefinition")) {
      return false;
    }
    auto operation = std::make_shared<OperationDefinition>();
    document->operations.push_back(operation);
    return decoder.text(item, "OperationDefinition", "Operation", true, &operation->operation) &&
           decoder.text(item, "OperationDefinition", "Name", true, &operation->name) &&
           decoder.variable_definitions(item, "OperationDefinition", "VariableDefinitions", true,
                                        &operation->variable_definitions) &&
           decoder.directives(item, "OperationDefinition", true, &operation->directives) &&
           decoder.selection_set(item, "OperationDefinition", &operation->selection_set);
  });
  ok = ok && decoder.items(object, "QueryDocument", "Fragments", false,
                           "ast.FragmentDefinitionList", [&](const Value& item) {
    if (!decoder.is_struct(item, "QueryDocument", "Fragments", "ast.FragmentDefinition")) {
      return false;
    }
    auto fragment = std::make_shared<FragmentDefinition>();
    document->fragments.push_back(fragment);
    return decoder.text(item, "FragmentDefinition", "Name", true, &fragment->name) &&
           decoder.variable_definitions(item, "FragmentDefinition", "VariableDefinition", true,
                                        &fragment->variable_definitions) &&
           decoder.text(item, "FragmentDefinition", "TypeCondition", true,
                        &fragment->type_condition) &&
           decoder.directives(item, "FragmentDefinition", true, &fragment->directives) &&
           decoder.selection_set(item, "FragmentDefinition", &fragment->selection_set);
  });
  if (!ok) *error = decoder.error;
  return ok;
}

namespace {

bool argument_definitions(Decoder& decoder, const Value& object, std::string_view owner,
                          ArgumentDefinitionList* out) {
  return decoder.items(object, owner, "Arguments", false, "ast.ArgumentDefinitionList",
                       [&](const Value& item) {
    if (item.is_null()) return true;
    if (!decoder.is_struct(item, owner, "Arguments", "ast.ArgumentDefinition")) return false;
    auto argument = std::make_shared<ArgumentDefinition>();
    out->push_back(argument);
    bool ok = decoder.text(item, "ArgumentDefinition", "Description", false,
                           &argument->description) &&
              decoder.text(item, "ArgumentDefinition", "Name", false, &argument->name) &&
              decoder.directives(item, "ArgumentDefinition", false, &argument->directives);
    if (ok) argument->type = decoder.type(item, "ArgumentDefinition", &ok);
    if (ok) argument->default_value = decoder.value(item, "ArgumentDefinition", "DefaultValue",
                                                    &ok);
    return ok;
  });
}

bool field_definitions(Decoder& decoder, const Value& object,
                       std::vector<Ptr<FieldDefinition>>* out) {
  return decoder.items(object, "Definition", "Fields", false, "ast.FieldList",
                       [&](const Value& item) {
    if (item.is_null()) return true;
    if (!decoder.is_struct(item, "Definition", "Fields", "ast.FieldDefinition")) return false;
    auto field = std::make_shared<FieldDefinition>();
    out->push_back(field);
    bool ok = decoder.text(item, "FieldDefinition", "Description", false, &field->description) &&
              decoder.text(item, "FieldDefinition", "Name", false, &field->name) &&
              argument_definitions(decoder, item, "FieldDefinition", &field->arguments) &&
              decoder.directives(item, "FieldDefinition", false, &field->directives);
    if (ok) field->type = decoder.type(item, "FieldDefinition", &ok);
    if (ok) field->default_value = decoder.value(item, "FieldDefinition", "DefaultValue", &ok);
    return ok;
  });
}

bool definition(Decoder& decoder, const Value& item, Definition* out) {
  return decoder.text(item, "Definition", "Kind", false, &out->kind) &&
         decoder.text(item, "Definition", "Description", false, &out->description) &&
         decoder.text(item, "Definition", "Name", false, &out->name) &&
         decoder.directives(item, "Definition", false, &out->directives) &&
         decoder.strings(item, "Definition", "Interfaces", &out->interfaces) &&
         field_definitions(decoder, item, &out->fields) &&
         decoder.strings(item, "Definition", "Types", &out->types) &&
         decoder.boolean(item, "Definition", "BuiltIn", &out->built_in) &&
         decoder.items(item, "Definition", "EnumValues", false, "ast.EnumValueList",
                       [&](const Value& value_item) {
           if (value_item.is_null()) return true;
           if (!decoder.is_struct(value_item, "Definition", "EnumValues",
                                  "ast.EnumValueDefinition")) {
             return false;
           }
           auto value = std::make_shared<EnumValueDefinition>();
           out->enum_values.push_back(value);
           return decoder.text(value_item, "EnumValueDefinition", "Description", false,
                               &value->description) &&
                  decoder.text(value_item, "EnumValueDefinition", "Name", false, &value->name) &&
                  decoder.directives(value_item, "EnumValueDefinition", false,
                                     &value->directives);
         });
}

bool definitions(Decoder& decoder, const Value& object, std::string_view key,
                 std::vector<Ptr<Definition>>* out) {
  return decoder.items(object, "SchemaDocument", key, false, "ast.DefinitionList",
                       [&](const Value& item) {
    if (item.is_null()) return true;
    if (!decoder.is_struct(item, "SchemaDocument", key, "ast.Definition")) return false;
    auto result = std::make_shared<Definition>();
    out->push_back(result);
    return definition(decoder, item, result.get());
  });
}

bool schema_definitions(Decoder& decoder, const Value& object, std::string_view key,
                        std::vector<Ptr<SchemaDefinition>>* out) {
  return decoder.items(object, "SchemaDocument", key, false, "ast.SchemaDefinitionList",
                       [&](const Value& item) {
    if (item.is_null()) return true;
    if (!decoder.is_struct(item, "SchemaDocument", key, "ast.SchemaDefinition")) return false;
    auto schema = std::make_shared<SchemaDefinition>();
    out->push_back(schema);
    return decoder.text(item, "SchemaDefinition", "Description", false, &schema->description) &&
           decoder.directives(item, "SchemaDefinition", false, &schema->directives) &&
           decoder.items(item, "SchemaDefinition", "OperationTypes", false,
                         "ast.OperationTypeDefinitionList", [&](const Value& type_item) {
             if (type_item.is_null()) return true;
             if (!decoder.is_struct(type_item, "SchemaDefinition", "OperationTypes",
                                    "ast.OperationTypeDefinition")) {
               return false;
             }
             auto operation_type = std::make_shared<OperationTypeDefinition>();
             schema->operation_types.push_back(operation_type);
             return decoder.text(type_item, "OperationTypeDefinition", "Operation", false,
                                 &operation_type->operation) &&
                    decoder.text(type_item, "OperationTypeDefinition", "Type", false,
                                 &operation_type->type);
           });
  });
}

bool directive_definitions(Decoder& decoder, const Value& object,
                           std::vector<Ptr<DirectiveDefinition>>* out) {
  return decoder.items(object, "SchemaDocument", "Directives", false,
                       "ast.DirectiveDefinitionList", [&](const Value& item) {
    if (item.is_null()) return true;
    if (!decoder.is_struct(item, "SchemaDocument", "Directives", "ast.DirectiveDefinition")) {
      return false;
    }
    auto directive = std::make_shared<DirectiveDefinition>();
    out->push_back(directive);
    return decoder.text(item, "DirectiveDefinition", "Description", false,
                        &directive->description) &&
           decoder.text(item, "DirectiveDefinition", "Name", false, &directive->name) &&
           argument_definitions(decoder, item, "DirectiveDefinition", &directive->arguments) &&
           decoder.strings(item, "DirectiveDefinition", "Locations", &directive->locations) &&
           decoder.boolean(item, "DirectiveDefinition", "IsRepeatable",
                           &directive->is_repeatable);
  });
}

}  // namespace

bool schema_from_value(const regoc::Value& object, SchemaDocument* document,
                       std::string* error) {
  Decoder decoder;
  bool ok = schema_definitions(decoder, object, "Schema", &document->schema) &&
            schema_definitions(decoder, object, "SchemaExtension",
                               &document->schema_extensions) &&
            directive_definitions(decoder, object, &document->directives) &&
            definitions(decoder, object, "Definitions", &document->definitions) &&
            definitions(decoder, object, "Extensions", &document->extensions);
  if (!ok) *error = decoder.error;
  return ok;
}

}  // namespace regoc::graphql
