// units.parse and units.parse_bytes: quantities with SI (k, M, G, ...) or binary (Ki, Mi, ...)
// suffixes, as in Kubernetes resource strings ("100Mi", "1.5G", "250m"). Amounts are exact
// rationals, so "0.1K" is exactly 100.
#include <gmpxx.h>

#include <cctype>
#include <optional>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/number.h"

namespace regoc {
namespace {

// The longest exponent that OPA accepts, in digits ("1e999999K" parses, "1e9999999K" fails).
constexpr size_t kMaxExponentDigits = 6;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Splits "2.5e3Ki" into the amount "2.5e3" and the unit "Ki". An "e" or "E" belongs to the
// amount only when digits follow it (with an optional sign), so "10e" is ten exa.
void split_amount(std::string_view text, std::string_view* amount, std::string_view* unit) {
  size_t end = 0;
  while (end < text.size() &&
         (is_digit(text[end]) || text[end] == '.' || text[end] == '+' || text[end] == '-')) {
    ++end;
  }
  if (end > 0 && end < text.size() && (text[end] == 'e' || text[end] == 'E')) {
    size_t digits = end + 1;
    if (digits < text.size() && (text[digits] == '+' || text[digits] == '-')) ++digits;
    if (digits < text.size() && is_digit(text[digits])) {
      end = digits;
      while (end < text.size() && is_digit(text[end])) ++end;
    }
  }
  *amount = text.substr(0, end);
  *unit = text.substr(end);
}

// True when the amount's exponent has more digits than OPA allows.
bool exponent_too_large(std::string_view amount) {
  size_t e = amount.find_first_of("eE");
  if (e == std::string_view::npos) return false;
  std::string_view exponent = amount.substr(e + 1);
  if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) exponent.remove_prefix(1);
  return exponent.size() > kMaxExponentDigits;
}

// Parses a decimal amount ("-3.5", ".5", "2e3", "7.8E-1") exactly; nullopt when malformed.
std::optional<mpq_class> parse_amount(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  mpz_class digits = 0;
  int64_t scale = 0;  // the value is digits * 10^scale
  size_t count = 0;
  bool point = false;
  size_t i = 0;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    if (text[i] == '.') {
      if (point) return std::nullopt;
      point = true;
      continue;
    }
    if (!is_digit(text[i])) return std::nullopt;
    digits = digits * 10 + (text[i] - '0');
    if (point) --scale;
    ++count;
  }
  if (count == 0) return std::nullopt;
  if (i < text.size()) {
    std::string_view exponent = text.substr(i + 1);
    bool negative_exponent = false;
    if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) {
      negative_exponent = exponent[0] == '-';
      exponent.remove_prefix(1);
    }
    if (exponent.empty()) return std::nullopt;
    int64_t value = 0;
    for (char c : exponent) {
      if (!is_digit(c)) return std::nullopt;
      value = value * 10 + (c - '0');
    }
    scale += negative_exponent ? -value : value;
  }

  mpz_class power;
  mpz_ui_pow_ui(power.get_mpz_t(), 10, static_cast<unsigned long>(scale < 0 ? -scale : scale));
  mpq_class amount = scale < 0 ? mpq_class(digits, power) : mpq_class(digits * power);
  amount.canonicalize();
  return negative ? mpq_class(-amount) : amount;
}

mpz_class power_of(unsigned long base, unsigned long exponent) {
  mpz_class power;
  mpz_ui_pow_ui(power.get_mpz_t(), base, exponent);
  return power;
}

// The multiplier of a unit: "k" or "K" 1000, "ki" or "Ki" 1024 and so on up to exa. nullopt
// for an unknown unit. The prefix letter may be either case; the caller decides what "m" is.
std::optional<mpz_class> unit_multiplier(std::string_view unit) {
  static constexpr std::string_view kPrefixes = "kmgtpe";
  if (unit.empty()) return mpz_class(1);
  char prefix = static_cast<char>(std::tolower(static_cast<unsigned char>(unit[0])));
  size_t power = kPrefixes.find(prefix);
  if (power == std::string_view::npos) return std::nullopt;
  if (unit.size() == 1) return power_of(1000, power + 1);
  if (unit.substr(1) == "i") return power_of(1024, power + 1);
  return std::nullopt;
}

