// glob.match(pattern, delimiters, text) with the syntax of the gobwas/glob library that OPA
// uses. `*` matches any run of non-delimiter characters, `**` any run at all and `?` one
// non-delimiter character. `[abc]`, `[a-z]`, `[!abc]` and `[!a-z]` match one character in
// (or not in) a list or range. `{a,b}` matches any of its alternatives, and `\` escapes the
// next character. Delimiters default to ["."] for [] and to none for null.
#include <algorithm>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/utf8.h"

namespace regoc {
namespace {

struct GlobNode;
using GlobSequence = std::vector<GlobNode>;

struct GlobNode {
  enum class Type : uint8_t {
    Literal,      // one code point, `c`
    Any,          // *
    Super,        // **
    Single,       // ?
    Class,        // [...]: `chars` and `ranges`, inverted when `negated`
    Alternatives  // {a,b}: `alternatives`
  };
  Type type = Type::Literal;
  char32_t c = 0;
  bool negated = false;
  std::vector<char32_t> chars;
  std::vector<std::pair<char32_t, char32_t>> ranges;
  std::vector<GlobSequence> alternatives;
};

class GlobParser {
 public:
  explicit GlobParser(std::vector<char32_t> pattern) : pattern_(std::move(pattern)) {}

  // Parses the whole pattern; false (with error()) on a syntax error.
  bool parse(GlobSequence* out) { return parse_sequence(out, false) && at_end(); }
  const std::string& error() const { return error_; }

 private:
  std::vector<char32_t> pattern_;
  size_t position_ = 0;
  std::string error_;

  bool at_end() const { return position_ >= pattern_.size(); }
  char32_t peek() const { return pattern_[position_]; }

  bool fail(std::string message) {
    error_ = std::move(message);
    return false;
  }

  // Parses nodes up to the end or, inside braces, up to an unescaped `,` or `}`.
  bool parse_sequence(GlobSequence* out, bool in_braces) {
    while (!at_end()) {
      char32_t c = peek();
      if (in_braces && (c == ',' || c == '}')) return true;
      ++position_;
      GlobNode node;
      if (c == '*') {
        node.type = GlobNode::Type::Any;
        if (!at_end() && peek() == '*') {
          node.type = GlobNode::Type::Super;
          ++position_;
        }
      } else if (c == '?') {
        node.type = GlobNode::Type::Single;
      } else if (c == '[') {
        if (!parse_class(&node)) return false;
      } else if (c == '{') {
        if (!parse_alternatives(&node)) return false;
      } else if (c == '\\') {
        if (at_end()) return fail("unexpected end of input");
        node.c = pattern_[position_++];
      } else {
        node.c = c;
      }
      out->push_back(std::move(node));
    }
    return !in_braces || fail("unexpected end of input");
  }

  // Parses a class after its `[`: `!` negates; `a-z` is a range, anything else a list.
  bool parse_class(GlobNode* node) {
    node->type = GlobNode::Type::Class;
    if (!at_end() && peek() == '!') {
      node->negated = true;
      ++position_;
    }
    while (!at_end() && peek() != ']') {
      char32_t low = pattern_[position_++];
      if (low == '\\') {
        if (at_end()) break;
        low = pattern_[position_++];
      }
      if (position_ + 1 < pattern_.size() && peek() == '-' && pattern_[position_ + 1] != ']') {
        node->ranges.emplace_back(low, pattern_[position_ + 1]);
        position_ += 2;
      } else {
        node->chars.push_back(low);
      }
    }
    if (at_end()) return fail("unexpected end of input");
    ++position_;  // ]
    return true;
  }

  bool parse_alternatives(GlobNode* node) {
    node->type = GlobNode::Type::Alternatives;
    while (true) {
      GlobSequence alternative;
      if (!parse_sequence(&alternative, true)) return false;
      node->alternatives.push_back(std::move(alternative));
      char32_t closer = pattern_[position_++];
      if (closer == '}') return true;
    }
  }
};

class GlobMatcher {
 public:
  GlobMatcher(const std::vector<char32_t>& text, const std::vector<char32_t>& delimiters)
      : text_(text), delimiters_(delimiters) {}

  bool matches(const GlobSequence& pattern) {
    std::vector<const GlobNode*> nodes;
    for (const GlobNode& node : pattern) nodes.push_back(&node);
    return match(nodes, 0, 0);
  }

 private:
  const std::vector<char32_t>& text_;
  const std::vector<char32_t>& delimiters_;

