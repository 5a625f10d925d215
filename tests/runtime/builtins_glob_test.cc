// Tests for glob.match and glob.quote_meta (gobwas/glob syntax and delimiters).
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

TEST(GlobBuiltins, DefaultDelimiterIsDot) {
  EXPECT_EQ(run("glob.match", {s("*.github.com"), j("[]"), s("api.github.com")}), "true");
  EXPECT_EQ(run("glob.match", {s("*.github.com"), j("[]"), s("api.cdn.github.com")}), "false");
  EXPECT_EQ(run("glob.match", {s("*"), j("[]"), s("foo.bar")}), "false");
  EXPECT_EQ(run("glob.match", {s("*"), j("null"), s("foo.bar")}), "true");
  EXPECT_EQ(run("glob.match", {s("**"), j("[]"), s("foo.bar")}), "true");
}

TEST(GlobBuiltins, CustomDelimiters) {
  EXPECT_EQ(run("glob.match", {s("*:github:com"), j(R"([":"])"), s("api:github:com")}), "true");
  EXPECT_EQ(run("glob.match", {s("/api/*"), j(R"(["/"])"), s("/api/users")}), "true");
  EXPECT_EQ(run("glob.match", {s("/api/*"), j(R"(["/"])"), s("/api/users/1")}), "false");
  EXPECT_EQ(run("glob.match", {s("/api/**"), j(R"(["/"])"), s("/api/users/1")}), "true");
  EXPECT_EQ(run("glob.match", {s("*?*"), j(R"([".", "/"])"), s("api.github.com")}), "false");
  EXPECT_EQ(run("glob.match", {s("*"), j(R"([".", "/"])"), s("a/b")}), "false");
  EXPECT_EQ(run("glob.match", {s("?at"), j(R"(["f"])"), s("fat")}), "false");
}

TEST(GlobBuiltins, ClassesAndAlternatives) {
  EXPECT_EQ(run("glob.match", {s("[abc]at"), j("[]"), s("cat")}), "true");
  EXPECT_EQ(run("glob.match", {s("[!abc]at"), j("[]"), s("fat")}), "true");
  EXPECT_EQ(run("glob.match", {s("[!abc]at"), j("[]"), s("cat")}), "false");
  EXPECT_EQ(run("glob.match", {s("[a-c]at"), j("[]"), s("bat")}), "true");
  EXPECT_EQ(run("glob.match", {s("[!a-c]at"), j("[]"), s("bat")}), "false");
  EXPECT_EQ(run("glob.match", {s("{cat,bat,[fr]at}"), j("[]"), s("rat")}), "true");
  EXPECT_EQ(run("glob.match", {s("{cat,bat,[fr]at}"), j("[]"), s("at")}), "false");
  EXPECT_EQ(run("glob.match", {s("{**/,}x"), j("null"), s("x")}), "true");
  EXPECT_EQ(run("glob.match", {s("[!0-9]"), j("null"), s("")}), "false");
}

TEST(GlobBuiltins, WildcardEdgeCases) {
  EXPECT_EQ(run("glob.match", {s("a/*/b"), j("null"), s("a/b")}), "false");
  EXPECT_EQ(run("glob.match", {s("a/**/b"), j("null"), s("a//b")}), "true");
  EXPECT_EQ(run("glob.match", {s("**/x"), j("null"), s("x")}), "false");
  EXPECT_EQ(run("glob.match", {s("***"), j(R"(["."])"), s("")}), "true");
  EXPECT_EQ(run("glob.match", {s("?"), j("null"), s("")}), "false");
  EXPECT_EQ(run("glob.match", {s("\\*"), j("null"), s("*")}), "true");
  EXPECT_EQ(run("glob.match", {s("\\*"), j("null"), s("a")}), "false");
  EXPECT_EQ(run("glob.match", {s("h?llo"), j("null"), s("héllo")}), "true");
}

