// Type builtins: is_number, is_string, is_boolean, is_array, is_set, is_object, is_null,
// type_name and to_number.
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/term_text.h"

namespace regoc {
namespace {

// is_<kind>(x): whether x has that kind.
template <Kind K>
BuiltinStatus is_kind(BuiltinContext&, std::span<const Value> args, Value& result) {
  result = Value::boolean(args[0].kind() == K);
  return BuiltinStatus::Ok;
}

BuiltinStatus type_name_builtin(BuiltinContext&, std::span<const Value> args, Value& result) {
  result = Value::string(type_name(args[0]));
  return BuiltinStatus::Ok;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Rewrites a decimal literal in Go's float syntax ([+-] digits [. digits] [e [+-] digits],
// with digits on at least one side of the point) as a JSON number without "+" or a bare
// point. Returns "" when the text is not such a literal.
// NOTE: Go's ParseFloat also accepts hexadecimal floats and underscores; regoc rejects them.
std::string normalize_decimal(std::string_view text) {
  std::string out;
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    if (text[i] == '-') out += '-';
    ++i;
  }
  size_t integer_start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  std::string_view integer = text.substr(integer_start, i - integer_start);
  std::string_view fraction;
  if (i < text.size() && text[i] == '.') {
    size_t fraction_start = ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    fraction = text.substr(fraction_start, i - fraction_start);
  }
  if (integer.empty() && fraction.empty()) return "";

  out += integer.empty() ? "0" : std::string(integer);
  if (!fraction.empty()) out += "." + std::string(fraction);
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    out += 'e';
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) out += text[i++];
    size_t exponent_start = i;
    while (i < text.size() && is_digit(text[i])) out += text[i++];
    if (i == exponent_start) return "";
  }
  return i == text.size() ? out : "";
}

bool is_infinity_or_nan(std::string_view text) {
  while (!text.empty() && (text[0] == '+' || text[0] == '-')) text.remove_prefix(1);
  std::string lower;
  for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return lower == "inf" || lower == "infinity" || lower == "nan";
}

// Converts a string like Go's strconv.ParseFloat, with its error messages.
// Reads text of the form -?[1-9][0-9]{0,17} or "0" into *out: the integers that the general
// path below would turn into an inline integer (no literal text to keep), with at most 18
// digits so that they fit in int64. Returns false for any other text.
bool read_plain_integer(std::string_view text, int64_t* out) {
  bool negative = !text.empty() && text[0] == '-';
  std::string_view digits = negative ? text.substr(1) : text;
  if (digits.empty() || digits.size() > 18) return false;
  if (digits[0] == '0' && (digits.size() > 1 || negative)) return false;  // "007", "-0"
  int64_t value = 0;
  for (char c : digits) {
    if (!is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  *out = negative ? -value : value;
  return true;
}

BuiltinStatus string_to_number(BuiltinContext& context, const Value& value, Value& result) {
  std::string_view text = value.as_string();
  int64_t integer = 0;
  if (read_plain_integer(text, &integer)) {
    result = Value::integer(integer);
    return BuiltinStatus::Ok;
  }
  if (is_infinity_or_nan(text)) {
    return context.type_error("to_number", 1, "valid number string", value);
  }
  std::string normalized = normalize_decimal(text);
  std::string prefix = "strconv.ParseFloat: parsing " + go_quoted(text) + ": ";
  if (normalized.empty()) return builtin_error(context, "to_number", prefix + "invalid syntax");

  errno = 0;
  double parsed = std::strtod(normalized.c_str(), nullptr);
  if (errno == ERANGE && std::isinf(parsed)) {
    return builtin_error(context, "to_number", prefix + "value out of range");
  }
  std::optional<Number> number = Number::parse(normalized);
  if (!number) return builtin_error(context, "to_number", prefix + "invalid syntax");
  result = Value::number(*number);
  return BuiltinStatus::Ok;
}

BuiltinStatus to_number(BuiltinContext& context, std::span<const Value> args, Value& result) {
  const Value& value = args[0];
  switch (value.kind()) {
    case Kind::Null:
      result = Value::integer(0);
      return BuiltinStatus::Ok;
    case Kind::Boolean:
      result = Value::integer(value.as_bool() ? 1 : 0);
      return BuiltinStatus::Ok;
    case Kind::Number:
      result = value;
      return BuiltinStatus::Ok;
    case Kind::String:
      return string_to_number(context, value, result);
    default:
      return context.type_error("to_number", 1, "one of {null, boolean, number, string}", value);
  }
}

}  // namespace

void register_type_builtins(Registry& registry) {
  registry.add("is_number", is_kind<Kind::Number>);
  registry.add("is_string", is_kind<Kind::String>);
  registry.add("is_boolean", is_kind<Kind::Boolean>);
  registry.add("is_array", is_kind<Kind::Array>);
  registry.add("is_set", is_kind<Kind::Set>);
  registry.add("is_object", is_kind<Kind::Object>);
  registry.add("is_null", is_kind<Kind::Null>);
  registry.add("type_name", type_name_builtin);
  registry.add("to_number", to_number);
}

}  // namespace regoc
