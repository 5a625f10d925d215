// String builtins: concat, contains, startswith, endswith, lower, upper, split,
// strings.split_n, substring, indexof, indexof_n, replace, strings.replace_n,
// strings.reverse, strings.count, strings.any_prefix_match, strings.any_suffix_match and
// format_int. Offsets and lengths count Unicode code points, as OPA's do. The trim builtins
// are in trim.cc.
#include <algorithm>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/utf8.h"

namespace regoc {
namespace {

// Checks that the first `count` operands are strings.
bool string_operands(BuiltinContext& context, std::string_view name,
                     std::span<const Value> args, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    if (!args[i].is_string()) {
      context.type_error(name, static_cast<int>(i) + 1, "string", args[i]);
      return false;
    }
  }
  return true;
}

BuiltinStatus concat(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[0].is_string()) return context.type_error("concat", 1, "string", args[0]);
  const Value& collection = args[1];
  std::span<const Value> items;
  if (collection.is_array()) {
    items = collection.array_items();
  } else if (collection.is_set()) {
    items = collection.set_items();
  } else {
    return context.type_error("concat", 2, "one of {set, array}", collection);
  }

  std::string_view separator = args[0].as_string();
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_string()) {
      return element_error(context, "concat", 2, collection, "string", items[i]);
    }
    if (i > 0) out += separator;
    out += items[i].as_string();
  }
  result = Value::string(out);
  return BuiltinStatus::Ok;
}

BuiltinStatus contains(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!string_operands(context, "contains", args, 2)) return BuiltinStatus::Error;
  result = Value::boolean(args[0].as_string().find(args[1].as_string()) != std::string::npos);
  return BuiltinStatus::Ok;
}

BuiltinStatus startswith(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!string_operands(context, "startswith", args, 2)) return BuiltinStatus::Error;
  result = Value::boolean(args[0].as_string().starts_with(args[1].as_string()));
  return BuiltinStatus::Ok;
}

BuiltinStatus endswith(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!string_operands(context, "endswith", args, 2)) return BuiltinStatus::Error;
  result = Value::boolean(args[0].as_string().ends_with(args[1].as_string()));
  return BuiltinStatus::Ok;
}

// Maps an ASCII byte as to_lower_code_point or to_upper_code_point would.
template <bool Lower>
char map_ascii(char c) {
  if (Lower) return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
}

// Lowers (or, when Lower is false, uppers) every code point of the string value `text`. A text
// that the mapping leaves unchanged is returned as it is, without a copy: policies often lower
// names that are already lower case.
template <bool Lower>
Value map_case(const Value& text) {
  std::string_view input = text.as_string();
  if (is_ascii(input)) {
    size_t first = 0;
    while (first < input.size() && map_ascii<Lower>(input[first]) == input[first]) ++first;
    if (first == input.size()) return text;
    std::string out(input);
    for (size_t i = first; i < out.size(); ++i) out[i] = map_ascii<Lower>(out[i]);
    return Value::string(out);
  }

  std::string out;
  out.reserve(input.size());
  size_t position = 0;
  while (position < input.size()) {
    char32_t code_point = decode_code_point(input, &position);
    append_utf8(&out, Lower ? to_lower_code_point(code_point) : to_upper_code_point(code_point));
  }
  return out == input ? text : Value::string(out);
}

BuiltinStatus lower(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!string_operands(context, "lower", args, 1)) return BuiltinStatus::Error;
  result = map_case<true>(args[0]);
  return BuiltinStatus::Ok;
}

BuiltinStatus upper(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!string_operands(context, "upper", args, 1)) return BuiltinStatus::Error;
  result = map_case<false>(args[0]);
  return BuiltinStatus::Ok;
}

// Splits the string value `value` like Go's strings.Split: an empty separator splits into code
// points (so "" gives no parts), and text without the separator gives one part, `value`
// itself.
std::vector<Value> split_text(const Value& value, std::string_view separator) {
  std::string_view text = value.as_string();
  std::vector<Value> parts;
  if (separator.empty()) {
    size_t position = 0;
    while (position < text.size()) {
      size_t start = position;
      decode_code_point(text, &position);
      parts.push_back(Value::string(text.substr(start, position - start)));
    }
    return parts;
  }
  // Counting the parts first lets the vector be allocated once.
  size_t count = 1;
  for (size_t at = text.find(separator); at != std::string_view::npos;
       at = text.find(separator, at + separator.size())) {
    ++count;
  }
  parts.reserve(count);
  size_t start = 0;
  while (true) {
    size_t found = text.find(separator, start);
    if (found == std::string_view::npos) break;
    parts.push_back(Value::string(text.substr(start, found - start)));
    start = found + separator.size();
  }
  parts.push_back(string_part(value, text.substr(start)));
  return parts;
}

