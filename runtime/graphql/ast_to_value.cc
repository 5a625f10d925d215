// Conversion of GraphQL syntax trees to Rego values. OPA marshals gqlparser's AST to JSON and
// prunes it: members that are null, empty arrays and empty objects are dropped, and so are
// positions and every annotation the validator adds, which are unset when OPA converts.
// Strings and booleans stay even when empty or false. External interface: query_to_value
// and schema_to_value.
#include <utility>
#include <vector>

#include "runtime/graphql/ast_value.h"

namespace regoc::graphql {
namespace {

using regoc::Value;

// Collects the members of one object, leaving out the ones OPA prunes.
class ObjectBuilder {
 public:
  ObjectBuilder& text(std::string_view key, std::string_view value) {
    entries_.emplace_back(Value::string(key), Value::string(value));
    return *this;
  }
  ObjectBuilder& boolean(std::string_view key, bool value) {
    entries_.emplace_back(Value::string(key), Value::boolean(value));
    return *this;
  }
  ObjectBuilder& integer(std::string_view key, int64_t value) {
    entries_.emplace_back(Value::string(key), Value::integer(value));
    return *this;
  }
  ObjectBuilder& member(std::string_view key, Value value) {
    if (value.is_defined() && value.size() > 0) {
      entries_.emplace_back(Value::string(key), std::move(value));
    }
    return *this;
  }
  Value build() { return Value::object(std::move(entries_)); }

