// Number: construction, conversion, comparison, hashing and arithmetic.
//
// Arithmetic follows OPA 1.20's topdown/arithmetic.go: exact on integers, otherwise on binary
// floats with a 64-bit mantissa. On x86-64 `long double` has exactly that mantissa and rounds
// to nearest even, the rounding of Go's big.Float. Text handling lives in number_text.cc.
#include "runtime/number.h"

#include <climits>
#include <cmath>
#include <cstdlib>
#include <functional>

namespace regoc {
namespace {

size_t mix(size_t seed, size_t value) {
  return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

size_t hash_mpz(const mpz_class& value) {
  size_t seed = static_cast<size_t>(mpz_sgn(value.get_mpz_t()) + 7);
  size_t limbs = mpz_size(value.get_mpz_t());
  for (size_t i = 0; i < limbs; ++i) {
    seed = mix(seed, static_cast<size_t>(mpz_getlimbn(value.get_mpz_t(), i)));
  }
  return seed;
}

mpz_class power_of_ten(int64_t exponent) {
  mpz_class out;
  mpz_ui_pow_ui(out.get_mpz_t(), 10, static_cast<unsigned long>(exponent));
  return out;
}

// Compares two positive decimals a * 10^ea and b * 10^eb.
int compare_positive_decimals(const mpz_class& a, int64_t ea, const mpz_class& b,
                              int64_t eb) {
  // Orders of magnitude first (sizeinbase may overstate by one), so that scaling below
  // multiplies by at most about as many digits as the operands already have.
  int64_t magnitude_a = static_cast<int64_t>(mpz_sizeinbase(a.get_mpz_t(), 10)) + ea;
  int64_t magnitude_b = static_cast<int64_t>(mpz_sizeinbase(b.get_mpz_t(), 10)) + eb;
  if (magnitude_a > magnitude_b + 1) return 1;
  if (magnitude_a + 1 < magnitude_b) return -1;

  int result;
  if (ea >= eb) {
    result = cmp(mpz_class(a * power_of_ten(ea - eb)), b);
  } else {
    result = cmp(a, mpz_class(b * power_of_ten(eb - ea)));
  }
  return result < 0 ? -1 : (result > 0 ? 1 : 0);
}

}  // namespace

Number::Number() = default;

Number Number::from_int64(int64_t value) {
  Number out;
  out.small_ = value;
  return out;
}

Number Number::from_bigint(const mpz_class& value) {
  Number out;
  if (mpz_fits_slong_p(value.get_mpz_t())) {
    out.small_ = mpz_get_si(value.get_mpz_t());
  } else {
    out.rep_ = Rep::Big;
    out.big_ = value;
  }
  return out;
}

bool Number::is_integer() const { return rep_ != Rep::Float; }

bool Number::fits_int64() const { return rep_ == Rep::Small; }

int64_t Number::to_int64() const { return small_; }

std::optional<mpz_class> Number::to_bigint() const {
  if (rep_ == Rep::Float) return std::nullopt;
  return to_mpz();
}

mpz_class Number::to_mpz() const {
  if (rep_ == Rep::Small) return mpz_class(static_cast<signed long>(small_));
  return big_;
}

double Number::to_double() const {
  switch (rep_) {
    case Rep::Small:
      return static_cast<double>(small_);
    case Rep::Big:
      return std::strtod(big_.get_str().c_str(), nullptr);
    case Rep::Float:
      // The text is exact (literal or shortest form), so this rounds once.
      return std::strtod(text_.c_str(), nullptr);
  }
  return 0;
}

long double Number::to_long_double() const {
  switch (rep_) {
    case Rep::Small:
      return static_cast<long double>(small_);
    case Rep::Big:
      return std::strtold(big_.get_str().c_str(), nullptr);
    case Rep::Float:
      return float_;
  }
  return 0;
}

int Number::sign() const {
  if (rep_ == Rep::Small) return small_ < 0 ? -1 : (small_ > 0 ? 1 : 0);
  return mpz_sgn(big_.get_mpz_t());
}

void Number::decimal(mpz_class* coefficient, int64_t* exponent) const {
  *coefficient = rep_ == Rep::Float ? big_ : to_mpz();
  *exponent = rep_ == Rep::Float ? exponent_ : 0;
}

int Number::compare(const Number& other) const {
  if (rep_ == Rep::Small && other.rep_ == Rep::Small) {
    return small_ < other.small_ ? -1 : (small_ > other.small_ ? 1 : 0);
  }
  if (rep_ != Rep::Float && other.rep_ != Rep::Float) {
    int result = cmp(to_mpz(), other.to_mpz());
    return result < 0 ? -1 : (result > 0 ? 1 : 0);
  }

  int sign_a = sign();
  int sign_b = other.sign();
  if (sign_a != sign_b) return sign_a < sign_b ? -1 : 1;
  if (sign_a == 0) return 0;

  mpz_class a, b;
  int64_t ea, eb;
  decimal(&a, &ea);
  other.decimal(&b, &eb);
  mpz_abs(a.get_mpz_t(), a.get_mpz_t());
  mpz_abs(b.get_mpz_t(), b.get_mpz_t());
  return sign_a * compare_positive_decimals(a, ea, b, eb);
}

size_t Number::hash_int64(int64_t value) { return std::hash<int64_t>()(value); }

size_t Number::hash() const {
  switch (rep_) {
    case Rep::Small:
      return hash_int64(small_);
    case Rep::Big:
      return hash_mpz(big_);
    case Rep::Float:
      return mix(hash_mpz(big_), static_cast<size_t>(exponent_));
  }
  return 0;
}

Number Number::add(const Number& other) const {
  if (rep_ == Rep::Small && other.rep_ == Rep::Small) {
    int64_t sum;
    if (!__builtin_add_overflow(small_, other.small_, &sum)) return from_int64(sum);
  }
  if (is_integer() && other.is_integer()) return from_bigint(to_mpz() + other.to_mpz());
  return from_float_result(to_long_double() + other.to_long_double());
}

Number Number::subtract(const Number& other) const {
  if (rep_ == Rep::Small && other.rep_ == Rep::Small) {
    int64_t difference;
    if (!__builtin_sub_overflow(small_, other.small_, &difference)) {
      return from_int64(difference);
    }
  }
  if (is_integer() && other.is_integer()) return from_bigint(to_mpz() - other.to_mpz());
  return from_float_result(to_long_double() - other.to_long_double());
}

Number Number::multiply(const Number& other) const {
  if (rep_ == Rep::Small && other.rep_ == Rep::Small) {
    int64_t product;
    if (!__builtin_mul_overflow(small_, other.small_, &product)) return from_int64(product);
  }
  if (is_integer() && other.is_integer()) return from_bigint(to_mpz() * other.to_mpz());
  return from_float_result(to_long_double() * other.to_long_double());
}

std::optional<Number> Number::divide(const Number& divisor, std::string* error) const {
  if (divisor.is_zero()) {
    if (error) *error = "divide by zero";
    return std::nullopt;
  }
  // OPA keeps an exact quotient of integers as an integer. A zero dividend goes through
  // floats, where 0 / -5 is -0 and prints as "-0".
  if (rep_ == Rep::Small && divisor.rep_ == Rep::Small && small_ != 0 &&
      !(small_ == INT64_MIN && divisor.small_ == -1) && small_ % divisor.small_ == 0) {
    return from_int64(small_ / divisor.small_);
  }
  return from_float_result(to_long_double() / divisor.to_long_double());
}

std::optional<Number> Number::remainder(const Number& divisor, std::string* error) const {
  if (!is_integer() || !divisor.is_integer()) {
    if (error) *error = "modulo on floating-point number";
    return std::nullopt;
  }
  if (divisor.is_zero()) {
    if (error) *error = "modulo by zero";
    return std::nullopt;
  }
  if (rep_ == Rep::Small && divisor.rep_ == Rep::Small) {
    if (divisor.small_ == -1) return from_int64(0);  // INT64_MIN % -1 traps in C++
    return from_int64(small_ % divisor.small_);
  }
  mpz_class result;
  mpz_tdiv_r(result.get_mpz_t(), to_mpz().get_mpz_t(), divisor.to_mpz().get_mpz_t());
  return from_bigint(result);
}

Number Number::negate() const {
  if (rep_ == Rep::Small && small_ != INT64_MIN) return from_int64(-small_);
  if (rep_ != Rep::Float) return from_bigint(-to_mpz());

  Number out = *this;
  out.big_ = -big_;
  out.float_ = -float_;
  out.has_literal_ = false;
  out.text_ = format_shortest(out.float_);
  return out;
}

// NOTE: OPA runs abs, round, ceil and floor on integers outside the int32 range through
// 64-bit-mantissa floats, which rounds integers above 2^64; here integers stay exact.
Number Number::abs() const {
  if (rep_ != Rep::Float) return sign() < 0 ? negate() : from_bigint(to_mpz());
  return from_float_result(std::fabs(float_));
}

namespace {

// Floats at or beyond int64's range round through this many bits of exact decimal arithmetic
// on the number's text, as OPA rounds big numbers with big.Float.
constexpr mp_bitcnt_t kBigFloatBits = 1024;
constexpr long double kInt64Limit = 9.2e18L;

mpf_class big_float(const Number& number) {
  mpf_class value(0, kBigFloatBits);
  value.set_str(number.to_string(), 10);
  return value;
}

Number from_mpf(const mpf_class& value) { return Number::from_bigint(mpz_class(value)); }

}  // namespace

Number Number::round() const {
  if (rep_ != Rep::Float) return from_bigint(to_mpz());
  if (std::fabs(float_) >= kInt64Limit) {
    mpf_class value = big_float(*this);
    mpf_class half(0.5, kBigFloatBits);
    return from_mpf(trunc(value < 0 ? mpf_class(value - half) : mpf_class(value + half)));
  }
  // Half away from zero: add or subtract one half (rounded like big.Float), then truncate.
  long double shifted = std::signbit(float_) ? float_ - 0.5L : float_ + 0.5L;
  return from_int64(static_cast<int64_t>(std::truncl(shifted)));
}

// ceil and floor copy OPA's arithCeil and arithFloor, which decide by the sign of the
// truncated value. For values between -1 and 0 that truncate to +0 this gives ceil(-0.5) = 1
// and floor(-0.5) = 0, and regoc keeps those results.
Number Number::ceil() const {
  if (rep_ != Rep::Float) return from_bigint(to_mpz());
  if (std::fabs(float_) >= kInt64Limit) return from_mpf(::ceil(big_float(*this)));
  int64_t truncated = static_cast<int64_t>(std::truncl(float_));
  if (truncated < 0 || float_ == truncated) return from_int64(truncated);
  return from_int64(truncated + 1);
}

Number Number::floor() const {
  if (rep_ != Rep::Float) return from_bigint(to_mpz());
  if (std::fabs(float_) >= kInt64Limit) return from_mpf(::floor(big_float(*this)));
  int64_t truncated = static_cast<int64_t>(std::truncl(float_));
  if (truncated >= 0 || float_ == truncated) return from_int64(truncated);
  return from_int64(truncated - 1);
}

}  // namespace regoc