BuiltinStatus split(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!string_operands(context, "split", args, 2)) return BuiltinStatus::Error;
  result = Value::array(split_text(args[0], args[1].as_string()));
  return BuiltinStatus::Ok;
}

// strings.split_n(text, separator, n): the first n parts of split(text, separator) when n is
// positive, the last -n parts when n is negative, none when n is 0.
BuiltinStatus split_n(BuiltinContext& context, std::span<const Value> args, Value& result) {
  constexpr std::string_view kName = "strings.split_n";
  if (!string_operands(context, kName, args, 2)) return BuiltinStatus::Error;
  int64_t n = 0;
  if (!int_operand(context, kName, 3, args[2], &n)) return BuiltinStatus::Error;

  std::vector<Value> parts = split_text(args[0], args[1].as_string());
  auto count = static_cast<int64_t>(parts.size());
  int64_t keep = std::min(n < 0 ? -n : n, count);
  auto begin = n < 0 ? parts.end() - keep : parts.begin();
  result = Value::array(std::vector<Value>(begin, begin + keep));
  return BuiltinStatus::Ok;
}

// substring(text, offset, length): a negative length means "to the end"; an offset past
// the end gives "".
BuiltinStatus substring(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[0].is_string()) return context.type_error("substring", 1, "string", args[0]);
  int64_t offset = 0;
  int64_t length = 0;
  if (!int_operand(context, "substring", 2, args[1], &offset) ||
      !int_operand(context, "substring", 3, args[2], &length)) {
    return BuiltinStatus::Error;
  }
  if (offset < 0) return builtin_error(context, "substring", "negative offset");

  std::string_view text = args[0].as_string();
  if (is_ascii(text)) {
    auto start = static_cast<uint64_t>(offset);
    if (start >= text.size()) {
      result = Value::string("");
    } else {
      size_t count = length < 0 ? std::string_view::npos : static_cast<size_t>(length);
      result = string_part(args[0], text.substr(start, count));
    }
    return BuiltinStatus::Ok;
  }

  std::vector<char32_t> code_points = decode_utf8(text);
  auto size = static_cast<int64_t>(code_points.size());
  if (offset >= size) {
    result = Value::string("");
    return BuiltinStatus::Ok;
  }
  int64_t end = length < 0 ? size : std::min(size, offset + std::min(length, size));
  std::vector<char32_t> part(code_points.begin() + offset, code_points.begin() + end);
  result = Value::string(encode_utf8(part));
  return BuiltinStatus::Ok;
}

// Returns the code-point offsets at which `search` occurs in `text`, all of them or only
// the first.
std::vector<int64_t> find_code_point_offsets(std::string_view text, std::string_view search,
                                             bool first_only) {
  std::vector<int64_t> offsets;
  int64_t code_point_index = 0;
  size_t position = 0;
  while (position < text.size()) {
    if (text.substr(position).starts_with(search)) {
      offsets.push_back(code_point_index);
      if (first_only) break;
    }
    decode_code_point(text, &position);
    ++code_point_index;
  }
  return offsets;
}

BuiltinStatus indexof(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!string_operands(context, "indexof", args, 2)) return BuiltinStatus::Error;
  if (args[1].as_string().empty()) {
    return builtin_error(context, "indexof", "empty search character");
  }
  std::vector<int64_t> offsets =
      find_code_point_offsets(args[0].as_string(), args[1].as_string(), true);
  result = Value::integer(offsets.empty() ? -1 : offsets[0]);
  return BuiltinStatus::Ok;
}

