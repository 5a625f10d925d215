// Number text: parsing JSON and Rego number literals, and printing numbers the way Go does.
//
// Computed floats print like Go's big.Float.Text and strconv.FormatFloat with format 'g' and
// the shortest precision. That is the fewest digits that read back as the same binary value,
// in exponent form (`1e-05`, `1.5e+06`) when the decimal exponent is below -4 or at least 6.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "runtime/number.h"

namespace regoc {
namespace {

// Decimal exponents beyond this bound are rejected so that one literal such as 1e999999999
// cannot allocate an integer of billions of digits.
// NOTE: OPA accepts any exponent; values beyond 1e100000 are not supported here.
constexpr int64_t kMaxDecimalExponent = 100000;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Digits and decimal point of a positive value: value = 0.digits * 10^point.
struct Decimal {
  std::string digits;
  int point = 0;
};

// Reads the digits of printf's "%e" output ("d.ddde+XX").
Decimal read_exponent_form(const char* text) {
  Decimal out;
  const char* p = text;
  for (; *p != 'e'; ++p) {
    if (is_digit(*p)) out.digits.push_back(*p);
  }
  out.point = std::atoi(p + 1) + 1;
  while (out.digits.size() > 1 && out.digits.back() == '0') out.digits.pop_back();
  return out;
}

// The shortest correctly rounded decimal that reads back as `value` (> 0) with a 64-bit
// mantissa. glibc's printf and strtold are exact, so the first precision that round-trips
// is the shortest.
Decimal shortest_long_double(long double value) {
  char buffer[64];
  for (int precision = 0; precision < 24; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*Le", precision, value);
    if (std::strtold(buffer, nullptr) == value) break;
  }
  return read_exponent_form(buffer);
}

// As shortest_long_double for a double (53-bit mantissa), like strconv.FormatFloat(f, 'g', -1,
// 64).
Decimal shortest_double(double value) {
  char buffer[64];
  for (int precision = 0; precision < 18; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*e", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return read_exponent_form(buffer);
}

// Go's 'g' format at shortest precision.
std::string format_g(bool negative, const Decimal& decimal) {
  std::string out = negative ? "-" : "";
  const std::string& digits = decimal.digits;
  int count = static_cast<int>(digits.size());
  int exponent = decimal.point - 1;

  if (exponent < -4 || exponent >= 6) {
    out += digits[0];
    if (count > 1) out += "." + digits.substr(1);
    out += exponent < 0 ? "e-" : "e+";
    int magnitude = exponent < 0 ? -exponent : exponent;
    if (magnitude < 10) out += '0';
    out += std::to_string(magnitude);
    return out;
  }

  if (decimal.point <= 0) {
    out += "0." + std::string(-decimal.point, '0') + digits;
  } else if (decimal.point >= count) {
    out += digits + std::string(decimal.point - count, '0');
  } else {
    out += digits.substr(0, decimal.point) + "." + digits.substr(decimal.point);
  }
  return out;
}

// Reads an exponent's digits, saturating far beyond kMaxDecimalExponent.
int64_t read_exponent(std::string_view digits) {
  int64_t value = 0;
  for (char c : digits) {
    value = value * 10 + (c - '0');
    if (value > 4 * kMaxDecimalExponent) break;
  }
  return value;
}

}  // namespace

std::optional<Number> Number::parse(std::string_view text) {
  size_t i = 0;
  size_t n = text.size();
  bool negative = i < n && text[i] == '-';
  if (negative) ++i;

  size_t int_start = i;
  while (i < n && is_digit(text[i])) ++i;
  std::string_view int_digits = text.substr(int_start, i - int_start);
  if (int_digits.size() > 1 && int_digits[0] == '0') return std::nullopt;

  std::string_view frac_digits;
  if (i < n && text[i] == '.') {
    size_t frac_start = ++i;
    while (i < n && is_digit(text[i])) ++i;
    frac_digits = text.substr(frac_start, i - frac_start);
    if (frac_digits.empty()) return std::nullopt;
  }
  if (int_digits.empty() && frac_digits.empty()) return std::nullopt;

  int64_t exponent = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exponent_negative = i < n && text[i] == '-';
    if (i < n && (text[i] == '-' || text[i] == '+')) ++i;
    size_t exp_start = i;
    while (i < n && is_digit(text[i])) ++i;
    if (i == exp_start) return std::nullopt;
    exponent = read_exponent(text.substr(exp_start, i - exp_start));
    if (exponent_negative) exponent = -exponent;
  }
  if (i != n) return std::nullopt;

