// The GraphQL syntax tree that the parser builds and the validator annotates, shaped like
// gqlparser's (vektah/gqlparser v2) AST because OPA returns that AST as JSON.
//
// Nodes are shared_ptr so that a schema document merged from several sources can share
// definitions, and so that the validator's back references stay valid. Fields marked
// "set by validation" are empty after parsing.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace regoc::graphql {

// A place in the source text; line 0 means unknown (a node decoded from a JSON AST).
struct Position {
  int line = 0;
  int column = 0;  // in code points, from 1

  bool known() const { return line != 0; }
};

template <class T>
using Ptr = std::shared_ptr<T>;

struct Definition;
struct FieldDefinition;
struct DirectiveDefinition;
struct VariableDefinition;
struct FragmentDefinition;

// A type reference: a named type, or a list of `element`; either may be non-null.
struct TypeRef {
  std::string named_type;  // empty for a list
  Ptr<TypeRef> element;    // set for a list
  bool non_null = false;
  Position position;

  /// Returns the innermost named type.
  const std::string& name() const { return element ? element->name() : named_type; }
  /// Writes the type in GraphQL syntax, e.g. "[String!]!".
  std::string to_string() const;
  /// Returns gqlparser's Type.IsCompatible: whether a value of this type may be used where
  /// `other` is expected.
  bool is_compatible(const TypeRef& other) const;
};

// The ValueKind numbers of gqlparser, which OPA returns in the "Kind" member.
enum class ValueKind : int {
  Variable = 0,
  Int = 1,
  Float = 2,
  String = 3,
  Block = 4,
  Boolean = 5,
  Null = 6,
  Enum = 7,
  List = 8,
  Object = 9,
};

struct ValueNode;

// An item of a list value (empty name) or a field of an object value.
struct ChildValue {
  std::string name;
  Ptr<ValueNode> value;
  Position position;
};

// A value in a document: a literal, a list, an input object or a variable.
struct ValueNode {
  std::string raw;  // the literal text; the variable name without "$"; empty for lists
  std::vector<ChildValue> children;
  ValueKind kind = ValueKind::Variable;
  Position position;

  // Set by validation.
  Ptr<TypeRef> expected_type;
  Ptr<Definition> definition;
  VariableDefinition* variable_definition = nullptr;

  /// Writes the value as gqlparser's Value.String() does ("$x", quoted strings, "[1,2]").
  std::string to_string() const;
};

struct Argument {
  std::string name;
  Ptr<ValueNode> value;
  Position position;
};

// The directive locations of the GraphQL specification, spelled as in the language.
using DirectiveLocation = std::string;

struct Directive {
  std::string name;
  std::vector<Ptr<Argument>> arguments;
  Position position;

  // Set by validation.
  Ptr<DirectiveDefinition> definition;
  Ptr<Definition> parent_definition;
  DirectiveLocation location;
};

using DirectiveList = std::vector<Ptr<Directive>>;

struct VariableDefinition {
  std::string variable;
  Ptr<TypeRef> type;
  Ptr<ValueNode> default_value;
  DirectiveList directives;
  Position position;

  // Set by validation.
  Ptr<Definition> definition;
  bool used = false;
};

using VariableDefinitionList = std::vector<Ptr<VariableDefinition>>;

// One selection. gqlparser has three types (Field, FragmentSpread, InlineFragment); one
// struct with a kind keeps the walker simple.
struct Selection {
  enum class Kind { Field, FragmentSpread, InlineFragment };
  Kind kind = Kind::Field;

  std::string alias;           // field
  std::string name;            // field, fragment spread
  std::string type_condition;  // inline fragment; empty when absent
  std::vector<Ptr<Argument>> arguments;
  DirectiveList directives;
  std::vector<Ptr<Selection>> selection_set;
  Position position;

  // Set by validation.
  Ptr<FieldDefinition> field_definition;  // field
  Ptr<Definition> object_definition;      // the enclosing type
  Ptr<FragmentDefinition> fragment;       // fragment spread
};