 private:
  std::vector<Value::Entry> entries_;
};

template <class T, class Convert>
Value array_of(const std::vector<T>& items, Convert convert) {
  std::vector<Value> values;
  for (const T& item : items) {
    Value value = convert(item);
    if (value.is_defined() && value.size() > 0) values.push_back(std::move(value));
  }
  return Value::array(std::move(values));
}

Value strings_value(const std::vector<std::string>& items) {
  std::vector<Value> values;
  for (const std::string& item : items) values.push_back(Value::string(item));
  return Value::array(std::move(values));
}

Value type_value(const Ptr<TypeRef>& type) {
  if (!type) return Value();
  return ObjectBuilder()
      .text("NamedType", type->named_type)
      .member("Elem", type_value(type->element))
      .boolean("NonNull", type->non_null)
      .build();
}

Value value_value(const Ptr<ValueNode>& value) {
  if (!value) return Value();
  Value children = array_of(value->children, [](const ChildValue& child) {
    return ObjectBuilder().text("Name", child.name).member("Value", value_value(child.value))
        .build();
  });
  return ObjectBuilder()
      .text("Raw", value->raw)
      .member("Children", std::move(children))
      .integer("Kind", static_cast<int64_t>(value->kind))
      .build();
}

Value arguments_value(const std::vector<Ptr<Argument>>& arguments) {
  return array_of(arguments, [](const Ptr<Argument>& argument) {
    return ObjectBuilder().text("Name", argument->name)
        .member("Value", value_value(argument->value)).build();
  });
}

Value directives_value(const DirectiveList& directives) {
  return array_of(directives, [](const Ptr<Directive>& directive) {
    return ObjectBuilder()
        .text("Name", directive->name)
        .member("Arguments", arguments_value(directive->arguments))
        .text("Location", directive->location)
        .build();
  });
}

Value variable_definitions_value(const VariableDefinitionList& definitions) {
  return array_of(definitions, [](const Ptr<VariableDefinition>& definition) {
    return ObjectBuilder()
        .text("Variable", definition->variable)
        .member("Type", type_value(definition->type))
        .member("DefaultValue", value_value(definition->default_value))
        .member("Directives", directives_value(definition->directives))
        .boolean("Used", definition->used)
        .build();
  });
}

Value selection_set_value(const SelectionSet& selections);

Value selection_value(const Ptr<Selection>& selection) {
  ObjectBuilder object;
  switch (selection->kind) {
    case Selection::Kind::Field:
      object.text("Alias", selection->alias).text("Name", selection->name)
          .member("Arguments", arguments_value(selection->arguments));
      break;
    case Selection::Kind::FragmentSpread:
      object.text("Name", selection->name);
      break;
    case Selection::Kind::InlineFragment:
      object.text("TypeCondition", selection->type_condition);
      break;
  }
  return object.member("Directives", directives_value(selection->directives))
      .member("SelectionSet", selection_set_value(selection->selection_set))
      .build();
}

Value selection_set_value(const SelectionSet& selections) {
  return array_of(selections, selection_value);
}

}  // namespace

regoc::Value query_to_value(const QueryDocument& document) {
  Value operations = array_of(document.operations, [](const Ptr<OperationDefinition>& op) {
    return ObjectBuilder()
        .text("Operation", op->operation)
        .text("Name", op->name)
        .member("VariableDefinitions", variable_definitions_value(op->variable_definitions))
        .member("Directives", directives_value(op->directives))
        .member("SelectionSet", selection_set_value(op->selection_set))
        .build();
  });
  Value fragments = array_of(document.fragments, [](const Ptr<FragmentDefinition>& fragment) {
    return ObjectBuilder()
        .text("Name", fragment->name)
        .member("VariableDefinition", variable_definitions_value(fragment->variable_definitions))
        .text("TypeCondition", fragment->type_condition)
        .member("Directives", directives_value(fragment->directives))
        .member("SelectionSet", selection_set_value(fragment->selection_set))
        .build();
  });
  return ObjectBuilder().member("Operations", std::move(operations))
      .member("Fragments", std::move(fragments)).build();
}

namespace {

Value argument_definitions_value(const ArgumentDefinitionList& arguments) {
  return array_of(arguments, [](const Ptr<ArgumentDefinition>& argument) {
    return ObjectBuilder()
        .text("Description", argument->description)
        .text("Name", argument->name)
        .member("DefaultValue", value_value(argument->default_value))
        .member("Type", type_value(argument->type))
        .member("Directives", directives_value(argument->directives))
        .build();
  });
}

Value definition_value(const Ptr<Definition>& definition) {
  Value fields = array_of(definition->fields, [](const Ptr<FieldDefinition>& field) {
    return ObjectBuilder()
        .text("Description", field->description)
        .text("Name", field->name)
        .member("Arguments", argument_definitions_value(field->arguments))
        .member("DefaultValue", value_value(field->default_value))
        .member("Type", type_value(field->type))
        .member("Directives", directives_value(field->directives))
        .build();
  });
  Value enum_values = array_of(definition->enum_values, [](const auto& value) {
    return ObjectBuilder().text("Description", value->description).text("Name", value->name)
        .member("Directives", directives_value(value->directives)).build();
  });
  return ObjectBuilder()
      .text("Kind", definition->kind)
      .text("Description", definition->description)
      .text("Name", definition->name)
      .member("Directives", directives_value(definition->directives))
      .member("Interfaces", strings_value(definition->interfaces))
      .member("Fields", std::move(fields))
      .member("Types", strings_value(definition->types))
      .member("EnumValues", std::move(enum_values))
      .boolean("BuiltIn", definition->built_in)
      .build();
}

Value schema_definition_value(const Ptr<SchemaDefinition>& schema) {
  Value operation_types = array_of(schema->operation_types, [](const auto& operation_type) {
    return ObjectBuilder().text("Operation", operation_type->operation)
        .text("Type", operation_type->type).build();
  });
  return ObjectBuilder()
      .text("Description", schema->description)
      .member("Directives", directives_value(schema->directives))
      .member("OperationTypes", std::move(operation_types))
      .build();
}

Value directive_definition_value(const Ptr<DirectiveDefinition>& directive) {
  return ObjectBuilder()
      .text("Description", directive->description)
      .text("Name", directive->name)
      .member("Arguments", argument_definitions_value(directive->arguments))
      .member("Locations", strings_value(directive->locations))
      .boolean("IsRepeatable", directive->is_repeatable)
      .build();
}

}  // namespace

regoc::Value schema_to_value(const SchemaDocument& document) {
  return ObjectBuilder()
      .member("Schema", array_of(document.schema, schema_definition_value))
      .member("SchemaExtension", array_of(document.schema_extensions, schema_definition_value))
      .member("Directives", array_of(document.directives, directive_definition_value))
      .member("Definitions", array_of(document.definitions, definition_value))
      .member("Extensions", array_of(document.extensions, definition_value))
      .build();
}

}  // namespace regoc::graphql
