// Tests for strings.replace_n, which follows Go's strings.NewReplacer: keys apply in sorted
// order, the first matching key wins at each position, and an empty key matches everywhere.
#include <gtest/gtest.h>

#include "tests/runtime/builtin_test_support.h"

namespace regoc {
namespace {

using testing_support::j;
using testing_support::run;
using testing_support::s;

std::string replace_n(std::string_view patterns, std::string_view text) {
  return run("strings.replace_n", {j(patterns), s(text)});
}

TEST(ReplaceN, FirstSortedKeyWins) {
  EXPECT_EQ(replace_n(R"({"info": "X", "anotherinfo": "Y"})", "anotherinfo"), R"("Y")");
  EXPECT_EQ(replace_n(R"({"a": "YY", "bba": "bX"})", "bbab"), R"("bXb")");
  EXPECT_EQ(replace_n(R"({"a": "b", "b": "a"})", "abba"), R"("baab")");
}

TEST(ReplaceN, EmptyKeyAlone) {
  EXPECT_EQ(replace_n(R"({"": "X"})", ""), R"("X")");
  EXPECT_EQ(replace_n(R"({"": "X"})", "ab"), R"("XaXbX")");
}

TEST(ReplaceN, EmptyKeyThenOtherKeyAtSamePosition) {
  EXPECT_EQ(replace_n(R"({"": "X", "a": "Y"})", "ab"), R"("XYXbX")");
  EXPECT_EQ(replace_n(R"({"": "-", "é": "e"})", "aéb"), R"("-a-e-b-")");
}

TEST(ReplaceN, EmptyKeySplitsUnmatchedMultiByteCharacters) {
  // Go's replacer advances byte by byte, so the insertion lands inside "é" (C3 A9).
  EXPECT_EQ(replace_n(R"({"": "-"})", "é"), "\"-\\xc3-\\xa9-\"");
}

TEST(ReplaceN, EmptyInputsAndNoMatch) {
  EXPECT_EQ(replace_n("{}", ""), R"("")");
  EXPECT_EQ(replace_n(R"({"x": "y"})", ""), R"("")");
  EXPECT_EQ(replace_n(R"({"x": "y"})", "abc"), R"("abc")");
}

TEST(ReplaceN, OperandErrors) {
  EXPECT_EQ(run("strings.replace_n", {j(R"({"a": 1})"), s("abc")}),
            "eval_type_error: strings.replace_n: operand 1 non-string value found in pattern "
            "object");
  EXPECT_EQ(run("strings.replace_n", {j("{}"), j("1")}),
            "eval_type_error: strings.replace_n: operand 2 must be string but got number");
}

TEST(Replace, EmptyOldStringStaysOnCodePoints) {
  // replace uses Go's strings.Replace, which inserts between code points, not bytes.
  EXPECT_EQ(run("replace", {s("é"), s(""), s("-")}), R"("-é-")");
}

}  // namespace
}  // namespace regoc
