// Tests for regoc::Number: parsing, exact comparison, OPA's arithmetic and its output text.
#include "runtime/number.h"

#include <gtest/gtest.h>

namespace regoc {
namespace {

Number num(std::string_view text) {
  auto n = Number::parse(text);
  EXPECT_TRUE(n.has_value()) << text;
  return n.value_or(Number());
}

std::string divide(std::string_view a, std::string_view b) {
  std::string error;
  auto result = num(a).divide(num(b), &error);
  return result ? result->to_string() : "error: " + error;
}

std::string remainder(std::string_view a, std::string_view b) {
  std::string error;
  auto result = num(a).remainder(num(b), &error);
  return result ? result->to_string() : "error: " + error;
}

TEST(Number, ParseKeepsLiteralText) {
  EXPECT_EQ(num("1.0").to_string(), "1.0");
  EXPECT_EQ(num("1e3").to_string(), "1e3");
  EXPECT_EQ(num("-0").to_string(), "-0");
  EXPECT_EQ(num("0.10").to_string(), "0.10");
  EXPECT_EQ(num("42").to_string(), "42");
  EXPECT_FALSE(num("42").has_literal());
  EXPECT_TRUE(num("1.0").has_literal());
}

TEST(Number, ParseRejectsInvalidText) {
  for (const char* bad : {"", "-", "01", "1.", "1e", "1e+", "abc", "1.5x", "--1", "+1", "."}) {
    EXPECT_FALSE(Number::parse(bad).has_value()) << bad;
  }
}

TEST(Number, IntegralLiteralsAreIntegers) {
  EXPECT_TRUE(num("1.0").is_integer());
  EXPECT_TRUE(num("1e3").fits_int64());
  EXPECT_EQ(num("1e3").to_int64(), 1000);
  EXPECT_FALSE(num("1.5").is_integer());
  EXPECT_EQ(num("1.50e1").to_int64(), 15);
  EXPECT_EQ(num("1e3").to_canonical_string(), "1000");
  EXPECT_EQ(num("0.10").to_canonical_string(), "0.1");
}

TEST(Number, CompareByValue) {
  EXPECT_EQ(num("1").compare(num("1.0")), 0);
  EXPECT_EQ(num("100").compare(num("1e2")), 0);
  EXPECT_EQ(num("-0").compare(num("0")), 0);
  EXPECT_EQ(num("3").compare(num("3.5")), -1);
  EXPECT_EQ(num("-2.5").compare(num("-2.25")), -1);
  EXPECT_EQ(num("0.01").compare(num("0.001")), 1);
  EXPECT_EQ(num("1e400").compare(num("1e399")), 1);
  EXPECT_EQ(num("1e-400").compare(num("0")), 1);
  EXPECT_EQ(num("0.1234567890123456789").compare(num("0.1234567890123456788")), 1);
  EXPECT_EQ(num("999999999999999").compare(num("1e15")), -1);
  EXPECT_EQ(num("1234567890123456789012").compare(num("1234567890123456789013")), -1);
  EXPECT_EQ(num("-1e299").compare(num("1e-299")), -1);
}

TEST(Number, EqualValuesHashEqual) {
  EXPECT_EQ(num("1").hash(), num("1.0").hash());
  EXPECT_EQ(num("3.5").hash(), num("3.50").hash());
  EXPECT_EQ(num("3.5").hash(), num("35e-1").hash());
  EXPECT_EQ(num("1e20").hash(), num("100000000000000000000").hash());
  EXPECT_EQ(Number::hash_int64(7), num("7.0").hash());
}

TEST(Number, BigIntegerArithmeticIsExact) {
  Number two = Number::from_int64(2);
  Number power = Number::from_int64(1);
  for (int i = 0; i < 100; ++i) power = power.multiply(two);
  EXPECT_EQ(power.to_string(), "1267650600228229401496703205376");
  EXPECT_FALSE(power.fits_int64());

  EXPECT_EQ(num("18446744073709551617").add(num("1")).to_string(), "18446744073709551618");
  EXPECT_EQ(num("18446744073709551617").subtract(num("1")).to_string(),
            "18446744073709551616");
  EXPECT_EQ(num("-18446744073709551617").subtract(num("1")).to_string(),
            "-18446744073709551618");
  EXPECT_EQ(num("9223372036854775807").add(num("1")).to_string(), "9223372036854775808");
  EXPECT_EQ(num("123456789012345678901234567890").add(num("1")).to_string(),
            "123456789012345678901234567891");
}

TEST(Number, FloatArithmeticText) {
  EXPECT_EQ(num("1.5").add(num("2.5")).to_string(), "4");
  EXPECT_EQ(num("1").add(num("2.5")).to_string(), "3.5");
  EXPECT_EQ(num("2.5").multiply(num("2")).to_string(), "5");
  EXPECT_TRUE(num("2.5").multiply(num("2")).fits_int64());
  EXPECT_EQ(num("1.0").add(num("1")).to_string(), "2");
}

TEST(Number, DivisionText) {
  EXPECT_EQ(divide("10", "4"), "2.5");
  EXPECT_EQ(divide("10", "5"), "2");
  EXPECT_EQ(divide("1", "3"), "0.33333333333333333334");
  EXPECT_EQ(divide("2", "3"), "0.6666666666666666667");
  EXPECT_EQ(divide("1", "8"), "0.125");
  EXPECT_EQ(divide("0", "-5"), "-0");
  EXPECT_EQ(divide("1", "100000"), "1e-05");
  EXPECT_EQ(divide("3", "0.000002"), "1500000");
  EXPECT_EQ(divide("2469135", "2"), "1.2345675e+06");
  EXPECT_EQ(divide("1", "0"), "error: divide by zero");
  EXPECT_EQ(divide("1", "0.0"), "error: divide by zero");
}

TEST(Number, RemainderOnIntegersOnly) {
  EXPECT_EQ(remainder("7", "3"), "1");
  EXPECT_EQ(remainder("-7", "3"), "-1");
  EXPECT_EQ(remainder("7", "-3"), "1");
  EXPECT_EQ(remainder("10", "18446744073709551616"), "10");
  EXPECT_EQ(remainder("100", "-18446744073709551616"), "100");
  EXPECT_EQ(remainder("18446744073709551617", "18446744073709551616"), "1");
  EXPECT_EQ(remainder("-9223372036854775808", "-1"), "0");
  EXPECT_EQ(remainder("7", "0"), "error: modulo by zero");
  EXPECT_EQ(remainder("7.5", "2"), "error: modulo on floating-point number");
  EXPECT_EQ(remainder("7.5", "0"), "error: modulo on floating-point number");
}

TEST(Number, RoundingFunctions) {
  EXPECT_EQ(num("2.5").round().to_string(), "3");
  EXPECT_EQ(num("-2.5").round().to_string(), "-3");
  EXPECT_EQ(num("2.4").round().to_string(), "2");
  EXPECT_EQ(num("1.0").round().to_string(), "1");
  EXPECT_EQ(num("1.2").ceil().to_string(), "2");
  EXPECT_EQ(num("-1.2").ceil().to_string(), "-1");
  EXPECT_EQ(num("1.8").floor().to_string(), "1");
  EXPECT_EQ(num("-1.2").floor().to_string(), "-2");
  // OPA decides by the sign of the truncated value, which is +0 here.
  EXPECT_EQ(num("-0.5").ceil().to_string(), "1");
  EXPECT_EQ(num("-0.5").floor().to_string(), "0");
  EXPECT_EQ(num("-1.50").abs().to_string(), "1.5");
  EXPECT_EQ(num("-7").abs().to_string(), "7");
  EXPECT_EQ(num("-9223372036854775808").abs().to_string(), "9223372036854775808");
  EXPECT_EQ(num("1.5").negate().to_string(), "-1.5");
}

TEST(Number, FromDoubleUsesGoShortestForm) {
  EXPECT_EQ(Number::from_double(0.5).to_string(), "0.5");
  EXPECT_EQ(Number::from_double(3.0).to_string(), "3");
  EXPECT_TRUE(Number::from_double(3.0).fits_int64());
  EXPECT_EQ(Number::from_double(1e6).to_string(), "1e+06");
  EXPECT_EQ(Number::from_double(1e6).to_int64(), 1000000);
  EXPECT_EQ(Number::from_double(0.1).to_string(), "0.1");
  EXPECT_EQ(Number::from_double(1e-7).to_string(), "1e-07");
  EXPECT_EQ(Number::from_double(123456.5).to_string(), "123456.5");
  EXPECT_DOUBLE_EQ(Number::from_double(0.1).to_double(), 0.1);
}

TEST(Number, Conversions) {
  EXPECT_EQ(num("12").to_double(), 12.0);
  EXPECT_EQ(num("0.1").to_double(), 0.1);
  EXPECT_EQ(num("-5").sign(), -1);
  EXPECT_TRUE(num("0.0").is_zero());
  EXPECT_EQ(num("1e20").to_bigint()->get_str(), "100000000000000000000");
  EXPECT_FALSE(num("1.5").to_bigint().has_value());
  EXPECT_EQ(Number::from_bigint(mpz_class(5)).to_int64(), 5);
}

}  // namespace
}  // namespace regoc
