// Tests for net.cidr_contains with IPv4, IPv6 and Go's address rules.
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

TEST(NetBuiltins, AddressInIpv4Network) {
  EXPECT_EQ(run("net.cidr_contains", {s("10.0.0.0/8"), s("10.1.2.3")}), "true");
  EXPECT_EQ(run("net.cidr_contains", {s("10.0.0.0/8"), s("11.0.0.1")}), "false");
  EXPECT_EQ(run("net.cidr_contains", {s("192.168.1.0/24"), s("192.168.1.255")}), "true");
  EXPECT_EQ(run("net.cidr_contains", {s("0.0.0.0/0"), s("8.8.8.8")}), "true");
  EXPECT_EQ(run("net.cidr_contains", {s("10.0.0.1/32"), s("10.0.0.1")}), "true");
  EXPECT_EQ(run("net.cidr_contains", {s("10.0.0.5/24"), s("10.0.0.200")}), "true");
}

TEST(NetBuiltins, NetworkInNetwork) {
  EXPECT_EQ(run("net.cidr_contains", {s("10.0.0.0/8"), s("10.1.0.0/16")}), "true");
  EXPECT_EQ(run("net.cidr_contains", {s("10.1.0.0/16"), s("10.0.0.0/8")}), "false");
  EXPECT_EQ(run("net.cidr_contains", {s("10.0.0.0/24"), s("10.0.0.128/25")}), "true");
}

TEST(NetBuiltins, Ipv6) {
  EXPECT_EQ(run("net.cidr_contains", {s("2001:db8::/32"), s("2001:db8::1")}), "true");
  EXPECT_EQ(run("net.cidr_contains", {s("2001:db8::/32"), s("2001:db9::1")}), "false");
  EXPECT_EQ(run("net.cidr_contains", {s("fd00::/8"), s("fd12:3456:789a:1::/64")}), "true");
  EXPECT_EQ(run("net.cidr_contains", {s("::/0"), s("::1")}), "true");
  EXPECT_EQ(run("net.cidr_contains", {s("2001:db8::/32"), s("10.0.0.1")}), "false");
  EXPECT_EQ(run("net.cidr_contains", {s("10.0.0.0/8"), s("::ffff:10.0.0.1")}), "true");
}

// Go compares IPv4 networks written in IPv6 form, and IPv4 addresses against IPv6 networks,
// through their 4-byte forms where those exist.
TEST(NetBuiltins, MappedAddressesAndNetworks) {
  EXPECT_EQ(run("net.cidr_contains", {s("::ffff:10.0.0.0/104"), s("10.1.2.3")}), "true");
  EXPECT_EQ(run("net.cidr_contains", {s("::ffff:0:0/96"), s("1.2.3.4")}), "true");
  EXPECT_EQ(run("net.cidr_contains", {s("::/0"), s("1.2.3.4")}), "false");
  EXPECT_EQ(run("net.cidr_contains", {s("::ffff:1.2.3.4/128"), s("::ffff:1.2.3.4")}), "true");
  EXPECT_EQ(run("net.cidr_contains", {s("10.0.0.0/8"), s("2001:db8::1")}), "false");
}

TEST(NetBuiltins, Errors) {
  EXPECT_EQ(run("net.cidr_contains", {s("10.0.0.0"), s("10.0.0.1")}),
            "eval_builtin_error: net.cidr_contains: invalid CIDR address: 10.0.0.0");
  EXPECT_EQ(run("net.cidr_contains", {s("10.0.0.0/33"), s("10.0.0.1")}),
            "eval_builtin_error: net.cidr_contains: invalid CIDR address: 10.0.0.0/33");
  EXPECT_EQ(run("net.cidr_contains", {s("10.0.0.0/8"), s("not an ip")}),
            "eval_builtin_error: net.cidr_contains: invalid CIDR address: not an ip");
  EXPECT_EQ(run("net.cidr_contains", {s("10.0.0.0/8"), s("010.0.0.1")}),
            "eval_builtin_error: net.cidr_contains: invalid CIDR address: 010.0.0.1");
  EXPECT_EQ(run("net.cidr_contains", {j("1"), s("10.0.0.1")}),
            "eval_type_error: net.cidr_contains: operand 1 must be string but got number");
}

}  // namespace
}  // namespace regoc
