// Tests for graph.reachable.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/builtins/builtin.h"
#include "runtime/builtins/term_text.h"
#include "runtime/json.h"
#include "runtime/number.h"

namespace regoc {
namespace {

// Calls builtin `name` and returns its result in Rego syntax, "undefined", or
// "<code>: <message>" for an error.
std::string run(std::string_view name, std::vector<Value> args) {
  const Builtin* builtin = find_builtin(name);
  if (builtin == nullptr || builtin->function == nullptr) return "missing builtin";
  BuiltinContext context;
  Value result;
  switch (builtin->function(context, args, result)) {
    case BuiltinStatus::Ok:
      return term_string(result);
    case BuiltinStatus::Undefined:
      return "undefined";
    case BuiltinStatus::Error:
      return context.error.code + ": " + context.error.message;
  }
  return "invalid status";
}

// Parses JSON text into a value.
Value j(std::string_view text) {
  Value value;
  std::string error;
  if (!parse_json(text, &value, &error)) ADD_FAILURE() << "invalid JSON " << text << ": " << error;
  return value;
}

Value s(std::string_view text) { return Value::string(text); }

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