TEST(GlobBuiltins, AlternativesContinueWithTheRest) {
  EXPECT_EQ(run("glob.match", {s("{a,ab}{c,bc}d"), j("null"), s("abcd")}), "true");
  EXPECT_EQ(run("glob.match", {s("{a,ab}{c,bc}d"), j("null"), s("abd")}), "false");
  EXPECT_EQ(run("glob.match", {s("x{a{1,2},b}y"), j("null"), s("xa2y")}), "true");
  EXPECT_EQ(run("glob.match", {s("x{a{1,2},b}y"), j("null"), s("xa3y")}), "false");
  EXPECT_EQ(run("glob.match", {s("{*.com,*.org}/*"), j(R"(["/"])"), s("a.b.org/x")}), "true");
  EXPECT_EQ(run("glob.match", {s("{*.com,*.org}/*"), j(R"(["/", "."])"), s("a.b.org/x")}),
            "false");
  EXPECT_EQ(run("glob.match", {s("{}"), j("null"), s("")}), "true");
}

TEST(GlobBuiltins, NonAsciiTextAndDelimiters) {
  EXPECT_EQ(run("glob.match", {s("*ö"), j("null"), s("føö")}), "true");
  EXPECT_EQ(run("glob.match", {s("[ä-ö]?"), j("null"), s("éx")}), "true");
  EXPECT_EQ(run("glob.match", {s("a*b"), j(R"(["→"])"), s("a→b")}), "false");
  EXPECT_EQ(run("glob.match", {s("a*b"), j(R"(["→"])"), s("axyb")}), "true");
  EXPECT_EQ(run("glob.match", {s("a?c"), j("null"), s("a\xff" "c")}), "true");
}

// The cache of compiled patterns is keyed by the delimiters too, so a pattern seen with other
// delimiters is not matched with those.
TEST(GlobBuiltins, CachedPatternKeepsItsDelimiters) {
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(run("glob.match", {s("*/x"), j(R"(["/"])"), s("a.b/x")}), "true");
    EXPECT_EQ(run("glob.match", {s("*/x"), j("[]"), s("a.b/x")}), "false");
    EXPECT_EQ(run("glob.match", {s("*/x"), j("null"), s("a/b/x")}), "true");
    EXPECT_EQ(run("glob.match", {s("*/x"), j(R"(["/", "."])"), s("ab/x")}), "true");
    EXPECT_EQ(run("glob.match", {s("*/x"), j(R"(["/", "."])"), s("a.b/x")}), "false");
  }
}

TEST(GlobBuiltins, ErrorsAreNotCached) {
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(run("glob.match", {s("[ab"), j("null"), s("a")}),
              "eval_builtin_error: glob.match: unexpected end of input");
  }
  EXPECT_EQ(run("glob.match", {s("[ab]"), j("null"), s("a")}), "true");
}

TEST(GlobBuiltins, Errors) {
  EXPECT_EQ(run("glob.match", {s("a"), s("."), s("a")}),
            "eval_type_error: glob.match: operand 2 must be one of {array, null} but got string");
  EXPECT_EQ(run("glob.match", {s("a"), j(R"(["ab"])"), s("a")}),
            "eval_type_error: glob.match: operand 2 must be array of runes but got array "
            "containing string");
  EXPECT_EQ(run("glob.match", {s("a"), j("[1]"), s("a")}),
            "eval_type_error: glob.match: operand 2 must be array of strings but got array "
            "containing number");
  EXPECT_EQ(run("glob.match", {s("[abc"), j("null"), s("a")}).substr(0, 32),
            "eval_builtin_error: glob.match: ");
  EXPECT_EQ(run("glob.match", {s("{a,b"), j("null"), s("a")}).substr(0, 32),
            "eval_builtin_error: glob.match: ");
}

TEST(GlobBuiltins, QuoteMeta) {
  EXPECT_EQ(run("glob.quote_meta", {s("*.github.com")}), R"x("\\*.github.com")x");
  EXPECT_EQ(run("glob.quote_meta", {s("[a]{b}?")}), R"x("\\[a\\]\\{b\\}\\?")x");
}

}  // namespace
}  // namespace regoc
