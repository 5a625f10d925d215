// The text/template executor: walks a parsed template over GoValues in the shape of Go's
// exec.go (variables, pipelines, field chains, control structures, function calls), with
// missingkey=error, and reports errors with the node and its line:column.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "runtime/builtins/render_template.h"
#include "runtime/builtins/render_template_funcs.h"
#include "runtime/builtins/utf8.h"

namespace regoc::go_template {
namespace {

// Go allows 100000 nested {{template}} calls; this lower bound keeps C++ recursion on the
// stack.
constexpr int kMaxTemplateDepth = 1000;

struct ExecError {
  std::string message;
};
struct BreakSignal {};
struct ContinueSignal {};

using Kind = GoValue::Kind;

class Executor {
 public:
  Executor(const TemplateSet& set, std::string* out) : set_(set), out_(out) {}

  void run(const std::string& name, const GoValue& data, int depth) {
    auto tree = set_.trees.find(name);
    name_ = name;
    depth_ = depth;
    vars_ = {{"$", data}};
    walk(data, *tree->second);
  }

 private:
  const TemplateSet& set_;
  std::string* out_;
  std::string name_;
  int depth_ = 0;
  std::vector<std::pair<std::string, GoValue>> vars_;
  const Node* at_ = nullptr;

  // --- errors ---

  [[noreturn]] void fail(const std::string& message) {
    std::string quoted_name = "\"" + name_ + "\"";
    if (at_ == nullptr) throw ExecError{"template: " + name_ + ": " + message};
    std::string_view before = std::string_view(set_.source).substr(0, at_->position);
    size_t newline = before.rfind('\n');
    size_t column = newline == std::string_view::npos ? at_->position
                                                      : at_->position - newline - 1;
    int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    // Go shows at most 20 characters of the node (fmt's %.20s counts code points).
    std::string context = at_->to_string();
    size_t cut = 0;
    for (int characters = 0; characters < 20 && cut < context.size(); ++characters) {
      decode_code_point(context, &cut);
    }
    if (cut < context.size()) context = context.substr(0, cut) + "...";
    throw ExecError{"template: template:" + std::to_string(line) + ":" +
                    std::to_string(column) + ": executing " + quoted_name + " at <" + context +
                    ">: " + message};
  }

  // --- variables ---

  size_t mark() const { return vars_.size(); }
  void pop(size_t mark) { vars_.resize(mark); }
  void push(const std::string& name, GoValue value) { vars_.emplace_back(name, std::move(value)); }
  void set_top(size_t n, GoValue value) { vars_[vars_.size() - n].second = std::move(value); }

  void set_var(const std::string& name, GoValue value) {
    for (size_t i = vars_.size(); i > 0; --i) {
      if (vars_[i - 1].first == name) {
        vars_[i - 1].second = std::move(value);
        return;
      }
    }
    fail("undefined variable: " + name);
  }

  GoValue var_value(const std::string& name) {
    for (size_t i = vars_.size(); i > 0; --i) {
      if (vars_[i - 1].first == name) return vars_[i - 1].second;
    }
    fail("undefined variable: " + name);
  }

  // --- walking ---

  void walk(const GoValue& dot, const Node& node) {
    at_ = &node;
    switch (node.type) {
      case Node::Type::Action: {
        GoValue value = eval_pipeline(dot, node.pipe.get());
        if (node.pipe->declarations.empty()) {
          at_ = &node;
          *out_ += print_action_value(value);
        }
        return;
      }
      case Node::Type::Break: throw BreakSignal{};
      case Node::Type::Continue: throw ContinueSignal{};
      case Node::Type::If: case Node::Type::With: walk_if_or_with(dot, node); return;
      case Node::Type::List:
        for (const NodePtr& child : node.nodes) walk(dot, *child);
        return;
      case Node::Type::Range: walk_range(dot, node); return;
      case Node::Type::Template: walk_template(dot, node); return;
      case Node::Type::Text: *out_ += node.text; return;
      default: fail("unknown node: " + node.to_string());
    }
  }

  void walk_if_or_with(const GoValue& dot, const Node& node) {
    size_t saved = mark();
    GoValue value = eval_pipeline(dot, node.pipe.get());
    if (is_true(value)) {
      walk(node.type == Node::Type::With ? value : dot, *node.list);
    } else if (node.else_list != nullptr) {
      walk(dot, *node.else_list);
    }
    pop(saved);
  }

