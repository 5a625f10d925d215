// Tests for the type builtins: is_*, type_name and to_number with Go's number syntax.
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

TEST(TypeBuiltins, IsKind) {
  EXPECT_EQ(run("is_number", {j("1.5")}), "true");
  EXPECT_EQ(run("is_number", {s("1")}), "false");
  EXPECT_EQ(run("is_string", {s("")}), "true");
  EXPECT_EQ(run("is_string", {j("false")}), "false");
  EXPECT_EQ(run("is_boolean", {j("false")}), "true");
  EXPECT_EQ(run("is_array", {j("[]")}), "true");
  EXPECT_EQ(run("is_array", {Value::set({})}), "false");
  EXPECT_EQ(run("is_set", {Value::set({})}), "true");
  EXPECT_EQ(run("is_set", {j("[1]")}), "false");
  EXPECT_EQ(run("is_object", {j("{}")}), "true");
  EXPECT_EQ(run("is_null", {j("null")}), "true");
  EXPECT_EQ(run("is_null", {j("0")}), "false");
}

TEST(TypeBuiltins, TypeName) {
  EXPECT_EQ(run("type_name", {j("null")}), R"("null")");
  EXPECT_EQ(run("type_name", {j("true")}), R"("boolean")");
  EXPECT_EQ(run("type_name", {j("1")}), R"("number")");
  EXPECT_EQ(run("type_name", {s("x")}), R"("string")");
  EXPECT_EQ(run("type_name", {j("[]")}), R"("array")");
  EXPECT_EQ(run("type_name", {j("{}")}), R"("object")");
  EXPECT_EQ(run("type_name", {Value::set({})}), R"("set")");
}

TEST(TypeBuiltins, ToNumberScalars) {
  EXPECT_EQ(run("to_number", {j("null")}), "0");
  EXPECT_EQ(run("to_number", {j("true")}), "1");
  EXPECT_EQ(run("to_number", {j("false")}), "0");
  EXPECT_EQ(run("to_number", {j("2.5")}), "2.5");
}

TEST(TypeBuiltins, ToNumberStrings) {
  EXPECT_EQ(run("to_number", {s("42")}), "42");
  EXPECT_EQ(run("to_number", {s("-1.5")}), "-1.5");
  EXPECT_EQ(run("to_number", {s("1e3")}), "1e3");
  EXPECT_EQ(run("to_number", {s("+7")}), "7");
  EXPECT_EQ(run("to_number", {s(".5")}), "0.5");
  EXPECT_EQ(run("to_number", {s("123456789012345678901234567890")}),
            "123456789012345678901234567890");
}

// Plain integers take a shortcut. These cases sit on both sides of its limits.
TEST(TypeBuiltins, ToNumberPlainIntegers) {
  EXPECT_EQ(run("to_number", {s("0")}), "0");
  EXPECT_EQ(run("to_number", {s("-7")}), "-7");
  EXPECT_EQ(run("to_number", {s("100")}), "100");
  EXPECT_EQ(run("to_number", {s("999999999999999999")}), "999999999999999999");
  EXPECT_EQ(run("to_number", {s("-999999999999999999")}), "-999999999999999999");
  EXPECT_EQ(run("to_number", {s("9223372036854775807")}), "9223372036854775807");
  EXPECT_EQ(run("to_number", {s("9223372036854775808")}), "9223372036854775808");
  EXPECT_EQ(run("to_number", {s("-0")}), "-0");
  EXPECT_EQ(run("to_number", {s("12a")}),
            "eval_builtin_error: to_number: strconv.ParseFloat: parsing \"12a\": invalid syntax");
  EXPECT_EQ(run("to_number", {s("-")}),
            "eval_builtin_error: to_number: strconv.ParseFloat: parsing \"-\": invalid syntax");
  EXPECT_EQ(testing_support::call("to_number", {s("42")}), Value::integer(42));
}

TEST(TypeBuiltins, ToNumberErrors) {
  EXPECT_EQ(run("to_number", {s("abc")}),
            "eval_builtin_error: to_number: strconv.ParseFloat: parsing \"abc\": invalid syntax");
  EXPECT_EQ(run("to_number", {s("")}),
            "eval_builtin_error: to_number: strconv.ParseFloat: parsing \"\": invalid syntax");
  EXPECT_EQ(run("to_number", {s(" 1")}),
            "eval_builtin_error: to_number: strconv.ParseFloat: parsing \" 1\": invalid syntax");
  EXPECT_EQ(run("to_number", {s("1e400")}),
            "eval_builtin_error: to_number: strconv.ParseFloat: parsing \"1e400\": value out of "
            "range");
  EXPECT_EQ(run("to_number", {s("-Inf")}),
            "eval_type_error: to_number: operand 1 must be valid number string but got string");
  EXPECT_EQ(run("to_number", {s("NaN")}),
            "eval_type_error: to_number: operand 1 must be valid number string but got string");
  EXPECT_EQ(run("to_number", {j("[]")}),
            "eval_type_error: to_number: operand 1 must be one of {null, boolean, number, "
            "string} but got array");
}

}  // namespace
}  // namespace regoc
