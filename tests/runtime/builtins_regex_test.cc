// Tests for the regex builtins on RE2 with Go's regexp semantics and error messages.
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

TEST(RegexBuiltins, Match) {
  EXPECT_EQ(run("regex.match", {s("^a+b$"), s("aaab")}), "true");
  EXPECT_EQ(run("regex.match", {s("b"), s("abc")}), "true");
  EXPECT_EQ(run("regex.match", {s("^b"), s("abc")}), "false");
  EXPECT_EQ(run("regex.match", {s(""), s("")}), "true");
  EXPECT_EQ(run("regex.match", {s("(?i)ABC"), s("xabcx")}), "true");
  EXPECT_EQ(run("regex.match", {s("^.$"), s("é")}), "true");
}

TEST(RegexBuiltins, MatchErrors) {
  EXPECT_EQ(run("regex.match", {s("(abc"), s("x")}),
            "eval_builtin_error: regex.match: error parsing regexp: missing closing ): `(abc`");
  EXPECT_EQ(run("regex.match", {s("a**"), s("x")}),
            "eval_builtin_error: regex.match: error parsing regexp: invalid nested repetition "
            "operator: `**`");
  EXPECT_EQ(run("regex.match", {j("1"), s("x")}),
            "eval_type_error: regex.match: operand 1 must be string but got number");
  EXPECT_EQ(run("regex.match", {s("a"), j("1")}),
            "eval_type_error: regex.match: operand 2 must be string but got number");
}

TEST(RegexBuiltins, IsValid) {
  EXPECT_EQ(run("regex.is_valid", {s("a+")}), "true");
  EXPECT_EQ(run("regex.is_valid", {s("a(")}), "false");
  EXPECT_EQ(run("regex.is_valid", {j("1")}), "false");
}

TEST(RegexBuiltins, Split) {
  EXPECT_EQ(run("regex.split", {s(",\\s*"), s("a, b,c")}), R"(["a", "b", "c"])");
  EXPECT_EQ(run("regex.split", {s("x"), s("")}), R"([""])");
  EXPECT_EQ(run("regex.split", {s("x"), s("axbx")}), R"(["a", "b", ""])");
  EXPECT_EQ(run("regex.split", {s(""), s("abc")}), R"(["a", "b", "c"])");
}

TEST(RegexBuiltins, FindN) {
  EXPECT_EQ(run("regex.find_n", {s("a."), s("abacad"), j("-1")}), R"(["ab", "ac", "ad"])");
  EXPECT_EQ(run("regex.find_n", {s("a."), s("abacad"), j("2")}), R"(["ab", "ac"])");
  EXPECT_EQ(run("regex.find_n", {s("a."), s("abacad"), j("0")}), "[]");
  // Empty matches: before "a", before "b" and at the end.
  EXPECT_EQ(run("regex.find_n", {s("x*"), s("ab"), j("-1")}), R"(["", "", ""])");
}

TEST(RegexBuiltins, FindAllSubmatches) {
  EXPECT_EQ(run("regex.find_all_string_submatch_n",
                {s("(a)(x)?(.)"), s("abac"), j("-1")}),
            R"([["ab", "a", "", "b"], ["ac", "a", "", "c"]])");
}

TEST(RegexBuiltins, ReplaceWithTemplates) {
  EXPECT_EQ(run("regex.replace", {s("abc abc"), s("b"), s("X")}), R"("aXc aXc")");
  EXPECT_EQ(run("regex.replace", {s("key=value"), s("(\\w+)=(\\w+)"), s("$2=$1")}),
            R"("value=key")");
  EXPECT_EQ(run("regex.replace", {s("ab"), s("(?P<first>a)"), s("[${first}]")}),
            R"("[a]b")");
  EXPECT_EQ(run("regex.replace", {s("ab"), s("a"), s("$$")}), R"("$b")");
  EXPECT_EQ(run("regex.replace", {s("ab"), s("x*"), s("-")}), R"("-a-b-")");
}

}  // namespace
}  // namespace regoc
