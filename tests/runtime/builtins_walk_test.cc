// Tests for walk and graph.reachable_paths.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/builtins/builtin.h"
#include "runtime/builtins/term_text.h"
#include "runtime/json.h"

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
    case BuiltinStatus::Ok: return term_string(result);
    case BuiltinStatus::Undefined: return "undefined";
    case BuiltinStatus::Error: return context.error.code + ": " + context.error.message;
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
