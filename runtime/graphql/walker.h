// The walk over a query document that drives the validation rules: it links every node to
// its definition in the schema and calls the rules' observers, as gqlparser's Walker does.
//
// Observers of a node run after the node's children (directives after their arguments,
// fields after their arguments, directives and selections), except variable observers,
// which run before the operation's body.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "runtime/graphql/ast.h"
#include "runtime/graphql/error.h"
#include "runtime/graphql/schema.h"

namespace regoc::graphql {

class Walker;

template <class Node>
using Observers = std::vector<std::function<void(Walker&, Node&)>>;

// The observers that the rules register, by kind of node.
struct Events {
  Observers<OperationDefinition> operation;
  Observers<Selection> field;
  Observers<FragmentDefinition> fragment;
  Observers<Selection> inline_fragment;
  Observers<Selection> fragment_spread;
  Observers<Directive> directive;
  Observers<DirectiveList> directive_list;
  Observers<ValueNode> value;
  Observers<VariableDefinition> variable;
};

// Records one error of a rule.
using AddError = std::function<void(const Position&, std::string)>;

class Walker {
 public:
  Walker(const Schema& schema, QueryDocument& document, const Events& events)
      : schema(schema), document(document), events_(events) {}

  void walk();

  const Schema& schema;
  QueryDocument& document;
  OperationDefinition* current_operation = nullptr;

 private:
  void walk_operation(OperationDefinition& operation);
  void walk_fragment(FragmentDefinition& fragment);
  void walk_directives(const Ptr<Definition>& parent, DirectiveList& directives,
                       const std::string& location);
  void walk_value(ValueNode& value);
  void walk_argument(const Ptr<ArgumentDefinition>& definition, Argument& argument);
  void walk_selection_set(const Ptr<Definition>& parent, SelectionSet& selections);
  void walk_field(const Ptr<Definition>& parent, Selection& field);
  void walk_fragment_spread(const Ptr<Definition>& parent, Selection& spread);

  const Events& events_;
  // Fragments already entered from spreads in the current definition; stops recursion.
  std::set<std::string> visited_fragments_;
};

}  // namespace regoc::graphql
