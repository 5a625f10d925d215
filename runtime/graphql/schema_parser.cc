// The productions of type system documents: schema definitions, type definitions, type
// extensions and directive definitions.
#include "runtime/graphql/parser_state.h"

namespace regoc::graphql {
namespace {

bool is_type_keyword(const std::string& word) {
  return word == "scalar" || word == "type" || word == "interface" || word == "union" ||
         word == "enum" || word == "input";
}

const char* kind_of_keyword(const std::string& keyword) {
  if (keyword == "scalar") return kScalar;
  if (keyword == "type") return kObject;
  if (keyword == "interface") return kInterface;
  if (keyword == "union") return kUnion;
  if (keyword == "enum") return kEnum;
  return kInputObject;
}

bool is_directive_location(const std::string& name) {
  static constexpr const char* kLocations[] = {
      "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD",
      "INLINE_FRAGMENT", "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT",
      "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE",
      "INPUT_OBJECT", "INPUT_FIELD_DEFINITION"};
  for (const char* location : kLocations) {
    if (name == location) return true;
  }
  return false;
}

}  // namespace

SchemaDocument Parser::parse_schema_document() {
  SchemaDocument document;
  while (peek().kind != TokenKind::Eof) {
    if (error_) return document;
    std::string description;
    if (peek().kind == TokenKind::BlockString || peek().kind == TokenKind::String) {
      description = parse_description();
    }
    if (peek().kind != TokenKind::Name) {
      unexpected();
      break;
    }
    std::string keyword = peek().value;
    if (is_type_keyword(keyword)) {
      document.definitions.push_back(parse_type_definition(description));
    } else if (keyword == "schema") {
      document.schema.push_back(parse_schema_definition(description));
    } else if (keyword == "directive") {
      document.directives.push_back(parse_directive_definition(description));
    } else if (keyword == "extend") {
      // An extension may not have a description; gqlparser blames the description token.
      if (!description.empty()) unexpected_token(Token(previous_));
      parse_type_system_extension(&document);
    } else {
      unexpected();
      return document;
    }
  }
  return document;
}

std::string Parser::parse_description() {
  TokenKind kind = peek().kind;
  if (kind != TokenKind::BlockString && kind != TokenKind::String) return "";
  return next().value;
}

// Parses "<keyword> Name" and the parts that the kind of type allows.
Ptr<Definition> Parser::parse_type_definition(const std::string& description) {
  std::string keyword = peek().value;
  Ptr<Definition> definition = parse_named_type_head(kind_of_keyword(keyword), description);
  if (keyword == "type" || keyword == "interface") {
    definition->interfaces = parse_implements_interfaces();
  }
  definition->directives = parse_directives(true);
  if (keyword == "type" || keyword == "interface") {
    definition->fields = parse_fields_definition();
  } else if (keyword == "union") {
    definition->types = parse_union_member_types();
  } else if (keyword == "enum") {
    definition->enum_values = parse_enum_values_definition();
  } else if (keyword == "input") {
    definition->fields = parse_input_fields_definition();
  }
  return definition;
}

Ptr<Definition> Parser::parse_named_type_head(const char* kind, const std::string& description) {
  next();  // the keyword
  auto definition = std::make_shared<Definition>();
  definition->position = peek_position();
  definition->kind = kind;
  definition->description = description;
  definition->name = parse_name();
  return definition;
}

Ptr<SchemaDefinition> Parser::parse_schema_definition(const std::string& description) {
  expect_keyword("schema");
  auto schema = std::make_shared<SchemaDefinition>();
  schema->position = peek_position();
  schema->description = description;
  schema->directives = parse_directives(true);
  some(TokenKind::BraceL, TokenKind::BraceR,
       [&] { schema->operation_types.push_back(parse_operation_type_definition()); });
  return schema;
}

Ptr<OperationTypeDefinition> Parser::parse_operation_type_definition() {
  auto operation_type = std::make_shared<OperationTypeDefinition>();
  operation_type->position = peek_position();
  operation_type->operation = parse_operation_type();
  expect(TokenKind::Colon);
  operation_type->type = parse_name();
  return operation_type;
}

std::vector<std::string> Parser::parse_implements_interfaces() {
  std::vector<std::string> interfaces;
  if (peek().value != "implements") return interfaces;
  next();
  skip(TokenKind::Amp);  // an optional leading "&"
  interfaces.push_back(parse_name());
  while (skip(TokenKind::Amp) && !error_) interfaces.push_back(parse_name());
  return interfaces;
}

std::vector<Ptr<FieldDefinition>> Parser::parse_fields_definition() {
  std::vector<Ptr<FieldDefinition>> fields;
  some(TokenKind::BraceL, TokenKind::BraceR,
       [&] { fields.push_back(parse_field_definition()); });
  return fields;
}

Ptr<FieldDefinition> Parser::parse_field_definition() {
  auto field = std::make_shared<FieldDefinition>();
  field->position = peek_position();
  field->description = parse_description();
  field->name = parse_name();
  field->arguments = parse_argument_definitions();
  expect(TokenKind::Colon);
  field->type = parse_type_reference();
  field->directives = parse_directives(true);
  return field;
}

ArgumentDefinitionList Parser::parse_argument_definitions() {
  ArgumentDefinitionList arguments;
  some(TokenKind::ParenL, TokenKind::ParenR, [&] {
    auto argument = std::make_shared<ArgumentDefinition>();
    argument->position = peek_position();
    argument->description = parse_description();
    argument->name = parse_name();
    expect(TokenKind::Colon);
    argument->type = parse_type_reference();
    if (skip(TokenKind::Equals)) argument->default_value = parse_value(true);
    argument->directives = parse_directives(true);
    arguments.push_back(std::move(argument));
  });
  return arguments;
}

Ptr<FieldDefinition> Parser::parse_input_value_definition() {
  auto field = std::make_shared<FieldDefinition>();
  field->position = peek_position();
  field->description = parse_description();
  field->name = parse_name();
  expect(TokenKind::Colon);
  field->type = parse_type_reference();
  if (skip(TokenKind::Equals)) field->default_value = parse_value(true);
  field->directives = parse_directives(true);
  return field;
}

std::vector<std::string> Parser::parse_union_member_types() {
  std::vector<std::string> types;
  if (!skip(TokenKind::Equals)) return types;
  skip(TokenKind::Pipe);  // an optional leading "|"
  types.push_back(parse_name());
  while (skip(TokenKind::Pipe) && !error_) types.push_back(parse_name());
  return types;
}

std::vector<Ptr<EnumValueDefinition>> Parser::parse_enum_values_definition() {
  std::vector<Ptr<EnumValueDefinition>> values;
  some(TokenKind::BraceL, TokenKind::BraceR, [&] {
    auto value = std::make_shared<EnumValueDefinition>();
    value->position = peek_position();
    value->description = parse_description();
    value->name = parse_name();
    value->directives = parse_directives(true);
    values.push_back(std::move(value));
  });
  return values;
}

std::vector<Ptr<FieldDefinition>> Parser::parse_input_fields_definition() {
  std::vector<Ptr<FieldDefinition>> fields;
  some(TokenKind::BraceL, TokenKind::BraceR,
       [&] { fields.push_back(parse_input_value_definition()); });
  return fields;
}

void Parser::parse_type_system_extension(SchemaDocument* document) {
  expect_keyword("extend");
  std::string keyword = peek().value;
  if (keyword == "schema") {
    document->schema_extensions.push_back(parse_schema_extension());
  } else if (is_type_keyword(keyword)) {
    document->extensions.push_back(parse_type_extension(keyword));
  } else {
    unexpected();
  }
}

Ptr<SchemaDefinition> Parser::parse_schema_extension() {
  expect_keyword("schema");
  auto schema = std::make_shared<SchemaDefinition>();
  schema->position = peek_position();
  schema->directives = parse_directives(true);
  some(TokenKind::BraceL, TokenKind::BraceR,
       [&] { schema->operation_types.push_back(parse_operation_type_definition()); });
  if (schema->directives.empty() && schema->operation_types.empty()) unexpected();
  return schema;
}

// An extension must add something: directives, interfaces, fields, members or values.
Ptr<Definition> Parser::parse_type_extension(const std::string& keyword) {
  Ptr<Definition> extension = parse_named_type_head(kind_of_keyword(keyword), "");
  if (keyword == "type") extension->interfaces = parse_implements_interfaces();
  // gqlparser parses input extension directives as non-constant.
  extension->directives = parse_directives(keyword != "input");
  if (keyword == "type" || keyword == "interface") {
    extension->fields = parse_fields_definition();
  } else if (keyword == "union") {
    extension->types = parse_union_member_types();
  } else if (keyword == "enum") {
    extension->enum_values = parse_enum_values_definition();
  } else if (keyword == "input") {
    extension->fields = parse_input_fields_definition();
  }
  if (extension->interfaces.empty() && extension->directives.empty() &&
      extension->fields.empty() && extension->types.empty() && extension->enum_values.empty()) {
    unexpected();
  }
  return extension;
}

Ptr<DirectiveDefinition> Parser::parse_directive_definition(const std::string& description) {
  expect_keyword("directive");
  expect(TokenKind::At);
  auto directive = std::make_shared<DirectiveDefinition>();
  directive->position = peek_position();
  directive->description = description;
  directive->name = parse_name();
  directive->arguments = parse_argument_definitions();
  if (peek().kind == TokenKind::Name && peek().value == "repeatable") {
    directive->is_repeatable = true;
    skip(TokenKind::Name);
  }
  expect_keyword("on");
  skip(TokenKind::Pipe);  // an optional leading "|"
  directive->locations.push_back(parse_directive_location());
  while (skip(TokenKind::Pipe) && !error_) {
    directive->locations.push_back(parse_directive_location());
  }
  return directive;
}

DirectiveLocation Parser::parse_directive_location() {
  Token name = expect(TokenKind::Name);
  if (is_directive_location(name.value)) return name.value;
  unexpected_token(name);
  return "";
}

}  // namespace regoc::graphql
