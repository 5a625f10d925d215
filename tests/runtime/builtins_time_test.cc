// Tests for time.now_ns and time.parse_rfc3339_ns with Go's RFC 3339 parsing messages.
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

TEST(TimeBuiltins, NowReturnsContextClock) {
  BuiltinContext context;
  context.now_ns = 1700000000123456789;
  Value result;
  ASSERT_EQ(find_builtin("time.now_ns")->function(context, {}, result), BuiltinStatus::Ok);
  EXPECT_EQ(term_string(result), "1700000000123456789");
}

TEST(TimeBuiltins, ParseRfc3339) {
  EXPECT_EQ(run("time.parse_rfc3339_ns", {s("1970-01-01T00:00:00Z")}), "0");
  EXPECT_EQ(run("time.parse_rfc3339_ns", {s("2017-06-02T19:00:00Z")}), "1496430000000000000");
  EXPECT_EQ(run("time.parse_rfc3339_ns", {s("2017-06-02T19:00:00.5Z")}), "1496430000500000000");
  EXPECT_EQ(run("time.parse_rfc3339_ns", {s("2017-06-02T21:00:00+02:00")}),
            "1496430000000000000");
  EXPECT_EQ(run("time.parse_rfc3339_ns", {s("1969-12-31T23:59:59Z")}), "-1000000000");
  EXPECT_EQ(run("time.parse_rfc3339_ns", {s("2024-02-29T00:00:00.123456789123Z")}),
            "1709164800123456789");
}

TEST(TimeBuiltins, ParseErrors) {
  EXPECT_EQ(run("time.parse_rfc3339_ns", {s("abc")}),
            "eval_builtin_error: time.parse_rfc3339_ns: parsing time \"abc\" as "
            "\"2006-01-02T15:04:05Z07:00\": cannot parse \"abc\" as \"2006\"");
  EXPECT_EQ(run("time.parse_rfc3339_ns", {s("2020/01/01")}),
            "eval_builtin_error: time.parse_rfc3339_ns: parsing time \"2020/01/01\" as "
            "\"2006-01-02T15:04:05Z07:00\": cannot parse \"/01/01\" as \"-\"");
  EXPECT_EQ(run("time.parse_rfc3339_ns", {s("2020-13-01T00:00:00Z")}),
            "eval_builtin_error: time.parse_rfc3339_ns: parsing time \"2020-13-01T00:00:00Z\": "
            "month out of range");
  EXPECT_EQ(run("time.parse_rfc3339_ns", {s("2023-02-29T00:00:00Z")}),
            "eval_builtin_error: time.parse_rfc3339_ns: parsing time \"2023-02-29T00:00:00Z\": "
            "day out of range");
  EXPECT_EQ(run("time.parse_rfc3339_ns", {s("2020-01-01T00:00:00Zjunk")}),
            "eval_builtin_error: time.parse_rfc3339_ns: parsing time "
            "\"2020-01-01T00:00:00Zjunk\": extra text: \"junk\"");
  EXPECT_EQ(run("time.parse_rfc3339_ns", {s("2020-01-01T00:00:00")}),
            "eval_builtin_error: time.parse_rfc3339_ns: parsing time \"2020-01-01T00:00:00\" as "
            "\"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"Z07:00\"");
  EXPECT_EQ(run("time.parse_rfc3339_ns", {s("2300-01-01T00:00:00Z")}),
            "eval_builtin_error: time.parse_rfc3339_ns: time outside of valid range");
  EXPECT_EQ(run("time.parse_rfc3339_ns", {j("1")}),
            "eval_type_error: time.parse_rfc3339_ns: operand 1 must be string but got number");
}

}  // namespace
}  // namespace regoc