BuiltinStatus indexof_n(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!string_operands(context, "indexof_n", args, 2)) return BuiltinStatus::Error;
  if (args[1].as_string().empty()) {
    return builtin_error(context, "indexof_n", "empty search character");
  }
  std::vector<Value> items;
  for (int64_t offset : find_code_point_offsets(args[0].as_string(), args[1].as_string(),
                                                false)) {
    items.push_back(Value::integer(offset));
  }
  result = Value::array(std::move(items));
  return BuiltinStatus::Ok;
}

struct Replacement {
  std::string_view old_text;
  std::string_view new_text;
};

// Replaces like Go's strings.Replace, which OPA's replace uses: scanning left to right, at each
// position the first replacement (in order) whose old text matches is applied and the scan
// continues after it. An empty old text matches before each code point and at the end.
std::string replace_all(std::string_view text, const std::vector<Replacement>& replacements) {
  std::string out;
  size_t position = 0;
  while (true) {
    const Replacement* match = nullptr;
    for (const Replacement& replacement : replacements) {
      if (text.substr(position).starts_with(replacement.old_text)) {
        match = &replacement;
        break;
      }
    }
    if (match != nullptr) out += match->new_text;
    if (position >= text.size()) break;
    if (match != nullptr && !match->old_text.empty()) {
      position += match->old_text.size();
      continue;
    }
    size_t start = position;
    decode_code_point(text, &position);
    out += text.substr(start, position - start);
  }
  return out;
}

BuiltinStatus replace(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!string_operands(context, "replace", args, 3)) return BuiltinStatus::Error;
  std::vector<Replacement> replacements = {{args[1].as_string(), args[2].as_string()}};
  result = Value::string(replace_all(args[0].as_string(), replacements));
  return BuiltinStatus::Ok;
}

// Replaces like Go's strings.NewReplacer, which OPA's strings.replace_n uses: at each byte
// position the first replacement (in order) whose old text is a prefix there applies. An empty
// old text matches everywhere, the end included. After it matches, a non-empty old text may
// still match at the same position, and otherwise one byte is copied. Because the scan moves
// by bytes, an empty old text also lands inside multi-byte UTF-8 sequences, as in Go.
std::string replace_like_go_replacer(std::string_view text,
                                     const std::vector<Replacement>& replacements) {
  std::string out;
  size_t position = 0;
  bool previous_match_empty = false;
  while (position <= text.size()) {
    const Replacement* match = nullptr;
    for (const Replacement& replacement : replacements) {
      if (previous_match_empty && replacement.old_text.empty()) continue;
      if (text.substr(position).starts_with(replacement.old_text)) {
        match = &replacement;
        break;
      }
    }
    previous_match_empty = match != nullptr && match->old_text.empty();
    if (match != nullptr) {
      out += match->new_text;
      position += match->old_text.size();
      continue;
    }
    if (position < text.size()) out += text[position];
    ++position;
  }
  return out;
}

// strings.replace_n(patterns, text): the pattern object's keys in sorted order are the old
// texts, each replaced by its value.
BuiltinStatus replace_n(BuiltinContext& context, std::span<const Value> args, Value& result) {
  constexpr std::string_view kName = "strings.replace_n";
  if (!args[0].is_object()) return context.type_error(kName, 1, "object", args[0]);
  if (!args[1].is_string()) return context.type_error(kName, 2, "string", args[1]);

  std::vector<Replacement> replacements;
  for (const Value::Entry& entry : args[0].object_entries()) {
    if (!entry.first.is_string()) {
      return operand_error(context, kName, 1, "non-string key found in pattern object");
    }
    if (!entry.second.is_string()) {
      return operand_error(context, kName, 1, "non-string value found in pattern object");
    }
    replacements.push_back({entry.first.as_string(), entry.second.as_string()});
  }
  result = Value::string(replace_like_go_replacer(args[1].as_string(), replacements));
  return BuiltinStatus::Ok;
}

BuiltinStatus reverse(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!string_operands(context, "strings.reverse", args, 1)) return BuiltinStatus::Error;
  std::vector<char32_t> code_points = decode_utf8(args[0].as_string());
  std::reverse(code_points.begin(), code_points.end());
  result = Value::string(encode_utf8(code_points));
  return BuiltinStatus::Ok;
}

