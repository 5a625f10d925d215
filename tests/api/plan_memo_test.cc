// Tests of the memo slots that the plan keeps (compiler/plan_memo.cc): only rules that can run
// more than once per query keep one. Read from the plan's text form.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "api/engine.h"

namespace regoc {
namespace {

// The header line of the plan's function named `name` ("func N <name> ... memo=K").
std::string function_line(const std::string& policy, const std::string& query,
                          const std::string& name) {
  Engine engine;
  Errors errors = engine.add_module("m.rego", policy);
  EXPECT_TRUE(errors.empty()) << errors[0].to_string();
  PreparedQuery prepared;
  errors = engine.prepare(query, &prepared, ExecutorKind::Interpreter);
  EXPECT_TRUE(errors.empty()) << errors[0].to_string();
  std::istringstream lines(prepared.dump_ir());
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("func ", 0) == 0 && line.find(" " + name + " ") != std::string::npos) {
      return line;
    }
  }
  ADD_FAILURE() << "no function " << name << " in\n" << prepared.dump_ir();
  return "";
}

bool memoized(const std::string& line) { return line.find(" memo=") != std::string::npos; }

TEST(PlanMemo, RuleReferencedOnceHasNoSlot) {
  const char* policy = "package t\nbase := input.x + 1\nallow if base > 2\n";
  EXPECT_FALSE(memoized(function_line(policy, "data.t.allow", "data.t.base")));
  EXPECT_FALSE(memoized(function_line(policy, "data.t.allow", "data.t.allow")));
}

TEST(PlanMemo, RuleReferencedTwiceKeepsItsSlot) {
  const char* policy = "package t\nbase := input.x + 1\nallow if { base > 2; base < 9 }\n";
  EXPECT_TRUE(memoized(function_line(policy, "data.t.allow", "data.t.base")));
}

TEST(PlanMemo, RuleReferencedInALoopKeepsItsSlot) {
  const char* policy = "package t\nbase := input.x + 1\nbig contains y if {\n"
                       "  some y in input.ys\n  y > base\n}\n";
  EXPECT_TRUE(memoized(function_line(policy, "data.t.big", "data.t.base")));
}

TEST(PlanMemo, RuleUnderAFunctionKeepsItsSlot) {
  // f runs once per call, so the rule it references could run once per call of f.
  const char* policy = "package t\nbase := input.x + 1\nf(y) := y + base\n"
                       "r := [f(1), f(2)]\n";
  EXPECT_TRUE(memoized(function_line(policy, "data.t.r", "data.t.base")));
}

}  // namespace
}  // namespace regoc
