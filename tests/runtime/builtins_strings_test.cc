// Tests for the string builtins, trim builtins included: Unicode offsets, Go's split and
// replace rules, and OPA's error messages.
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

TEST(StringBuiltins, Concat) {
  EXPECT_EQ(run("concat", {s(", "), j(R"(["a", "b", "c"])")}), R"("a, b, c")");
  EXPECT_EQ(run("concat", {s("-"), j("[]")}), R"("")");
  EXPECT_EQ(run("concat", {s("-"), Value::set({s("b"), s("a")})}), R"("a-b")");
  EXPECT_EQ(run("concat", {s("-"), j(R"(["a", 1])")}),
            "eval_type_error: concat: operand 2 must be array of strings but got array "
            "containing number");
  EXPECT_EQ(run("concat", {s("-"), s("ab")}),
            "eval_type_error: concat: operand 2 must be one of {set, array} but got string");
  EXPECT_EQ(run("concat", {j("1"), j("[]")}),
            "eval_type_error: concat: operand 1 must be string but got number");
}

TEST(StringBuiltins, ContainsStartsEnds) {
  EXPECT_EQ(run("contains", {s("abc"), s("b")}), "true");
  EXPECT_EQ(run("contains", {s("abc"), s("")}), "true");
  EXPECT_EQ(run("contains", {s("abc"), s("d")}), "false");
  EXPECT_EQ(run("startswith", {s("abc"), s("ab")}), "true");
  EXPECT_EQ(run("startswith", {s("abc"), s("bc")}), "false");
  EXPECT_EQ(run("endswith", {s("abc"), s("bc")}), "true");
  EXPECT_EQ(run("endswith", {s("abc"), j("1")}),
            "eval_type_error: endswith: operand 2 must be string but got number");
}

TEST(StringBuiltins, LowerUpperUnicode) {
  EXPECT_EQ(run("lower", {s("AbC")}), R"("abc")");
  EXPECT_EQ(run("upper", {s("abc")}), R"("ABC")");
  EXPECT_EQ(run("upper", {s("straße ñ")}), R"("STRAßE Ñ")");
  EXPECT_EQ(run("lower", {s("ÀÉÎ")}), R"("àéî")");
  EXPECT_EQ(run("lower", {j("1")}),
            "eval_type_error: lower: operand 1 must be string but got number");
}

// Results equal to an operand reuse its node, so a later comparison with it is a pointer test.
TEST(StringBuiltins, UnchangedResultsShareTheOperand) {
  using testing_support::call;
  Value lower_case = s("x-request-id");
  EXPECT_EQ(call("lower", {lower_case}).identity(), lower_case.identity());
  Value upper_case = s("GET");
  EXPECT_EQ(call("upper", {upper_case}).identity(), upper_case.identity());
  Value accented = s("héllo");
  EXPECT_EQ(call("lower", {accented}).identity(), accented.identity());
  Value path = s("/orders/17");
  Value parts = call("split", {path, s("?")});
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts.array_items()[0].identity(), path.identity());
  EXPECT_EQ(call("trim_space", {path}).identity(), path.identity());
  EXPECT_EQ(call("trim_prefix", {path, s("x")}).identity(), path.identity());
  EXPECT_EQ(call("trim_suffix", {path, s("x")}).identity(), path.identity());
  EXPECT_EQ(call("trim", {path, s("x")}).identity(), path.identity());
  EXPECT_EQ(call("substring", {path, j("0"), j("-1")}).identity(), path.identity());
}

