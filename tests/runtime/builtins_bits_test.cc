// Tests for the bitwise builtins on integers of any size.
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

TEST(BitsBuiltins, AndOrXorNegate) {
  EXPECT_EQ(run("bits.and", {j("50"), j("0")}), "0");
  EXPECT_EQ(run("bits.and", {j("12"), j("10")}), "8");
  EXPECT_EQ(run("bits.or", {j("12"), j("10")}), "14");
  EXPECT_EQ(run("bits.xor", {j("42"), j("3")}), "41");
  EXPECT_EQ(run("bits.and", {j("-1"), j("255")}), "255");
  EXPECT_EQ(run("bits.negate", {j("0")}), "-1");
  EXPECT_EQ(run("bits.negate", {j("-6")}), "5");
  EXPECT_EQ(run("bits.or", {j("18446744073709551616"), j("1")}), "18446744073709551617");
}

TEST(BitsBuiltins, Shifts) {
  EXPECT_EQ(run("bits.rsh", {j("8"), j("3")}), "1");
  EXPECT_EQ(run("bits.rsh", {j("-8"), j("1")}), "-4");
  EXPECT_EQ(run("bits.rsh", {j("-1"), j("10")}), "-1");
  EXPECT_EQ(run("bits.lsh", {j("9223372036854775807"), j("1")}), "18446744073709551614");
  EXPECT_EQ(run("bits.lsh", {j("1"), j("-1")}),
            "eval_type_error: bits.lsh: operand 2 must be an unsigned integer number but got a "
            "negative integer");
}

TEST(BitsBuiltins, OperandErrors) {
  EXPECT_EQ(run("bits.and", {j("7.2"), j("42")}),
            "eval_type_error: bits.and: operand 1 must be integer number but got floating-point "
            "number");
  EXPECT_EQ(run("bits.xor", {j("1"), s("a")}),
            "eval_type_error: bits.xor: operand 2 must be integer but got string");
}

}  // namespace
}  // namespace regoc
