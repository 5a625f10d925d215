// Tests for units.parse and units.parse_bytes: SI and binary suffixes, exact fractions, errors.
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

TEST(UnitBuiltins, Parse) {
  EXPECT_EQ(run("units.parse", {s("10K")}), "10000");
  EXPECT_EQ(run("units.parse", {s("10KI")}), "10240");
  EXPECT_EQ(run("units.parse", {s("1.1Ki")}), "1126.4000000000");
  EXPECT_EQ(run("units.parse", {s("500m")}), "0.5000000000");
  EXPECT_EQ(run("units.parse", {s("10e")}), "10000000000000000000");
  EXPECT_EQ(run("units.parse", {s("2.5e3K")}), "2500000");
  EXPECT_EQ(run("units.parse", {s("\"100TI\"")}), "109951162777600");
}

TEST(UnitBuiltins, ParseErrors) {
  EXPECT_EQ(run("units.parse", {s("G")}), "eval_builtin_error: units.parse: no amount provided");
  EXPECT_EQ(run("units.parse", {s("0.0.0")}),
            "eval_builtin_error: units.parse: could not parse amount to a number");
  EXPECT_EQ(run("units.parse", {s("100 k")}),
            "eval_builtin_error: units.parse: spaces not allowed in resource strings");
  EXPECT_EQ(run("units.parse", {s("10e10000000Ei")}),
            "eval_builtin_error: units.parse: exponent too large");
  EXPECT_EQ(run("units.parse", {s("10Q")}),
            "eval_builtin_error: units.parse: unit Q not recognized");
}

TEST(UnitBuiltins, ParseBytes) {
  EXPECT_EQ(run("units.parse_bytes", {s("1KB")}), "1000");
  EXPECT_EQ(run("units.parse_bytes", {s("1kib")}), "1024");
  EXPECT_EQ(run("units.parse_bytes", {s("1.1Ki")}), "1126");
  EXPECT_EQ(run("units.parse_bytes", {s("GB")}),
            "eval_builtin_error: units.parse_bytes: no byte amount provided");
}

}  // namespace
}  // namespace regoc