  bool is_delimiter(char32_t c) const {
    return std::find(delimiters_.begin(), delimiters_.end(), c) != delimiters_.end();
  }

  static bool class_contains(const GlobNode& node, char32_t c) {
    bool found = std::find(node.chars.begin(), node.chars.end(), c) != node.chars.end();
    for (const auto& [low, high] : node.ranges) found = found || (c >= low && c <= high);
    return found != node.negated;
  }

  // Matches nodes[index...] against text_[position...] to the end of the text. An
  // alternative is spliced into the node list in place of its braces.
  bool match(const std::vector<const GlobNode*>& nodes, size_t index, size_t position) {
    if (index == nodes.size()) return position == text_.size();
    const GlobNode& node = *nodes[index];
    switch (node.type) {
      case GlobNode::Type::Literal:
        return position < text_.size() && text_[position] == node.c &&
               match(nodes, index + 1, position + 1);
      case GlobNode::Type::Single:
        return position < text_.size() && !is_delimiter(text_[position]) &&
               match(nodes, index + 1, position + 1);
      case GlobNode::Type::Class:
        return position < text_.size() && class_contains(node, text_[position]) &&
               match(nodes, index + 1, position + 1);
      case GlobNode::Type::Any:
      case GlobNode::Type::Super:
        for (size_t end = position;; ++end) {
          if (match(nodes, index + 1, end)) return true;
          if (end == text_.size()) return false;
          if (node.type == GlobNode::Type::Any && is_delimiter(text_[end])) return false;
        }
      case GlobNode::Type::Alternatives:
        for (const GlobSequence& alternative : node.alternatives) {
          std::vector<const GlobNode*> spliced(nodes.begin(), nodes.begin() + index);
          for (const GlobNode& inner : alternative) spliced.push_back(&inner);
          spliced.insert(spliced.end(), nodes.begin() + index + 1, nodes.end());
          if (match(spliced, index, position)) return true;
        }
        return false;
    }
    return false;
  }
};

// Reads the delimiters operand: null for none, or an array of one-character strings.
bool delimiters_operand(BuiltinContext& context, const Value& value,
                        std::vector<char32_t>* out) {
  if (value.is_null()) return true;
  if (!value.is_array()) {
    context.type_error("glob.match", 2, "one of {array, null}", value);
    return false;
  }
  for (const Value& item : value.array_items()) {
    if (!item.is_string()) {
      element_error(context, "glob.match", 2, value, "string", item);
      return false;
    }
    std::vector<char32_t> code_points = decode_utf8(item.as_string());
    if (code_points.size() != 1) {
      element_error(context, "glob.match", 2, value, "rune", item);
      return false;
    }
    out->push_back(code_points[0]);
  }
  if (out->empty()) out->push_back('.');
  return true;
}

// NOTE: the matcher backtracks, so a pattern with many `*` can take time polynomial in the
// text length with the number of wildcards as the exponent; OPA's compiled matchers do not.
BuiltinStatus glob_match(BuiltinContext& context, std::span<const Value> args,
                         Value& result) {
  if (!args[0].is_string()) return context.type_error("glob.match", 1, "string", args[0]);
  std::vector<char32_t> delimiters;
  if (!delimiters_operand(context, args[1], &delimiters)) return BuiltinStatus::Error;
  if (!args[2].is_string()) return context.type_error("glob.match", 3, "string", args[2]);

  GlobParser parser(decode_utf8(args[0].as_string()));
  GlobSequence pattern;
  if (!parser.parse(&pattern)) return builtin_error(context, "glob.match", parser.error());

  std::vector<char32_t> text = decode_utf8(args[2].as_string());
  result = Value::boolean(GlobMatcher(text, delimiters).matches(pattern));
  return BuiltinStatus::Ok;
}

// glob.quote_meta escapes the characters that have a meaning in a pattern.
BuiltinStatus glob_quote_meta(BuiltinContext& context, std::span<const Value> args,
                              Value& result) {
  if (!args[0].is_string()) return context.type_error("glob.quote_meta", 1, "string", args[0]);
  std::string out;
  for (char c : args[0].as_string()) {
    if (c == '*' || c == '?' || c == '\\' || c == '[' || c == ']' || c == '{' || c == '}') {
      out += '\\';
    }
    out += c;
  }
  result = Value::string(out);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_glob_builtins(Registry& registry) {
  registry.add("glob.match", glob_match);
  registry.add("glob.quote_meta", glob_quote_meta);
}

}  // namespace regoc