  void iterate(const Node& node, size_t body_mark, const GoValue& index,
               const GoValue& element) {
    const std::vector<NodePtr>& declarations = node.pipe->declarations;
    if (!declarations.empty()) {
      if (node.pipe->is_assign) {
        set_var(declarations[0]->identifiers[0], declarations.size() > 1 ? index : element);
      } else {
        set_top(1, element);
      }
    }
    if (declarations.size() > 1) {
      if (node.pipe->is_assign) {
        set_var(declarations[1]->identifiers[0], element);
      } else {
        set_top(2, index);
      }
    }
    try {
      walk(element, *node.list);
    } catch (const ContinueSignal&) {
    }
    pop(body_mark);
  }

  void walk_range(const GoValue& dot, const Node& node) {
    at_ = &node;
    size_t saved = mark();
    GoValue value = eval_pipeline(dot, node.pipe.get());
    size_t body_mark = mark();
    bool iterated = false;
    try {
      switch (value.kind) {
        case Kind::Slice:
          for (size_t i = 0; i < value.items->size(); ++i) {
            iterated = true;
            iterate(node, body_mark, GoValue::of_int(static_cast<int64_t>(i)),
                    (*value.items)[i]);
          }
          break;
        case Kind::Map:
          for (const auto& [key, element] : *value.entries) {
            iterated = true;
            iterate(node, body_mark, GoValue::of_string(key), element);
          }
          break;
        case Kind::Int:
          if (node.pipe->declarations.size() > 1) {
            fail("can't use " + sprint({value}) + " to iterate over more than one variable");
          }
          for (int64_t i = 0; i < value.integer; ++i) {
            iterated = true;
            iterate(node, body_mark, GoValue::of_int(i), GoValue::of_int(i));
          }
          break;
        case Kind::Missing:
          break;
        default:
          fail("range can't iterate over " + sprint({value}));
      }
    } catch (const BreakSignal&) {
      pop(saved);
      return;
    }
    if (!iterated && node.else_list != nullptr) walk(dot, *node.else_list);
    pop(saved);
  }

  void walk_template(const GoValue& dot, const Node& node) {
    at_ = &node;
    if (set_.trees.find(node.text) == set_.trees.end()) {
      fail("template \"" + node.text + "\" not defined");
    }
    if (depth_ + 1 >= kMaxTemplateDepth) {
      fail("exceeded maximum template depth (" + std::to_string(kMaxTemplateDepth) + ")");
    }
    GoValue new_dot = node.pipe != nullptr ? eval_pipeline(dot, node.pipe.get())
                                           : GoValue::missing();
    Executor nested(set_, out_);
    nested.run(node.text, new_dot, depth_ + 1);
  }

  // --- pipelines and commands ---

  GoValue eval_pipeline(const GoValue& dot, const Node* pipe) {
    if (pipe == nullptr) return GoValue::missing();
    at_ = pipe;
    std::optional<GoValue> value;
    for (const NodePtr& command : pipe->nodes) {
      // A value held in an interface{} is taken out of it between commands.
      value = eval_command(dot, *command, value).unboxed();
    }
    GoValue result = value.value_or(GoValue::missing());
    for (const NodePtr& variable : pipe->declarations) {
      if (pipe->is_assign) {
        set_var(variable->identifiers[0], result);
      } else {
        push(variable->identifiers[0], result);
      }
    }
    return result;
  }

  void not_a_function(const Node& command, const std::optional<GoValue>& final_value) {
    if (command.nodes.size() > 1 || final_value.has_value()) {
      fail("can't give argument to non-function " + command.nodes[0]->to_string());
    }
  }

  GoValue eval_command(const GoValue& dot, const Node& command,
                       const std::optional<GoValue>& final_value) {
    const Node& first = *command.nodes[0];
    switch (first.type) {
      case Node::Type::Field:
        at_ = &first;
        return eval_field_chain(dot, dot, first, first.identifiers, &command, final_value);
      case Node::Type::Chain: return eval_chain(dot, first, &command, final_value);
      case Node::Type::Identifier: return eval_function(dot, first, &command, final_value);
      case Node::Type::Pipe:
        not_a_function(command, final_value);
        return eval_pipeline(dot, &first);
      case Node::Type::Variable: return eval_variable(dot, first, &command, final_value);
      default: break;
    }
    at_ = &first;
    not_a_function(command, final_value);
    switch (first.type) {
      case Node::Type::Bool: return GoValue::of_bool(first.boolean);
      case Node::Type::Dot: return dot;
      case Node::Type::Nil: fail("nil is not a command");
      case Node::Type::Number: return ideal_constant(first);
      case Node::Type::String: return GoValue::of_string(first.text);
      default: fail("can't evaluate command " + first.to_string());
    }
  }

