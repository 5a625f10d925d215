// Tests for the bitwise builtins on integers of any size.
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

TEST(BitsBuiltins, AndOrXorNegate) {
  EXPECT_EQ(run("bits.and", {j("50"), j("0")}), "0");
  EXPECT_EQ(run("bits.and", {j("12"), j("10")}), "8");
  EXPECT_EQ(run("bits.or", {j("12"), j("10")}), "14");
  EXPECT_EQ(run("bits.xor", {j("42"), j("3")}), "41");
  EXPECT_EQ(run("bits.and", {j("-1"), j("255")}), "255");
  EXPECT_EQ(run("bits.negate", {j("0")}), "-1");
  EXPECT_EQ(run("bits.negate", {j("-6")}), "5");
  EXPECT_EQ(run("bits.or", {j("18446744073709551616"), j("1")}), "18446744073709551617");
}

TEST(BitsBuiltins, Shifts) {
  EXPECT_EQ(run("bits.rsh", {j("8"), j("3")}), "1");
  EXPECT_EQ(run("bits.rsh", {j("-8"), j("1")}), "-4");
  EXPECT_EQ(run("bits.rsh", {j("-1"), j("10")}), "-1");
  EXPECT_EQ(run("bits.lsh", {j("9223372036854775807"), j("1")}), "18446744073709551614");
  EXPECT_EQ(run("bits.lsh", {j("1"), j("-1")}),
            "eval_type_error: bits.lsh: operand 2 must be an unsigned integer number but got a "
            "negative integer");
}

TEST(BitsBuiltins, OperandErrors) {
  EXPECT_EQ(run("bits.and", {j("7.2"), j("42")}),
            "eval_type_error: bits.and: operand 1 must be integer number but got floating-point "
            "number");
  EXPECT_EQ(run("bits.xor", {j("1"), s("a")}),
            "eval_type_error: bits.xor: operand 2 must be integer but got string");
}

}  // namespace
}  // namespace regoc
