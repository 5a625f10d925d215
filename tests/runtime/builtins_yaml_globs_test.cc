// Tests for the YAML builtins, regex.globs_match, regex.template_match and array.flatten.
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

TEST(YamlBuiltins, MarshalBlockStyle) {
  EXPECT_EQ(run("yaml.marshal", {j("{\"b\": [1, \"true\"], \"a\": {\"c\": null}, \"d\": []}")}),
            "\"a:\\n  c: null\\nb:\\n- 1\\n- \\\"true\\\"\\nd: []\\n\"");
  EXPECT_EQ(run("yaml.marshal", {j("[{\"a\": 1, \"b\": 2}, [3]]")}),
            "\"- a: 1\\n  b: 2\\n- - 3\\n\"");
}

TEST(YamlBuiltins, UnmarshalAndIsValid) {
  EXPECT_EQ(run("yaml.unmarshal", {s("a: [1, x]\n")}), "{\"a\": [1, \"x\"]}");
  EXPECT_EQ(run("yaml.is_valid", {s("a: 1\n---\nb: 2\n")}), "true");
  EXPECT_EQ(run("yaml.is_valid", {s("a: 1\n---\n\tb: 2\n")}), "false");
  EXPECT_EQ(run("yaml.is_valid", {j("1")}), "false");
}

TEST(RegexGlobBuiltins, GlobsMatch) {
  EXPECT_EQ(run("regex.globs_match", {s("a.a.[0-9]+z"), s(".b.b2359825792*594823z")}), "true");
  EXPECT_EQ(run("regex.globs_match", {s("[a-z]*"), s("[0-9]*")}), "true");
  EXPECT_EQ(run("regex.globs_match", {s("[a-z]+"), s("[0-9]*")}), "false");
  EXPECT_EQ(run("regex.globs_match", {s("[a-z]+\\[[0-9]+\\]"), s("foo\\[1\\]")}), "true");
}

TEST(RegexGlobBuiltins, TemplateMatch) {
  EXPECT_EQ(run("regex.template_match", {s("urn:foo:{.*}"), s("urn:foo:bar:baz"), s("{"), s("}")}),
            "true");
  EXPECT_EQ(run("regex.template_match",
                {s("urn:foo.bar.com:{.*}"), s("urn:foo.com:bar:baz"), s("{"), s("}")}),
            "false");
  EXPECT_EQ(run("regex.template_match", {s("urn:{a"), s("urn:a"), s("{"), s("}")}),
            "eval_builtin_error: regex.template_match: unbalanced braces in \"urn:{a\"");
}

TEST(ArrayFlattenBuiltin, OneLevel) {
  EXPECT_EQ(run("array.flatten", {j("[[1], 2, [[3], 4]]")}), "[1, 2, [3], 4]");
  EXPECT_EQ(run("array.flatten", {j("1")}),
            "eval_type_error: array.flatten: operand 1 must be array but got number");
}

}  // namespace
}  // namespace regoc