  GoValue ideal_constant(const Node& number) {
    const std::string& text = number.text;
    bool hex_integer = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') &&
                       text.find_first_of("pP") == std::string::npos;
    bool float_syntax = !number.is_char && !hex_integer &&
                        text.find_first_of(".eEpP") != std::string::npos;
    if (number.is_float && float_syntax) return GoValue::of_float(number.float_value);
    if (number.is_int) return GoValue::of_int(number.int_value);
    fail(number.text + " overflows int");
  }

  GoValue eval_chain(const GoValue& dot, const Node& chain, const Node* command,
                     const std::optional<GoValue>& final_value) {
    at_ = &chain;
    if (chain.pipe->type == Node::Type::Nil) {
      fail("indirection through explicit nil in " + chain.to_string());
    }
    GoValue receiver = eval_argument(dot, ParameterType::Any, *chain.pipe);
    return eval_field_chain(dot, receiver, chain, chain.identifiers, command, final_value);
  }

  GoValue eval_variable(const GoValue& dot, const Node& variable, const Node* command,
                        const std::optional<GoValue>& final_value) {
    at_ = &variable;
    GoValue value = var_value(variable.identifiers[0]);
    if (variable.identifiers.size() == 1) {
      if (command != nullptr) not_a_function(*command, final_value);
      return value;
    }
    std::vector<std::string> fields(variable.identifiers.begin() + 1, variable.identifiers.end());
    return eval_field_chain(dot, value, variable, fields, command, final_value);
  }

  GoValue eval_field_chain(const GoValue& dot, GoValue receiver, const Node& node,
                           const std::vector<std::string>& fields, const Node* command,
                           const std::optional<GoValue>& final_value) {
    for (size_t i = 0; i + 1 < fields.size(); ++i) {
      receiver = eval_field(dot, fields[i], node, nullptr, std::nullopt, receiver);
    }
    return eval_field(dot, fields.back(), node, command, final_value, receiver);
  }

  GoValue eval_field(const GoValue& dot, const std::string& name, const Node& node,
                     const Node* command, const std::optional<GoValue>& final_value,
                     const GoValue& receiver) {
    if (!receiver.is_valid()) fail("nil data; no entry for key \"" + name + "\"");
    std::string type = receiver.type_name();
    if (receiver.kind == Kind::Nil) fail("nil pointer evaluating " + type + "." + name);
    bool has_arguments = (command != nullptr && command->nodes.size() > 1) ||
                         final_value.has_value();
    if (receiver.kind == Kind::Number &&
        (name == "String" || name == "Int64" || name == "Float64")) {
      return call_number_method(name, node, command, final_value, receiver);
    }
    if (receiver.kind == Kind::Map) {
      if (has_arguments) fail(name + " is not a method but has arguments");
      auto found = receiver.entries->find(name);
      if (found == receiver.entries->end()) fail("map has no entry for key \"" + name + "\"");
      GoValue value = found->second;
      value.boxed = true;
      return value;
    }
    fail("can't evaluate field " + name + " in type " + type);
  }

  // The methods of json.Number: String, Int64 and Float64, which take no arguments.
  GoValue call_number_method(const std::string& name, const Node& node, const Node* command,
                             const std::optional<GoValue>& final_value,
                             const GoValue& receiver) {
    size_t count = (command != nullptr ? command->nodes.size() - 1 : 0) +
                   (final_value.has_value() ? 1 : 0);
    if (count != 0) {
      fail("wrong number of args for " + name + ": want 0 got " + std::to_string(count));
    }
    const std::string& text = receiver.text;
    if (name == "String") return GoValue::of_string(text);
    char* end = nullptr;
    if (name == "Int64") {
      errno = 0;
      long long value = std::strtoll(text.c_str(), &end, 10);
      if (end != text.c_str() + text.size() || text.empty() || errno == ERANGE) {
        at_ = &node;
        fail("error calling Int64: strconv.ParseInt: parsing \"" + text + "\": " +
             (errno == ERANGE ? "value out of range" : "invalid syntax"));
      }
      return GoValue::of_int(value);
    }
    errno = 0;
    double value = std::strtod(text.c_str(), &end);
    if (errno == ERANGE && std::abs(value) > 1) {
      at_ = &node;
      fail("error calling Float64: strconv.ParseFloat: parsing \"" + text +
           "\": value out of range");
    }
    return GoValue::of_float(value);
  }

  // --- functions ---

