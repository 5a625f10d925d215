// Tests for json.filter, json.remove, json.patch, json.marshal_with_options and object.subset.
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

TEST(JsonFilterBuiltins, FilterAndRemove) {
  Value document = j("{\"a\": [{\"b\": 7, \"c\": 8}, {\"d\": 9}], \"e\": 1}");
  EXPECT_EQ(run("json.filter", {document, j("[\"a/0/b\", \"a/1\"]")}),
            "{\"a\": [{\"b\": 7}, {\"d\": 9}]}");
  EXPECT_EQ(run("json.remove", {document, j("[\"a/0/b\", \"a/1\"]")}),
            "{\"a\": [{\"c\": 8}], \"e\": 1}");
  EXPECT_EQ(run("json.remove", {document, j("[[\"a\"], \"a/0\"]")}), "{\"e\": 1}");
  EXPECT_EQ(run("json.remove", {j("1"), j("[]")}),
            "eval_type_error: json.remove: operand 1 must be object but got number");
  EXPECT_EQ(run("json.remove", {document, j("[{}]")}),
            "eval_type_error: json.remove: operand 2 must be one of {set, array} containing "
            "string paths or array of path segments but got object");
}

TEST(JsonPatchBuiltin, Operations) {
  Value document = j("{\"a\": [1, 2], \"b\": {\"c\": 3}}");
  EXPECT_EQ(
      run("json.patch", {document, j("[{\"op\": \"add\", \"path\": \"/a/-\", \"value\": 3}]")}),
      "{\"a\": [1, 2, 3], \"b\": {\"c\": 3}}");
  EXPECT_EQ(run("json.patch", {document, j("[{\"op\": \"remove\", \"path\": \"/b/c\"}]")}),
            "{\"a\": [1, 2], \"b\": {}}");
  EXPECT_EQ(run("json.patch", {document, j("[{\"op\": \"move\", \"from\": \"/b/c\", "
                                           "\"path\": \"/d\"}]")}),
            "{\"a\": [1, 2], \"b\": {}, \"d\": 3}");
  EXPECT_EQ(run("json.patch", {document, j("[{\"op\": \"test\", \"path\": \"/b/c\", "
                                           "\"value\": 4}]")}),
            "undefined");
  EXPECT_EQ(run("json.patch", {j("[1, 2, 3]"), j("[{\"op\": \"add\", \"path\": \"1.2\", "
                                                 "\"value\": 0}]")}),
            "undefined");
}

TEST(JsonMarshalOptionsBuiltin, Layouts) {
  Value value = j("{\"a\": [1, {}], \"b\": \"x\"}");
  EXPECT_EQ(run("json.marshal_with_options", {value, j("{}")}),
            "\"{\\\"a\\\":[1,{}],\\\"b\\\":\\\"x\\\"}\"");
  EXPECT_EQ(run("json.marshal_with_options", {value, j("{\"indent\": \" \", \"prefix\": \">\"}")}),
            "\"{\\n> \\\"a\\\": [\\n>  1,\\n>  {}\\n> ],\\n> \\\"b\\\": \\\"x\\\"\\n>}\"");
}

TEST(ObjectSubsetBuiltin, Kinds) {
  EXPECT_EQ(run("object.subset", {j("{\"a\": {\"b\": 1, \"c\": 2}}"), j("{\"a\": {\"b\": 1}}")}),
            "true");
  EXPECT_EQ(run("object.subset", {j("[1, 2, 3, 4]"), j("[2, 3]")}), "true");
  EXPECT_EQ(run("object.subset", {j("[1, 2, 3, 4]"), j("[2, 4]")}), "false");
  EXPECT_EQ(run("object.subset", {j("{\"a\": 1}"), j("[1]")}),
            "eval_type_error: object.subset: operand 2 must be object but got array");
}

}  // namespace
}  // namespace regoc