using SelectionSet = std::vector<Ptr<Selection>>;

struct OperationDefinition {
  std::string operation;  // "query", "mutation" or "subscription"
  std::string name;
  VariableDefinitionList variable_definitions;
  DirectiveList directives;
  SelectionSet selection_set;
  Position position;
};

struct FragmentDefinition {
  std::string name;
  VariableDefinitionList variable_definitions;  // an experimental extension gqlparser parses
  std::string type_condition;
  DirectiveList directives;
  SelectionSet selection_set;
  Position position;

  // Set by validation.
  Ptr<Definition> definition;
};

struct QueryDocument {
  std::vector<Ptr<OperationDefinition>> operations;
  std::vector<Ptr<FragmentDefinition>> fragments;

  /// Looks up a fragment by name; nullptr when absent.
  Ptr<FragmentDefinition> fragment(const std::string& name) const;
};

// An argument of a field or directive definition.
struct ArgumentDefinition {
  std::string description;
  std::string name;
  Ptr<ValueNode> default_value;
  Ptr<TypeRef> type;
  DirectiveList directives;
  Position position;
};

using ArgumentDefinitionList = std::vector<Ptr<ArgumentDefinition>>;

// A field of an object or interface type, or an input field of an input object type.
struct FieldDefinition {
  std::string description;
  std::string name;
  ArgumentDefinitionList arguments;
  Ptr<ValueNode> default_value;  // input fields only
  Ptr<TypeRef> type;
  DirectiveList directives;
  Position position;

  /// Looks up an argument by name; nullptr when absent.
  Ptr<ArgumentDefinition> argument(const std::string& name) const;
};

struct EnumValueDefinition {
  std::string description;
  std::string name;
  DirectiveList directives;
  Position position;
};

// The kinds of named types, spelled as gqlparser's DefinitionKind.
inline constexpr const char* kScalar = "SCALAR";
inline constexpr const char* kObject = "OBJECT";
inline constexpr const char* kInterface = "INTERFACE";
inline constexpr const char* kUnion = "UNION";
inline constexpr const char* kEnum = "ENUM";
inline constexpr const char* kInputObject = "INPUT_OBJECT";

// A named type definition or type extension.
struct Definition {
  std::string kind;  // one of the constants above
  std::string description;
  std::string name;
  DirectiveList directives;
  std::vector<std::string> interfaces;  // objects and interfaces
  std::vector<Ptr<FieldDefinition>> fields;
  std::vector<std::string> types;  // unions
  std::vector<Ptr<EnumValueDefinition>> enum_values;
  Position position;
  bool built_in = false;  // defined by the prelude

  /// Looks up a field by name; nullptr when absent.
  Ptr<FieldDefinition> field(const std::string& name) const;
  bool is_leaf() const { return kind == kEnum || kind == kScalar; }
  bool is_abstract() const { return kind == kInterface || kind == kUnion; }
  bool is_composite() const { return kind == kObject || kind == kInterface || kind == kUnion; }
  bool is_input() const { return kind == kScalar || kind == kEnum || kind == kInputObject; }
};

struct DirectiveDefinition {
  std::string description;
  std::string name;
  ArgumentDefinitionList arguments;
  std::vector<DirectiveLocation> locations;
  bool is_repeatable = false;
  Position position;
};

struct OperationTypeDefinition {
  std::string operation;
  std::string type;
  Position position;
};

// A schema definition or schema extension.
struct SchemaDefinition {
  std::string description;
  DirectiveList directives;
  std::vector<Ptr<OperationTypeDefinition>> operation_types;
  Position position;
};

struct SchemaDocument {
  std::vector<Ptr<SchemaDefinition>> schema;
  std::vector<Ptr<SchemaDefinition>> schema_extensions;
  std::vector<Ptr<DirectiveDefinition>> directives;
  std::vector<Ptr<Definition>> definitions;
  std::vector<Ptr<Definition>> extensions;

  /// Appends the members of `other`, sharing its nodes.
  void merge(const SchemaDocument& other);
};

}  // namespace regoc::graphql
