// YAML reading with yaml-cpp: mappings become objects, sequences arrays, scalars typed by the
// YAML 1.2 core schema. External interface: parse_yaml (runtime/json.h).
//
// Plain scalars resolve to null (`~`, `null`, empty), booleans (`true`, `False`, ...),
// integers (decimal, 0o octal, 0x hex), floats, or else strings. Quoted, block and
// explicitly tagged `!!str` scalars are strings. Mapping keys become strings, as OPA's YAML
// loader turns the document into JSON.
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "runtime/json.h"
#include "runtime/number.h"

namespace regoc {
namespace {

bool all_of(std::string_view s, bool (*predicate)(char)) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!predicate(c)) return false;
  }
  return true;
}

bool is_decimal(char c) { return c >= '0' && c <= '9'; }
bool is_octal(char c) { return c >= '0' && c <= '7'; }
bool is_hex(char c) { return is_decimal(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::string_view strip_sign(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  return s;
}

// The core schema's float form: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool is_core_float(std::string_view s) {
  s = strip_sign(s);
  size_t i = 0;
  size_t int_digits = 0;
  while (i < s.size() && is_decimal(s[i])) ++i, ++int_digits;
  size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_decimal(s[i])) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (!all_of(s.substr(i), is_decimal)) return false;
    i = s.size();
  }
  return i == s.size();
}

// Integers in the core schema's forms, exact at any size.
std::optional<Number> resolve_integer(std::string_view s) {
  bool negative = !s.empty() && s[0] == '-';
  std::string_view digits = strip_sign(s);
  int base = 10;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'o' || digits[1] == 'x')) {
    base = digits[1] == 'o' ? 8 : 16;
    digits.remove_prefix(2);
    if (s.size() != digits.size() + 2) return std::nullopt;  // no sign on 0o and 0x
  }
  bool valid = base == 10 ? all_of(digits, is_decimal)
                          : all_of(digits, base == 8 ? is_octal : is_hex);
  if (!valid) return std::nullopt;
  mpz_class value(std::string(digits), base);
  return Number::from_bigint(negative ? mpz_class(-value) : value);
}

// YAML floats reach OPA as float64 values, so 1.0 becomes the integer 1.
// NOTE: a non-integral float prints in Go's 'g' form (1234567.5 -> 1.2345675e+06) where OPA
// would print encoding/json's form (1234567.5); the value is the same.
Number resolve_float(const std::string& s) {
  double d = std::strtod(s.c_str(), nullptr);
  if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 1e21) {
    return Number::from_bigint(mpz_class(d));
  }
  return Number::from_double(d);
}

Value resolve_plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return Value::null();
  if (s == "true" || s == "True" || s == "TRUE") return Value::boolean(true);
  if (s == "false" || s == "False" || s == "FALSE") return Value::boolean(false);
  if (auto integer = resolve_integer(s)) return Value::number(*integer);
  // NOTE: .inf and .nan have no JSON form, so they stay strings.
  if (is_core_float(s)) return Value::number(resolve_float(s));
  return Value::string(s);
}

Value convert(const YAML::Node& node);

Value convert_scalar(const YAML::Node& node) {
  const std::string& tag = node.Tag();
  if (tag == "?") return resolve_plain_scalar(node.Scalar());
  if (tag == "tag:yaml.org,2002:null") return Value::null();
  if (tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:int" ||
      tag == "tag:yaml.org,2002:float") {
    return resolve_plain_scalar(node.Scalar());
  }
  return Value::string(node.Scalar());  // quoted ("!"), block, !!str and unknown tags
}

Value convert(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return Value::null();
    case YAML::NodeType::Scalar:
      return convert_scalar(node);
    case YAML::NodeType::Sequence: {
      std::vector<Value> items;
      for (const auto& item : node) items.push_back(convert(item));
      return Value::array(std::move(items));
    }
    case YAML::NodeType::Map: {
      std::vector<Value::Entry> entries;
      for (const auto& entry : node) {
        if (!entry.first.IsScalar() && !entry.first.IsNull()) {
          throw YAML::Exception(entry.first.Mark(), "mapping keys must be scalars");
        }
        std::string key = entry.first.IsNull() ? "null" : entry.first.Scalar();
        entries.emplace_back(Value::string(key), convert(entry.second));
      }
      return Value::object(std::move(entries));
    }
  }
  return Value::null();
}

}  // namespace

bool parse_yaml(std::string_view text, Value* out, std::string* error) {
  try {
    *out = convert(YAML::Load(std::string(text)));
    return true;
  } catch (const YAML::Exception& e) {
    if (error) {
      *error = "invalid YAML at line " + std::to_string(e.mark.line + 1) + ", column " +
               std::to_string(e.mark.column + 1) + ": " + e.msg;
    }
    return false;
  }
}

}  // namespace regoc
