// Tests for the set builtins, the membership builtins behind `in`, and the comparison
// builtins.
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

Value set(std::vector<Value> items) { return Value::set(std::move(items)); }

TEST(SetBuiltins, AndOr) {
  Value a = set({j("1"), j("2"), j("3")});
  Value b = set({j("2"), j("3"), j("4")});
  EXPECT_EQ(run("and", {a, b}), "{2, 3}");
  EXPECT_EQ(run("or", {a, b}), "{1, 2, 3, 4}");
  EXPECT_EQ(run("and", {a, set({})}), "set()");
  EXPECT_EQ(run("or", {set({}), set({})}), "set()");
  EXPECT_EQ(run("and", {a, j("[1]")}),
            "eval_type_error: and: operand 2 must be set but got array");
  EXPECT_EQ(run("or", {j("1"), a}), "eval_type_error: or: operand 1 must be set but got number");
}

TEST(SetBuiltins, IntersectionAndUnion) {
  Value sets = set({set({j("1"), j("2")}), set({j("2"), j("3")}), set({j("2"), j("9")})});
  EXPECT_EQ(run("intersection", {sets}), "{2}");
  EXPECT_EQ(run("union", {sets}), "{1, 2, 3, 9}");
  EXPECT_EQ(run("intersection", {set({})}), "set()");
  EXPECT_EQ(run("union", {set({})}), "set()");
  EXPECT_EQ(run("union", {set({j("1")})}),
            "eval_type_error: union: operand 1 must be set but got number");
  EXPECT_EQ(run("intersection", {j("[]")}),
            "eval_type_error: intersection: operand 1 must be set but got array");
}

TEST(MembershipBuiltins, MemberOfCollections) {
  EXPECT_EQ(run("internal.member_2", {j("2"), j("[1, 2]")}), "true");
  EXPECT_EQ(run("internal.member_2", {j("2.0"), j("[1, 2]")}), "true");
  EXPECT_EQ(run("internal.member_2", {j("3"), j("[1, 2]")}), "false");
  EXPECT_EQ(run("internal.member_2", {s("a"), set({s("a")})}), "true");
  EXPECT_EQ(run("internal.member_2", {j("1"), j(R"({"1": 2, "x": 1})")}), "true");
  EXPECT_EQ(run("internal.member_2", {s("x"), j(R"({"x": 1})")}), "false");
  EXPECT_EQ(run("internal.member_2", {s("a"), s("abc")}), "false");
}

TEST(MembershipBuiltins, KeyValueMember) {
  EXPECT_EQ(run("internal.member_3", {j("1"), s("b"), j(R"(["a", "b"])")}), "true");
  EXPECT_EQ(run("internal.member_3", {j("0"), s("b"), j(R"(["a", "b"])")}), "false");
  EXPECT_EQ(run("internal.member_3", {j("5"), s("b"), j(R"(["a", "b"])")}), "false");
  EXPECT_EQ(run("internal.member_3", {s("k"), j("1"), j(R"({"k": 1})")}), "true");
  EXPECT_EQ(run("internal.member_3", {s("k"), j("2"), j(R"({"k": 1})")}), "false");
  EXPECT_EQ(run("internal.member_3", {s("a"), s("a"), set({s("a")})}), "true");
  EXPECT_EQ(run("internal.member_3", {s("a"), s("b"), set({s("a")})}), "false");
  EXPECT_EQ(run("internal.member_3", {j("0"), s("a"), s("a")}), "false");
}

TEST(ComparisonBuiltins, TotalOrder) {
  EXPECT_EQ(run("equal", {j("1"), j("1.0")}), "true");
  EXPECT_EQ(run("equal", {j("[1]"), j("[1]")}), "true");
  EXPECT_EQ(run("neq", {j("1"), s("1")}), "true");
  EXPECT_EQ(run("lt", {j("null"), j("false")}), "true");
  EXPECT_EQ(run("lt", {j("99"), s("1")}), "true");
  EXPECT_EQ(run("lt", {j("{}"), set({})}), "true");
  EXPECT_EQ(run("lte", {j("2"), j("2")}), "true");
  EXPECT_EQ(run("gt", {j("[1, 2]"), j("[1]")}), "true");
  EXPECT_EQ(run("gte", {s("a"), s("b")}), "false");
  EXPECT_EQ(run("gt", {j("18446744073709551617"), j("18446744073709551616")}), "true");
}

}  // namespace
}  // namespace regoc
