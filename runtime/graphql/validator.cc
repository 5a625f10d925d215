// Query validation: registers every rule and walks the document. External interface:
// validate_query.
#include "runtime/graphql/validator.h"

#include "runtime/graphql/rules.h"

namespace regoc::graphql {

std::vector<GraphqlError> validate_query(const Schema& schema, QueryDocument& document) {
  std::vector<GraphqlError> errors;
  AddError add_error = [&errors](const Position& position, std::string message) {
    errors.push_back(GraphqlError{position, std::move(message)});
  };

  Events events;
  add_fields_on_correct_type(events, add_error);
  add_fragments_on_composite_types(events, add_error);
  add_known_argument_names(events, add_error);
  add_known_directives(events, add_error);
  add_known_fragment_names(events, add_error);
  add_known_root_type(events, add_error);
  add_known_type_names(events, add_error);
  add_lone_anonymous_operation(events, add_error);
  add_no_fragment_cycles(events, add_error);
  add_no_undefined_variables(events, add_error);
  add_no_unused_fragments(events, add_error);
  add_no_unused_variables(events, add_error);
  add_overlapping_fields_can_be_merged(events, add_error);
  add_possible_fragment_spreads(events, add_error);
  add_provided_required_arguments(events, add_error);
  add_scalar_leafs(events, add_error);
  add_single_field_subscriptions(events, add_error);
  add_unique_argument_names(events, add_error);
  add_unique_directives_per_location(events, add_error);
  add_unique_fragment_names(events, add_error);
  add_unique_input_field_names(events, add_error);
  add_unique_operation_names(events, add_error);
  add_unique_variable_names(events, add_error);
  add_values_of_correct_type(events, add_error);
  add_variables_are_input_types(events, add_error);
  add_variables_in_allowed_position(events, add_error);

  Walker walker(schema, document, events);
  walker.walk();
  return errors;
}

}  // namespace regoc::graphql
