// Tests for graph.reachable.
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

TEST(GraphBuiltins, Reachable) {
  Value graph = j(R"({"a": ["b"], "b": ["c"], "c": [], "d": ["a"]})");
  EXPECT_EQ(run("graph.reachable", {graph, j(R"(["a"])")}), R"({"a", "b", "c"})");
  EXPECT_EQ(run("graph.reachable", {graph, Value::set({s("d")})}), R"({"a", "b", "c", "d"})");
  EXPECT_EQ(run("graph.reachable", {graph, j("[]")}), "set()");
}

TEST(GraphBuiltins, CyclesAndMissingNodes) {
  Value graph = Value::object({{s("a"), Value::set({s("b")})},
                               {s("b"), Value::set({s("a"), s("z")})}});
  // "z" is a neighbour but not a key of the graph, so it is not reached.
  EXPECT_EQ(run("graph.reachable", {graph, j(R"(["a"])")}), R"({"a", "b"})");
  EXPECT_EQ(run("graph.reachable", {graph, j(R"(["z"])")}), "set()");
}

TEST(GraphBuiltins, Errors) {
  EXPECT_EQ(run("graph.reachable", {j("[]"), j("[]")}),
            "eval_type_error: graph.reachable: operand 1 must be object but got array");
  EXPECT_EQ(run("graph.reachable", {j("{}"), s("a")}),
            "eval_type_error: graph.reachable: operand 2 must be {array, set} but got string");
}

}  // namespace
}  // namespace regoc
