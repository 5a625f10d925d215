// Tests for semver.is_valid and semver.compare under Semantic Versioning 2.0.0.
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

TEST(SemverBuiltins, IsValid) {
  EXPECT_EQ(run("semver.is_valid", {s("1.2.3-alpha.1+build.01")}), "true");
  EXPECT_EQ(run("semver.is_valid", {s("01.2.3")}), "false");
  EXPECT_EQ(run("semver.is_valid", {s("1.2.3-01")}), "false");
  EXPECT_EQ(run("semver.is_valid", {s("1.2.3+")}), "false");
  EXPECT_EQ(run("semver.is_valid", {s("1.2")}), "false");
  EXPECT_EQ(run("semver.is_valid", {j("1")}), "false");
}

TEST(SemverBuiltins, ComparePrecedence) {
  EXPECT_EQ(run("semver.compare", {s("1.0.0"), s("2.0.0")}), "-1");
  EXPECT_EQ(run("semver.compare", {s("1.10.0"), s("1.9.0")}), "1");
  EXPECT_EQ(run("semver.compare", {s("1.0.0-alpha"), s("1.0.0")}), "-1");
  EXPECT_EQ(run("semver.compare", {s("1.0.0-alpha.1"), s("1.0.0-alpha.beta")}), "-1");
  EXPECT_EQ(run("semver.compare", {s("1.0.0-alpha"), s("1.0.0-alpha.1")}), "-1");
  EXPECT_EQ(run("semver.compare", {s("1.2.3+01"), s("1.2.3+2")}), "0");
  EXPECT_EQ(run("semver.compare", {s("1"), s("1.0.0")}),
            "eval_builtin_error: semver.compare: operand 1: string \"1\" is not a valid SemVer");
}

}  // namespace
}  // namespace regoc
