// Numbers and JSON text for the JSON Schema validator: exact decimal arithmetic in place of
// Go's big.Rat, Go's big.Float 'g' formatting for error descriptions, and the float64 round
// trip that gojsonschema applies before comparing const, enum and uniqueItems values.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "runtime/builtins/json_schema.h"
#include "runtime/json.h"
#include "runtime/number.h"

namespace regoc::json_schema {
namespace {

mpz_class power_of_ten(int64_t exponent) {
  mpz_class out;
  mpz_ui_pow_ui(out.get_mpz_t(), 10, static_cast<unsigned long>(exponent));
  return out;
}

int64_t digit_count(const mpz_class& value) {
  if (value == 0) return 1;
  return static_cast<int64_t>(mpz_class(abs(value)).get_str().size());
}

// Go's encoding/json float64 form: shortest round-trip digits, plain notation for magnitudes
// in [1e-6, 1e21) and otherwise an exponent without a leading zero ("1e-7", "1e+21").
std::string go_json_float(double value) {
  char buffer[64];
  double magnitude = std::fabs(value);
  bool exponent_form = magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21);
  auto format = exponent_form ? std::chars_format::scientific : std::chars_format::fixed;
  auto [end, code] = std::to_chars(buffer, buffer + sizeof(buffer), value, format);
  std::string text(buffer, end);
  size_t e = text.find('e');
  if (e != std::string::npos && e + 2 < text.size() && text[e + 2] == '0' &&
      text.size() - e == 4) {
    text.erase(e + 2, 1);
  }
  return text;
}

void append_normalized(const Value& value, std::string* out, std::string* error) {
  switch (value.kind()) {
    case Kind::Number: {
      std::string text = number_text(value);
      double parsed = std::strtod(text.c_str(), nullptr);
      if (std::isinf(parsed)) {
        *error = "json: cannot unmarshal number " + text + " into Go value of type float64";
        return;
      }
      *out += go_json_float(parsed);
      return;
    }
    case Kind::Array:
    case Kind::Set: {
      std::span<const Value> items = value.is_array() ? value.array_items() : value.set_items();
      *out += '[';
      for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) *out += ',';
        append_normalized(items[i], out, error);
      }
      *out += ']';
      return;
    }
    case Kind::Object: {
      *out += '{';
      bool first = true;
      for (const Value::Entry& entry : value.object_entries()) {
        if (!first) *out += ',';
        first = false;
        *out += to_json(entry.first);
        *out += ':';
        append_normalized(entry.second, out, error);
      }
      *out += '}';
      return;
    }
    default:
      *out += to_json(value);
  }
}

}  // namespace

std::string number_text(const Value& number) { return number.as_number().to_string(); }

Decimal decimal_of(const Value& number) {
  std::string text = number_text(number);
  Decimal out;
  std::string digits;
  size_t i = 0;
  bool negative = i < text.size() && text[i] == '-';
  if (negative) ++i;
  int64_t fraction_digits = 0;
  bool in_fraction = false;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    if (text[i] == '.') {
      in_fraction = true;
      continue;
    }
    digits += text[i];
    if (in_fraction) ++fraction_digits;
  }
  int64_t exponent = 0;
  if (i < text.size()) exponent = std::strtoll(text.c_str() + i + 1, nullptr, 10);
  // Keeps exponent arithmetic far from int64 overflow; no float64 comes near these values.
  exponent = std::clamp<int64_t>(exponent, -(int64_t{1} << 40), int64_t{1} << 40);
  out.coefficient = mpz_class(digits.empty() ? "0" : digits, 10);
  if (negative) out.coefficient = -out.coefficient;
  out.exponent = exponent - fraction_digits;
  if (out.coefficient == 0) {
    out.exponent = 0;
    return out;
  }
  while (out.coefficient % 10 == 0) {
    out.coefficient /= 10;
    ++out.exponent;
  }
  return out;
}

int compare_decimals(const Decimal& a, const Decimal& b) {
  int sign_a = sgn(a.coefficient);
  int sign_b = sgn(b.coefficient);
  if (sign_a != sign_b) return sign_a < sign_b ? -1 : 1;
  if (sign_a == 0) return 0;
  // Same sign: compare the positions of the leading digits first, so that the scaling below
  // stays within the digit counts even for literals such as 1e1000000000.
  int64_t lead_a = a.exponent + digit_count(a.coefficient);
  int64_t lead_b = b.exponent + digit_count(b.coefficient);
  if (lead_a != lead_b) return (lead_a < lead_b) == (sign_a > 0) ? -1 : 1;
  int64_t common = std::min(a.exponent, b.exponent);
  mpz_class scaled_a = a.coefficient * power_of_ten(a.exponent - common);
  mpz_class scaled_b = b.coefficient * power_of_ten(b.exponent - common);
  return cmp(scaled_a, scaled_b) < 0 ? -1 : (scaled_a == scaled_b ? 0 : 1);
}