// The checks and the split that both builtins share. Returns false after failing.
bool split_quantity(BuiltinContext& context, std::string_view name, std::string_view text,
                    std::string_view missing_message, std::string_view* amount,
                    std::string_view* unit) {
  if (text.find(' ') != std::string_view::npos) {
    builtin_error(context, name, "spaces not allowed in resource strings");
    return false;
  }
  split_amount(text, amount, unit);
  if (amount->empty()) {
    builtin_error(context, name, missing_message);
    return false;
  }
  if (exponent_too_large(*amount)) {
    builtin_error(context, name, "exponent too large");
    return false;
  }
  return true;
}

std::string without_quotes(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '"') out.push_back(c);
  }
  return out;
}

// units.parse: "m" is milli and "M" mega; otherwise only the first letter's case matters
// ("KI" is "Ki"). A fractional result prints with ten decimal places, as OPA's does.
BuiltinStatus parse(BuiltinContext& context, std::span<const Value> args, Value& result) {
  constexpr std::string_view kName = "units.parse";
  if (!args[0].is_string()) return context.type_error(kName, 1, "string", args[0]);
  std::string text = without_quotes(args[0].as_string());
  std::string_view amount_text, unit_text;
  if (!split_quantity(context, kName, text, "no amount provided", &amount_text, &unit_text)) {
    return BuiltinStatus::Error;
  }
  std::string unit(unit_text);
  for (size_t i = 1; i < unit.size(); ++i) {
    unit[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(unit[i])));
  }

  mpq_class multiplier;
  if (unit == "m") {
    multiplier = mpq_class(1, 1000);
  } else if (std::optional<mpz_class> factor = unit_multiplier(unit)) {
    multiplier = *factor;
  } else {
    return builtin_error(context, kName, "unit " + unit + " not recognized");
  }
  std::optional<mpq_class> amount = parse_amount(amount_text);
  if (!amount) return builtin_error(context, kName, "could not parse amount to a number");

  mpq_class value = *amount * multiplier;
  value.canonicalize();
  if (value.get_den() == 1) {
    result = Value::number(Number::from_bigint(value.get_num()));
    return BuiltinStatus::Ok;
  }
  // Round to ten decimal places, halves away from zero.
  mpz_class scaled = value.get_num() * power_of(10, 10);
  mpz_class quotient, remainder;
  mpz_tdiv_qr(quotient.get_mpz_t(), remainder.get_mpz_t(), scaled.get_mpz_t(),
              value.get_den().get_mpz_t());
  if (2 * abs(remainder) >= value.get_den()) quotient += sgn(scaled);
  std::string digits = mpz_class(abs(quotient)).get_str();
  if (digits.size() < 11) digits.insert(0, 11 - digits.size(), '0');
  digits.insert(digits.size() - 10, ".");
  if (sgn(quotient) < 0 || (sgn(quotient) == 0 && sgn(scaled) < 0)) digits.insert(0, "-");
  result = Value::number(*Number::parse(digits));
  return BuiltinStatus::Ok;
}

// units.parse_bytes: case-insensitive units with an optional "b" ("10KB", "1kib"), and the
// result truncated to an integer number of bytes.
BuiltinStatus parse_bytes(BuiltinContext& context, std::span<const Value> args, Value& result) {
  constexpr std::string_view kName = "units.parse_bytes";
  if (!args[0].is_string()) return context.type_error(kName, 1, "string", args[0]);
  std::string text = without_quotes(args[0].as_string());
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view amount_text, unit_text;
  if (!split_quantity(context, kName, text, "no byte amount provided", &amount_text, &unit_text)) {
    return BuiltinStatus::Error;
  }
  std::string_view unit = unit_text;
  if (unit.size() > 1 && unit.back() == 'b') unit.remove_suffix(1);
  std::optional<mpz_class> multiplier = unit_multiplier(unit);
  if (!multiplier) {
    return builtin_error(context, kName, "byte unit " + std::string(unit_text) + " not recognized");
  }
  std::optional<mpq_class> amount = parse_amount(amount_text);
  if (!amount) {
    return builtin_error(context, kName, "could not parse byte amount to a number");
  }
  mpq_class value = *amount * *multiplier;
  mpz_class bytes;
  mpz_tdiv_q(bytes.get_mpz_t(), value.get_num().get_mpz_t(), value.get_den().get_mpz_t());
  result = Value::number(Number::from_bigint(bytes));
  return BuiltinStatus::Ok;
}

}  // namespace

void register_unit_builtins(Registry& registry) {
  registry.add("units.parse", parse);
  registry.add("units.parse_bytes", parse_bytes);
}

}  // namespace regoc
