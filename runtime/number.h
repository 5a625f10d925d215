// Rego numbers: integers of any size, exact, and non-integers as binary floating point.
//
// A Number parsed from JSON or Rego source keeps its literal text so that output repeats it
// byte for byte, as OPA does with json.Number (`1.0` prints `1.0`, `1e3` prints `1e3`).
// Computed results print in OPA's canonical form. External interface: class Number.
#pragma once

#include <gmpxx.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace regoc {

class Number {
 public:
  /// Zero.
  Number();

  /// Parses a JSON or Rego number literal (`-12`, `1.5`, `1e3`, `0.5E-2`); nullopt if the
  /// text is not one. The literal text is kept for output.
  static std::optional<Number> parse(std::string_view text);
  static Number from_int64(int64_t value);
  /// Wraps a double the way OPA's FloatNumberTerm does: the text is Go's shortest 'g' form
  /// (0.5 -> `0.5`, 3.0 -> `3`, 1e6 -> `1e+06`). Use from_int64 for results that must print
  /// as plain integers. NaN and infinities are not Rego numbers and become 0.
  static Number from_double(double value);
  static Number from_bigint(const mpz_class& value);

  /// True when the value is integral, including floats such as 1.0 or 1e3.
  bool is_integer() const;
  /// True when the value is integral and fits in int64.
  bool fits_int64() const;
  /// The value as int64; requires fits_int64().
  int64_t to_int64() const;
  /// The value as an exact integer when is_integer(), nullopt otherwise.
  std::optional<mpz_class> to_bigint() const;
  /// The nearest double (may round big integers; overflows to +-infinity).
  double to_double() const;
  /// -1, 0 or 1.
  int sign() const;
  bool is_zero() const { return sign() == 0; }

  /// OPA's output text: the literal as written when there is one, else the canonical form
  /// (integers in decimal, other values as Go's shortest round-trip formatting).
  std::string to_string() const;
  /// The canonical form, ignoring any literal text (`1.0` -> `1`, `1e3` -> `1000`).
  std::string to_canonical_string() const;
  /// True when the number came from source or JSON text that to_string() repeats.
  bool has_literal() const { return has_literal_; }

  /// Numeric comparison (1 == 1.0; big integers exact); -1, 0 or 1.
  int compare(const Number& other) const;
  bool operator==(const Number& other) const { return compare(other) == 0; }
  bool operator!=(const Number& other) const { return compare(other) != 0; }
  bool operator<(const Number& other) const { return compare(other) < 0; }
  /// Consistent with compare: equal values hash equal (1 and 1.0 included).
  size_t hash() const;
  /// The hash of the integer `value`, equal to from_int64(value).hash().
  static size_t hash_int64(int64_t value);

  // Arithmetic as OPA does it. Integer op integer is exact. Otherwise both operands round to
  // binary floating point with a 64-bit mantissa (Go's big.Float default precision) and the
  // result prints in its shortest form; an integral result becomes an integer (2.5 * 2 -> 5).
  Number add(const Number& other) const;
  Number subtract(const Number& other) const;
  Number multiply(const Number& other) const;
  /// Sets *error to "divide by zero" and returns nullopt when `divisor` is zero.
  std::optional<Number> divide(const Number& divisor, std::string* error) const;
  /// Remainder of integer division, with the sign of the dividend (Go's big.Int.Rem).
  /// Errors: "modulo by zero", "modulo on floating-point number".
  std::optional<Number> remainder(const Number& divisor, std::string* error) const;
  Number negate() const;
  Number abs() const;
  // round, ceil and floor return integers; round goes half away from zero (-2.5 -> -3).
  Number round() const;
  Number ceil() const;
  Number floor() const;

 private:
  // Integers that fit in int64 are Small, other integers Big. A non-integer is Float: its
  // exact decimal value is big_ * 10^exponent_ (big_ has no trailing zeros, exponent_ < 0)
  // and float_ is that value rounded to a 64-bit mantissa, the operand of float arithmetic.
  enum class Rep : uint8_t { Small, Big, Float };

  Rep rep_ = Rep::Small;
  bool has_literal_ = false;
  int32_t exponent_ = 0;
  int64_t small_ = 0;
  mpz_class big_;
  long double float_ = 0;
  // Output text: the literal when has_literal_, the canonical form for a computed Float,
  // empty for a computed integer.
  std::string text_;

  static Number from_float_result(long double value);
  static std::string format_shortest(long double value);
  long double to_long_double() const;
  mpz_class to_mpz() const;
  void decimal(mpz_class* coefficient, int64_t* exponent) const;
};

}  // namespace regoc
