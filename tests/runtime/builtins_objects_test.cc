// Tests for the object and array builtins.
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

TEST(ObjectBuiltins, GetByKey) {
  Value object = j(R"({"a": 1, "b": {"c": [10, 20]}})");
  EXPECT_EQ(run("object.get", {object, s("a"), s("default")}), "1");
  EXPECT_EQ(run("object.get", {object, s("z"), s("default")}), R"("default")");
  EXPECT_EQ(run("object.get", {j("{}"), j("null"), j("null")}), "null");
  EXPECT_EQ(run("object.get", {s("x"), s("a"), j("1")}),
            "eval_type_error: object.get: operand 1 must be object but got string");
}

TEST(ObjectBuiltins, GetByPath) {
  Value object = j(R"({"a": 1, "b": {"c": [10, 20]}})");
  EXPECT_EQ(run("object.get", {object, j(R"(["b", "c", 1])"), j("0")}), "20");
  EXPECT_EQ(run("object.get", {object, j(R"(["b", "c", 5])"), j("0")}), "0");
  EXPECT_EQ(run("object.get", {object, j(R"(["a", "x"])"), j("0")}), "0");
  EXPECT_EQ(run("object.get", {object, j("[]"), j("0")}), run("object.get", {object, j("[]"),
                                                                             j("1")}));
  EXPECT_EQ(run("object.get", {j(R"({"a": 1})"), j("[]"), j("0")}), R"({"a": 1})");
  Value with_set = Value::object({{s("s"), Value::set({s("m")})}});
  EXPECT_EQ(run("object.get", {with_set, j(R"(["s", "m"])"), j("0")}), R"("m")");
  // A key that is itself an array is reached only through a path.
  Value array_key = Value::object({{j(R"(["k"])"), j("1")}});
  EXPECT_EQ(run("object.get", {array_key, j(R"([["k"]])"), j("0")}), "1");
}

TEST(ObjectBuiltins, Keys) {
  EXPECT_EQ(run("object.keys", {j(R"({"b": 1, "a": 2})")}), R"({"a", "b"})");
  EXPECT_EQ(run("object.keys", {j("{}")}), "set()");
  EXPECT_EQ(run("object.keys", {j("[]")}),
            "eval_type_error: object.keys: operand 1 must be object but got array");
}

TEST(ObjectBuiltins, RemoveAndFilter) {
  Value object = j(R"({"a": 1, "b": 2, "c": 3})");
  EXPECT_EQ(run("object.remove", {object, j(R"(["a", "c"])")}), R"({"b": 2})");
  EXPECT_EQ(run("object.remove", {object, Value::set({s("b")})}), R"({"a": 1, "c": 3})");
  EXPECT_EQ(run("object.remove", {object, j(R"({"a": 0})")}), R"({"b": 2, "c": 3})");
  EXPECT_EQ(run("object.filter", {object, j(R"(["a", "c", "z"])")}), R"({"a": 1, "c": 3})");
  EXPECT_EQ(run("object.filter", {object, j("[]")}), "{}");
  EXPECT_EQ(run("object.remove", {object, s("a")}),
            "eval_type_error: object.remove: operand 2 must be one of {object, set, array} but "
            "got string");
  EXPECT_EQ(run("object.filter", {j("[]"), j("[]")}),
            "eval_type_error: object.filter: operand 1 must be object but got array");
}

TEST(ObjectBuiltins, Union) {
  EXPECT_EQ(run("object.union", {j(R"({"a": 1, "b": 2})"), j(R"({"b": 3, "c": 4})")}),
            R"({"a": 1, "b": 3, "c": 4})");
  EXPECT_EQ(run("object.union", {j(R"({"a": {"x": 1}})"), j(R"({"a": {"y": 2}})")}),
            R"({"a": {"x": 1, "y": 2}})");
  EXPECT_EQ(run("object.union", {j(R"({"a": {"x": 1}})"), j(R"({"a": 5})")}), R"({"a": 5})");
  EXPECT_EQ(run("object.union", {j("{}"), j("[]")}),
            "eval_type_error: object.union: operand 2 must be object but got array");
}

TEST(ObjectBuiltins, UnionN) {
  EXPECT_EQ(run("object.union_n", {j("[]")}), "{}");
  EXPECT_EQ(run("object.union_n", {j(R"([{"a": {"b": 2}}, {"a": 4}, {"a": {"c": 3}}])")}),
            R"({"a": {"c": 3}})");
  EXPECT_EQ(run("object.union_n", {j(R"([{"a": {"b": 2}}, {"a": {"c": 3}}, {"d": 1}])")}),
            R"({"a": {"b": 2, "c": 3}, "d": 1})");
  EXPECT_EQ(run("object.union_n", {j(R"([{}, 1])")}),
            "eval_type_error: object.union_n: operand 1 must be array of objects but got array "
            "containing number");
}

TEST(ArrayBuiltins, ConcatAndReverse) {
  EXPECT_EQ(run("array.concat", {j("[1, 2]"), j("[2, 3]")}), "[1, 2, 2, 3]");
  EXPECT_EQ(run("array.concat", {j("[]"), j("[]")}), "[]");
  EXPECT_EQ(run("array.concat", {j("[]"), Value::set({})}),
            "eval_type_error: array.concat: operand 2 must be array but got set");
  EXPECT_EQ(run("array.reverse", {j(R"([1, "a", null])")}), R"([null, "a", 1])");
  EXPECT_EQ(run("array.reverse", {j("[]")}), "[]");
}

TEST(ArrayBuiltins, SliceClampsIndices) {
  Value array = j("[0, 1, 2, 3, 4]");
  EXPECT_EQ(run("array.slice", {array, j("1"), j("3")}), "[1, 2]");
  EXPECT_EQ(run("array.slice", {array, j("-5"), j("2")}), "[0, 1]");
  EXPECT_EQ(run("array.slice", {array, j("3"), j("100")}), "[3, 4]");
  EXPECT_EQ(run("array.slice", {array, j("4"), j("2")}), "[]");
  EXPECT_EQ(run("array.slice", {array, j("0"), j("-1")}), "[]");
  EXPECT_EQ(run("array.slice", {array, j("0.5"), j("1")}),
            "eval_type_error: array.slice: operand 2 must be integer number but got "
            "floating-point number");
}

}  // namespace
}  // namespace regoc
