// Tests for JSON and YAML reading and for OPA-style JSON output.
#include "runtime/json.h"

#include <gtest/gtest.h>

#include "runtime/number.h"

namespace regoc {
namespace {

Value parse(std::string_view text) {
  Value out;
  std::string error;
  EXPECT_TRUE(parse_json(text, &out, &error)) << text << ": " << error;
  return out;
}

std::string round_trip(std::string_view text) { return to_json(parse(text)); }

Value yaml(std::string_view text) {
  Value out;
  std::string error;
  EXPECT_TRUE(parse_yaml(text, &out, &error)) << text << ": " << error;
  return out;
}

TEST(Json, CompactRoundTrip) {
  EXPECT_EQ(round_trip(R"({"b": [1, 2], "a": 1})"), R"({"a":1,"b":[1,2]})");
  EXPECT_EQ(round_trip("[true, false, null, \"s\"]"), R"([true,false,null,"s"])");
  EXPECT_EQ(round_trip("{}"), "{}");
  EXPECT_EQ(round_trip("[]"), "[]");
  EXPECT_EQ(round_trip("  7  "), "7");
  EXPECT_EQ(round_trip(R"("x")"), R"("x")");
}

TEST(Json, NumbersKeepTheirText) {
  EXPECT_EQ(round_trip("[1.0, 1e3, 1E+2, -0, 0.10]"), "[1.0,1e3,1E+2,-0,0.10]");
  EXPECT_EQ(round_trip("123456789012345678901234567890"), "123456789012345678901234567890");
  EXPECT_EQ(round_trip("[-9223372036854775808, 9223372036854775808]"),
            "[-9223372036854775808,9223372036854775808]");
  EXPECT_EQ(round_trip("1e400"), "1e400");
}

TEST(Json, DuplicateKeyLastWins) {
  EXPECT_EQ(round_trip(R"({"a": 1, "a": 2})"), R"({"a":2})");
}

// Deep nesting is an error, not a stack overflow; 10,000 levels still read.
TEST(Json, NestingDepthLimit) {
  Value out;
  std::string error;
  std::string deep = std::string(50000, '[') + std::string(50000, ']');
  EXPECT_FALSE(parse_json(deep, &out, &error));
  EXPECT_NE(error.find("too deep"), std::string::npos) << error;

  std::string limit = std::string(10000, '[') + std::string(10000, ']');
  error.clear();
  EXPECT_TRUE(parse_json(limit, &out, &error)) << error;
}

TEST(Json, KeysSortBytewise) {
  EXPECT_EQ(round_trip(R"({"b":1,"B":2,"a":3,"":4})"), R"({"":4,"B":2,"a":3,"b":1})");
}

TEST(Json, StringEscapes) {
  Value v = Value::string("q\" b\\ n\n r\r t\t b\b f\f \x01 \x1f <>& \x7f");
  EXPECT_EQ(to_json(v),
            R"("q\" b\\ n\n r\r t\t b\b f\f \u0001 \u001f \u003c\u003e\u0026 )" "\x7f\"");
  EXPECT_EQ(to_json(Value::string("\xe2\x80\xa8\xe2\x80\xa9")), R"("\u2028\u2029")");
  EXPECT_EQ(to_json(Value::string("caf\xc3\xa9 \xf0\x9f\x98\x80")),
            "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"");
}

TEST(Json, InvalidUtf8BecomesReplacement) {
  EXPECT_EQ(to_json(Value::string("a\xff" "b")), R"("a\ufffdb")");
  EXPECT_EQ(to_json(Value::string("\xc0\xaf")), R"("\ufffd\ufffd")");  // overlong
  EXPECT_EQ(to_json(Value::string("\xed\xa0\x80")), R"("\ufffd\ufffd\ufffd")");  // surrogate
  EXPECT_EQ(to_json(Value::string("\xe2\x82")), R"("\ufffd\ufffd")");  // truncated
}

TEST(Json, EscapedInputDecodes) {
  Value v = parse(R"("\u00e9\n\"\u003c")");
  EXPECT_EQ(v.as_string(), "\xc3\xa9\n\"<");
}

TEST(Json, PrettyOutput) {
  Value v = parse(R"({"a": 1, "b": [1, {"c": []}], "d": {}})");
  EXPECT_EQ(to_json(v, 2),
            "{\n"
            "  \"a\": 1,\n"
            "  \"b\": [\n"
            "    1,\n"
            "    {\n"
            "      \"c\": []\n"
            "    }\n"
            "  ],\n"
            "  \"d\": {}\n"
            "}");
  EXPECT_EQ(to_json(Value::array(), 2), "[]");
  EXPECT_EQ(to_json(Value::integer(3), 4), "3");
}

TEST(Json, SetsWriteAsArrays) {
  Value s = Value::set({Value::string("b"), Value::integer(1), Value::string("a")});
  EXPECT_EQ(to_json(s), R"([1,"a","b"])");
}

TEST(Json, NonStringKeysWriteAsText) {
  Value o = Value::object({{Value::integer(1), Value::boolean(true)}});
  EXPECT_EQ(to_json(o), R"({"1":true})");
}

TEST(Json, ComputedNumbersPrintCanonically) {
  Number third = *Number::from_int64(1).divide(Number::from_int64(3), nullptr);
  EXPECT_EQ(to_json(Value::number(third)), "0.33333333333333333334");
  EXPECT_EQ(to_json(Value::number(Number::parse("2.5")->multiply(Number::from_int64(2)))),
            "5");
}

TEST(Json, ErrorsNameLineAndColumn) {
  for (const char* bad : {"{\"a\": 1,\n \"b\": }", "[1, 2", "", "[1] 2", "{\"a\" 1}", "01",
                          "[.5]", "tru", "\"unterminated", "7 8", "{} x"}) {
    Value out;
    std::string error;
    EXPECT_FALSE(parse_json(bad, &out, &error)) << bad;
    EXPECT_NE(error.find("line"), std::string::npos) << bad << ": " << error;
  }
  Value out;
  std::string error;
  ASSERT_FALSE(parse_json("{\"a\": 1,\n \"b\": }", &out, &error));
  EXPECT_NE(error.find("line 2"), std::string::npos) << error;
}

// Each of these is invalid for Go's encoding/json, which OPA's data loading, json.unmarshal and
// json.is_valid use.
TEST(Json, RejectsWhatGoRejects) {
  const char* cases[] = {
      "-.5",     ".5",        "01",         "-01",       "1.",        "1.e5",   "1e",
      "1e+",     "+1",        "-",          "--1",       "1.5.5",     "0x10",   "NaN",
      "falsee",  "truex",     "nullx",      "nul",       "nullnull",  "1 2",    "1 x",
      "[1]x",    "[1]]",      "{}}",        "[1,]",      "[,1]",      "[1,,2]", "{\"a\":1,}",
      "{,}",     "{\"a\":}",  "{:1}",       "{1:1}",     "{'a':1}",   "[01]",   "[-01]",
      "[1.]",    "[-]",       "[-.5]",      "{\"a\":01}", "\"\\x\"",  "\"\\u12\"",
      "\"\\U0041\"", "\"\\'\"", "\"a\nb\"", "\"\t\"",     "\"abc",     "\"\\\"", "  ",
      "\"abc\"x", "\"abc\" x", "{\"\\x\":1}", "[\"a\x01\"]", "/*c*/1",  "1 // c",
  };
  for (const char* text : cases) {
    Value out;
    std::string error;
    EXPECT_FALSE(parse_json(text, &out, &error)) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
  Value value;
  std::string error;
  EXPECT_FALSE(parse_json(std::string_view("\"\0\"", 3), &value, &error));
}

TEST(Json, AcceptsWhatGoAccepts) {
  EXPECT_EQ(round_trip("-0"), "-0");
  EXPECT_EQ(round_trip("-0.0e-0"), "-0.0e-0");
  EXPECT_EQ(round_trip("1E+2"), "1E+2");
  EXPECT_EQ(round_trip(" null "), "null");
  EXPECT_EQ(round_trip("\ttrue\r\n"), "true");
  EXPECT_EQ(round_trip(" \"s\" "), R"("s")");
  EXPECT_EQ(round_trip("[null , false]"), "[null,false]");
  EXPECT_EQ(round_trip(R"({"\u0061": 1, "a\"b": 2})"), R"({"a":1,"a\"b":2})");
  EXPECT_EQ(parse(R"("\/\\\b\f\n\r\t")").as_string(), "/\\\b\f\n\r\t");
  EXPECT_EQ(parse(R"("\ud83d\ude00")").as_string(), "\xf0\x9f\x98\x80");
}

// Go decodes a \u escape of an unpaired UTF-16 surrogate as U+FFFD instead of failing.
TEST(Json, LoneSurrogateBecomesReplacement) {
  EXPECT_EQ(parse(R"("\ud800")").as_string(), "\xef\xbf\xbd");
  EXPECT_EQ(parse(R"("\udc00x")").as_string(), "\xef\xbf\xbdx");
  EXPECT_EQ(parse(R"("\ud800\u0041")").as_string(), "\xef\xbf\xbd" "A");
  EXPECT_EQ(parse(R"(["\ud800"])").array_items()[0].as_string(), "\xef\xbf\xbd");
}

// Go replaces each byte of invalid UTF-8 in a string with U+FFFD, and rejects it elsewhere.
TEST(Json, InvalidUtf8InStringBecomesReplacement) {
  EXPECT_EQ(parse("\"a\xff" "b\"").as_string(), "a\xef\xbf\xbd" "b");
  EXPECT_EQ(parse("{\"k\xc0\": 1}").object_entries()[0].first.as_string(), "k\xef\xbf\xbd");
  Value out;
  std::string error;
  EXPECT_FALSE(parse_json("[1, \xff]", &out, &error));
}

TEST(Yaml, MapsSequencesAndScalars) {
  Value v = yaml("a: 1\nb: [x, 'y']\nc:\n  - true\n  - ~\n");
  EXPECT_EQ(to_json(v), R"({"a":1,"b":["x","y"],"c":[true,null]})");
}

TEST(Yaml, CoreSchemaTyping) {
  Value v = yaml(
      "null1: null\nnull2: ~\nnull3:\nt: True\nf: FALSE\ni: -12\noct: 0o17\nhex: 0x1F\n"
      "flt: 1.5\nwhole: 2.0\nexp: 1e3\nbig: 123456789012345678901234567890\n"
      "yes: yes\noff: off\nver: 1.2.3\nq: \"12\"\nsq: 'true'\ntagged: !!str 5\n"
      "block: |\n  7\n");
  EXPECT_EQ(to_json(v),
            R"({"big":123456789012345678901234567890,"block":"7\n","exp":1000,)"
            R"("f":false,"flt":1.5,"hex":31,"i":-12,"null1":null,"null2":null,)"
            R"("null3":null,"oct":15,"off":"off","q":"12","sq":"true","t":true,)"
            R"("tagged":"5","ver":"1.2.3","whole":2,"yes":"yes"})");
}

TEST(Yaml, KeysBecomeStrings) {
  EXPECT_EQ(to_json(yaml("1: a\ntrue: b\n")), R"({"1":"a","true":"b"})");
}

TEST(Yaml, ErrorsNameLine) {
  Value out;
  std::string error;
  EXPECT_FALSE(parse_yaml("a: [1, 2\nb: 3\n", &out, &error));
  EXPECT_NE(error.find("line"), std::string::npos) << error;
}

}  // namespace
}  // namespace regoc
