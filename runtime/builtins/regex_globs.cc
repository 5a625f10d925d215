// regex.globs_match(a, b): whether some string matches both of two glob-like patterns, and
// regex.template_match(template, value, start, end): whether a value matches a template with
// regular expressions between delimiters ("urn:{[a-z]+}:id").
//
// globs_match accepts the pattern subset that OPA's glob-intersection library does: literal
// characters, '.', character classes ("[a-z0-9]"), backslash escapes, and the quantifiers
// '*' and '+' on a single token.
#include <re2/re2.h>

#include <bitset>
#include <optional>
#include <set>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

// One pattern token: the bytes it matches and how often.
struct GlobToken {
  std::bitset<256> bytes;
  bool repeat = false;  // '*' or the second half of '+': zero or more
};

// Parses a character class body after '['; returns the position after ']'.
std::optional<size_t> parse_class(std::string_view pattern, size_t at, std::bitset<256>* out) {
  bool negated = at < pattern.size() && pattern[at] == '^';
  if (negated) ++at;
  bool first = true;
  while (at < pattern.size() && (pattern[at] != ']' || first)) {
    first = false;
    unsigned char low = static_cast<unsigned char>(pattern[at]);
    if (low == '\\' && at + 1 < pattern.size()) low = static_cast<unsigned char>(pattern[++at]);
    unsigned char high = low;
    if (at + 2 < pattern.size() && pattern[at + 1] == '-' && pattern[at + 2] != ']') {
      high = static_cast<unsigned char>(pattern[at + 2]);
      at += 2;
    }
    for (unsigned c = low; c <= high; ++c) out->set(c);
    ++at;
  }
  if (at >= pattern.size()) return std::nullopt;
  if (negated) out->flip();
  return at + 1;
}

std::optional<std::vector<GlobToken>> parse_glob(std::string_view pattern) {
  std::vector<GlobToken> tokens;
  for (size_t at = 0; at < pattern.size();) {
    char c = pattern[at];
    if (c == '*' || c == '+') {
      if (tokens.empty() || tokens.back().repeat) return std::nullopt;
      if (c == '*') {
        tokens.back().repeat = true;
      } else {
        GlobToken more = tokens.back();
        more.repeat = true;
        tokens.push_back(more);
      }
      ++at;
      continue;
    }
    GlobToken token;
    if (c == '.') {
      token.bytes.set();
      ++at;
    } else if (c == '[') {
      std::optional<size_t> end = parse_class(pattern, at + 1, &token.bytes);
      if (!end) return std::nullopt;
      at = *end;
    } else if (c == '\\') {
      if (at + 1 >= pattern.size()) return std::nullopt;
      token.bytes.set(static_cast<unsigned char>(pattern[at + 1]));
      at += 2;
    } else {
      token.bytes.set(static_cast<unsigned char>(c));
      ++at;
    }
    tokens.push_back(token);
  }
  return tokens;
}

// Searches the product of the two token automata for a path to both ends.
bool intersects(const std::vector<GlobToken>& a, const std::vector<GlobToken>& b) {
  std::set<std::pair<size_t, size_t>> seen;
  std::vector<std::pair<size_t, size_t>> stack = {{0, 0}};
  while (!stack.empty()) {
    auto [i, j] = stack.back();
    stack.pop_back();
    if (!seen.insert({i, j}).second) continue;
    if (i == a.size() && j == b.size()) return true;
    if (i < a.size() && a[i].repeat) stack.push_back({i + 1, j});
    if (j < b.size() && b[j].repeat) stack.push_back({i, j + 1});
    if (i < a.size() && j < b.size() && (a[i].bytes & b[j].bytes).any()) {
      stack.push_back({a[i].repeat ? i : i + 1, b[j].repeat ? j : j + 1});
    }
  }
  return false;
}

BuiltinStatus globs_match(BuiltinContext& context, std::span<const Value> args, Value& result) {
  constexpr std::string_view kName = "regex.globs_match";
  std::optional<std::vector<GlobToken>> globs[2];
  for (int i = 0; i < 2; ++i) {
    if (!args[i].is_string()) return context.type_error(kName, i + 1, "string", args[i]);
    globs[i] = parse_glob(args[i].as_string());
    if (!globs[i]) {
      return builtin_error(context, kName,
                           "input:" + std::string(args[i].as_string()) + ", error:invalid glob");
    }
  }
  result = Value::boolean(intersects(*globs[0], *globs[1]));
  return BuiltinStatus::Ok;
}

// Builds the anchored expression of a template: text outside the delimiters is literal and
// each delimited part is a group. Nested delimiters must balance.
std::optional<std::string> template_expression(std::string_view text, char open, char close) {
  std::string expression = "^";
  size_t literal_start = 0;
  int depth = 0;
  size_t part_start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == open) {
      if (depth++ == 0) {
        expression += RE2::QuoteMeta(text.substr(literal_start, i - literal_start));
        part_start = i + 1;
      }
    } else if (text[i] == close) {
      if (--depth < 0) return std::nullopt;
      if (depth == 0) {
        expression += "(" + std::string(text.substr(part_start, i - part_start)) + ")";
        literal_start = i + 1;
      }
    }
  }
  if (depth != 0) return std::nullopt;
  expression += RE2::QuoteMeta(text.substr(literal_start)) + "$";
  return expression;
}

BuiltinStatus template_match(BuiltinContext& context, std::span<const Value> args, Value& result) {
  constexpr std::string_view kName = "regex.template_match";
  for (int i = 0; i < 4; ++i) {
    if (!args[i].is_string()) return context.type_error(kName, i + 1, "string", args[i]);
  }
  std::string_view open = args[2].as_string();
  std::string_view close = args[3].as_string();
  if (open.empty() || close.empty()) {
    return builtin_error(context, kName, "delimiters must not be empty");
  }
  std::string_view text = args[0].as_string();
  std::optional<std::string> expression = template_expression(text, open[0], close[0]);
  if (!expression) {
    return builtin_error(context, kName, "unbalanced braces in \"" + std::string(text) + "\"");
  }
  RE2 pattern(*expression, RE2::Quiet);
  if (!pattern.ok())
    return builtin_error(context, kName, "error parsing regexp: " + pattern.error());
  result = Value::boolean(RE2::PartialMatch(args[1].as_string(), pattern));
  return BuiltinStatus::Ok;
}

}  // namespace

void register_regex_glob_builtins(Registry& registry) {
  registry.add("regex.globs_match", globs_match);
  registry.add("regex.template_match", template_match);
}

}  // namespace regoc