  GoValue eval_function(const GoValue& dot, const Node& identifier, const Node* command,
                        const std::optional<GoValue>& final_value) {
    at_ = &identifier;
    const std::string& name = identifier.text;
    const FunctionSignature* signature = find_function(name);
    std::vector<const Node*> arguments;
    if (command != nullptr) {
      for (size_t i = 1; i < command->nodes.size(); ++i) {
        arguments.push_back(command->nodes[i].get());
      }
    }
    size_t count = arguments.size() + (final_value.has_value() ? 1 : 0);
    size_t fixed = signature->fixed.size();
    if (signature->variadic.has_value() && count < fixed) {
      fail("wrong number of args for " + name + ": want at least " + std::to_string(fixed) +
           " got " + std::to_string(arguments.size()));
    }
    if (!signature->variadic.has_value() && count != fixed) {
      fail("wrong number of args for " + name + ": want " + std::to_string(fixed) + " got " +
           std::to_string(count));
    }
    if (name == "and" || name == "or") {
      return eval_and_or(dot, name == "or", arguments, final_value);
    }

    std::vector<GoValue> values;
    for (size_t i = 0; i < arguments.size(); ++i) {
      values.push_back(eval_argument(dot, parameter_type(*signature, i), *arguments[i]));
    }
    if (final_value.has_value()) {
      values.push_back(validate_type(*final_value, parameter_type(*signature, values.size())));
    }
    // Go reports a failed call at the whole command ("eq .a 1"), or at the function name when
    // it is an argument of another command.
    const Node& call_node = command != nullptr ? *command : identifier;
    if (name == "call") {
      at_ = &call_node;
      GoValue callee = values[0].unboxed();
      if (!callee.is_valid()) fail("error calling call: call of nil");
      fail("error calling call: non-function " + arguments[0]->to_string() + " of type " +
           callee.type_name());
    }
    GoValue result;
    std::string error;
    if (!call_function(name, values, &result, &error)) {
      at_ = &call_node;
      fail("error calling " + name + ": " + error);
    }
    return result;
  }

  static ParameterType parameter_type(const FunctionSignature& signature, size_t index) {
    if (index < signature.fixed.size()) return signature.fixed[index];
    return signature.variadic.value_or(ParameterType::Any);
  }

  GoValue eval_and_or(const GoValue& dot, bool is_or, const std::vector<const Node*>& arguments,
                      const std::optional<GoValue>& final_value) {
    GoValue value;
    for (const Node* argument : arguments) {
      value = eval_argument(dot, ParameterType::Value, *argument);
      if (truth(value) == is_or) return value;
    }
    if (final_value.has_value()) value = validate_type(*final_value, ParameterType::Value);
    return value;
  }

  GoValue validate_type(const GoValue& value, ParameterType type) {
    switch (type) {
      case ParameterType::Any:
        return value.is_valid() ? value : GoValue::nil();
      case ParameterType::Value:
        if (!value.is_valid()) fail("invalid value; expected reflect.Value");
        return value;
      case ParameterType::String: {
        if (!value.is_valid()) fail("invalid value; expected string");
        GoValue inner = value.kind == Kind::Nil ? value : value.unboxed();
        if (inner.kind == Kind::String) return inner;
        fail("wrong type for value; expected string; got " + inner.type_name());
      }
    }
    return value;
  }

  GoValue eval_argument(const GoValue& dot, ParameterType type, const Node& node) {
    at_ = &node;
    switch (node.type) {
      case Node::Type::Dot: return validate_type(dot, type);
      case Node::Type::Nil:
        if (type == ParameterType::Any) return GoValue::nil();
        fail(std::string("cannot assign nil to ") +
             (type == ParameterType::String ? "string" : "reflect.Value"));
      case Node::Type::Field:
        return validate_type(eval_field_chain(dot, dot, node, node.identifiers, nullptr,
                                              std::nullopt),
                             type);
      case Node::Type::Variable:
        return validate_type(eval_variable(dot, node, nullptr, std::nullopt), type);
      case Node::Type::Pipe: return validate_type(eval_pipeline(dot, &node), type);
      case Node::Type::Identifier:
        return validate_type(eval_function(dot, node, nullptr, std::nullopt), type);
      case Node::Type::Chain:
        return validate_type(eval_chain(dot, node, nullptr, std::nullopt), type);
      default: break;
    }
    if (type == ParameterType::String) {
      if (node.type == Node::Type::String) return GoValue::of_string(node.text);
      fail("expected string; found " + node.to_string());
    }
    switch (node.type) {
      case Node::Type::Bool: return GoValue::of_bool(node.boolean);
      case Node::Type::Number: return ideal_constant(node);
      case Node::Type::String: return GoValue::of_string(node.text);
      default: fail("can't handle " + node.to_string() + " for arg");
    }
  }
};

}  // namespace

bool execute_template(const TemplateSet& set, const GoValue& data, std::string* out,
                      std::string* error) {
  out->clear();
  try {
    Executor(set, out).run("template", data, 0);
  } catch (const ExecError& exec_error) {
    *error = exec_error.message;
    return false;
  }
  return true;
}

}  // namespace regoc::go_template
