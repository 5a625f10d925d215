// The parser's token handling, the productions that queries and schemas share (names,
// values, arguments, directives, type references), and the entry points of parser.h.
#include "runtime/graphql/parser.h"

#include "runtime/graphql/go_quote.h"
#include "runtime/graphql/parser_state.h"

namespace regoc::graphql {

const Token& Parser::peek() {
  if (error_) return previous_;
  if (!peeked_) {
    peek_token_ = lexer_.read_token(&peek_error_);
    peeked_ = true;
  }
  return peek_token_;
}

// gqlparser records no position for nodes that start after the first error.
Position Parser::peek_position() {
  if (error_) return {};
  return peek().position;
}

const Token& Parser::next() {
  if (error_) return previous_;
  if (peeked_) {
    peeked_ = false;
    previous_ = peek_token_;
    error_ = peek_error_;
  } else {
    previous_ = lexer_.read_token(&error_);
  }
  return previous_;
}

void Parser::fail(const Token& token, std::string message) {
  if (error_) return;
  error_ = GraphqlError{token.position, std::move(message)};
}

Token Parser::expect(TokenKind kind) {
  Token token = peek();
  if (token.kind == kind) return next();
  fail(token, "Expected " + std::string(token_kind_text(kind)) + ", found " +
                  std::string(token_kind_text(token.kind)));
  return token;
}

Token Parser::expect_keyword(std::string_view keyword) {
  Token token = peek();
  if (token.kind == TokenKind::Name && token.value == keyword) return next();
  fail(token, "Expected " + go_quote(keyword) + ", found " + token.to_string());
  return token;
}

bool Parser::skip(TokenKind kind) {
  if (error_) return false;
  if (peek().kind != kind) return false;
  next();
  return true;
}

void Parser::unexpected() { unexpected_token(Token(peek())); }

void Parser::unexpected_token(const Token& token) {
  fail(token, "Unexpected " + token.to_string());
}

void Parser::many(TokenKind start, TokenKind end, const std::function<void()>& parse_item) {
  if (!skip(start)) return;
  while (peek().kind != end && !error_) parse_item();
  next();
}

void Parser::some(TokenKind start, TokenKind end, const std::function<void()>& parse_item) {
  if (!skip(start)) return;
  bool called = false;
  while (peek().kind != end && !error_) {
    called = true;
    parse_item();
  }
  if (!called) {
    Token token = peek();
    fail(token, "expected at least one definition, found " +
                    std::string(token_kind_text(token.kind)));
    return;
  }
  next();
}

std::string Parser::parse_name() { return expect(TokenKind::Name).value; }

std::string Parser::parse_variable() {
  expect(TokenKind::Dollar);
  return parse_name();
}

std::string Parser::parse_operation_type() {
  Token token = next();
  if (token.value == "query" || token.value == "mutation" || token.value == "subscription") {
    return token.value;
  }
  unexpected_token(token);
  return "";
}

Ptr<ValueNode> Parser::parse_value(bool is_const) {
  Token token = peek();
  auto value = std::make_shared<ValueNode>();
  value->position = token.position;
  switch (token.kind) {
    case TokenKind::BracketL: return parse_list(is_const);
    case TokenKind::BraceL: return parse_object(is_const);
    case TokenKind::Dollar:
      if (is_const) {
        unexpected();
        return nullptr;
      }
      value->raw = parse_variable();
      value->kind = ValueKind::Variable;
      return value;
    case TokenKind::Int: value->kind = ValueKind::Int; break;
    case TokenKind::Float: value->kind = ValueKind::Float; break;
    case TokenKind::String: value->kind = ValueKind::String; break;
    case TokenKind::BlockString: value->kind = ValueKind::Block; break;
    case TokenKind::Name:
      if (token.value == "true" || token.value == "false") {
        value->kind = ValueKind::Boolean;
      } else if (token.value == "null") {
        value->kind = ValueKind::Null;
      } else {
        value->kind = ValueKind::Enum;
      }
      break;
    default:
      unexpected();
      return nullptr;
  }
  next();
  value->raw = token.value;
  return value;
}

Ptr<ValueNode> Parser::parse_list(bool is_const) {
  auto list = std::make_shared<ValueNode>();
  list->kind = ValueKind::List;
  list->position = peek_position();
  many(TokenKind::BracketL, TokenKind::BracketR, [&] {
    list->children.push_back(ChildValue{"", parse_value(is_const), {}});
  });
  return list;
}

Ptr<ValueNode> Parser::parse_object(bool is_const) {
  auto object = std::make_shared<ValueNode>();
  object->kind = ValueKind::Object;
  object->position = peek_position();
  many(TokenKind::BraceL, TokenKind::BraceR, [&] {
    ChildValue field;
    field.position = peek_position();
    field.name = parse_name();
    expect(TokenKind::Colon);
    field.value = parse_value(is_const);
    object->children.push_back(std::move(field));
  });
  return object;
}

std::vector<Ptr<Argument>> Parser::parse_arguments(bool is_const) {
  std::vector<Ptr<Argument>> arguments;
  many(TokenKind::ParenL, TokenKind::ParenR, [&] {
    auto argument = std::make_shared<Argument>();
    argument->position = peek_position();
    argument->name = parse_name();
    expect(TokenKind::Colon);
    argument->value = parse_value(is_const);
    arguments.push_back(std::move(argument));
  });
  return arguments;
}

DirectiveList Parser::parse_directives(bool is_const) {
  DirectiveList directives;
  while (peek().kind == TokenKind::At && !error_) {
    expect(TokenKind::At);
    auto directive = std::make_shared<Directive>();
    directive->position = peek_position();
    directive->name = parse_name();
    directive->arguments = parse_arguments(is_const);
    directives.push_back(std::move(directive));
  }
  return directives;
}

// gqlparser's type reference takes the position of the token after "[", the name, or "!".
Ptr<TypeRef> Parser::parse_type_reference() {
  auto type = std::make_shared<TypeRef>();
  if (skip(TokenKind::BracketL)) {
    type->position = peek_position();
    type->element = parse_type_reference();
    expect(TokenKind::BracketR);
  } else {
    type->position = peek_position();
    type->named_type = parse_name();
  }
  if (skip(TokenKind::Bang)) {
    type->position = peek_position();
    type->non_null = true;
  }
  return type;
}

bool parse_query(std::string_view text, QueryDocument* document, GraphqlError* error) {
  Parser parser(text);
  *document = parser.parse_query_document();
  if (!parser.error()) return true;
  *error = *parser.error();
  return false;
}

bool parse_schema(std::string_view text, bool built_in, SchemaDocument* document,
                  GraphqlError* error) {
  Parser parser(text);
  *document = parser.parse_schema_document();
  if (parser.error()) {
    *error = *parser.error();
    return false;
  }
  for (const auto& definition : document->definitions) definition->built_in = built_in;
  for (const auto& extension : document->extensions) extension->built_in = built_in;
  return true;
}

}  // namespace regoc::graphql
