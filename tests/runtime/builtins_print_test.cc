// Tests for print: operands joined by spaces, strings raw, others in Rego syntax.
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

std::vector<std::string> print_lines(std::vector<Value> args) {
  std::vector<std::string> lines;
  BuiltinContext context;
  std::function<void(std::string_view)> sink = [&lines](std::string_view line) {
    lines.emplace_back(line);
  };
  context.print = &sink;
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