// strings.count counts non-overlapping occurrences; an empty search text occurs before
// every code point and at the end, as in Go.
BuiltinStatus count(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!string_operands(context, "strings.count", args, 2)) return BuiltinStatus::Error;
  std::string_view text = args[0].as_string();
  std::string_view search = args[1].as_string();
  int64_t occurrences = 0;
  if (search.empty()) {
    occurrences = static_cast<int64_t>(count_code_points(text)) + 1;
  } else {
    for (size_t at = text.find(search); at != std::string_view::npos;
         at = text.find(search, at + search.size())) {
      ++occurrences;
    }
  }
  result = Value::integer(occurrences);
  return BuiltinStatus::Ok;
}

// Reads a string, or an array or set of strings, as a list of strings.
bool string_list_operand(BuiltinContext& context, std::string_view name, int operand,
                         const Value& value, std::vector<std::string_view>* out) {
  if (value.is_string()) {
    out->push_back(value.as_string());
    return true;
  }
  std::span<const Value> items;
  if (value.is_array()) {
    items = value.array_items();
  } else if (value.is_set()) {
    items = value.set_items();
  } else {
    context.type_error(name, operand, "one of {string, set, array}", value);
    return false;
  }
  for (const Value& item : items) {
    if (!item.is_string()) {
      element_error(context, name, operand, value, "string", item);
      return false;
    }
    out->push_back(item.as_string());
  }
  return true;
}

// True when any text starts (or, when Suffix is true, ends) with any of the affixes.
template <bool Suffix>
BuiltinStatus any_affix_match(BuiltinContext& context, std::string_view name,
                              std::span<const Value> args, Value& result) {
  std::vector<std::string_view> texts;
  std::vector<std::string_view> affixes;
  if (!string_list_operand(context, name, 1, args[0], &texts) ||
      !string_list_operand(context, name, 2, args[1], &affixes)) {
    return BuiltinStatus::Error;
  }
  bool found = false;
  for (std::string_view text : texts) {
    for (std::string_view affix : affixes) {
      found = Suffix ? text.ends_with(affix) : text.starts_with(affix);
      if (found) break;
    }
    if (found) break;
  }
  result = Value::boolean(found);
  return BuiltinStatus::Ok;
}

BuiltinStatus any_prefix_match(BuiltinContext& context, std::span<const Value> args,
                               Value& result) {
  return any_affix_match<false>(context, "strings.any_prefix_match", args, result);
}

BuiltinStatus any_suffix_match(BuiltinContext& context, std::span<const Value> args,
                               Value& result) {
  return any_affix_match<true>(context, "strings.any_suffix_match", args, result);
}

// format_int(number, base) truncates the number toward zero and writes it in base 2, 8, 10
// or 16 (lower-case digits, a leading "-" for negative numbers).
BuiltinStatus format_int(BuiltinContext& context, std::span<const Value> args,
                         Value& result) {
  if (!args[0].is_number()) return context.type_error("format_int", 1, "number", args[0]);
  if (!args[1].is_number()) return context.type_error("format_int", 2, "number", args[1]);
  int64_t base = 0;
  if (!args[1].as_int64(&base) || (base != 2 && base != 8 && base != 10 && base != 16)) {
    return operand_error(context, "format_int", 2, "must be one of {2, 8, 10, 16}");
  }

  Number truncated = args[0].as_number();
  truncated = truncated.sign() < 0 ? truncated.ceil() : truncated.floor();
  std::optional<mpz_class> integer = truncated.to_bigint();
  result = Value::string(integer ? integer->get_str(static_cast<int>(base)) : "0");
  return BuiltinStatus::Ok;
}

}  // namespace

void register_string_builtins(Registry& registry) {
  registry.add("concat", concat);
  registry.add("contains", contains);
  registry.add("startswith", startswith);
  registry.add("endswith", endswith);
  registry.add("lower", lower);
  registry.add("upper", upper);
  registry.add("split", split);
  registry.add("strings.split_n", split_n);
  registry.add("substring", substring);
  registry.add("indexof", indexof);
  registry.add("indexof_n", indexof_n);
  registry.add("replace", replace);
  registry.add("strings.replace_n", replace_n);
  registry.add("strings.reverse", reverse);
  registry.add("strings.count", count);
  registry.add("strings.any_prefix_match", any_prefix_match);
  registry.add("strings.any_suffix_match", any_suffix_match);
  registry.add("format_int", format_int);
}

}  // namespace regoc
