// The validation rules. Each function registers one rule's observers; validator.cc calls
// them in gqlparser's order (alphabetical by rule), which fixes the order of the errors.
#pragma once

#include "runtime/graphql/walker.h"

namespace regoc::graphql {

// Fields and arguments (rules_fields.cc).
void add_fields_on_correct_type(Events& events, const AddError& add_error);
void add_known_argument_names(Events& events, const AddError& add_error);
void add_provided_required_arguments(Events& events, const AddError& add_error);
void add_scalar_leafs(Events& events, const AddError& add_error);
void add_unique_argument_names(Events& events, const AddError& add_error);

// Fragments (rules_fragments.cc).
void add_fragments_on_composite_types(Events& events, const AddError& add_error);
void add_known_fragment_names(Events& events, const AddError& add_error);
void add_no_fragment_cycles(Events& events, const AddError& add_error);
void add_no_unused_fragments(Events& events, const AddError& add_error);
void add_possible_fragment_spreads(Events& events, const AddError& add_error);
void add_unique_fragment_names(Events& events, const AddError& add_error);

// Operations, directives and type names (rules_operations.cc).
void add_known_directives(Events& events, const AddError& add_error);
void add_known_root_type(Events& events, const AddError& add_error);
void add_known_type_names(Events& events, const AddError& add_error);
void add_lone_anonymous_operation(Events& events, const AddError& add_error);
void add_single_field_subscriptions(Events& events, const AddError& add_error);
void add_unique_directives_per_location(Events& events, const AddError& add_error);
void add_unique_operation_names(Events& events, const AddError& add_error);

// Variables (rules_variables.cc).
void add_no_undefined_variables(Events& events, const AddError& add_error);
void add_no_unused_variables(Events& events, const AddError& add_error);
void add_unique_variable_names(Events& events, const AddError& add_error);
void add_variables_are_input_types(Events& events, const AddError& add_error);
void add_variables_in_allowed_position(Events& events, const AddError& add_error);

// Values (rules_values.cc).
void add_unique_input_field_names(Events& events, const AddError& add_error);
void add_values_of_correct_type(Events& events, const AddError& add_error);

// Field merging (overlapping_fields.cc).
void add_overlapping_fields_can_be_merged(Events& events, const AddError& add_error);

}  // namespace regoc::graphql
