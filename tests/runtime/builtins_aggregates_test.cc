// Tests for the aggregate builtins count, sum, product, max, min and sort.
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

TEST(AggregateBuiltins, CountKinds) {
  EXPECT_EQ(run("count", {j("[1, 2, 3]")}), "3");
  EXPECT_EQ(run("count", {j(R"({"a": 1})")}), "1");
  EXPECT_EQ(run("count", {Value::set({j("1"), j("2")})}), "2");
  EXPECT_EQ(run("count", {s("")}), "0");
  EXPECT_EQ(run("count", {s("abc")}), "3");
}

TEST(AggregateBuiltins, CountStringsInCodePoints) {
  EXPECT_EQ(run("count", {s("héllo")}), "5");
  EXPECT_EQ(run("count", {s("日本語")}), "3");
  EXPECT_EQ(run("count", {s("\xff\xfe")}), "2");  // each invalid byte counts once
}

TEST(AggregateBuiltins, CountTypeError) {
  EXPECT_EQ(run("count", {j("1")}),
            "eval_type_error: count: operand 1 must be one of {array, object, set, string} "
            "but got number");
}

TEST(AggregateBuiltins, SumAndProduct) {
  EXPECT_EQ(run("sum", {j("[]")}), "0");
  EXPECT_EQ(run("sum", {j("[1, 2, 3]")}), "6");
  EXPECT_EQ(run("sum", {j("[1.5, 2.5]")}), "4");
  EXPECT_EQ(run("sum", {j("[1, 2.5]")}), "3.5");
  EXPECT_EQ(run("sum", {Value::set({j("9223372036854775807"), j("1"), j("2")})}),
            "9223372036854775810");
  EXPECT_EQ(run("product", {j("[]")}), "1");
  EXPECT_EQ(run("product", {j("[2, 3, 4]")}), "24");
  EXPECT_EQ(run("product", {j("[18446744073709551617, 2]")}), "36893488147419103234");
  EXPECT_EQ(run("product", {j("[1.5, 2]")}), "3");
}

TEST(AggregateBuiltins, SumErrors) {
  EXPECT_EQ(run("sum", {j("[1, \"a\"]")}),
            "eval_type_error: sum: operand 1 must be array of numbers but got array "
            "containing string");
  EXPECT_EQ(run("sum", {s("a")}),
            "eval_type_error: sum: operand 1 must be one of {set, array} but got string");
  EXPECT_EQ(run("product", {Value::set({s("a")})}),
            "eval_type_error: product: operand 1 must be set of numbers but got set "
            "containing string");
}

TEST(AggregateBuiltins, MaxAndMin) {
  EXPECT_EQ(run("max", {j("[1, 3, 2]")}), "3");
  EXPECT_EQ(run("min", {j("[1, 3, 2]")}), "1");
  EXPECT_EQ(run("max", {j("[1, \"a\", null]")}), R"("a")");
  EXPECT_EQ(run("min", {j("[1, \"a\", null]")}), "null");
  EXPECT_EQ(run("max", {Value::set({j("1"), j("5")})}), "5");
  EXPECT_EQ(run("max", {j("[]")}), "undefined");
  EXPECT_EQ(run("min", {Value::set({})}), "undefined");
  EXPECT_EQ(run("max", {j("{}")}),
            "eval_type_error: max: operand 1 must be one of {set, array} but got object");
}

TEST(AggregateBuiltins, Sort) {
  EXPECT_EQ(run("sort", {j("[3, 1, 2]")}), "[1, 2, 3]");
  EXPECT_EQ(run("sort", {j("[\"b\", 1, null, [], false]")}), R"([null, false, 1, "b", []])");
  EXPECT_EQ(run("sort", {Value::set({j("2"), j("1")})}), "[1, 2]");
  EXPECT_EQ(run("sort", {j("[]")}), "[]");
  EXPECT_EQ(run("sort", {s("x")}),
            "eval_type_error: sort: operand 1 must be one of {set, array} but got string");
}

}  // namespace
}  // namespace regoc
