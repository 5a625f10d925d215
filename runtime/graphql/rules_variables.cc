// Validation rules on variables: NoUndefinedVariables, NoUnusedVariables,
// UniqueVariableNames, VariablesAreInputTypes and VariablesInAllowedPosition.
#include <map>

#include "runtime/graphql/rules.h"

namespace regoc::graphql {

void add_no_undefined_variables(Events& events, const AddError& add_error) {
  events.value.push_back([add_error](Walker& walker, ValueNode& value) {
    const OperationDefinition* operation = walker.current_operation;
    if (operation == nullptr || value.kind != ValueKind::Variable || value.variable_definition) {
      return;
    }
    std::string message = "Variable \"" + value.to_string() + "\" is not defined";
    if (!operation->name.empty()) message += " by operation \"" + operation->name + "\"";
    add_error(value.position, message + ".");
  });
}

void add_no_unused_variables(Events& events, const AddError& add_error) {
  events.operation.push_back([add_error](Walker&, OperationDefinition& operation) {
    for (const auto& variable : operation.variable_definitions) {
      if (variable->used) continue;
      std::string message = "Variable \"$" + variable->variable + "\" is never used";
      if (!operation.name.empty()) message += " in operation \"" + operation.name + "\"";
      add_error(variable->position, message + ".");
    }
  });
}

void add_unique_variable_names(Events& events, const AddError& add_error) {
  events.operation.push_back([add_error](Walker&, OperationDefinition& operation) {
    std::map<std::string, int> seen;
    for (const auto& variable : operation.variable_definitions) {
      if (seen[variable->variable]++ == 1) {
        add_error(variable->position,
                  "There can be only one variable named \"$" + variable->variable + "\".");
      }
    }
  });
}

void add_variables_are_input_types(Events& events, const AddError& add_error) {
  events.operation.push_back([add_error](Walker&, OperationDefinition& operation) {
    for (const auto& variable : operation.variable_definitions) {
      if (!variable->definition || variable->definition->is_input()) continue;
      add_error(variable->position, "Variable \"$" + variable->variable +
                                        "\" cannot be non-input type \"" +
                                        variable->type->to_string() + "\".");
    }
  });
}

void add_variables_in_allowed_position(Events& events, const AddError& add_error) {
  events.value.push_back([add_error](Walker& walker, ValueNode& value) {
    if (value.kind != ValueKind::Variable || !value.expected_type ||
        value.variable_definition == nullptr || walker.current_operation == nullptr) {
      return;
    }
    // A variable with a non-null default may fill a non-null position.
    TypeRef expected = *value.expected_type;
    const Ptr<ValueNode>& default_value = value.variable_definition->default_value;
    if (default_value && default_value->kind != ValueKind::Null) expected.non_null = false;
    const TypeRef& type = *value.variable_definition->type;
    if (type.is_compatible(expected)) return;
    add_error(value.position, "Variable \"" + value.to_string() + "\" of type \"" +
                                  type.to_string() + "\" used in position expecting type \"" +
                                  value.expected_type->to_string() + "\".");
  });
}

}  // namespace regoc::graphql