bool is_multiple_of(const Decimal& a, const Decimal& b) {
  if (a.coefficient == 0) return true;
  mpz_class divisor = abs(b.coefficient);
  int64_t shift = a.exponent - b.exponent;
  if (shift >= 0) {
    // a / b = a.coefficient * 10^shift / b.coefficient.
    mpz_class power;
    mpz_class ten = 10;
    mpz_powm_ui(power.get_mpz_t(), ten.get_mpz_t(), static_cast<unsigned long>(shift),
                divisor.get_mpz_t());
    return (abs(a.coefficient) * power) % divisor == 0;
  }
  // a / b = a.coefficient / (b.coefficient * 10^-shift) needs 10 to divide a.coefficient,
  // which decimal_of strips of trailing zeros.
  return false;
}

std::string format_decimal_g10(const Decimal& value) {
  constexpr size_t kPrecision = 10;
  if (value.coefficient == 0) return "0";
  std::string digits = mpz_class(abs(value.coefficient)).get_str();
  // The decimal point sits after `point` digits: value = 0.digits * 10^point.
  int64_t point = static_cast<int64_t>(digits.size()) + value.exponent;

  if (digits.size() > kPrecision) {
    std::string rest = digits.substr(kPrecision);
    digits.resize(kPrecision);
    bool above_half = rest[0] > '5' || (rest[0] == '5' && rest.find_first_not_of('0', 1) !=
                                                              std::string::npos);
    bool half = rest[0] == '5' && !above_half;
    bool round_up = above_half || (half && (digits.back() - '0') % 2 == 1);
    if (round_up) {
      size_t i = digits.size();
      while (i > 0 && digits[i - 1] == '9') digits[--i] = '0';
      if (i == 0) {
        digits.insert(digits.begin(), '1');
        ++point;
      } else {
        ++digits[i - 1];
      }
    }
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();

  auto size = static_cast<int64_t>(digits.size());
  auto precision = static_cast<int64_t>(kPrecision);
  int64_t exponent_limit = precision;
  if (precision > size && size >= point) exponent_limit = size;
  int64_t exponent = point - 1;
  std::string out = value.coefficient < 0 ? "-" : "";
  if (exponent < -4 || exponent >= exponent_limit) {
    out += digits[0];
    if (size > 1) out += "." + digits.substr(1);
    out += exponent < 0 ? "e-" : "e+";
    std::string magnitude = std::to_string(exponent < 0 ? -exponent : exponent);
    if (magnitude.size() < 2) magnitude.insert(magnitude.begin(), '0');
    return out + magnitude;
  }
  if (point > 0) {
    for (int64_t i = 0; i < point; ++i) out += i < size ? digits[static_cast<size_t>(i)] : '0';
  } else {
    out += '0';
  }
  int64_t fraction = std::max<int64_t>((precision > point ? size : precision) - point, 0);
  if (fraction > 0) {
    out += '.';
    for (int64_t i = 0; i < fraction; ++i) {
      int64_t index = point + i;
      out += index >= 0 && index < size ? digits[static_cast<size_t>(index)] : '0';
    }
  }
  return out;
}

bool normalized_json(const Value& value, std::string* out, std::string* error) {
  out->clear();
  error->clear();
  append_normalized(value, out, error);
  return error->empty();
}

Value to_json_document(const Value& value) {
  if (value.is_array() || value.is_set()) {
    std::span<const Value> items = value.is_array() ? value.array_items() : value.set_items();
    std::vector<Value> converted;
    converted.reserve(items.size());
    for (const Value& item : items) converted.push_back(to_json_document(item));
    return Value::array(std::move(converted));
  }
  if (value.is_object()) {
    std::vector<Value::Entry> entries;
    for (const Value::Entry& entry : value.object_entries()) {
      Value key = entry.first.is_string() ? entry.first
                                          : Value::string(to_json(to_json_document(entry.first)));
      entries.emplace_back(std::move(key), to_json_document(entry.second));
    }
    return Value::object(std::move(entries));
  }
  return value;
}

}  // namespace regoc::json_schema
