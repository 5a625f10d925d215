// The validation walk over a query document. External interface: Walker::walk.
#include "runtime/graphql/walker.h"

namespace regoc::graphql {
namespace {

template <class Node>
void notify(const Observers<Node>& observers, Walker& walker, Node& node) {
  for (const auto& observer : observers) observer(walker, node);
}

Ptr<TypeRef> named_type(const std::string& name) {
  auto type = std::make_shared<TypeRef>();
  type->named_type = name;
  return type;
}

}  // namespace

void Walker::walk() {
  for (const auto& operation : document.operations) {
    visited_fragments_.clear();
    walk_operation(*operation);
  }
  for (const auto& fragment : document.fragments) {
    visited_fragments_.clear();
    walk_fragment(*fragment);
  }
}

void Walker::walk_operation(OperationDefinition& operation) {
  current_operation = &operation;
  for (const auto& variable : operation.variable_definitions) {
    variable->definition = schema.type(variable->type->name());
    notify(events_.variable, *this, *variable);
    if (variable->default_value) {
      variable->default_value->expected_type = variable->type;
      variable->default_value->definition = variable->definition;
    }
  }

  Ptr<Definition> root;
  std::string location;
  if (operation.operation == "mutation") {
    root = schema.mutation;
    location = "MUTATION";
  } else if (operation.operation == "subscription") {
    root = schema.subscription;
    location = "SUBSCRIPTION";
  } else {
    root = schema.query;
    location = "QUERY";
  }

  for (const auto& variable : operation.variable_definitions) {
    if (variable->default_value) walk_value(*variable->default_value);
    walk_directives(variable->definition, variable->directives, "VARIABLE_DEFINITION");
  }
  walk_directives(root, operation.directives, location);
  walk_selection_set(root, operation.selection_set);

  notify(events_.operation, *this, operation);
  current_operation = nullptr;
}

void Walker::walk_fragment(FragmentDefinition& fragment) {
  fragment.definition = schema.type(fragment.type_condition);
  walk_directives(fragment.definition, fragment.directives, "FRAGMENT_DEFINITION");
  walk_selection_set(fragment.definition, fragment.selection_set);
  notify(events_.fragment, *this, fragment);
}

void Walker::walk_directives(const Ptr<Definition>& parent, DirectiveList& directives,
                             const std::string& location) {
  for (const auto& directive : directives) {
    auto found = schema.directives.find(directive->name);
    directive->definition = found == schema.directives.end() ? nullptr : found->second;
    directive->parent_definition = parent;
    directive->location = location;
    for (const auto& argument : directive->arguments) {
      Ptr<ArgumentDefinition> definition;
      if (directive->definition) {
        for (const auto& candidate : directive->definition->arguments) {
          if (candidate->name == argument->name) definition = candidate;
          if (definition) break;
        }
      }
      walk_argument(definition, *argument);
    }
    notify(events_.directive, *this, *directive);
  }
  notify(events_.directive_list, *this, directives);
}

void Walker::walk_value(ValueNode& value) {
  if (value.kind == ValueKind::Variable && current_operation != nullptr) {
    value.variable_definition = nullptr;
    for (const auto& variable : current_operation->variable_definitions) {
      if (variable->variable == value.raw) {
        value.variable_definition = variable.get();
        variable->used = true;
        break;
      }
    }
  }
  if (value.kind == ValueKind::Object) {
    for (ChildValue& child : value.children) {
      if (value.definition) {
        if (Ptr<FieldDefinition> field = value.definition->field(child.name)) {
          child.value->expected_type = field->type;
          child.value->definition = schema.type(field->type->name());
        }
      }
      walk_value(*child.value);
    }
  }
  if (value.kind == ValueKind::List) {
    for (ChildValue& child : value.children) {
      if (value.expected_type && value.expected_type->element) {
        child.value->expected_type = value.expected_type->element;
        child.value->definition = value.definition;
      }
      walk_value(*child.value);
    }
  }
  notify(events_.value, *this, value);
}

void Walker::walk_argument(const Ptr<ArgumentDefinition>& definition, Argument& argument) {
  if (definition) {
    argument.value->expected_type = definition->type;
    argument.value->definition = schema.type(definition->type->name());
  }
  walk_value(*argument.value);
}

void Walker::walk_selection_set(const Ptr<Definition>& parent, SelectionSet& selections) {
  for (const auto& selection : selections) {
    switch (selection->kind) {
      case Selection::Kind::Field:
        walk_field(parent, *selection);
        break;
      case Selection::Kind::InlineFragment: {
        selection->object_definition = parent;
        Ptr<Definition> next = parent;
        if (!selection->type_condition.empty()) next = schema.type(selection->type_condition);
        walk_directives(next, selection->directives, "INLINE_FRAGMENT");
        walk_selection_set(next, selection->selection_set);
        notify(events_.inline_fragment, *this, *selection);
        break;
      }
      case Selection::Kind::FragmentSpread:
        walk_fragment_spread(parent, *selection);
        break;
    }
  }
}

void Walker::walk_field(const Ptr<Definition>& parent, Selection& field) {
  Ptr<FieldDefinition> definition;
  if (field.name == "__typename") {
    definition = std::make_shared<FieldDefinition>();
    definition->name = "__typename";
    definition->type = named_type("String");
  } else if (parent) {
    definition = parent->field(field.name);
  }
  field.field_definition = definition;
  field.object_definition = parent;

  Ptr<Definition> next = definition ? schema.type(definition->type->name()) : nullptr;
  for (const auto& argument : field.arguments) {
    walk_argument(definition ? definition->argument(argument->name) : nullptr, *argument);
  }
  walk_directives(next, field.directives, "FIELD");
  walk_selection_set(next, field.selection_set);
  notify(events_.field, *this, field);
}

void Walker::walk_fragment_spread(const Ptr<Definition>& parent, Selection& spread) {
  Ptr<FragmentDefinition> fragment = document.fragment(spread.name);
  spread.fragment = fragment;
  spread.object_definition = parent;
  Ptr<Definition> next = fragment ? schema.type(fragment->type_condition) : nullptr;
  walk_directives(next, spread.directives, "FRAGMENT_SPREAD");
  if (fragment && visited_fragments_.insert(fragment->name).second) {
    walk_selection_set(next, fragment->selection_set);
  }
  notify(events_.fragment_spread, *this, spread);
}

}  // namespace regoc::graphql
