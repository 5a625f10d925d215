// Tests for the encoding builtins (base64, base64url, hex, JSON) and the urlquery builtins.
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

TEST(EncodingBuiltins, Base64) {
  EXPECT_EQ(run("base64.encode", {s("hello")}), R"("aGVsbG8=")");
  EXPECT_EQ(run("base64.encode", {s("")}), R"("")");
  EXPECT_EQ(run("base64.encode", {s("ab")}), R"("YWI=")");
  EXPECT_EQ(run("base64.decode", {s("aGVsbG8=")}), R"("hello")");
  EXPECT_EQ(run("base64.decode", {s("YWJj")}), R"("abc")");
  EXPECT_EQ(run("base64.decode", {s("YW\nJj")}), R"("abc")");
  EXPECT_EQ(run("base64.decode", {s("aGVsbG8")}),
            "eval_builtin_error: base64.decode: illegal base64 data at input byte 4");
  EXPECT_EQ(run("base64.decode", {s("a$==")}),
            "eval_builtin_error: base64.decode: illegal base64 data at input byte 1");
  EXPECT_EQ(run("base64.decode", {s("YQ==YQ==")}),
            "eval_builtin_error: base64.decode: illegal base64 data at input byte 4");
  EXPECT_EQ(run("base64.is_valid", {s("YWJj")}), "true");
  EXPECT_EQ(run("base64.is_valid", {s("YWJ")}), "false");
  EXPECT_EQ(run("base64.is_valid", {j("1")}), "false");
}

TEST(EncodingBuiltins, Base64Url) {
  EXPECT_EQ(run("base64url.encode", {s("\xfb\xff")}), R"("-_8=")");
  EXPECT_EQ(run("base64url.encode_no_pad", {s("\xfb\xff")}), R"("-_8")");
  EXPECT_EQ(run("base64url.decode", {s("-_8")}), run("base64url.decode", {s("-_8=")}));
  EXPECT_EQ(run("base64url.decode", {s("aGVsbG8")}), R"("hello")");
  EXPECT_EQ(run("base64url.decode", {s("a")}),
            "eval_builtin_error: base64url.decode: illegal base64url string: a");
}

TEST(EncodingBuiltins, Hex) {
  EXPECT_EQ(run("hex.encode", {s("hi!")}), R"("686921")");
  EXPECT_EQ(run("hex.decode", {s("686921")}), R"("hi!")");
  EXPECT_EQ(run("hex.decode", {s("6869FF")}), R"("hi\xff")");
  EXPECT_EQ(run("hex.decode", {s("xyz")}),
            "eval_builtin_error: hex.decode: encoding/hex: invalid byte: U+0078 'x'");
  EXPECT_EQ(run("hex.decode", {s("686")}),
            "eval_builtin_error: hex.decode: encoding/hex: odd length hex string");
  EXPECT_EQ(run("hex.decode", {s("68g")}),
            "eval_builtin_error: hex.decode: encoding/hex: invalid byte: U+0067 'g'");
}

TEST(EncodingBuiltins, Json) {
  EXPECT_EQ(run("json.marshal", {j(R"({"b": [1, 2.5], "a": "<&>"})")}),
            R"x("{\"a\":\"\\u003c\\u0026\\u003e\",\"b\":[1,2.5]}")x");
  EXPECT_EQ(run("json.marshal", {Value::set({j("2"), j("1")})}), R"("[1,2]")");
  EXPECT_EQ(run("json.unmarshal", {s(R"({"a": [true, null]})")}), R"({"a": [true, null]})");
  EXPECT_EQ(run("json.unmarshal", {s("12345678901234567890")}), "12345678901234567890");
  EXPECT_EQ(run("json.unmarshal", {s("{")}).substr(0, 36), "eval_builtin_error: json.unmarshal: ");
  EXPECT_EQ(run("json.is_valid", {s("[1, 2]")}), "true");
  EXPECT_EQ(run("json.is_valid", {s("[1, 2")}), "false");
  EXPECT_EQ(run("json.is_valid", {j("1")}), "false");
}

TEST(UrlqueryBuiltins, EncodeDecode) {
  EXPECT_EQ(run("urlquery.encode", {s("a b&c=d/é")}), R"("a+b%26c%3Dd%2F%C3%A9")");
  EXPECT_EQ(run("urlquery.decode", {s("a+b%26c%3Dd%2F%C3%A9")}), R"("a b&c=d/é")");
  EXPECT_EQ(run("urlquery.decode", {s("100%zz")}),
            "eval_builtin_error: urlquery.decode: invalid URL escape \"%zz\"");
  EXPECT_EQ(run("urlquery.decode", {s("1%")}),
            "eval_builtin_error: urlquery.decode: invalid URL escape \"%\"");
}

TEST(UrlqueryBuiltins, Objects) {
  EXPECT_EQ(run("urlquery.encode_object", {j(R"({"b": ["x", "y"], "a": "1 2"})")}),
            R"("a=1+2&b=x&b=y")");
  EXPECT_EQ(run("urlquery.encode_object", {j("{}")}), R"("")");
  EXPECT_EQ(run("urlquery.encode_object", {j(R"({"a": 1})")}),
            "eval_type_error: urlquery.encode_object: operand 1 values must be string, "
            "array[string], or set[string]");
  EXPECT_EQ(run("urlquery.decode_object", {s("a=1&b=x&b=y&c")}),
            R"({"a": ["1"], "b": ["x", "y"], "c": [""]})");
  EXPECT_EQ(run("urlquery.decode_object", {s("")}), "{}");
  EXPECT_EQ(run("urlquery.decode_object", {s("a=1;b=2")}),
            "eval_builtin_error: urlquery.decode_object: invalid semicolon separator in query");
}

}  // namespace
}  // namespace regoc
