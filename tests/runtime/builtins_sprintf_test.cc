// Tests for sprintf: Go's fmt verbs, flags, widths and error forms on the Go types OPA
// converts Rego values to.
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

TEST(Sprintf, StringsAndIntegers) {
  EXPECT_EQ(run("sprintf", {s("hi %s"), j(R"x(["there"])x")}), R"x("hi there")x");
  EXPECT_EQ(run("sprintf", {s("%d-%d"), j("[1, -2]")}), R"x("1--2")x");
  EXPECT_EQ(run("sprintf", {s("%v %v"), j(R"x(["a", 3])x")}), R"x("a 3")x");
  EXPECT_EQ(run("sprintf", {s(""), j("[]")}), R"x("")x");
  EXPECT_EQ(run("sprintf", {s("100%%"), j("[]")}), R"x("100%")x");
}

TEST(Sprintf, BigIntegers) {
  EXPECT_EQ(run("sprintf", {s("%s"), j("[123456789123456789123]")}),
            R"x("123456789123456789123")x");
  EXPECT_EQ(run("sprintf", {s("%v"), j("[18446744073709551618]")}),
            R"x("18446744073709551618")x");
  EXPECT_EQ(run("sprintf", {s("%d"), j("[-18446744073709551618]")}),
            R"x("-18446744073709551618")x");
  EXPECT_EQ(run("sprintf", {s("%x"), j("[18446744073709551616]")}), R"x("10000000000000000")x");
}

TEST(Sprintf, IntegerVerbsAtInt64Edges) {
  EXPECT_EQ(run("sprintf", {s("%d %x %b"), j("[-9223372036854775808, -255, -1]")}),
            R"x("-9223372036854775808 -ff -1")x");
  EXPECT_EQ(run("sprintf", {s("%X %o %O %#x"), j("[9223372036854775807, 8, 8, 255]")}),
            R"x("7FFFFFFFFFFFFFFF 10 0o10 0xff")x");
  EXPECT_EQ(run("sprintf", {s("%.3d|%8.3d|%+d|% d"), j("[7, -7, 3, 3]")}),
            R"x("007|    -007|+3| 3")x");
}

// The text between directives is copied byte for byte, except that an invalid UTF-8 byte
// becomes U+FFFD.
TEST(Sprintf, FormatTextOutsideDirectives) {
  using testing_support::call;
  EXPECT_EQ(run("sprintf", {s("héllo %s wörld"), j(R"x(["ünï"])x")}),
            R"x("héllo ünï wörld")x");
  EXPECT_EQ(run("sprintf", {s("%→"), j("[1]")}), R"x("%!→(int=1)")x");
  EXPECT_EQ(call("sprintf", {s("a\xff%v\xc0"), j("[1]")}),
            s("a\xef\xbf\xbd" "1\xef\xbf\xbd"));
  EXPECT_EQ(call("sprintf", {s("\xef\xbf\xbd%v"), j("[2]")}), s("\xef\xbf\xbd" "2"));
}

TEST(Sprintf, WidthsAndFlags) {
  EXPECT_EQ(run("sprintf", {s("%5d|%-5d|%05d"), j("[42, 42, -42]")}), R"x("   42|42   |-0042")x");
  EXPECT_EQ(run("sprintf", {s("%+d % d"), j("[5, 5]")}), R"x("+5  5")x");
  EXPECT_EQ(run("sprintf", {s("%x %X %#x %o %b"), j("[255, 255, 255, 8, 5]")}),
            R"x("ff FF 0xff 10 101")x");
  EXPECT_EQ(run("sprintf", {s("hi %02X.%02X"), j("[10, 255]")}), R"x("hi 0A.FF")x");
  EXPECT_EQ(run("sprintf", {s("%6s|%-6s|%.2s"), j(R"x(["ab", "ab", "abc"])x")}),
            R"x("    ab|ab    |ab")x");
  EXPECT_EQ(run("sprintf", {s("%*d"), j("[4, 7]")}), R"x("   7")x");
}

