// Tests for walk and graph.reachable_paths.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/builtins/builtin.h"
#include "runtime/builtins/term_text.h"
#include "runtime/json.h"
#include "tests/runtime/builtin_test_support.h"

namespace regoc {
namespace {

using testing_support::j;
using testing_support::run;
using testing_support::s;

TEST(WalkBuiltin, PairsInPreOrder) {
  EXPECT_EQ(run("walk", {j("1")}), "[[[], 1]]");
  EXPECT_EQ(
      run("walk", {j("{\"b\": [true], \"a\": 1}")}),
      "[[[], {\"a\": 1, \"b\": [true]}], [[\"a\"], 1], [[\"b\"], [true]], [[\"b\", 0], true]]");
}

TEST(GraphBuiltins, ReachablePaths) {
  EXPECT_EQ(run("graph.reachable_paths",
                {j("{\"a\": [\"b\"], \"b\": [\"c\"], \"c\": [\"a\"]}"), j("[\"a\"]")}),
            "{[\"a\", \"b\", \"c\"]}");
  EXPECT_EQ(run("graph.reachable_paths",
                {j("{\"a\": [\"b\", \"c\"], \"b\": [\"c\"], \"c\": []}"), j("[\"a\"]")}),
            "{[\"a\", \"b\", \"c\"], [\"a\", \"c\"]}");
  EXPECT_EQ(run("graph.reachable_paths", {j("{\"a\": null}"), j("[\"a\", \"z\"]")}), "{[\"a\"]}");
  EXPECT_EQ(run("graph.reachable_paths", {j("1"), j("[]")}),
            "eval_type_error: graph.reachable_paths: operand 1 must be object but got number");
}

}  // namespace
}  // namespace regoc