  // The value is digits * 10^exponent with the fraction folded into the digits.
  std::string digits(int_digits);
  digits += frac_digits;
  exponent -= static_cast<int64_t>(frac_digits.size());
  size_t first = digits.find_first_not_of('0');
  digits.erase(0, first == std::string::npos ? digits.size() : first);
  while (!digits.empty() && digits.back() == '0') {
    digits.pop_back();
    ++exponent;
  }

  Number out;
  if (digits.empty()) {
    exponent = 0;  // zero, however it is written
  } else if (exponent > kMaxDecimalExponent || exponent < -kMaxDecimalExponent) {
    return std::nullopt;
  }

  mpz_class coefficient(digits.empty() ? "0" : digits, 10);
  if (negative) coefficient = -coefficient;
  if (exponent >= 0) {
    mpz_class scale;
    mpz_ui_pow_ui(scale.get_mpz_t(), 10, static_cast<unsigned long>(exponent));
    out = from_bigint(coefficient * scale);
  } else {
    out.rep_ = Rep::Float;
    out.big_ = std::move(coefficient);
    out.exponent_ = static_cast<int32_t>(exponent);
    std::string terminated(text);
    out.float_ = std::strtold(terminated.c_str(), nullptr);
  }

  // Plain integer text ("42", "-7") is already canonical and needs no copy.
  bool canonical = out.rep_ != Rep::Float && frac_digits.empty() && exponent == 0 &&
                   text.find_first_of("eE") == std::string_view::npos &&
                   !(negative && digits.empty());
  if (!canonical) {
    out.has_literal_ = true;
    out.text_ = std::string(text);
  }
  return out;
}

Number Number::from_double(double value) {
  if (!std::isfinite(value)) return Number();
  if (value == 0) return std::signbit(value) ? *parse("-0") : Number();

  std::string text = format_g(value < 0, shortest_double(std::fabs(value)));
  return *parse(text);
}

Number Number::from_float_result(long double value) {
  // NOTE: big.Float never overflows, but a 64-bit-mantissa long double does beyond about
  // 1e4932; such results become 0.
  if (!std::isfinite(value)) return Number();
  if (value == 0) return std::signbit(value) ? *parse("-0") : Number();

  Decimal decimal = shortest_long_double(std::fabs(value));
  bool negative = value < 0;
  int count = static_cast<int>(decimal.digits.size());

  // An integral result prints as a plain integer (Go's 'f' format) in OPA.
  if (std::truncl(value) == value && decimal.point >= count) {
    mpz_class integer(decimal.digits, 10);
    mpz_class scale;
    mpz_ui_pow_ui(scale.get_mpz_t(), 10, static_cast<unsigned long>(decimal.point - count));
    integer *= scale;
    return from_bigint(negative ? mpz_class(-integer) : integer);
  }

  Number out;
  out.rep_ = Rep::Float;
  out.big_ = mpz_class(decimal.digits, 10);
  if (negative) out.big_ = -out.big_;
  out.exponent_ = decimal.point - count;
  out.float_ = value;
  out.text_ = format_g(negative, decimal);
  return out;
}

std::string Number::format_shortest(long double value) {
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  return format_g(value < 0, shortest_long_double(std::fabs(value)));
}

std::string Number::to_string() const {
  if (!text_.empty()) return text_;
  if (rep_ == Rep::Small) return std::to_string(small_);
  return big_.get_str();
}

std::string Number::to_canonical_string() const {
  switch (rep_) {
    case Rep::Small:
      return std::to_string(small_);
    case Rep::Big:
      return big_.get_str();
    case Rep::Float:
      return has_literal_ ? format_shortest(float_) : text_;
  }
  return text_;
}

}  // namespace regoc