TEST(Sprintf, Floats) {
  EXPECT_EQ(run("sprintf", {s("hi %.2f"), j("[3.14159]")}), R"x("hi 3.14")x");
  EXPECT_EQ(run("sprintf", {s("%v"), j("[1.5]")}), R"x("1.5")x");
  EXPECT_EQ(run("sprintf", {s("%v"), j("[0.1]")}), R"x("0.1")x");
  EXPECT_EQ(run("sprintf", {s("%v"), j("[1234567.5]")}), R"x("1.2345675e+06")x");
  EXPECT_EQ(run("sprintf", {s("%v"), j("[0.00001]")}), R"x("1e-05")x");
  EXPECT_EQ(run("sprintf", {s("%f"), j("[2.5]")}), R"x("2.500000")x");
  EXPECT_EQ(run("sprintf", {s("%e"), j("[2.5]")}), R"x("2.500000e+00")x");
  EXPECT_EQ(run("sprintf", {s("%8.3f|"), j("[-2.5]")}), R"x("  -2.500|")x");
  // Integral numbers are Go ints, so %f does not apply to them.
  EXPECT_EQ(run("sprintf", {s("%f"), j("[2]")}), R"x("%!f(int=2)")x");
  EXPECT_EQ(run("sprintf", {s("%.1f"), j("[2.0]")}), R"x("%!f(int=2)")x");
}

TEST(Sprintf, CompositeValuesInRegoSyntax) {
  EXPECT_EQ(run("sprintf", {s("%v"), j(R"x([[1, "a"]])x")}), R"x("[1, \"a\"]")x");
  EXPECT_EQ(run("sprintf", {s("%v"), j(R"x([{"b": [true], "a": null}])x")}),
            R"x("{\"a\": null, \"b\": [true]}")x");
  Value set = Value::set({j("2"), j("1")});
  EXPECT_EQ(run("sprintf", {s("%v"), Value::array({set})}), R"x("{1, 2}")x");
  EXPECT_EQ(run("sprintf", {s("%v"), Value::array({Value::set({})})}), R"x("set()")x");
  EXPECT_EQ(run("sprintf", {s("%v %s"), j("[true, null]")}), R"x("true null")x");
}

TEST(Sprintf, QuotedVerb) {
  EXPECT_EQ(run("sprintf", {s("%q"), j(R"x(["a\"b\n"])x")}), R"x("\"a\\\"b\\n\"")x");
}

TEST(Sprintf, GoErrorForms) {
  EXPECT_EQ(run("sprintf", {s("%d"), j(R"x(["x"])x")}), R"x("%!d(string=x)")x");
  EXPECT_EQ(run("sprintf", {s("%s"), j("[5]")}), R"x("%!s(int=5)")x");
  EXPECT_EQ(run("sprintf", {s("%t"), j("[true]")}), R"x("%!t(string=true)")x");
  EXPECT_EQ(run("sprintf", {s("%d %d"), j("[1]")}), R"x("1 %!d(MISSING)")x");
  EXPECT_EQ(run("sprintf", {s("x"), j(R"x([1, "a"])x")}), R"x("x%!(EXTRA int=1, string=a)")x");
  EXPECT_EQ(run("sprintf", {s("abc%"), j("[]")}), R"x("abc%!(NOVERB)")x");
  EXPECT_EQ(run("sprintf", {s("%z"), j("[1.5]")}), R"x("%!z(float64=1.5)")x");
}

TEST(Sprintf, OperandErrors) {
  EXPECT_EQ(run("sprintf", {j("1"), j("[]")}),
            "eval_type_error: sprintf: operand 1 must be string but got number");
  EXPECT_EQ(run("sprintf", {s("%v"), s("x")}),
            "eval_type_error: sprintf: operand 2 must be array but got string");
}

}  // namespace
}  // namespace regoc
