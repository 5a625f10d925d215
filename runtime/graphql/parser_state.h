// The recursive-descent parser shared by the query and schema grammars (query_parser.cc,
// schema_parser.cc); parser.cc holds the token handling and the productions both use.
//
// Like gqlparser, the parser keeps going after the first error with every read returning
// the last token, and reports only that first error. A lexical error in a token that was
// peeked but never consumed surfaces as "Unexpected <Invalid>", as in gqlparser.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/graphql/ast.h"
#include "runtime/graphql/lexer.h"

namespace regoc::graphql {

class Parser {
 public:
  explicit Parser(std::string_view text) : lexer_(text) {}

  /// The first error, if any.
  const std::optional<GraphqlError>& error() const { return error_; }

  QueryDocument parse_query_document();
  SchemaDocument parse_schema_document();

 private:
  // Token handling (parser.cc).
  const Token& peek();
  Position peek_position();
  const Token& next();
  void fail(const Token& token, std::string message);
  Token expect(TokenKind kind);
  Token expect_keyword(std::string_view keyword);
  bool skip(TokenKind kind);
  void unexpected();
  void unexpected_token(const Token& token);
  void many(TokenKind start, TokenKind end, const std::function<void()>& parse_item);
  void some(TokenKind start, TokenKind end, const std::function<void()>& parse_item);

  // Productions of both grammars (parser.cc).
  std::string parse_name();
  std::string parse_variable();
  std::string parse_operation_type();
  Ptr<ValueNode> parse_value(bool is_const);
  Ptr<ValueNode> parse_list(bool is_const);
  Ptr<ValueNode> parse_object(bool is_const);
  std::vector<Ptr<Argument>> parse_arguments(bool is_const);
  DirectiveList parse_directives(bool is_const);
  Ptr<TypeRef> parse_type_reference();

  // Executable documents (query_parser.cc).
  Ptr<OperationDefinition> parse_operation_definition();
  VariableDefinitionList parse_variable_definitions();
  Ptr<VariableDefinition> parse_variable_definition();
  SelectionSet parse_required_selection_set();
  SelectionSet parse_selection_set_items();
  Ptr<Selection> parse_field();
  Ptr<Selection> parse_fragment();
  Ptr<FragmentDefinition> parse_fragment_definition();
  std::string parse_fragment_name();

  // Type system documents (schema_parser.cc).
  std::string parse_description();
  Ptr<Definition> parse_type_definition(const std::string& description);
  Ptr<Definition> parse_named_type_head(const char* kind, const std::string& description);
  Ptr<SchemaDefinition> parse_schema_definition(const std::string& description);
  Ptr<OperationTypeDefinition> parse_operation_type_definition();
  std::vector<std::string> parse_implements_interfaces();
  std::vector<Ptr<FieldDefinition>> parse_fields_definition();
  Ptr<FieldDefinition> parse_field_definition();
  ArgumentDefinitionList parse_argument_definitions();
  Ptr<FieldDefinition> parse_input_value_definition();
  std::vector<std::string> parse_union_member_types();
  std::vector<Ptr<EnumValueDefinition>> parse_enum_values_definition();
  std::vector<Ptr<FieldDefinition>> parse_input_fields_definition();
  void parse_type_system_extension(SchemaDocument* document);
  Ptr<SchemaDefinition> parse_schema_extension();
  Ptr<Definition> parse_type_extension(const std::string& keyword);
  Ptr<DirectiveDefinition> parse_directive_definition(const std::string& description);
  DirectiveLocation parse_directive_location();

  Lexer lexer_;
  std::optional<GraphqlError> error_;
  bool peeked_ = false;
  Token peek_token_;
  std::optional<GraphqlError> peek_error_;
  Token previous_;
};

}  // namespace regoc::graphql
