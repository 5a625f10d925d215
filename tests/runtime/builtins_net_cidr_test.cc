// Tests for the CIDR builtins beyond net.cidr_contains and for net.lookup_ip_addr.
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

TEST(NetCidrBuiltins, ExpandAndValidity) {
  EXPECT_EQ(run("net.cidr_expand", {s("192.168.1.0/30")}),
            "{\"192.168.1.0\", \"192.168.1.1\", \"192.168.1.2\", \"192.168.1.3\"}");
  EXPECT_EQ(run("net.cidr_expand", {s("2001:db8::/127")}), "{\"2001:db8::\", \"2001:db8::1\"}");
  EXPECT_EQ(run("net.cidr_expand", {s("192.168.1.1/33")}),
            "eval_builtin_error: net.cidr_expand: invalid CIDR address: 192.168.1.1/33");
  EXPECT_EQ(run("net.cidr_is_valid", {s("10.0.0.0/8")}), "true");
  EXPECT_EQ(run("net.cidr_is_valid", {s("10.0.0.0")}), "false");
}

TEST(NetCidrBuiltins, Intersects) {
  EXPECT_EQ(run("net.cidr_intersects",
                {s("fd1e:5bfe:8af3:9ddc::/64"), s("fd1e:5bfe:8af3:9ddc:1111::/72")}),
            "true");
  EXPECT_EQ(run("net.cidr_intersects", {s("10.0.0.0/24"), s("10.0.1.0/24")}), "false");
}

TEST(NetCidrBuiltins, ContainsMatches) {
  EXPECT_EQ(run("net.cidr_contains_matches",
                {j("[\"1.1.2.0/24\", \"1.1.1.0/24\"]"), j("[\"1.1.1.1\", \"1.1.2.1\"]")}),
            "{[0, 1], [1, 0]}");
  EXPECT_EQ(run("net.cidr_contains_matches", {j("{\"x\": [\"10.0.0.0/8\", 1]}"), s("10.1.0.0/16")}),
            "{[\"x\", \"10.1.0.0/16\"]}");
  EXPECT_EQ(run("net.cidr_contains_matches", {j("[1]"), s("10.0.0.1")}),
            "eval_builtin_error: net.cidr_contains_matches: operand 1: element must be string or "
            "non-empty array");
}

TEST(NetCidrBuiltins, Merge) {
  EXPECT_EQ(run("net.cidr_merge", {j("[\"192.0.128.0/24\", \"192.0.129.0/24\"]")}),
            "{\"192.0.128.0/23\"}");
  EXPECT_EQ(run("net.cidr_merge", {j("[\"10.0.0.0/24\", \"10.0.0.128/25\", \"10.0.2.0/24\"]")}),
            "{\"10.0.0.0/24\", \"10.0.2.0/24\"}");
  EXPECT_EQ(run("net.cidr_merge", {j("[\"2601:600:8a80:207e:a57d:7567:e2c9:e7b3/64\"]")}),
            "{\"2601:600:8a80:207e::/64\"}");
  EXPECT_EQ(run("net.cidr_merge", {j("[\"192.0.2.1\"]")}), "{\"192.0.2.0/24\"}");
  EXPECT_EQ(run("net.cidr_merge", {j("[\"::1\"]")}),
            "eval_builtin_error: net.cidr_merge: IPv6 invalid: needs prefix length");
}

TEST(NetCidrBuiltins, LookupLiteralAddresses) {
  EXPECT_EQ(run("net.lookup_ip_addr", {s("10.0.0.0")}), "{\"10.0.0.0\"}");
  EXPECT_EQ(run("net.lookup_ip_addr", {s("::")}), "{\"::\"}");
}

}  // namespace
}  // namespace regoc
