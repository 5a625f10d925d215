// Trim builtins: trim, trim_left and trim_right (strip code points in a cutset), trim_prefix
// and trim_suffix (strip one occurrence of a text) and trim_space (strip Unicode white space
// as Go's unicode.IsSpace defines it).
#include <algorithm>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/utf8.h"

namespace regoc {
namespace {

bool is_space(char32_t c) {
  switch (c) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
    case 0x205F: case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

// Returns the byte range of `text` left after dropping code points that `strip` accepts
// from the left and/or the right end.
template <typename Predicate>
std::string_view trim_code_points(std::string_view text, bool left, bool right,
                                  Predicate strip) {
  size_t begin = 0;
  size_t end = text.size();
  if (left) {
    while (begin < end) {
      size_t next = begin;
      if (!strip(decode_code_point(text, &next))) break;
      begin = next;
    }
  }
  if (right) {
    // Scan forward and remember where the last kept code point ends, so that UTF-8 is
    // never decoded backwards.
    size_t position = begin;
    size_t keep_end = begin;
    while (position < end) {
      if (!strip(decode_code_point(text, &position))) keep_end = position;
    }
    end = keep_end;
  }
  return text.substr(begin, end - begin);
}

enum class Side : uint8_t { Both, Left, Right };

BuiltinStatus trim_cutset(BuiltinContext& context, std::string_view name,
                          std::span<const Value> args, Side side, Value& result) {
  if (!args[0].is_string()) return context.type_error(name, 1, "string", args[0]);
  if (!args[1].is_string()) return context.type_error(name, 2, "string", args[1]);
  std::vector<char32_t> cutset = decode_utf8(args[1].as_string());
  auto in_cutset = [&cutset](char32_t c) {
    return std::find(cutset.begin(), cutset.end(), c) != cutset.end();
  };
  result = string_part(args[0], trim_code_points(args[0].as_string(), side != Side::Right,
                                                side != Side::Left, in_cutset));
  return BuiltinStatus::Ok;
}

BuiltinStatus trim(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return trim_cutset(context, "trim", args, Side::Both, result);
}

BuiltinStatus trim_left(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return trim_cutset(context, "trim_left", args, Side::Left, result);
}

BuiltinStatus trim_right(BuiltinContext& context, std::span<const Value> args,
                         Value& result) {
  return trim_cutset(context, "trim_right", args, Side::Right, result);
}

BuiltinStatus trim_prefix(BuiltinContext& context, std::span<const Value> args,
                          Value& result) {
  if (!args[0].is_string()) return context.type_error("trim_prefix", 1, "string", args[0]);
  if (!args[1].is_string()) return context.type_error("trim_prefix", 2, "string", args[1]);
  std::string_view text = args[0].as_string();
  std::string_view prefix = args[1].as_string();
  if (text.starts_with(prefix)) text.remove_prefix(prefix.size());
  result = string_part(args[0], text);
  return BuiltinStatus::Ok;
}

BuiltinStatus trim_suffix(BuiltinContext& context, std::span<const Value> args,
                          Value& result) {
  if (!args[0].is_string()) return context.type_error("trim_suffix", 1, "string", args[0]);
  if (!args[1].is_string()) return context.type_error("trim_suffix", 2, "string", args[1]);
  std::string_view text = args[0].as_string();
  std::string_view suffix = args[1].as_string();
  if (text.ends_with(suffix)) text.remove_suffix(suffix.size());
  result = string_part(args[0], text);
  return BuiltinStatus::Ok;
}

BuiltinStatus trim_space(BuiltinContext& context, std::span<const Value> args,
                         Value& result) {
  if (!args[0].is_string()) return context.type_error("trim_space", 1, "string", args[0]);
  result = string_part(args[0], trim_code_points(args[0].as_string(), true, true, is_space));
  return BuiltinStatus::Ok;
}

}  // namespace

void register_trim_builtins(Registry& registry) {
  registry.add("trim", trim);
  registry.add("trim_left", trim_left);
  registry.add("trim_right", trim_right);
  registry.add("trim_prefix", trim_prefix);
  registry.add("trim_suffix", trim_suffix);
  registry.add("trim_space", trim_space);
}

}  // namespace regoc
