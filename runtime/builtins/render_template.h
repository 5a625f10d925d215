// Go's text/template, as OPA's strings.render_template runs it: a template named "template",
// parsed with the standard functions and executed with missingkey=error on data that OPA
// decodes from JSON (strings, json.Number numbers, booleans, nil, []any, map[string]any).
//
// The pieces: the lexer and parser build a tree of Nodes (render_template_parse.cc), the
// executor walks it (render_template_exec.cc), the standard functions are in
// render_template_funcs.cc and Go's fmt printing of values in render_template_print.cc.
// Errors carry Go's messages, e.g. `template: template:1:2: executing "template" at
// <.x>: map has no entry for key "x"`.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace regoc::go_template {

// --- values -----------------------------------------------------------------------------------

/// A Go value as text/template reaches it through reflection.
struct GoValue {
  enum class Kind : uint8_t {
    Missing,  // the invalid reflect.Value: no value at all
    Nil,      // a nil interface{} (a JSON null inside a map or slice)
    Bool,
    Int,     // int
    Float,   // float64
    String,  // string
    Number,  // json.Number: a string type whose text is a JSON number
    Slice,   // []interface{}
    Map,     // map[string]interface{}
  };

  Kind kind = Kind::Missing;
  // True for a value held in an interface{} (a map or slice element), which Go reports as
  // type "interface {}" in some errors.
  bool boxed = false;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0;
  std::string text;  // String and Number
  std::shared_ptr<const std::vector<GoValue>> items;
  std::shared_ptr<const std::map<std::string, GoValue>> entries;

  static GoValue missing() { return GoValue(); }
  static GoValue nil() { return make(Kind::Nil); }
  static GoValue of_bool(bool value);
  static GoValue of_int(int64_t value);
  static GoValue of_float(double value);
  static GoValue of_string(std::string value);
  static GoValue of_number(std::string text);
  static GoValue of_slice(std::vector<GoValue> items);
  static GoValue of_map(std::map<std::string, GoValue> entries);

  bool is_valid() const { return kind != Kind::Missing; }
  /// The value outside any interface: reflect's Elem of an interface, or the value itself.
  GoValue unboxed() const;
  /// Go's type name: "string", "json.Number", "[]interface {}", ...
  std::string type_name() const;

 private:
  static GoValue make(Kind kind) {
    GoValue value;
    value.kind = kind;
    return value;
  }
};

/// Go's truth of a value for if, with, and, or and not; false for Missing and Nil.
bool is_true(const GoValue& value);

/// fmt.Sprint, fmt.Sprintln and fmt.Sprintf on values passed as interface{} (print, println,
/// printf, and the output of actions).
std::string sprint(const std::vector<GoValue>& args);
std::string sprintln(const std::vector<GoValue>& args);
std::string sprintf(std::string_view format, const std::vector<GoValue>& args);
/// The %v text of one value, as an action prints it ("<no value>" for Missing).
std::string print_action_value(const GoValue& value);

// --- parse tree -------------------------------------------------------------------------------

struct Node;
using NodePtr = std::shared_ptr<Node>;

/// One node of the parse tree; `type` selects the fields in use.
struct Node {
  enum class Type : uint8_t {
    List, Text, Action, If, Range, With, Template, Break, Continue,
    Pipe, Command, Field, Chain, Identifier, Variable, Dot, Nil, Bool, Number, String,
  };

  Type type;
  size_t position = 0;  // byte offset in the template text
  int line = 1;

  std::vector<NodePtr> nodes;             // List: items; Command: arguments
  std::string text;                       // Text: text; String: value; Identifier: name;
                                          // Template: name; Number: literal
  std::vector<std::string> identifiers;   // Field: names; Variable: "$x" and field names;
                                          // Chain: field names
  NodePtr pipe;                           // Action, If, Range, With, Template: pipeline;
                                          // Chain: the operand before the fields
  NodePtr list;                           // If, Range, With: body
  NodePtr else_list;                      // If, Range, With: else branch, or null
  std::vector<NodePtr> declarations;      // Pipe: declared or assigned variables
  bool is_assign = false;                 // Pipe: "=" rather than ":="
  bool boolean = false;                   // Bool
  std::string quoted;                     // String: the literal as written

  // Number constants, after Go's parse.NumberNode.
  bool is_int = false;
  bool is_float = false;
  int64_t int_value = 0;
  double float_value = 0;
  bool is_char = false;

  /// The node as Go's String() writes it, used in error messages: ".a.b", "$x", "eq 1 2".
  std::string to_string() const;
};

/// The parsed templates: "template" plus any {{define}}d ones, by name.
struct TemplateSet {
  std::string source;  // the template text, for error locations
  std::map<std::string, NodePtr> trees;
};

/// Parses `source` as the template named "template". On failure returns false and sets
/// *error to Go's message ("template: template:1: unexpected EOF").
bool parse_template(std::string_view source, TemplateSet* set, std::string* error);

/// Executes the template on `data` (the root map). On failure returns false and sets *error.
bool execute_template(const TemplateSet& set, const GoValue& data, std::string* out,
                      std::string* error);

/// The standard functions that templates may call (and, eq, len, printf, ...).
bool is_standard_function(std::string_view name);

}  // namespace regoc::go_template
