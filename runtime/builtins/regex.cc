// Regular expression builtins on RE2, whose syntax is that of Go's regexp package:
// regex.match, regex.is_valid, regex.split, regex.find_n, regex.find_all_string_submatch_n
// and regex.replace (with Go's $1 and ${name} templates). Compiled patterns are cached.
#include <re2/re2.h>

#include <cctype>
#include <map>
#include <memory>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/pattern_cache.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/utf8.h"

namespace regoc {
namespace {

// OPA keeps up to 100 compiled patterns. regoc's shared table keeps at most as many, plus a few
// per thread (PatternCache describes both and the eviction).
constexpr size_t kCacheCapacity = 100;

// Go's text for each RE2 error code ("error parsing regexp: <text>: `<fragment>`").
std::string_view go_error_text(RE2::ErrorCode code) {
  switch (code) {
    case RE2::ErrorBadEscape: return "invalid escape sequence";
    case RE2::ErrorBadCharClass: return "invalid character class";
    case RE2::ErrorBadCharRange: return "invalid character class range";
    case RE2::ErrorMissingBracket: return "missing closing ]";
    case RE2::ErrorMissingParen: return "missing closing )";
    case RE2::ErrorUnexpectedParen: return "unexpected )";
    case RE2::ErrorTrailingBackslash: return "trailing backslash at end of expression";
    case RE2::ErrorRepeatArgument: return "missing argument to repetition operator";
    case RE2::ErrorRepeatSize: return "invalid repeat count";
    case RE2::ErrorRepeatOp: return "invalid nested repetition operator";
    case RE2::ErrorBadPerlOp: return "invalid or unsupported Perl syntax";
    case RE2::ErrorBadUTF8: return "invalid UTF-8";
    case RE2::ErrorBadNamedCapture: return "invalid named capture";
    case RE2::ErrorPatternTooLarge: return "expression too large";
    default: return "internal error";
  }
}

// Compiles a pattern through the cache; on a syntax error returns null and stores Go's
// message in *error. The pattern stays valid until this thread compiles another one.
const RE2* compile(std::string_view pattern, std::string* error) {
  static PatternCache<RE2> cache(kCacheCapacity);
  return cache.get(pattern, [error](std::string_view text) {
    RE2::Options options;
    options.set_log_errors(false);
    auto compiled = std::make_shared<const RE2>(text, options);
    if (!compiled->ok()) {
      *error = "error parsing regexp: " + std::string(go_error_text(compiled->error_code())) +
               ": `" + compiled->error_arg() + "`";
      return std::shared_ptr<const RE2>();
    }
    return compiled;
  });
}

// Checks string operands and compiles operand `pattern_operand`; fills the context's error
// on failure.
const RE2* compile_operand(BuiltinContext& context, std::string_view name,
                           std::span<const Value> args, size_t string_count,
                           size_t pattern_operand) {
  for (size_t i = 0; i < string_count; ++i) {
    if (!args[i].is_string()) {
      context.type_error(name, static_cast<int>(i) + 1, "string", args[i]);
      return nullptr;
    }
  }
  std::string error;
  const RE2* compiled = compile(args[pattern_operand].as_string(), &error);
  if (!compiled) builtin_error(context, name, error);
  return compiled;
}

// Every non-overlapping match of `re` in `text`, as Go's FindAll finds them: an empty match
// right after the previous match is skipped. Each match lists all groups (an unset group is
// empty, with null data). `limit` < 0 means no limit.
std::vector<std::vector<std::string_view>> find_all(const RE2& re, std::string_view text,
                                                    int64_t limit) {
  std::vector<std::vector<std::string_view>> matches;
  int groups = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> pieces(static_cast<size_t>(groups));
  size_t position = 0;
  const char* previous_end = nullptr;
  auto below_limit = [&] { return limit < 0 || static_cast<int64_t>(matches.size()) < limit; };
  while (position <= text.size() && below_limit()) {
    if (!re.Match(text, position, text.size(), RE2::UNANCHORED, pieces.data(), groups)) break;
    const re2::StringPiece& whole = pieces[0];
    bool accept = true;
    size_t end = static_cast<size_t>(whole.data() - text.data()) + whole.size();
    if (whole.empty()) {
      if (whole.data() == previous_end) accept = false;
      if (end >= text.size()) {
        position = text.size() + 1;
      } else {
        position = end;
        decode_code_point(text, &position);
      }
    } else {
      position = end;
    }
    previous_end = whole.data() + whole.size();
    if (!accept) continue;
    std::vector<std::string_view> match;
    for (const re2::StringPiece& piece : pieces) match.emplace_back(piece.data(), piece.size());
    matches.push_back(std::move(match));
  }
  return matches;
}

BuiltinStatus match(BuiltinContext& context, std::span<const Value> args, Value& result) {
  auto re = compile_operand(context, "regex.match", args, 2, 0);
  if (!re) return BuiltinStatus::Error;
  result = Value::boolean(RE2::PartialMatch(args[1].as_string(), *re));
  return BuiltinStatus::Ok;
}

BuiltinStatus is_valid(BuiltinContext&, std::span<const Value> args, Value& result) {
  std::string error;
  result = Value::boolean(args[0].is_string() && compile(args[0].as_string(), &error));
  return BuiltinStatus::Ok;
}

// regex.split(pattern, text): the text around the matches, as Go's Split with n = -1. A
// match that ends at offset 0 splits nothing off, and an empty match at the very end adds
// no empty tail.
BuiltinStatus split(BuiltinContext& context, std::span<const Value> args, Value& result) {
  auto re = compile_operand(context, "regex.split", args, 2, 0);
  if (!re) return BuiltinStatus::Error;
  std::string_view text = args[1].as_string();
  std::vector<Value> parts;
  if (!re->pattern().empty() && text.empty()) {
    result = Value::array({Value::string("")});
    return BuiltinStatus::Ok;
  }
  size_t begin = 0;
  size_t end = 0;
  for (const auto& found : find_all(*re, text, -1)) {
    end = static_cast<size_t>(found[0].data() - text.data());
    size_t match_end = end + found[0].size();
    if (match_end != 0) parts.push_back(Value::string(text.substr(begin, end - begin)));
    begin = match_end;
  }
  if (end != text.size()) parts.push_back(Value::string(text.substr(begin)));
  result = Value::array(std::move(parts));
  return BuiltinStatus::Ok;
}

BuiltinStatus find_n(BuiltinContext& context, std::span<const Value> args, Value& result) {
  auto re = compile_operand(context, "regex.find_n", args, 2, 0);
  if (!re) return BuiltinStatus::Error;
  int64_t limit = 0;
  if (!int_operand(context, "regex.find_n", 3, args[2], &limit)) return BuiltinStatus::Error;
  std::vector<Value> items;
  for (const auto& found : find_all(*re, args[1].as_string(), limit)) {
    items.push_back(Value::string(found[0]));
  }
  result = Value::array(std::move(items));
  return BuiltinStatus::Ok;
}

BuiltinStatus find_all_string_submatch_n(BuiltinContext& context, std::span<const Value> args,
                                         Value& result) {
  constexpr std::string_view kName = "regex.find_all_string_submatch_n";
  auto re = compile_operand(context, kName, args, 2, 0);
  if (!re) return BuiltinStatus::Error;
  int64_t limit = 0;
  if (!int_operand(context, kName, 3, args[2], &limit)) return BuiltinStatus::Error;
  std::vector<Value> items;
  for (const auto& found : find_all(*re, args[1].as_string(), limit)) {
    std::vector<Value> groups;
    for (std::string_view group : found) groups.push_back(Value::string(group));
    items.push_back(Value::array(std::move(groups)));
  }
  result = Value::array(std::move(items));
  return BuiltinStatus::Ok;
}

// Expands a Go replacement template: $1 or ${1} for a group by number, $name or ${name} for
// a named group, $$ for "$". A reference to no group expands to "".
void expand_template(const RE2& re, std::string_view replacement,
                     const std::vector<std::string_view>& groups, std::string* out) {
  const std::map<std::string, int>& names = re.NamedCapturingGroups();
  size_t i = 0;
  while (i < replacement.size()) {
    char c = replacement[i];
    if (c != '$' || i + 1 >= replacement.size()) {
      out->push_back(c);
      ++i;
      continue;
    }
    if (replacement[i + 1] == '$') {
      out->push_back('$');
      i += 2;
      continue;
    }
    std::string_view name;
    size_t next = i + 1;
    if (replacement[next] == '{') {
      size_t close = replacement.find('}', next);
      if (close == std::string_view::npos) {
        out->push_back(c);
        ++i;
        continue;
      }
      name = replacement.substr(next + 1, close - next - 1);
      next = close + 1;
    } else {
      size_t end = next;
      while (end < replacement.size() &&
             (std::isalnum(static_cast<unsigned char>(replacement[end])) ||
              replacement[end] == '_')) {
        ++end;
      }
      name = replacement.substr(next, end - next);
      next = end;
    }
    if (name.empty()) {
      out->push_back(c);
      ++i;
      continue;
    }
    int index = -1;
    if (name.find_first_not_of("0123456789") == std::string_view::npos && name.size() < 9) {
      index = std::stoi(std::string(name));
    } else if (auto it = names.find(std::string(name)); it != names.end()) {
      index = it->second;
    }
    if (index >= 0 && static_cast<size_t>(index) < groups.size()) out->append(groups[index]);
    i = next;
  }
}

BuiltinStatus replace(BuiltinContext& context, std::span<const Value> args, Value& result) {
  auto re = compile_operand(context, "regex.replace", args, 3, 1);
  if (!re) return BuiltinStatus::Error;
  std::string_view text = args[0].as_string();
  std::string out;
  size_t copied = 0;
  for (const auto& found : find_all(*re, text, -1)) {
    size_t start = static_cast<size_t>(found[0].data() - text.data());
    out.append(text.substr(copied, start - copied));
    expand_template(*re, args[2].as_string(), found, &out);
    copied = start + found[0].size();
  }
  out.append(text.substr(copied));
  result = Value::string(out);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_regex_builtins(Registry& registry) {
  registry.add("regex.match", match);
  registry.add("regex.is_valid", is_valid);
  registry.add("regex.split", split);
  registry.add("regex.find_n", find_n);
  registry.add("regex.find_all_string_submatch_n", find_all_string_submatch_n);
  registry.add("regex.replace", replace);
}

}  // namespace regoc
