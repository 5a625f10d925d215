// Validation rules on operations, directives and type names: KnownDirectives,
// KnownRootType, KnownTypeNames, LoneAnonymousOperation, SingleFieldSubscriptions,
// UniqueDirectivesPerLocation and UniqueOperationNames.
#include <algorithm>
#include <memory>
#include <set>
#include <tuple>

#include "runtime/graphql/go_quote.h"
#include "runtime/graphql/rules.h"
#include "runtime/graphql/suggestions.h"

namespace regoc::graphql {
namespace {

struct TopField {
  std::string name;
  Position position;
};

// The distinct top-level field names of a selection set, through inline fragments and
// fragment spreads, in order of appearance.
std::vector<TopField> top_fields(const SelectionSet& selections) {
  std::vector<TopField> fields;
  std::set<std::string> entered;
  std::function<void(const SelectionSet&)> collect = [&](const SelectionSet& set) {
    for (const auto& selection : set) {
      if (selection->kind == Selection::Kind::Field) {
        fields.push_back({selection->name, selection->position});
      } else if (selection->kind == Selection::Kind::InlineFragment) {
        collect(selection->selection_set);
      } else {
        // gqlparser stops at the first spread of an unknown fragment.
        if (!selection->fragment) return;
        if (entered.insert(selection->fragment->name).second) {
          collect(selection->fragment->selection_set);
        }
      }
    }
  };
  collect(selections);

  std::vector<TopField> unique;
  std::set<std::string> seen;
  for (TopField& field : fields) {
    if (seen.insert(field.name).second) unique.push_back(std::move(field));
  }
  return unique;
}

}  // namespace

void add_known_directives(Events& events, const AddError& add_error) {
  // Reports a misplaced directive once per position, since fragments are walked repeatedly.
  auto seen = std::make_shared<std::set<std::tuple<std::string, int, int>>>();
  events.directive.push_back([add_error, seen](Walker&, Directive& directive) {
    if (!directive.definition) {
      add_error(directive.position, "Unknown directive \"@" + directive.name + "\".");
      return;
    }
    const auto& locations = directive.definition->locations;
    if (std::find(locations.begin(), locations.end(), directive.location) != locations.end()) {
      return;
    }
    auto key = std::make_tuple(directive.name, directive.position.line,
                               directive.position.column);
    if (!seen->insert(key).second) return;
    add_error(directive.position, "Directive \"@" + directive.name + "\" may not be used on " +
                                      directive.location + ".");
  });
}

void add_known_root_type(Events& events, const AddError& add_error) {
  events.operation.push_back([add_error](Walker& walker, OperationDefinition& operation) {
    Ptr<Definition> root = operation.operation == "mutation"       ? walker.schema.mutation
                           : operation.operation == "subscription" ? walker.schema.subscription
                                                                   : walker.schema.query;
    if (root) return;
    add_error(operation.position,
              "Schema does not support operation type \"" + operation.operation + "\"");
  });
}

void add_known_type_names(Events& events, const AddError& add_error) {
  events.variable.push_back([add_error](Walker& walker, VariableDefinition& variable) {
    const std::string& name = variable.type->name();
    if (!walker.schema.type(name)) add_error(variable.position, "Unknown type \"" + name + "\".");
  });
  events.inline_fragment.push_back([add_error](Walker& walker, Selection& fragment) {
    const std::string& name = fragment.type_condition;
    if (name.empty() || walker.schema.type(name)) return;
    add_error(fragment.position, "Unknown type \"" + name + "\".");
  });
  events.fragment.push_back([add_error](Walker& walker, FragmentDefinition& fragment) {
    const std::string& name = fragment.type_condition;
    if (walker.schema.type(name)) return;
    std::vector<std::string> names;
    for (const auto& [type_name, type] : walker.schema.types) names.push_back(type_name);
    add_error(fragment.position, "Unknown type \"" + name + "\"." +
                                     suggest_quoted("Did you mean", name, names));
  });
}

void add_lone_anonymous_operation(Events& events, const AddError& add_error) {
  events.operation.push_back([add_error](Walker& walker, OperationDefinition& operation) {
    if (operation.name.empty() && walker.document.operations.size() > 1) {
      add_error(operation.position, "This anonymous operation must be the only defined "
                                    "operation.");
    }
  });
}

void add_single_field_subscriptions(Events& events, const AddError& add_error) {
  events.operation.push_back([add_error](Walker& walker, OperationDefinition& operation) {
    if (!walker.schema.subscription || operation.operation != "subscription") return;
    std::vector<TopField> fields = top_fields(operation.selection_set);
    std::string name = operation.name.empty() ? "Anonymous Subscription"
                                              : "Subscription " + go_quote(operation.name);
    if (fields.size() > 1) {
      add_error(fields[1].position, name + " must select only one top level field.");
    }
    for (const TopField& field : fields) {
      if (field.name.rfind("__", 0) == 0) {
        add_error(field.position, name + " must not select an introspection top level field.");
      }
    }
  });
}

void add_unique_directives_per_location(Events& events, const AddError& add_error) {
  events.directive_list.push_back([add_error](Walker&, DirectiveList& directives) {
    std::set<std::string> seen;
    for (const auto& directive : directives) {
      if (!seen.insert(directive->name).second) {
        add_error(directive->position, "The directive \"@" + directive->name +
                                           "\" can only be used once at this location.");
      }
    }
  });
}

void add_unique_operation_names(Events& events, const AddError& add_error) {
  auto seen = std::make_shared<std::set<std::string>>();
  events.operation.push_back([add_error, seen](Walker&, OperationDefinition& operation) {
    if (!seen->insert(operation.name).second) {
      add_error(operation.position,
                "There can be only one operation named \"" + operation.name + "\".");
    }
  });
}

}  // namespace regoc::graphql
