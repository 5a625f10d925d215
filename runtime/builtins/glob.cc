// glob.match(pattern, delimiters, text) with the syntax of the gobwas/glob library that OPA
// uses. `*` matches any run of non-delimiter characters, `**` any run at all and `?` one
// non-delimiter character. `[abc]`, `[a-z]`, `[!abc]` and `[!a-z]` match one character in
// (or not in) a list or range. `{a,b}` matches any of its alternatives, and `\` escapes the
// next character. Delimiters default to ["."] for [] and to none for null.
#include <algorithm>
#include <memory>
#include <string>
#include <type_traits>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/pattern_cache.h"
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

// A parsed pattern with the delimiters it was compiled for, as the cache stores it.
struct CompiledGlob {
  GlobSequence pattern;
  std::vector<char32_t> delimiters;
};

// Matches a compiled pattern against a text of code points: `Text` is std::string_view for
// ASCII text, whose bytes are its code points, or std::u32string_view for decoded text.
template <typename Text>
class GlobMatcher {
 public:
  GlobMatcher(Text text, const std::vector<char32_t>& delimiters)
      : text_(text), delimiters_(delimiters) {}

  bool matches(const GlobSequence& pattern) { return match(&pattern, 0, nullptr, 0); }

 private:
  // The nodes that remain after an alternative of `{...}` ends: the rest of the sequence that
  // contains the braces, then whatever follows that sequence. Continuations live on the stack.
  struct Continuation {
    const GlobSequence* sequence;
    size_t index;
    const Continuation* next;
  };

  Text text_;
  const std::vector<char32_t>& delimiters_;

  bool is_delimiter(char32_t c) const {
    return std::find(delimiters_.begin(), delimiters_.end(), c) != delimiters_.end();
  }

  char32_t at(size_t position) const {
    return static_cast<char32_t>(static_cast<std::make_unsigned_t<typename Text::value_type>>(
        text_[position]));
  }

  static bool class_contains(const GlobNode& node, char32_t c) {
    bool found = std::find(node.chars.begin(), node.chars.end(), c) != node.chars.end();
    for (const auto& [low, high] : node.ranges) found = found || (c >= low && c <= high);
    return found != node.negated;
  }

  // Matches (*sequence)[index...], then `rest`, against text_[position...] to the end of the
  // text. Nodes that match one code point advance in the loop; only wildcards and
  // alternatives, which must try several ways, recurse.
  bool match(const GlobSequence* sequence, size_t index, const Continuation* rest,
             size_t position) {
    while (true) {
      if (index == sequence->size()) {
        if (rest == nullptr) return position == text_.size();
        sequence = rest->sequence;
        index = rest->index;
        rest = rest->next;
        continue;
      }
      const GlobNode& node = (*sequence)[index];
      switch (node.type) {
        case GlobNode::Type::Literal:
          if (position >= text_.size() || at(position) != node.c) return false;
          break;
        case GlobNode::Type::Single:
          if (position >= text_.size() || is_delimiter(at(position))) return false;
          break;
        case GlobNode::Type::Class:
          if (position >= text_.size() || !class_contains(node, at(position))) return false;
          break;
        case GlobNode::Type::Any:
        case GlobNode::Type::Super:
          return match_wildcard(node, sequence, index, rest, position);
        case GlobNode::Type::Alternatives: {
          Continuation after{sequence, index + 1, rest};
          for (const GlobSequence& alternative : node.alternatives) {
            if (match(&alternative, 0, &after, position)) return true;
          }
          return false;
        }
      }
      ++index;
      ++position;
    }
  }

  // Tries every end of the run that the wildcard `node` at (*sequence)[index] matches,
  // shortest first. `*` stops before a delimiter, `**` at the end of the text.
  bool match_wildcard(const GlobNode& node, const GlobSequence* sequence, size_t index,
                      const Continuation* rest, size_t position) {
    for (size_t end = position;; ++end) {
      if (match(sequence, index + 1, rest, end)) return true;
      if (end == text_.size()) return false;
      if (node.type == GlobNode::Type::Any && is_delimiter(at(end))) return false;
    }
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
    std::string_view text = item.as_string();
    size_t position = 0;
    char32_t delimiter = text.empty() ? 0 : decode_code_point(text, &position);
    if (text.empty() || position != text.size()) {
      element_error(context, "glob.match", 2, value, "rune", item);
      return false;
    }
    out->push_back(delimiter);
  }
  if (out->empty()) out->push_back('.');
  return true;
}

// Compiled patterns by delimiters and pattern text. NOTE: 1,000 entries is a guess at the
// number of distinct patterns that a set of policies uses. OPA's glob cache keeps 100.
PatternCache<CompiledGlob>& glob_cache() {
  static PatternCache<CompiledGlob> cache(1000);
  return cache;
}

// Writes the cache key of a pattern: the number of delimiters, ':', each delimiter in UTF-8
// and the pattern text. Each delimiter is one code point, so the count marks where they end.
void write_cache_key(const std::vector<char32_t>& delimiters, std::string_view pattern,
                     std::string* key) {
  key->clear();
  key->append(std::to_string(delimiters.size()));
  key->push_back(':');
  for (char32_t delimiter : delimiters) append_utf8(key, delimiter);
  key->append(pattern);
}

// NOTE: the matcher backtracks, so a pattern with many `*` can take time polynomial in the
// text length with the number of wildcards as the exponent; OPA's compiled matchers do not.
BuiltinStatus glob_match(BuiltinContext& context, std::span<const Value> args,
                         Value& result) {
  if (!args[0].is_string()) return context.type_error("glob.match", 1, "string", args[0]);
  std::vector<char32_t> delimiters;
  if (!delimiters_operand(context, args[1], &delimiters)) return BuiltinStatus::Error;
  if (!args[2].is_string()) return context.type_error("glob.match", 3, "string", args[2]);

  // The key's buffer is reused, so a hit allocates nothing for it.
  thread_local std::string key;
  std::string_view pattern_text = args[0].as_string();
  write_cache_key(delimiters, pattern_text, &key);
  std::string error;
  const CompiledGlob* compiled = glob_cache().get(key, [&](std::string_view) {
    GlobParser parser(decode_utf8(pattern_text));
    auto glob = std::make_shared<CompiledGlob>();
    if (!parser.parse(&glob->pattern)) {
      error = parser.error();
      return std::shared_ptr<const CompiledGlob>();
    }
    glob->delimiters = std::move(delimiters);
    return std::shared_ptr<const CompiledGlob>(std::move(glob));
  });
  if (compiled == nullptr) return builtin_error(context, "glob.match", error);

  std::string_view text = args[2].as_string();
  bool matched;
  if (is_ascii(text)) {
    matched = GlobMatcher<std::string_view>(text, compiled->delimiters).matches(compiled->pattern);
  } else {
    std::vector<char32_t> code_points = decode_utf8(text);
    std::u32string_view decoded(code_points.data(), code_points.size());
    matched = GlobMatcher<std::u32string_view>(decoded, compiled->delimiters)
                  .matches(compiled->pattern);
  }
  result = Value::boolean(matched);
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
