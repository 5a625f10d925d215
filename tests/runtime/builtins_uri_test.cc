// Tests for uri.parse and uri.is_valid, which read URLs as Go's url.Parse does.
#include <gtest/gtest.h>

#include "tests/runtime/builtin_test_support.h"

namespace regoc {
namespace {

using testing_support::j;
using testing_support::run;
using testing_support::s;

TEST(UriParse, AllComponents) {
  EXPECT_EQ(run("uri.parse", {s("https://user@Example.com:8443/a%2Fb/c%20d?x=1#f%20g")}),
            R"({"fragment": "f g", "hostname": "Example.com", "path": "/a/b/c d", )"
            R"("port": "8443", "raw_path": "/a%2Fb/c%20d", "raw_query": "x=1", )"
            R"("scheme": "https"})");
}

TEST(UriParse, DefaultEscapingKeepsPathAsRawPath) {
  EXPECT_EQ(run("uri.parse", {s("http://h/a%20b")}),
            R"({"hostname": "h", "path": "/a b", "raw_path": "/a b", "scheme": "http"})");
}

TEST(UriParse, BracketedIpv6Host) {
  EXPECT_EQ(run("uri.parse", {s("http://[::1]:80/")}),
            R"({"hostname": "::1", "path": "/", "port": "80", "raw_path": "/", "scheme": "http"})");
}

TEST(UriParse, OpaqueAndEmpty) {
  EXPECT_EQ(run("uri.parse", {s("mailto:a@b.c")}), R"({"scheme": "mailto"})");
  EXPECT_EQ(run("uri.parse", {s("")}), "{}");
}

TEST(UriParse, InvalidEscapeIsAnError) {
  std::string out = run("uri.parse", {s("http://a/%zz")});
  EXPECT_NE(out.find("eval_builtin_error"), std::string::npos) << out;
  EXPECT_NE(out.find(R"(invalid URL escape "%zz")"), std::string::npos) << out;
}

TEST(UriParse, WrongOperandType) {
  EXPECT_NE(run("uri.parse", {j("1")}).find("operand 1 must be string"), std::string::npos);
}

TEST(UriIsValid, Cases) {
  EXPECT_EQ(run("uri.is_valid", {s("https://example.com/x")}), "true");
  EXPECT_EQ(run("uri.is_valid", {s("/relative")}), "true");
  EXPECT_EQ(run("uri.is_valid", {s("")}), "false");
  EXPECT_EQ(run("uri.is_valid", {s("http://a b")}), "false");
  EXPECT_EQ(run("uri.is_valid", {s("http://%zz")}), "false");
  EXPECT_EQ(run("uri.is_valid", {j("1")}), "false");
}

}  // namespace
}  // namespace regoc
