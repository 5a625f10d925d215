// Validation rules on fields and their arguments: FieldsOnCorrectType, KnownArgumentNames,
// ProvidedRequiredArguments, ScalarLeafs and UniqueArgumentNames.
#include <algorithm>
#include <map>

#include "runtime/graphql/rules.h"
#include "runtime/graphql/suggestions.h"

namespace regoc::graphql {
namespace {

// The types under an abstract `parent` that have the field `name`: interfaces first by how
// many of those types implement them, then object types, each group by name.
std::vector<std::string> suggested_type_names(const Schema& schema, const Definition& parent,
                                              const std::string& name) {
  if (!parent.is_abstract()) return {};
  std::vector<std::string> objects;
  std::vector<std::string> interfaces;
  std::map<std::string, int> usage;
  for (const auto& possible : schema.possible(parent)) {
    if (!possible || !possible->field(name)) continue;
    objects.push_back(possible->name);
    for (const std::string& interface : possible->interfaces) {
      Ptr<Definition> definition = schema.type(interface);
      if (!definition || !definition->field(name)) continue;
      if (usage[interface]++ == 0) interfaces.push_back(interface);
    }
  }
  std::vector<std::string> types = interfaces;
  types.insert(types.end(), objects.begin(), objects.end());
  std::stable_sort(types.begin(), types.end(), [&](const std::string& a, const std::string& b) {
    int count_a = usage.count(a) ? usage[a] : 0;
    int count_b = usage.count(b) ? usage[b] : 0;
    if (count_a != count_b) return count_a > count_b;
    return a < b;
  });
  return types;
}

std::vector<std::string> argument_names(const ArgumentDefinitionList& arguments) {
  std::vector<std::string> names;
  for (const auto& argument : arguments) names.push_back(argument->name);
  return names;
}

void check_unique_arguments(const std::vector<Ptr<Argument>>& arguments,
                            const AddError& add_error) {
  std::map<std::string, int> seen;
  for (const auto& argument : arguments) {
    if (seen[argument->name]++ == 1) {
      add_error(argument->position,
                "There can be only one argument named \"" + argument->name + "\".");
    }
  }
}

}  // namespace

void add_fields_on_correct_type(Events& events, const AddError& add_error) {
  events.field.push_back([add_error](Walker& walker, Selection& field) {
    if (!field.object_definition || field.field_definition) return;
    const Definition& parent = *field.object_definition;
    std::string message =
        "Cannot query field \"" + field.name + "\" on type \"" + parent.name + "\".";
    std::vector<std::string> types = suggested_type_names(walker.schema, parent, field.name);
    if (!types.empty()) {
      message += " Did you mean to use an inline fragment on " + quoted_or_list(types) + "?";
    } else if (parent.kind == kObject || parent.kind == kInterface) {
      std::vector<std::string> names;
      for (const auto& candidate : parent.fields) names.push_back(candidate->name);
      std::vector<std::string> suggested = suggestion_list(field.name, names);
      if (!suggested.empty()) message += " Did you mean " + quoted_or_list(suggested) + "?";
    }
    add_error(field.position, message);
  });
}

void add_known_argument_names(Events& events, const AddError& add_error) {
  events.field.push_back([add_error](Walker&, Selection& field) {
    if (!field.field_definition || !field.object_definition) return;
    for (const auto& argument : field.arguments) {
      if (field.field_definition->argument(argument->name)) continue;
      add_error(field.position,
                "Unknown argument \"" + argument->name + "\" on field \"" +
                    field.object_definition->name + "." + field.name + "\"." +
                    suggest_quoted("Did you mean", argument->name,
                                   argument_names(field.field_definition->arguments)));
    }
  });
  events.directive.push_back([add_error](Walker&, Directive& directive) {
    if (!directive.definition) return;
    for (const auto& argument : directive.arguments) {
      bool known = false;
      for (const auto& definition : directive.definition->arguments) {
        known = known || definition->name == argument->name;
      }
      if (known) continue;
      add_error(directive.position,
                "Unknown argument \"" + argument->name + "\" on directive \"@" +
                    directive.name + "\"." +
                    suggest_quoted("Did you mean", argument->name,
                                   argument_names(directive.definition->arguments)));
    }
  });
}

namespace {

// The required arguments (non-null, no default) of `definitions` missing from `given`.
std::vector<Ptr<ArgumentDefinition>> missing_arguments(
    const ArgumentDefinitionList& definitions, const std::vector<Ptr<Argument>>& given) {
  std::vector<Ptr<ArgumentDefinition>> missing;
  for (const auto& definition : definitions) {
    if (!definition->type->non_null || definition->default_value) continue;
    bool found = std::any_of(given.begin(), given.end(), [&](const auto& argument) {
      return argument->name == definition->name;
    });
    if (!found) missing.push_back(definition);
  }
  return missing;
}

}  // namespace

void add_provided_required_arguments(Events& events, const AddError& add_error) {
  events.field.push_back([add_error](Walker&, Selection& field) {
    if (!field.field_definition) return;
    for (const auto& argument :
         missing_arguments(field.field_definition->arguments, field.arguments)) {
      add_error(field.position, "Field \"" + field.name + "\" argument \"" + argument->name +
                                    "\" of type \"" + argument->type->to_string() +
                                    "\" is required, but it was not provided.");
    }
  });
  events.directive.push_back([add_error](Walker&, Directive& directive) {
    if (!directive.definition) return;
    for (const auto& argument :
         missing_arguments(directive.definition->arguments, directive.arguments)) {
      add_error(directive.position, "Directive \"@" + directive.definition->name +
                                        "\" argument \"" + argument->name + "\" of type \"" +
                                        argument->type->to_string() +
                                        "\" is required, but it was not provided.");
    }
  });
}

void add_scalar_leafs(Events& events, const AddError& add_error) {
  events.field.push_back([add_error](Walker& walker, Selection& field) {
    if (!field.field_definition) return;
    Ptr<Definition> type = walker.schema.type(field.field_definition->type->name());
    if (!type) return;
    if (type->is_leaf() && !field.selection_set.empty()) {
      add_error(field.position, "Field \"" + field.name + "\" must not have a selection since "
                                "type \"" + type->name + "\" has no subfields.");
    }
    if (!type->is_leaf() && field.selection_set.empty()) {
      add_error(field.position, "Field \"" + field.name + "\" of type \"" +
                                    field.field_definition->type->to_string() +
                                    "\" must have a selection of subfields. Did you mean \"" +
                                    field.name + " { ... }\"?");
    }
  });
}

void add_unique_argument_names(Events& events, const AddError& add_error) {
  events.field.push_back([add_error](Walker&, Selection& field) {
    check_unique_arguments(field.arguments, add_error);
  });
  events.directive.push_back([add_error](Walker&, Directive& directive) {
    check_unique_arguments(directive.arguments, add_error);
  });
}

}  // namespace regoc::graphql
