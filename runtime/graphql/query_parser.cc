// The productions of executable documents: operations, variable definitions, selection
// sets, fields and fragments.
#include "runtime/graphql/parser_state.h"

namespace regoc::graphql {

QueryDocument Parser::parse_query_document() {
  QueryDocument document;
  while (peek().kind != TokenKind::Eof) {
    if (error_) return document;
    const Token& token = peek();
    if (token.kind == TokenKind::BraceL ||
        (token.kind == TokenKind::Name &&
         (token.value == "query" || token.value == "mutation" || token.value == "subscription"))) {
      document.operations.push_back(parse_operation_definition());
    } else if (token.kind == TokenKind::Name && token.value == "fragment") {
      document.fragments.push_back(parse_fragment_definition());
    } else {
      unexpected();
    }
  }
  return document;
}

Ptr<OperationDefinition> Parser::parse_operation_definition() {
  auto operation = std::make_shared<OperationDefinition>();
  operation->position = peek_position();
  if (peek().kind == TokenKind::BraceL) {  // the query shorthand
    operation->operation = "query";
    operation->selection_set = parse_required_selection_set();
    return operation;
  }
  operation->operation = parse_operation_type();
  if (peek().kind == TokenKind::Name) operation->name = next().value;
  operation->variable_definitions = parse_variable_definitions();
  operation->directives = parse_directives(false);
  operation->selection_set = parse_required_selection_set();
  return operation;
}

VariableDefinitionList Parser::parse_variable_definitions() {
  VariableDefinitionList definitions;
  many(TokenKind::ParenL, TokenKind::ParenR,
       [&] { definitions.push_back(parse_variable_definition()); });
  return definitions;
}

Ptr<VariableDefinition> Parser::parse_variable_definition() {
  auto definition = std::make_shared<VariableDefinition>();
  definition->position = peek_position();
  definition->variable = parse_variable();
  expect(TokenKind::Colon);
  definition->type = parse_type_reference();
  if (skip(TokenKind::Equals)) definition->default_value = parse_value(true);
  definition->directives = parse_directives(false);
  return definition;
}

SelectionSet Parser::parse_required_selection_set() {
  Token token = peek();
  if (token.kind != TokenKind::BraceL) {
    fail(token, "Expected {, found " + std::string(token_kind_text(token.kind)));
    return {};
  }
  return parse_selection_set_items();
}

SelectionSet Parser::parse_selection_set_items() {
  SelectionSet selections;
  some(TokenKind::BraceL, TokenKind::BraceR, [&] {
    selections.push_back(peek().kind == TokenKind::Spread ? parse_fragment() : parse_field());
  });
  return selections;
}

Ptr<Selection> Parser::parse_field() {
  auto field = std::make_shared<Selection>();
  field->kind = Selection::Kind::Field;
  field->position = peek_position();
  field->alias = parse_name();
  field->name = skip(TokenKind::Colon) ? parse_name() : field->alias;
  field->arguments = parse_arguments(false);
  field->directives = parse_directives(false);
  if (peek().kind == TokenKind::BraceL) field->selection_set = parse_selection_set_items();
  return field;
}

Ptr<Selection> Parser::parse_fragment() {
  expect(TokenKind::Spread);
  auto selection = std::make_shared<Selection>();
  const Token& token = peek();
  if (token.kind == TokenKind::Name && token.value != "on") {
    selection->kind = Selection::Kind::FragmentSpread;
    selection->position = peek_position();
    selection->name = parse_fragment_name();
    selection->directives = parse_directives(false);
    return selection;
  }

  selection->kind = Selection::Kind::InlineFragment;
  selection->position = peek_position();
  if (peek().value == "on") {
    next();
    selection->type_condition = parse_name();
  }
  selection->directives = parse_directives(false);
  selection->selection_set = parse_required_selection_set();
  return selection;
}

Ptr<FragmentDefinition> Parser::parse_fragment_definition() {
  auto fragment = std::make_shared<FragmentDefinition>();
  fragment->position = peek_position();
  expect_keyword("fragment");
  fragment->name = parse_fragment_name();
  fragment->variable_definitions = parse_variable_definitions();
  expect_keyword("on");
  fragment->type_condition = parse_name();
  fragment->directives = parse_directives(false);
  fragment->selection_set = parse_required_selection_set();
  return fragment;
}

std::string Parser::parse_fragment_name() {
  if (peek().value == "on") {
    unexpected();
    return "";
  }
  return parse_name();
}

}  // namespace regoc::graphql
