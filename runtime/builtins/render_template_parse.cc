// The text/template parser: items to a tree of Nodes, in the shape of Go's parse.go so that
// the same templates are rejected with the same messages. {{define}} adds named templates.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "runtime/builtins/render_template.h"
#include "runtime/builtins/render_template_lex.h"
#include "runtime/builtins/term_text.h"
#include "runtime/builtins/utf8.h"

namespace regoc::go_template {
namespace {

// Go allows 10000 nested parentheses; this lower bound keeps C++ recursion on the stack.
constexpr int kMaxExpressionDepth = 1000;

// Thrown to abandon parsing; carries the full message.
struct ParseError {
  std::string message;
};

NodePtr make_node(Node::Type type, size_t position, int line = 1) {
  auto node = std::make_shared<Node>();
  node->type = type;
  node->position = position;
  node->line = line;
  return node;
}

std::vector<std::string> split_identifiers(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t dot = text.find('.', start);
    out.emplace_back(text.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

// Go's strconv.UnquoteChar: one character or escape of a quoted literal.
bool unquote_char(std::string_view text, size_t* position, char quote, std::string* out) {
  char c = text[*position];
  if (c == quote && (quote == '\'' || quote == '"')) return false;
  if (static_cast<unsigned char>(c) >= 0x80) {
    size_t start = *position;
    decode_code_point(text, position);
    out->append(text.substr(start, *position - start));
    return true;
  }
  if (c != '\\') {
    out->push_back(c);
    ++*position;
    return true;
  }
  if (*position + 1 >= text.size()) return false;
  char escape = text[*position + 1];
  *position += 2;
  switch (escape) {
    case 'a': out->push_back('\a'); return true;
    case 'b': out->push_back('\b'); return true;
    case 'f': out->push_back('\f'); return true;
    case 'n': out->push_back('\n'); return true;
    case 'r': out->push_back('\r'); return true;
    case 't': out->push_back('\t'); return true;
    case 'v': out->push_back('\v'); return true;
    case '\\': out->push_back('\\'); return true;
    case '\'': case '"':
      if (escape != quote) return false;
      out->push_back(escape);
      return true;
    case 'x': case 'u': case 'U': {
      size_t digits = escape == 'x' ? 2 : (escape == 'u' ? 4 : 8);
      if (*position + digits > text.size()) return false;
      uint32_t value = 0;
      for (size_t i = 0; i < digits; ++i) {
        char h = text[*position + i];
        int digit = (h >= '0' && h <= '9') ? h - '0'
                    : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                    : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
        if (digit < 0) return false;
        value = value * 16 + static_cast<uint32_t>(digit);
      }
      *position += digits;
      if (escape == 'x') {
        out->push_back(static_cast<char>(value));
        return true;
      }
      if (value > 0x10FFFF || (value >= 0xD800 && value < 0xE000)) return false;
      append_utf8(out, value);
      return true;
    }
    default:
      if (escape >= '0' && escape <= '7') {
        if (*position + 2 > text.size()) return false;
        uint32_t value = static_cast<uint32_t>(escape - '0');
        for (size_t i = 0; i < 2; ++i) {
          char o = text[*position + i];
          if (o < '0' || o > '7') return false;
          value = value * 8 + static_cast<uint32_t>(o - '0');
        }
        if (value > 255) return false;
        *position += 2;
        out->push_back(static_cast<char>(value));
        return true;
      }
      return false;
  }
}

// Go's strconv.Unquote for "...", `...` and '...' literals.
bool unquote(std::string_view literal, std::string* out) {
  out->clear();
  if (literal.size() < 2 || literal.front() != literal.back()) return false;
  char quote = literal.front();
  std::string_view body = literal.substr(1, literal.size() - 2);
  if (quote == '`') {
    if (body.find('`') != std::string_view::npos) return false;
    for (char c : body) {
      if (c != '\r') out->push_back(c);
    }
    return true;
  }
  size_t position = 0;
  while (position < body.size()) {
    if (body[position] == '\n') return false;
    if (!unquote_char(body, &position, quote, out)) return false;
  }
  return true;
}

class Parser {
 public:
  Parser(std::string_view source, TemplateSet* set)
      : items_(lex_template(source)), set_(set) {}

  void parse() {
    NodePtr root = make_node(Node::Type::List, peek().position);
    vars_ = {"$"};
    while (peek().type != ItemType::Eof) {
      if (peek().type == ItemType::LeftDelim) {
        size_t delim = index_;
        next();
        if (next_non_space().type == ItemType::Define) {
          parse_definition();
          continue;
        }
        index_ = delim;
      }
      NodePtr node = text_or_action();
      if (is_marker(node, "{{end}}") || is_marker(node, "{{else}}")) {
        fail("unexpected " + node->text);
      }
      root->nodes.push_back(node);
    }
    add_tree("template", root);
  }

 private:
  std::vector<Item> items_;
  size_t index_ = 0;
  size_t furthest_ = 0;  // the furthest item read, whose line Go reports in errors
  TemplateSet* set_;
  std::vector<std::string> vars_;
  int range_depth_ = 0;
  int expression_depth_ = 0;
  int action_line_ = 0;

  // --- items ---

  const Item& item_at(size_t index) {
    if (index >= items_.size()) index = items_.size() - 1;
    furthest_ = std::max(furthest_, index);
    return items_[index];
  }
  const Item& next() { return item_at(index_ < items_.size() ? index_++ : index_); }
  const Item& peek() { return item_at(index_); }
  void backup(size_t count = 1) { index_ -= count; }
  const Item& next_non_space() {
    while (peek().type == ItemType::Space) next();
    return next();
  }
  const Item& peek_non_space() {
    while (peek().type == ItemType::Space) next();
    return peek();
  }

  [[noreturn]] void fail(const std::string& message) {
    throw ParseError{"template: template:" + std::to_string(item_at(furthest_).line) + ": " +
                     message};
  }

  [[noreturn]] void unexpected(const Item& item, std::string_view context) {
    if (item.type == ItemType::Error) {
      std::string extra;
      if (action_line_ != 0 && action_line_ != item.line) {
        extra = " in action started at template:" + std::to_string(action_line_);
      }
      fail(item.value + extra);
    }
    fail("unexpected " + item.to_string() + " in " + std::string(context));
  }

  const Item& expect(ItemType type, std::string_view context) {
    const Item& item = next_non_space();
    if (item.type != type) unexpected(item, context);
    return item;
  }

  // "end" and "else" come back as List nodes whose text names them, for the callers that
  // close a control structure.
  static NodePtr marker(std::string name, size_t position, int line) {
    NodePtr node = make_node(Node::Type::List, position, line);
    node->text = std::move(name);
    return node;
  }
  static bool is_marker(const NodePtr& node, std::string_view name) {
    return node->type == Node::Type::List && node->text == name;
  }

  void add_tree(const std::string& name, const NodePtr& root) {
    auto existing = set_->trees.find(name);
    if (existing == set_->trees.end() || existing->second->nodes.empty()) {
      set_->trees[name] = root;
      return;
    }
    if (!root->nodes.empty()) {
      fail("template: multiple definition of template " + go_quoted(name));
    }
  }

  // --- structure ---

  void parse_definition() {
    std::vector<std::string> saved_vars = vars_;
    vars_ = {"$"};
    const Item& name_item = next_non_space();
    if (name_item.type != ItemType::String && name_item.type != ItemType::RawString) {
      unexpected(name_item, "define clause");
    }
    std::string name;
    if (!unquote(name_item.value, &name)) fail("invalid syntax");
    expect(ItemType::RightDelim, "define clause");
    auto [list, end] = item_list();
    if (!is_marker(end, "{{end}}")) fail("unexpected " + end->text + " in define clause");
    add_tree(name, list);
    vars_ = std::move(saved_vars);
  }

  NodePtr text_or_action() {
    const Item& item = next_non_space();
    switch (item.type) {
      case ItemType::Text: {
        NodePtr node = make_node(Node::Type::Text, item.position, item.line);
        node->text = item.value;
        return node;
      }
      case ItemType::LeftDelim: {
        int saved = action_line_;
        action_line_ = item.line;
        NodePtr node = action();
        action_line_ = saved;
        return node;
      }
      default:
        unexpected(item, "input");
    }
  }

  std::pair<NodePtr, NodePtr> item_list() {
    NodePtr list = make_node(Node::Type::List, peek_non_space().position);
    while (peek_non_space().type != ItemType::Eof) {
      NodePtr node = text_or_action();
      if (is_marker(node, "{{end}}") || is_marker(node, "{{else}}")) return {list, node};
      list->nodes.push_back(node);
    }
    fail("unexpected EOF");
  }

  NodePtr action() {
    const Item& item = next_non_space();
    switch (item.type) {
      case ItemType::Block: return block_control();
      case ItemType::Break: return loop_control(Node::Type::Break, "{{break}}", item);
      case ItemType::Continue: return loop_control(Node::Type::Continue, "{{continue}}", item);
      case ItemType::Else: return else_control();
      case ItemType::End: {
        const Item& delim = expect(ItemType::RightDelim, "end");
        return marker("{{end}}", delim.position, delim.line);
      }
      case ItemType::If: return control(Node::Type::If, "if");
      case ItemType::Range: return control(Node::Type::Range, "range");
      case ItemType::Template: return template_control();
      case ItemType::With: return control(Node::Type::With, "with");
      default: break;
    }
    backup();
    const Item& start = peek();
    NodePtr node = make_node(Node::Type::Action, start.position, start.line);
    node->pipe = pipeline("command", ItemType::RightDelim);
    return node;
  }

  NodePtr loop_control(Node::Type type, std::string_view name, const Item& item) {
    NodePtr node = make_node(type, item.position, item.line);
    const Item& delim = next_non_space();
    if (delim.type != ItemType::RightDelim) unexpected(delim, name);
    if (range_depth_ == 0) fail(std::string(name) + " outside {{range}}");
    return node;
  }

  NodePtr else_control() {
    const Item& ahead = peek_non_space();
    // "{{else if" and "{{else with" leave the keyword for the enclosing control.
    if (ahead.type == ItemType::If || ahead.type == ItemType::With) {
      return marker("{{else}}", ahead.position, ahead.line);
    }
    const Item& delim = expect(ItemType::RightDelim, "else");
    return marker("{{else}}", delim.position, delim.line);
  }

  NodePtr control(Node::Type type, const std::string& context) {
    size_t saved_vars = vars_.size();
    NodePtr node = make_node(type, 0);
    node->pipe = pipeline(context, ItemType::RightDelim);
    node->position = node->pipe->position;
    node->line = node->pipe->line;
    if (type == Node::Type::Range) ++range_depth_;
    auto [list, next_node] = item_list();
    if (type == Node::Type::Range) --range_depth_;
    node->list = list;
    if (is_marker(next_node, "{{else}}")) {
      if (type == Node::Type::If && peek().type == ItemType::If) {
        next();
        node->else_list = make_node(Node::Type::List, next_node->position);
        node->else_list->nodes.push_back(control(Node::Type::If, "if"));
      } else if (type == Node::Type::With && peek().type == ItemType::With) {
        next();
        node->else_list = make_node(Node::Type::List, next_node->position);
        node->else_list->nodes.push_back(control(Node::Type::With, "with"));
      } else {
        auto [else_list, end] = item_list();
        if (!is_marker(end, "{{end}}")) fail("expected end; found " + end->text);
        node->else_list = else_list;
      }
    }
    vars_.resize(saved_vars);
    return node;
  }

  std::string template_name(const Item& item, std::string_view context) {
    if (item.type != ItemType::String && item.type != ItemType::RawString) {
      unexpected(item, context);
    }
    std::string name;
    if (!unquote(item.value, &name)) fail("invalid syntax");
    return name;
  }

  NodePtr template_control() {
    const Item& name_item = next_non_space();
    NodePtr node = make_node(Node::Type::Template, name_item.position, name_item.line);
    node->text = template_name(name_item, "template clause");
    if (next_non_space().type != ItemType::RightDelim) {
      backup();
      node->pipe = pipeline("template clause", ItemType::RightDelim);
    }
    return node;
  }

  // {{block "name" pipeline}}body{{end}} defines "name" and runs it at once.
  NodePtr block_control() {
    const Item& name_item = next_non_space();
    NodePtr node = make_node(Node::Type::Template, name_item.position, name_item.line);
    node->text = template_name(name_item, "block clause");
    node->pipe = pipeline("block clause", ItemType::RightDelim);
    std::vector<std::string> saved_vars = vars_;
    vars_ = {"$"};
    auto [list, end] = item_list();
    if (!is_marker(end, "{{end}}")) fail("unexpected " + end->text + " in block clause");
    add_tree(node->text, list);
    vars_ = std::move(saved_vars);
    return node;
  }

  // --- pipelines ---

  NodePtr pipeline(const std::string& context, ItemType end) {
    const Item& start = peek_non_space();
    NodePtr pipe = make_node(Node::Type::Pipe, start.position, start.line);
    parse_declarations(pipe, context);
    while (true) {
      const Item& item = next_non_space();
      if (item.type == end) {
        check_pipeline(pipe, context);
        return pipe;
      }
      switch (item.type) {
        case ItemType::Bool: case ItemType::CharConstant: case ItemType::Dot:
        case ItemType::Field: case ItemType::Identifier: case ItemType::Number:
        case ItemType::Nil: case ItemType::RawString: case ItemType::String:
        case ItemType::Variable: case ItemType::LeftParen:
          backup();
          pipe->nodes.push_back(command());
          break;
        default:
          unexpected(item, context);
      }
    }
  }

  void parse_declarations(const NodePtr& pipe, const std::string& context) {
    while (peek_non_space().type == ItemType::Variable) {
      size_t variable_index = index_;
      Item variable = next();
      const Item& ahead = peek_non_space();
      if (ahead.type == ItemType::Assign || ahead.type == ItemType::Declare) {
        pipe->is_assign = ahead.type == ItemType::Assign;
        next_non_space();
        pipe->declarations.push_back(new_variable(variable.position, variable.value));
        vars_.push_back(variable.value);
        return;
      }
      if (ahead.type == ItemType::Char && ahead.value == ",") {
        next_non_space();
        pipe->declarations.push_back(new_variable(variable.position, variable.value));
        vars_.push_back(variable.value);
        if (context == "range" && pipe->declarations.size() < 2) {
          ItemType following = peek_non_space().type;
          if (following == ItemType::Variable || following == ItemType::RightDelim ||
              following == ItemType::RightParen) {
            continue;
          }
          fail("range can only initialize variables");
        }
        fail("too many declarations in " + context);
      }
      index_ = variable_index;
      return;
    }
  }

  void check_pipeline(const NodePtr& pipe, const std::string& context) {
    if (pipe->nodes.empty()) fail("missing value for " + context);
    for (size_t i = 1; i < pipe->nodes.size(); ++i) {
      switch (pipe->nodes[i]->nodes[0]->type) {
        case Node::Type::Bool: case Node::Type::Dot: case Node::Type::Nil:
        case Node::Type::Number: case Node::Type::String:
          fail("non executable command in pipeline stage " + std::to_string(i + 1));
        default:
          break;
      }
    }
  }

  NodePtr command() {
    NodePtr node = make_node(Node::Type::Command, peek_non_space().position);
    while (true) {
      peek_non_space();
      NodePtr argument = operand();
      if (argument != nullptr) node->nodes.push_back(argument);
      const Item& item = next();
      if (item.type == ItemType::Space) continue;
      if (item.type == ItemType::RightDelim || item.type == ItemType::RightParen) {
        backup();
      } else if (item.type != ItemType::Pipe) {
        unexpected(item, "operand");
      }
      break;
    }
    if (node->nodes.empty()) fail("empty command");
    return node;
  }

  NodePtr operand() {
    NodePtr node = term();
    if (node == nullptr || peek().type != ItemType::Field) return node;
    NodePtr chain = make_node(Node::Type::Chain, peek().position);
    chain->pipe = node;
    while (peek().type == ItemType::Field) {
      chain->identifiers.push_back(next().value.substr(1));
    }
    switch (node->type) {
      case Node::Type::Field:
      case Node::Type::Variable: {
        NodePtr merged = make_node(node->type, chain->position);
        merged->identifiers = node->identifiers;
        merged->identifiers.insert(merged->identifiers.end(), chain->identifiers.begin(),
                                   chain->identifiers.end());
        return merged;
      }
      case Node::Type::Bool: case Node::Type::String: case Node::Type::Number:
      case Node::Type::Nil: case Node::Type::Dot:
        fail("unexpected . after term " + go_quoted(node->to_string()));
      default:
        return chain;
    }
  }

  NodePtr new_variable(size_t position, std::string_view name) {
    NodePtr node = make_node(Node::Type::Variable, position);
    node->identifiers = split_identifiers(name);
    return node;
  }

  NodePtr term() {
    const Item& item = next_non_space();
    switch (item.type) {
      case ItemType::Identifier: {
        if (!is_standard_function(item.value)) {
          fail("function " + go_quoted(item.value) + " not defined");
        }
        NodePtr node = make_node(Node::Type::Identifier, item.position);
        node->text = item.value;
        return node;
      }
      case ItemType::Dot: return make_node(Node::Type::Dot, item.position);
      case ItemType::Nil: return make_node(Node::Type::Nil, item.position);
      case ItemType::Variable: {
        NodePtr node = new_variable(item.position, item.value);
        if (std::find(vars_.begin(), vars_.end(), node->identifiers[0]) == vars_.end()) {
          fail("undefined variable " + go_quoted(node->identifiers[0]));
        }
        return node;
      }
      case ItemType::Field: {
        NodePtr node = make_node(Node::Type::Field, item.position);
        node->identifiers = split_identifiers(std::string_view(item.value).substr(1));
        return node;
      }
      case ItemType::Bool: {
        NodePtr node = make_node(Node::Type::Bool, item.position);
        node->boolean = item.value == "true";
        return node;
      }
      case ItemType::CharConstant: case ItemType::Number:
        return number(item);
      case ItemType::LeftParen: {
        if (++expression_depth_ >= kMaxExpressionDepth) fail("max expression depth exceeded");
        NodePtr pipe = pipeline("parenthesized pipeline", ItemType::RightParen);
        --expression_depth_;
        return pipe;
      }
      case ItemType::String: case ItemType::RawString: {
        NodePtr node = make_node(Node::Type::String, item.position);
        node->quoted = item.value;
        if (!unquote(item.value, &node->text)) fail("invalid syntax");
        return node;
      }
      default:
        backup();
        return nullptr;
    }
  }

  NodePtr number(const Item& item);
};

// Go's strconv.ParseInt(text, 0, 64): decimal, 0x, 0o, 0b or leading-0 octal, with '_'
// separators; false on syntax errors or overflow.
bool parse_go_integer(std::string_view text, int64_t* out) {
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  int base = 10;
  if (text.size() > 1 && text[0] == '0') {
    char prefix = static_cast<char>(std::tolower(static_cast<unsigned char>(text[1])));
    if (prefix == 'x') base = 16;
    if (prefix == 'o') base = 8;
    if (prefix == 'b') base = 2;
    text.remove_prefix(base == 10 ? 1 : 2);
    if (base == 10) base = 8;
  }
  if (text.empty() || text.front() == '_' || text.back() == '_') return false;
  __int128 value = 0;
  for (char c : text) {
    if (c == '_') continue;
    int digit = (c >= '0' && c <= '9') ? c - '0'
                : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : 99;
    if (digit >= base) return false;
    value = value * base + digit;
    if (value > static_cast<__int128>(INT64_MAX) + 1) return false;
  }
  if (negative) value = -value;
  if (value > INT64_MAX || value < INT64_MIN) return false;
  *out = static_cast<int64_t>(value);
  return true;
}

NodePtr Parser::number(const Item& item) {
  NodePtr node = make_node(Node::Type::Number, item.position);
  node->text = item.value;
  if (item.type == ItemType::CharConstant) {
    std::string decoded;
    size_t position = 0;
    std::string_view body = std::string_view(item.value).substr(1, item.value.size() - 2);
    if (body.empty() || !unquote_char(body, &position, '\'', &decoded) ||
        position != body.size()) {
      fail("malformed character constant: " + item.value);
    }
    size_t cursor = 0;
    char32_t code_point = decoded.size() == 1 && static_cast<unsigned char>(decoded[0]) >= 0x80
                              ? static_cast<unsigned char>(decoded[0])
                              : decode_code_point(decoded, &cursor);
    node->is_char = node->is_int = node->is_float = true;
    node->int_value = static_cast<int64_t>(code_point);
    node->float_value = static_cast<double>(code_point);
    return node;
  }
  std::string_view text = item.value;
  if (text.ends_with("i")) fail("complex constants are not supported: " + go_quoted(text));
  int64_t integer = 0;
  if (parse_go_integer(text, &integer)) {
    node->is_int = node->is_float = true;
    node->int_value = integer;
    node->float_value = static_cast<double>(integer);
    return node;
  }
  std::string cleaned;
  for (char c : text) {
    if (c != '_') cleaned += c;
  }
  char* end = nullptr;
  double real = std::strtod(cleaned.c_str(), &end);
  bool parsed = !cleaned.empty() && end == cleaned.c_str() + cleaned.size() && std::isfinite(real);
  if (parsed) {
    bool hex = text.find_first_of("xX") != std::string_view::npos;
    if (hex && text.find_first_of("pP") == std::string_view::npos) {
      fail("illegal number syntax: " + go_quoted(text));
    }
    if (text.find_first_of(".eEpP") == std::string_view::npos) {
      fail("integer overflow: " + go_quoted(text));
    }
    node->is_float = true;
    node->float_value = real;
    if (real == std::trunc(real) && std::fabs(real) < 9.2e18) {
      node->is_int = true;
      node->int_value = static_cast<int64_t>(real);
    }
    return node;
  }
  fail("illegal number syntax: " + go_quoted(text));
}

}  // namespace

bool parse_template(std::string_view source, TemplateSet* set, std::string* error) {
  *set = TemplateSet();
  set->source = std::string(source);
  try {
    Parser(source, set).parse();
  } catch (const ParseError& parse_error) {
    *error = parse_error.message;
    return false;
  }
  return true;
}

}  // namespace regoc::go_template

namespace regoc::go_template {
namespace {

std::string join_nodes(const std::vector<NodePtr>& nodes, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (i > 0) out += separator;
    out += nodes[i]->to_string();
  }
  return out;
}

std::string control_string(std::string_view keyword, const Node& node) {
  std::string out = "{{" + std::string(keyword) + " " + node.pipe->to_string() + "}}" +
                    node.list->to_string();
  if (node.else_list != nullptr) out += "{{else}}" + node.else_list->to_string();
  return out + "{{end}}";
}

}  // namespace

std::string Node::to_string() const {
  switch (type) {
    case Type::List: return text.empty() ? join_nodes(nodes, "") : text;
    case Type::Text: return text;
    case Type::Action: return "{{" + pipe->to_string() + "}}";
    case Type::If: return control_string("if", *this);
    case Type::Range: return control_string("range", *this);
    case Type::With: return control_string("with", *this);
    case Type::Template: {
      std::string out = "{{template " + go_quoted(text);
      if (pipe != nullptr) out += " " + pipe->to_string();
      return out + "}}";
    }
    case Type::Break: return "{{break}}";
    case Type::Continue: return "{{continue}}";
    case Type::Pipe: {
      std::string out;
      if (!declarations.empty()) {
        out = join_nodes(declarations, ", ") + (is_assign ? " = " : " := ");
      }
      return out + join_nodes(nodes, " | ");
    }
    case Type::Command: {
      std::string out;
      for (size_t i = 0; i < nodes.size(); ++i) {
        if (i > 0) out += ' ';
        bool parenthesized = nodes[i]->type == Type::Pipe;
        out += parenthesized ? "(" + nodes[i]->to_string() + ")" : nodes[i]->to_string();
      }
      return out;
    }
    case Type::Field: {
      std::string out;
      for (const std::string& identifier : identifiers) out += "." + identifier;
      return out;
    }
    case Type::Chain: {
      std::string out = pipe->type == Type::Pipe ? "(" + pipe->to_string() + ")"
                                                 : pipe->to_string();
      for (const std::string& identifier : identifiers) out += "." + identifier;
      return out;
    }
    case Type::Identifier: return text;
    case Type::Variable: {
      std::string out;
      for (size_t i = 0; i < identifiers.size(); ++i) {
        out += (i > 0 ? "." : "") + identifiers[i];
      }
      return out;
    }
    case Type::Dot: return ".";
    case Type::Nil: return "nil";
    case Type::Bool: return boolean ? "true" : "false";
    case Type::Number: return text;
    case Type::String: return quoted;
  }
  return "";
}

}  // namespace regoc::go_template
