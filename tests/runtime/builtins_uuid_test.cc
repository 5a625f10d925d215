// Tests for uuid.parse, uuid.rfc4122 and rand.intn.
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

TEST(UuidBuiltins, ParseVersion2) {
  EXPECT_EQ(run("uuid.parse", {s("000003e8-48b9-21ee-b200-325096b39f47")}),
            "{\"clocksequence\": 12800, \"domain\": \"Person\", \"id\": 1000, "
            "\"macvariables\": \"local:unicast\", \"nodeid\": \"32-50-96-b3-9f-47\", "
            "\"time\": 1693566990121469600, \"variant\": \"RFC4122\", \"version\": 2}");
}

TEST(UuidBuiltins, ParseForms) {
  const std::string v4 = "{\"variant\": \"RFC4122\", \"version\": 4}";
  EXPECT_EQ(run("uuid.parse", {s("00000000-0000-4000-8000-000000000000")}), v4);
  EXPECT_EQ(run("uuid.parse", {s("{00000000-0000-4000-8000-000000000000}")}), v4);
  EXPECT_EQ(run("uuid.parse", {s("URN:UUID:00000000-0000-4000-8000-000000000000")}), v4);
  EXPECT_EQ(run("uuid.parse", {s("00000000000040008000000000000000")}), v4);
  EXPECT_EQ(run("uuid.parse", {s("not-a-uuid")}), "undefined");
  EXPECT_EQ(run("uuid.parse", {j("123")}), "undefined");
}

TEST(UuidBuiltins, Rfc4122IsCachedPerKey) {
  const Builtin* builtin = find_builtin("uuid.rfc4122");
  ASSERT_NE(builtin, nullptr);
  BuiltinContext context;
  std::vector<Value> key = {s("key")};
  Value first, second, other;
  ASSERT_EQ(builtin->function(context, key, first), BuiltinStatus::Ok);
  ASSERT_EQ(builtin->function(context, key, second), BuiltinStatus::Ok);
  std::vector<Value> other_key = {s("other")};
  ASSERT_EQ(builtin->function(context, other_key, other), BuiltinStatus::Ok);
  EXPECT_EQ(first, second);
  EXPECT_NE(first, other);
  EXPECT_EQ(run("uuid.parse", {first}), "{\"variant\": \"RFC4122\", \"version\": 4}");
}

TEST(RandBuiltins, IntnIsCachedAndInRange) {
  const Builtin* builtin = find_builtin("rand.intn");
  ASSERT_NE(builtin, nullptr);
  BuiltinContext context;
  std::vector<Value> args = {s("key"), Value::integer(10)};
  Value first, second;
  ASSERT_EQ(builtin->function(context, args, first), BuiltinStatus::Ok);
  ASSERT_EQ(builtin->function(context, args, second), BuiltinStatus::Ok);
  EXPECT_EQ(first, second);
  int64_t number = -1;
  ASSERT_TRUE(first.as_int64(&number));
  EXPECT_GE(number, 0);
  EXPECT_LT(number, 10);
  EXPECT_EQ(run("rand.intn", {s("key"), j("0")}), "0");
  EXPECT_EQ(run("rand.intn", {s("key"), j("1.5")}),
            "eval_type_error: rand.intn: operand 2 must be integer number but got floating-point "
            "number");
}

}  // namespace
}  // namespace regoc
