// Building and validating a schema from a type system document, with the rules and
// messages of gqlparser's ValidateSchemaDocument. Extensions are folded into their types, and
// an extension of an unknown type defines it. Then the root operation types are resolved and
// every type and directive definition is checked. External interface: build_schema.
#include "runtime/graphql/schema.h"

#include <algorithm>
#include <optional>

#include "runtime/graphql/go_quote.h"

namespace regoc::graphql {
namespace {

using Failure = std::optional<GraphqlError>;

Failure error_at(const Position& position, std::string message) {
  return GraphqlError{position, std::move(message)};
}

Failure check_name(const Position& position, const std::string& name) {
  if (name.rfind("__", 0) == 0) {
    return error_at(position, "Name \"" + name +
                                  "\" must not begin with \"__\", which is reserved by "
                                  "GraphQL introspection.");
  }
  return std::nullopt;
}

Failure check_type_ref(const Schema& schema, const TypeRef& type) {
  if (schema.type(type.name())) return std::nullopt;
  return error_at(type.position, "Undefined type " + type.name() + ".");
}

// Checks directives applied at `location`; `current` is the directive being defined, which
// may not use itself.
Failure check_directives(const Schema& schema, const DirectiveList& directives,
                         const std::string& location, const DirectiveDefinition* current) {
  for (const auto& directive : directives) {
    if (Failure failure = check_name(directive->position, directive->name)) return failure;
    if (current != nullptr && directive->name == current->name) {
      return error_at(directive->position,
                      "Directive " + current->name + " cannot refer to itself.");
    }
    auto definition = schema.directives.find(directive->name);
    if (definition == schema.directives.end()) {
      return error_at(directive->position, "Undefined directive " + directive->name + ".");
    }
    const auto& locations = definition->second->locations;
    if (std::find(locations.begin(), locations.end(), location) == locations.end()) {
      return error_at(directive->position, "Directive " + directive->name +
                                               " is not applicable on " + location + ".");
    }
    directive->definition = definition->second;
  }
  return std::nullopt;
}

Failure check_arguments(const Schema& schema, const ArgumentDefinitionList& arguments,
                        const DirectiveDefinition* current) {
  for (const auto& argument : arguments) {
    if (Failure failure = check_name(argument->position, argument->name)) return failure;
    if (Failure failure = check_type_ref(schema, *argument->type)) return failure;
    Ptr<Definition> type = schema.type(argument->type->name());
    if (!type->is_input()) {
      return error_at(argument->position, "cannot use " + argument->type->to_string() +
                                              " as argument " + argument->name + " because " +
                                              type->kind + " is not a valid input type");
    }
    if (Failure failure = check_directives(schema, argument->directives, "ARGUMENT_DEFINITION",
                                           current)) {
      return failure;
    }
  }
  return std::nullopt;
}

// Whether a field of type `actual` may implement an interface field of type `required`.
bool is_covariant(const Schema& schema, const TypeRef& required, const TypeRef& actual) {
  if (required.non_null && !actual.non_null) return false;
  if (!required.named_type.empty()) {
    if (required.named_type == actual.named_type) return true;
    for (const auto& possible : schema.possible_types.count(required.named_type)
                                    ? schema.possible_types.at(required.named_type)
                                    : std::vector<Ptr<Definition>>{}) {
      if (possible && possible->name == actual.named_type) return true;
    }
    return false;
  }
  if (required.element && !actual.element) return false;
  if (!required.element || !actual.element) return required.element == actual.element;
  return is_covariant(schema, *required.element, *actual.element);
}

Failure check_implemented_fields(const Schema& schema, const Definition& definition,
                                 const Definition& interface) {
  const std::string prefix = "For " + definition.name + " to implement " + interface.name;
  for (const auto& required : interface.fields) {
    Ptr<FieldDefinition> found = definition.field(required->name);
    if (!found) {
      return error_at(definition.position,
                      prefix + " it must have a field called " + required->name + ".");
    }
    if (!is_covariant(schema, *required->type, *found->type)) {
      return error_at(found->position, prefix + " the field " + required->name +
                                           " must have type " + required->type->to_string() +
                                           ".");
    }
    for (const auto& required_argument : required->arguments) {
      Ptr<ArgumentDefinition> argument = found->argument(required_argument->name);
      if (!argument) {
        return error_at(found->position, prefix + " the field " + required->name +
                                             " must have the same arguments but it is missing " +
                                             required_argument->name + ".");
      }
      if (!required_argument->type->is_compatible(*argument->type)) {
        return error_at(argument->position, prefix + " the field " + required->name +
                                                " must have the same arguments but " +
                                                required_argument->name +
                                                " has the wrong type.");
      }
    }
    for (const auto& argument : found->arguments) {
      if (!required->argument(argument->name) && argument->type->non_null &&
          !argument->default_value) {
        return error_at(argument->position,
                        prefix + " any additional arguments on " + found->name +
                            " must be optional or have a default value but " + argument->name +
                            " is required.");
      }
    }
  }
  return std::nullopt;
}

Failure check_implements(const Schema& schema, const Definition& definition,
                         const std::string& interface_name) {
  Ptr<Definition> interface = schema.type(interface_name);
  if (!interface) {
    return error_at(definition.position, "Undefined type " + go_quote(interface_name) + ".");
  }
  if (interface->kind != kInterface) {
    return error_at(definition.position, go_quote(interface_name) +
                                             " is a non interface type " + interface->kind + ".");
  }
  if (Failure failure = check_implemented_fields(schema, definition, *interface)) return failure;

  // The type must also implement every interface that `interface` implements.
  for (const std::string& transitive : interface->interfaces) {
    const auto& own = definition.interfaces;
    if (std::find(own.begin(), own.end(), transitive) != own.end()) continue;
    if (transitive == definition.name) {
      return error_at(definition.position, "Type " + definition.name + " cannot implement " +
                                               interface_name +
                                               " because it would create a circular reference.");
    }
    return error_at(definition.position, "Type " + definition.name + " must implement " +
                                             transitive + " because it is implemented by " +
                                             interface_name + ".");
  }
  return std::nullopt;
}

Failure check_field_kinds(const Schema& schema, const Definition& definition) {
  bool input = definition.kind == kInputObject;
  for (const auto& field : definition.fields) {
    Ptr<Definition> type = schema.type(field->type->name());
    if (!type) continue;
    if (input && !type->is_input()) {
      return error_at(field->position, type->kind + " " + field->name +
                                           ": field must be one of SCALAR, ENUM, INPUT_OBJECT.");
    }
    if (!input && type->kind == kInputObject) {
      return error_at(field->position,
                      definition.kind + " " + definition.name +
                          ": field must be one of SCALAR, OBJECT, INTERFACE, UNION, ENUM.");
    }
  }
  return std::nullopt;
}

Failure check_kind_rules(const Schema& schema, const Definition& definition) {
  const std::string head = definition.kind + " " + definition.name;
  if (definition.kind == kObject || definition.kind == kInterface) {
    if (definition.fields.empty()) {
      return error_at(definition.position, head + ": must define one or more fields.");
    }
    return check_field_kinds(schema, definition);
  }
  if (definition.kind == kEnum) {
    if (definition.enum_values.empty()) {
      return error_at(definition.position,
                      head + ": must define one or more unique enum values.");
    }
    for (const auto& value : definition.enum_values) {
      if (value->name == "true" || value->name == "false" || value->name == "null") {
        return error_at(definition.position, head + ": non-enum value " + value->name + ".");
      }
    }
  }
  if (definition.kind == kInputObject) {
    if (definition.fields.empty()) {
      return error_at(definition.position, head + ": must define one or more input fields.");
    }
    return check_field_kinds(schema, definition);
  }
  return std::nullopt;
}

Failure check_definition(const Schema& schema, const Definition& definition) {
  for (const auto& field : definition.fields) {
    if (Failure failure = check_name(field->position, field->name)) return failure;
    if (Failure failure = check_type_ref(schema, *field->type)) return failure;
    if (Failure failure = check_arguments(schema, field->arguments, nullptr)) return failure;
    const char* location =
        definition.kind == kInputObject ? "INPUT_FIELD_DEFINITION" : "FIELD_DEFINITION";
    if (Failure failure = check_directives(schema, field->directives, location, nullptr)) {
      return failure;
    }
  }
  for (const std::string& member : definition.types) {
    Ptr<Definition> type = schema.type(member);
    if (!type) return error_at(definition.position, "Undefined type " + go_quote(member) + ".");
    if (type->kind != kObject) {
      return error_at(definition.position,
                      definition.kind + " type " + go_quote(member) + " must be OBJECT.");
    }
  }
  for (const std::string& interface : definition.interfaces) {
    if (Failure failure = check_implements(schema, definition, interface)) return failure;
  }
  if (Failure failure = check_kind_rules(schema, definition)) return failure;

  for (size_t i = 0; i < definition.fields.size(); ++i) {
    for (size_t j = i + 1; j < definition.fields.size(); ++j) {
      if (definition.fields[i]->name == definition.fields[j]->name) {
        return error_at(definition.fields[j]->position, "Field " + definition.name + "." +
                                                            definition.fields[j]->name +
                                                            " can only be defined once.");
      }
    }
  }
  if (!definition.built_in) {
    if (Failure failure = check_name(definition.position, definition.name)) return failure;
  }
  return check_directives(schema, definition.directives, definition.kind, nullptr);
}

}  // namespace

Ptr<Definition> Schema::type(const std::string& name) const {
  auto found = types.find(name);
  return found == types.end() ? nullptr : found->second;
}

const std::vector<Ptr<Definition>>& Schema::possible(const Definition& definition) const {
  static const std::vector<Ptr<Definition>> kNone;
  auto found = possible_types.find(definition.name);
  return found == possible_types.end() ? kNone : found->second;
}

namespace {

Failure fold_extensions(const SchemaDocument& document, Schema* schema,
                        std::vector<Ptr<Definition>>* definitions) {
  for (const auto& extension : document.extensions) {
    Ptr<Definition>& definition = schema->types[extension->name];
    if (!definition) {
      definition = std::make_shared<Definition>();
      definition->kind = extension->kind;
      definition->name = extension->name;
      definition->position = extension->position;
      definitions->push_back(definition);
    }
    if (definition->kind != extension->kind) {
      return error_at(extension->position, "Cannot extend type " + extension->name +
                                               " because the base type is a " +
                                               definition->kind + ", not " + extension->kind +
                                               ".");
    }
    auto append = [](auto& to, const auto& from) {
      to.insert(to.end(), from.begin(), from.end());
    };
    append(definition->directives, extension->directives);
    append(definition->interfaces, extension->interfaces);
    append(definition->fields, extension->fields);
    append(definition->types, extension->types);
    append(definition->enum_values, extension->enum_values);
  }
  return std::nullopt;
}

void collect_possible_types(const std::vector<Ptr<Definition>>& definitions, Schema* schema) {
  for (const auto& definition : definitions) {
    if (definition->kind == kUnion) {
      for (const std::string& member : definition->types) {
        schema->possible_types[definition->name].push_back(schema->type(member));
      }
    } else if (definition->kind == kObject || definition->kind == kInputObject) {
      for (const std::string& interface : definition->interfaces) {
        schema->possible_types[interface].push_back(definition);
      }
      schema->possible_types[definition->name].push_back(definition);
    } else if (definition->kind == kInterface) {
      for (const std::string& interface : definition->interfaces) {
        schema->possible_types[interface].push_back(definition);
      }
    }
  }
}

Failure collect_directives(const SchemaDocument& document, Schema* schema) {
  for (const auto& directive : document.directives) {
    if (schema->directives.count(directive->name)) {
      // A schema may declare the built-in directives again; the first declaration wins.
      const std::string& name = directive->name;
      if (name == "include" || name == "skip" || name == "deprecated" || name == "specifiedBy") {
        continue;
      }
      return error_at(directive->position, "Cannot redeclare directive " + name + ".");
    }
    schema->directives[directive->name] = directive;
  }
  return std::nullopt;
}

Failure resolve_roots(const std::vector<Ptr<SchemaDefinition>>& schemas, Schema* schema) {
  for (const auto& definition : schemas) {
    for (const auto& root : definition->operation_types) {
      Ptr<Definition> type = schema->type(root->type);
      if (!type) {
        return error_at(root->position, "Schema root " + root->operation +
                                            " refers to a type " + root->type +
                                            " that does not exist.");
      }
      if (root->operation == "query") schema->query = type;
      if (root->operation == "mutation") schema->mutation = type;
      if (root->operation == "subscription") schema->subscription = type;
    }
  }
  return std::nullopt;
}

Failure check_all(const Schema& schema) {
  for (const auto& [name, definition] : schema.types) {
    if (Failure failure = check_definition(schema, *definition)) return failure;
  }
  for (const auto& [name, directive] : schema.directives) {
    if (Failure failure = check_name(directive->position, directive->name)) return failure;
    if (Failure failure = check_arguments(schema, directive->arguments, directive.get())) {
      return failure;
    }
  }
  return std::nullopt;
}

// Adds the introspection fields __schema and __type to the query type.
void add_introspection_fields(Definition& query) {
  auto schema_field = std::make_shared<FieldDefinition>();
  schema_field->name = "__schema";
  schema_field->type = std::make_shared<TypeRef>(TypeRef{"__Schema", nullptr, true, {}});
  auto type_field = std::make_shared<FieldDefinition>();
  type_field->name = "__type";
  type_field->type = std::make_shared<TypeRef>(TypeRef{"__Type", nullptr, false, {}});
  auto name_argument = std::make_shared<ArgumentDefinition>();
  name_argument->name = "name";
  name_argument->type = std::make_shared<TypeRef>(TypeRef{"String", nullptr, true, {}});
  type_field->arguments.push_back(name_argument);
  query.fields.push_back(schema_field);
  query.fields.push_back(type_field);
}

Failure build(const SchemaDocument& document, Schema* schema) {
  for (const auto& definition : document.definitions) {
    if (schema->types.count(definition->name)) {
      return error_at(definition->position, "Cannot redeclare type " + definition->name + ".");
    }
    schema->types[definition->name] = definition;
  }
  std::vector<Ptr<Definition>> definitions = document.definitions;
  if (Failure failure = fold_extensions(document, schema, &definitions)) return failure;
  collect_possible_types(definitions, schema);
  if (Failure failure = collect_directives(document, schema)) return failure;

  if (document.schema.size() > 1) {
    return error_at(document.schema[1]->position,
                    "Cannot have multiple schema entry points, consider schema extensions "
                    "instead.");
  }
  if (Failure failure = resolve_roots(document.schema, schema)) return failure;
  if (Failure failure = resolve_roots(document.schema_extensions, schema)) return failure;
  if (Failure failure = check_all(*schema)) return failure;

  // Without a schema definition, types named Query, Mutation and Subscription are the roots.
  if (document.schema.empty()) {
    if (!schema->query) schema->query = schema->type("Query");
    if (!schema->mutation) schema->mutation = schema->type("Mutation");
    if (!schema->subscription) schema->subscription = schema->type("Subscription");
  }
  if (schema->query) add_introspection_fields(*schema->query);
  return std::nullopt;
}

}  // namespace

bool build_schema(const SchemaDocument& document, Schema* schema, GraphqlError* error) {
  Failure failure = build(document, schema);
  if (!failure) return true;
  *error = *failure;
  return false;
}

}  // namespace regoc::graphql
