// Tests for units.parse and units.parse_bytes: SI and binary suffixes, exact fractions, errors.
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