TEST(StringBuiltins, LowerUpperAsciiChanges) {
  EXPECT_EQ(run("lower", {s("x-Request-ID")}), R"("x-request-id")");
  EXPECT_EQ(run("upper", {s("get /Orders")}), R"("GET /ORDERS")");
  EXPECT_EQ(run("lower", {s("")}), R"("")");
  EXPECT_EQ(run("lower", {s("ABCDEFGHIJKLMNOPQRSTUVWXYZ[@`{")}),
            R"("abcdefghijklmnopqrstuvwxyz[@`{")");
  // An invalid byte becomes U+FFFD, so the text changes even without letters to map.
  Value invalid = s("a\xff" "b");
  Value lowered = testing_support::call("lower", {invalid});
  EXPECT_EQ(lowered, s("a\xef\xbf\xbd" "b"));
  EXPECT_NE(lowered.identity(), invalid.identity());
}

TEST(StringBuiltins, Split) {
  EXPECT_EQ(run("split", {s("a.b.c"), s(".")}), R"(["a", "b", "c"])");
  EXPECT_EQ(run("split", {s("abc"), s(",")}), R"(["abc"])");
  EXPECT_EQ(run("split", {s(""), s(",")}), R"([""])");
  EXPECT_EQ(run("split", {s("a,"), s(",")}), R"(["a", ""])");
  EXPECT_EQ(run("split", {s("héj"), s("")}), R"(["h", "é", "j"])");
  EXPECT_EQ(run("split", {s(""), s("")}), "[]");
}

TEST(StringBuiltins, SplitN) {
  EXPECT_EQ(run("strings.split_n", {s("a.b.c.d"), s("."), j("2")}), R"(["a", "b"])");
  EXPECT_EQ(run("strings.split_n", {s("a.b.c.d"), s("."), j("10")}), R"(["a", "b", "c", "d"])");
  EXPECT_EQ(run("strings.split_n", {s("a.b.c.d"), s("."), j("0")}), "[]");
  EXPECT_EQ(run("strings.split_n", {s("a.b.c.d"), s("."), j("-2")}), R"(["c", "d"])");
  EXPECT_EQ(run("strings.split_n", {s("a.b.c.d"), s("."), j("-10")}), R"(["a", "b", "c", "d"])");
  EXPECT_EQ(run("strings.split_n", {s(""), s("."), j("2")}), R"([""])");
  EXPECT_EQ(run("strings.split_n", {s("abc"), s(""), j("-2")}), R"(["b", "c"])");
  EXPECT_EQ(run("strings.split_n", {s("a.b.c"), s("."), j("1.5")}),
            "eval_type_error: strings.split_n: operand 3 must be integer number but got "
            "floating-point number");
}

TEST(StringBuiltins, Substring) {
  EXPECT_EQ(run("substring", {s("abcdef"), j("1"), j("3")}), R"("bcd")");
  EXPECT_EQ(run("substring", {s("abcdef"), j("2"), j("-1")}), R"("cdef")");
  EXPECT_EQ(run("substring", {s("abcdef"), j("4"), j("100")}), R"("ef")");
  EXPECT_EQ(run("substring", {s("abc"), j("5"), j("1")}), R"("")");
  EXPECT_EQ(run("substring", {s("héllo wörld"), j("1"), j("4")}), R"("éllo")");
  EXPECT_EQ(run("substring", {s("日本語"), j("2"), j("-1")}), R"("語")");
  EXPECT_EQ(run("substring", {s("abc"), j("-1"), j("1")}),
            "eval_builtin_error: substring: negative offset");
  EXPECT_EQ(run("substring", {s("abc"), j("1.5"), j("1")}),
            "eval_type_error: substring: operand 2 must be integer number but got "
            "floating-point number");
  EXPECT_EQ(run("substring", {s("abc"), j("0"), s("1")}),
            "eval_type_error: substring: operand 3 must be number but got string");
}

TEST(StringBuiltins, Indexof) {
  EXPECT_EQ(run("indexof", {s("abcabc"), s("c")}), "2");
  EXPECT_EQ(run("indexof", {s("abc"), s("d")}), "-1");
  EXPECT_EQ(run("indexof", {s("héllo"), s("l")}), "2");
  EXPECT_EQ(run("indexof", {s("abc"), s("")}),
            "eval_builtin_error: indexof: empty search character");
  EXPECT_EQ(run("indexof_n", {s("aXbXc"), s("X")}), "[1, 3]");
  EXPECT_EQ(run("indexof_n", {s("abc"), s("X")}), "[]");
}

TEST(StringBuiltins, Replace) {
  EXPECT_EQ(run("replace", {s("aaa"), s("a"), s("b")}), R"("bbb")");
  EXPECT_EQ(run("replace", {s("abab"), s("ab"), s("x")}), R"("xx")");
  EXPECT_EQ(run("replace", {s("ab"), s(""), s("-")}), R"("-a-b-")");
  EXPECT_EQ(run("replace", {s("abc"), s("z"), s("-")}), R"("abc")");
}

TEST(StringBuiltins, ReplaceN) {
  Value patterns = j(R"({"a": "1", "ab": "2", "c": "3"})");
  // Keys apply in sorted order at each position, so "a" wins over "ab".
  EXPECT_EQ(run("strings.replace_n", {patterns, s("abc")}), R"("1b3")");
  EXPECT_EQ(run("strings.replace_n", {j("{}"), s("abc")}), R"("abc")");
  EXPECT_EQ(run("strings.replace_n", {j(R"({"a": 1})"), s("abc")}),
            "eval_type_error: strings.replace_n: operand 1 non-string value found in pattern "
            "object");
  EXPECT_EQ(run("strings.replace_n", {s("x"), s("abc")}),
            "eval_type_error: strings.replace_n: operand 1 must be object but got string");
}

TEST(StringBuiltins, ReverseAndCount) {
  EXPECT_EQ(run("strings.reverse", {s("abc")}), R"("cba")");
  EXPECT_EQ(run("strings.reverse", {s("héj")}), R"("jéh")");
  EXPECT_EQ(run("strings.reverse", {s("")}), R"("")");
  EXPECT_EQ(run("strings.count", {s("cheese"), s("e")}), "3");
  EXPECT_EQ(run("strings.count", {s("aaaa"), s("aa")}), "2");
  EXPECT_EQ(run("strings.count", {s("five"), s("")}), "5");
}

TEST(StringBuiltins, AnyPrefixSuffixMatch) {
  EXPECT_EQ(run("strings.any_prefix_match", {s("foo/bar"), s("foo")}), "true");
  EXPECT_EQ(run("strings.any_prefix_match", {j(R"(["a", "b"])"), j(R"(["x", "b"])")}),
            "true");
  EXPECT_EQ(run("strings.any_prefix_match", {Value::set({s("abc")}), s("b")}), "false");
  EXPECT_EQ(run("strings.any_prefix_match", {j("[]"), s("")}), "false");
  EXPECT_EQ(run("strings.any_suffix_match", {s("foo/bar"), j(R"(["bar"])")}), "true");
  EXPECT_EQ(run("strings.any_suffix_match", {j("1"), s("")}),
            "eval_type_error: strings.any_suffix_match: operand 1 must be one of {string, set, "
            "array} but got number");
  EXPECT_EQ(run("strings.any_prefix_match", {s("a"), j("[1]")}),
            "eval_type_error: strings.any_prefix_match: operand 2 must be array of strings but "
            "got array containing number");
}

TEST(StringBuiltins, FormatInt) {
  EXPECT_EQ(run("format_int", {j("255"), j("16")}), R"("ff")");
  EXPECT_EQ(run("format_int", {j("-5"), j("2")}), R"("-101")");
  EXPECT_EQ(run("format_int", {j("8"), j("8")}), R"("10")");
  EXPECT_EQ(run("format_int", {j("10.9"), j("10")}), R"("10")");
  EXPECT_EQ(run("format_int", {j("-10.9"), j("10")}), R"("-10")");
  EXPECT_EQ(run("format_int", {j("18446744073709551616"), j("16")}), R"("10000000000000000")");
  EXPECT_EQ(run("format_int", {j("1"), j("3")}),
            "eval_type_error: format_int: operand 2 must be one of {2, 8, 10, 16}");
}

TEST(TrimBuiltins, Cutsets) {
  EXPECT_EQ(run("trim", {s("xxhixx"), s("x")}), R"("hi")");
  EXPECT_EQ(run("trim", {s("  hi "), s(" ")}), R"("hi")");
  EXPECT_EQ(run("trim", {s("abcba"), s("ab")}), R"("c")");
  EXPECT_EQ(run("trim", {s("aaa"), s("a")}), R"("")");
  EXPECT_EQ(run("trim_left", {s("xxhixx"), s("x")}), R"("hixx")");
  EXPECT_EQ(run("trim_right", {s("xxhixx"), s("x")}), R"("xxhi")");
  EXPECT_EQ(run("trim", {s("éhié"), s("é")}), R"("hi")");
  EXPECT_EQ(run("trim", {s("hi"), s("")}), R"("hi")");
}

TEST(TrimBuiltins, PrefixSuffixSpace) {
  EXPECT_EQ(run("trim_prefix", {s("foobar"), s("foo")}), R"("bar")");
  EXPECT_EQ(run("trim_prefix", {s("foobar"), s("bar")}), R"("foobar")");
  EXPECT_EQ(run("trim_suffix", {s("foobar"), s("bar")}), R"("foo")");
  EXPECT_EQ(run("trim_space", {s(" \t\n hi there \r\n")}), R"("hi there")");
  EXPECT_EQ(run("trim_space", {s("\u00a0\u3000x\u2003")}), R"("x")");
  EXPECT_EQ(run("trim_space", {s("")}), R"("")");
  EXPECT_EQ(run("trim_space", {j("1")}),
            "eval_type_error: trim_space: operand 1 must be string but got number");
  EXPECT_EQ(run("trim", {s("a"), j("1")}),
            "eval_type_error: trim: operand 2 must be string but got number");
}

}  // namespace
}  // namespace regoc
