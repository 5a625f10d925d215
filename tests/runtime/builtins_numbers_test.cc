// Tests for the arithmetic builtins: exact big integers, floats, set difference, rounding,
// ranges and OPA's error messages.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/builtins/builtin.h"
#include "runtime/builtins/term_text.h"
#include "runtime/json.h"
#include "runtime/number.h"
#include "tests/runtime/builtin_test_support.h"

namespace regoc {
namespace {

using testing_support::j;
using testing_support::run;
using testing_support::s;

TEST(NumberBuiltins, PlusMinusMulOnIntegers) {
  EXPECT_EQ(run("plus", {j("1"), j("2")}), "3");
  EXPECT_EQ(run("minus", {j("1"), j("2")}), "-1");
  EXPECT_EQ(run("mul", {j("6"), j("7")}), "42");
  EXPECT_EQ(run("plus", {j("-5"), j("5")}), "0");
}

TEST(NumberBuiltins, BigIntegersStayExact) {
  EXPECT_EQ(run("plus", {j("9223372036854775807"), j("1")}), "9223372036854775808");
  EXPECT_EQ(run("minus", {j("-9223372036854775808"), j("1")}), "-9223372036854775809");
  EXPECT_EQ(run("mul", {j("18446744073709551617"), j("2")}), "36893488147419103234");
  EXPECT_EQ(run("plus", {j("123456789012345678901234567890"), j("1")}),
            "123456789012345678901234567891");
  EXPECT_EQ(run("rem", {j("18446744073709551617"), j("18446744073709551616")}), "1");
  EXPECT_EQ(run("rem", {j("10"), j("18446744073709551616")}), "10");
}

// Floats beyond int64's range round exactly instead of wrapping around.
TEST(NumberBuiltins, RoundingBeyondInt64) {
  EXPECT_EQ(run("round", {j("12345678901234567890.5")}), "12345678901234567891");
  EXPECT_EQ(run("round", {j("-12345678901234567890.5")}), "-12345678901234567891");
  EXPECT_EQ(run("ceil", {j("9223372036854775807.5")}), "9223372036854775808");
  EXPECT_EQ(run("floor", {j("-12345678901234567890123.4")}), "-12345678901234567890124");
  EXPECT_EQ(run("format_int", {j("12345678901234567890123.7"), j("10")}),
            R"("12345678901234567890123")");
}

TEST(NumberBuiltins, FloatArithmetic) {
  EXPECT_EQ(run("plus", {j("1.5"), j("2.5")}), "4");
  EXPECT_EQ(run("plus", {j("1"), j("2.5")}), "3.5");
  EXPECT_EQ(run("mul", {j("2.5"), j("2")}), "5");
  EXPECT_EQ(run("div", {j("1"), j("4")}), "0.25");
  EXPECT_EQ(run("div", {j("6"), j("3")}), "2");
}

TEST(NumberBuiltins, DivideByZero) {
  EXPECT_EQ(run("div", {j("1"), j("0")}), "eval_builtin_error: div: divide by zero");
  EXPECT_EQ(run("div", {j("1.5"), j("0.0")}), "eval_builtin_error: div: divide by zero");
}

TEST(NumberBuiltins, Remainder) {
  EXPECT_EQ(run("rem", {j("7"), j("3")}), "1");
  EXPECT_EQ(run("rem", {j("-7"), j("3")}), "-1");
  EXPECT_EQ(run("rem", {j("7"), j("0")}), "eval_builtin_error: rem: modulo by zero");
  EXPECT_EQ(run("rem", {j("1.1"), j("1")}),
            "eval_builtin_error: rem: modulo on floating-point number");
}

// minus, mul, div and rem compute in int64 when both operands fit. These cases sit at the
// edges of that shortcut.
TEST(NumberBuiltins, Int64ShortcutEdges) {
  EXPECT_EQ(run("minus", {j("-9223372036854775808"), j("1")}), "-9223372036854775809");
  EXPECT_EQ(run("mul", {j("4294967296"), j("4294967296")}), "18446744073709551616");
  EXPECT_EQ(run("mul", {j("-3"), j("7")}), "-21");
  EXPECT_EQ(run("div", {j("-9223372036854775808"), j("-1")}), "9223372036854775808");
  EXPECT_EQ(run("div", {j("0"), j("-5")}), "-0");
  EXPECT_EQ(run("div", {j("7"), j("2")}), "3.5");
  EXPECT_EQ(run("div", {j("-1733000000000000000"), j("1000000000")}), "-1733000000");
  EXPECT_EQ(run("div", {j("0"), j("0")}), "eval_builtin_error: div: divide by zero");
  EXPECT_EQ(run("rem", {j("-9223372036854775808"), j("-1")}), "0");
  EXPECT_EQ(run("rem", {j("7"), j("-3")}), "1");
  // Integers written with a point or an exponent compute like plain ones.
  EXPECT_EQ(run("minus", {j("1e3"), j("1.0")}), "999");
  EXPECT_EQ(run("div", {j("1e3"), j("10")}), "100");
}

TEST(NumberBuiltins, OperandTypeErrors) {
  EXPECT_EQ(run("plus", {s("a"), j("1")}),
            "eval_type_error: plus: operand 1 must be number but got string");
  EXPECT_EQ(run("mul", {j("1"), j("null")}),
            "eval_type_error: mul: operand 2 must be number but got null");
  EXPECT_EQ(run("abs", {j("[]")}), "eval_type_error: abs: operand 1 must be number but got array");
}

TEST(NumberBuiltins, MinusOnSets) {
  Value a = Value::set({j("1"), j("2"), j("3")});
  Value b = Value::set({j("2"), j("4")});
  EXPECT_EQ(run("minus", {a, b}), "{1, 3}");
  EXPECT_EQ(run("minus", {b, b}), "set()");
  EXPECT_EQ(run("minus", {a, j("1")}),
            "eval_type_error: minus: operand 2 must be set but got number");
  EXPECT_EQ(run("minus", {j("1"), a}),
            "eval_type_error: minus: operand 2 must be number but got set");
  EXPECT_EQ(run("minus", {s("x"), a}),
            "eval_type_error: minus: operand 1 must be one of {number, set} but got string");
}

TEST(NumberBuiltins, RoundingFunctions) {
  EXPECT_EQ(run("round", {j("2.5")}), "3");
  EXPECT_EQ(run("round", {j("-2.5")}), "-3");
  EXPECT_EQ(run("round", {j("2.4")}), "2");
  EXPECT_EQ(run("ceil", {j("1.2")}), "2");
  EXPECT_EQ(run("ceil", {j("-1.2")}), "-1");
  EXPECT_EQ(run("floor", {j("-1.2")}), "-2");
  EXPECT_EQ(run("floor", {j("7")}), "7");
  EXPECT_EQ(run("abs", {j("-3")}), "3");
  EXPECT_EQ(run("abs", {j("-3.5")}), "3.5");
  EXPECT_EQ(run("abs", {j("-18446744073709551617")}), "18446744073709551617");
}

TEST(NumberBuiltins, Range) {
  EXPECT_EQ(run("numbers.range", {j("1"), j("4")}), "[1, 2, 3, 4]");
  EXPECT_EQ(run("numbers.range", {j("3"), j("1")}), "[3, 2, 1]");
  EXPECT_EQ(run("numbers.range", {j("5"), j("5")}), "[5]");
  EXPECT_EQ(run("numbers.range", {j("9223372036854775807"), j("9223372036854775808")}),
            "[9223372036854775807, 9223372036854775808]");
  EXPECT_EQ(run("numbers.range", {j("1.5"), j("4")}),
            "eval_type_error: numbers.range: operand 1 must be integer number but got "
            "floating-point number");
  EXPECT_EQ(run("numbers.range", {j("1"), s("4")}),
            "eval_type_error: numbers.range: operand 2 must be integer but got string");
}

TEST(NumberBuiltins, RangeStep) {
  EXPECT_EQ(run("numbers.range_step", {j("0"), j("10"), j("4")}), "[0, 4, 8]");
  EXPECT_EQ(run("numbers.range_step", {j("10"), j("0"), j("4")}), "[10, 6, 2]");
  EXPECT_EQ(run("numbers.range_step", {j("0"), j("10"), j("0")}),
            "eval_builtin_error: numbers.range_step: numbers.range_step: step must be a "
            "positive integer");
  EXPECT_EQ(run("numbers.range_step", {j("0"), j("10"), j("-1")}),
            "eval_builtin_error: numbers.range_step: numbers.range_step: step must be a "
            "positive integer");
}

}  // namespace
}  // namespace regoc
