// Tests for print: operands joined by spaces, strings raw, others in Rego syntax.
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

std::vector<std::string> print_lines(std::vector<Value> args) {
  std::vector<std::string> lines;
  BuiltinContext context;
  context.print = [&lines](std::string_view line) { lines.emplace_back(line); };
  Value result;
  EXPECT_EQ(find_builtin("print")->function(context, args, result), BuiltinStatus::Ok);
  EXPECT_EQ(term_string(result), "true");
  return lines;
}

TEST(PrintBuiltin, JoinsOperands) {
  std::vector<std::string> lines = print_lines({s("hello"), j("1"), j(R"({"a": [null]})")});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], R"(hello 1 {"a": [null]})");
}

TEST(PrintBuiltin, SetsAndUndefined) {
  std::vector<std::string> lines =
      print_lines({Value::set({j("2"), j("1")}), Value::undefined(), Value::set({})});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "{1, 2} <undefined> set()");
}

TEST(PrintBuiltin, NoOperandsPrintsEmptyLine) {
  std::vector<std::string> lines = print_lines({});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "");
}

TEST(PrintBuiltin, WithoutSinkDoesNothing) {
  BuiltinContext context;
  Value result;
  std::vector<Value> args = {s("x")};
  EXPECT_EQ(find_builtin("print")->function(context, args, result), BuiltinStatus::Ok);
}

}  // namespace
}  // namespace regoc
