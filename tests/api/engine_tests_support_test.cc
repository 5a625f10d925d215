// Tests of the engine features that `regoc test` uses: listing rules, numbering duplicate
// tests, preparing document queries, recording coverage and ending evaluation at a deadline.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "api/engine.h"

namespace regoc {
namespace {

Engine engine_with(const std::string& file, const std::string& module) {
  Engine engine;
  Errors errors = engine.add_module(file, module);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.front().to_string());
  return engine;
}

std::vector<std::vector<std::string>> rule_names(const Engine& engine) {
  std::vector<std::vector<std::string>> names;
  for (const RuleInfo& rule : engine.rules()) names.push_back(rule.name);
  return names;
}

TEST(EngineRules, ListsRulesInFileOrder) {
  Engine engine;
  ASSERT_TRUE(engine.add_module("b.rego", "package b\n\nq := 1\n").empty());
  ASSERT_TRUE(engine.add_module("a.rego", "package a.x\n\np.r[k] := 1 if k := \"k\"\n"
                                          "f(x) := x\n").empty());
  const std::vector<RuleInfo> rules = engine.rules();
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0].package, (std::vector<std::string>{"a", "x"}));
  EXPECT_EQ(rules[0].name, (std::vector<std::string>{"p", "r"}));
  EXPECT_TRUE(rules[0].variable_keys);
  EXPECT_EQ(rules[0].location.row, 3);
  EXPECT_TRUE(rules[1].is_function);
  EXPECT_EQ(rules[2].package, (std::vector<std::string>{"b"}));
  EXPECT_FALSE(rules[2].variable_keys);
}

TEST(EngineRules, NumbersDuplicateTests) {
  Engine engine = engine_with("t.rego",
                              "package t\n\ntest_a if true\n\ntest_a if false\n\n"
                              "test_a if 1 == 1\n\ntodo_test_b if true\n\ntodo_test_b if true\n");
  EXPECT_EQ(rule_names(engine).size(), 5u);
  EXPECT_EQ(rule_names(engine)[1], (std::vector<std::string>{"test_a"}));

  engine.rename_duplicate_tests(true);
  const auto names = rule_names(engine);
  ASSERT_EQ(names.size(), 5u);
  EXPECT_EQ(names[0], (std::vector<std::string>{"test_a"}));
  EXPECT_EQ(names[1], (std::vector<std::string>{"test_a#01"}));
  EXPECT_EQ(names[2], (std::vector<std::string>{"test_a#02"}));
  EXPECT_EQ(names[4], (std::vector<std::string>{"todo_test_b"}));
}

TEST(EngineRules, RenamedTestsRunOnTheirOwn) {
  Engine engine = engine_with("t.rego", "package t\n\ntest_a if true\n\ntest_a if false\n");
  engine.rename_duplicate_tests(true);
  std::vector<std::vector<std::string>> paths = {{"t", "test_a"}, {"t", "test_a#01"}};
  std::vector<PreparedQuery> prepared;
  std::vector<Errors> query_errors;
  ASSERT_TRUE(engine.prepare_documents(paths, &prepared, &query_errors, {}).empty());
  ASSERT_EQ(prepared.size(), 2u);
  ASSERT_TRUE(query_errors[0].empty());
  ASSERT_TRUE(query_errors[1].empty());

  EvalOutcome first = prepared[0].eval(Value());
  ASSERT_EQ(first.results.size(), 1u);
  EXPECT_EQ(first.results[0].expressions[0].value, Value::boolean(true));
  EXPECT_EQ(first.results[0].expressions[0].text, "data.t.test_a");
  EvalOutcome second = prepared[1].eval(Value());
  EXPECT_TRUE(second.results.empty());
  EXPECT_TRUE(second.errors.empty());
}

TEST(EngineRules, CoverableRowsSkipSomeDeclarations) {
  Engine engine = engine_with("c.rego",
                              "package c\n"          // 1
                              "\n"                   // 2
                              "p if {\n"             // 3
                              "  some x in [1]\n"    // 4
                              "  x == 1\n"           // 5
                              "  y := [z |\n"        // 6
                              "    z := 1\n"         // 7
                              "  ]\n"                // 8
                              "} else := false\n");  // 9
  const CoveredRows rows = engine.coverable_rows();
  ASSERT_EQ(rows.count("c.rego"), 1u);
  EXPECT_EQ(rows.at("c.rego"), (std::set<int>{3, 5, 6, 7, 9}));
}

TEST(EngineCoverage, RecordsReachedRows) {
  Engine engine = engine_with("c.rego",
                              "package c\n"               // 1
                              "\n"                        // 2
                              "grade(s) := \"high\" if {\n"  // 3
                              "  s >= 90\n"               // 4
                              "} else := \"low\"\n"       // 5
                              "\n"                        // 6
                              "unused if input.never\n"   // 7
                              "\n"                        // 8
                              "r := grade(95)\n");        // 9
  PreparedQuery prepared;
  PrepareOptions options;
  options.coverage = true;
  ASSERT_TRUE(engine.prepare("data.c.r", &prepared, options).empty());
  CoveredRows covered;
  EvalOptions eval;
  eval.coverage = &covered;
  EvalOutcome outcome = prepared.eval(Value(), eval);
  ASSERT_EQ(outcome.results.size(), 1u);
  EXPECT_EQ(covered["c.rego"], (std::set<int>{3, 4, 9}));
}

TEST(EngineCoverage, NoRowsWithoutMarkers) {
  Engine engine = engine_with("c.rego", "package c\n\nr := 1\n");
  PreparedQuery prepared;
  ASSERT_TRUE(engine.prepare("data.c.r", &prepared).empty());
  CoveredRows covered;
  EvalOptions eval;
  eval.coverage = &covered;
  prepared.eval(Value(), eval);
  EXPECT_TRUE(covered.empty());
}

TEST(EngineDeadline, EndsLongEvaluation) {
  Engine engine = engine_with("slow.rego",
                              "package slow\n\n"
                              "n := count([x | some i in numbers.range(1, 100000)\n"
                              "  some j in numbers.range(1, 100000)\n"
                              "  x := i * j])\n");
  PreparedQuery prepared;
  ASSERT_TRUE(engine.prepare("data.slow.n", &prepared).empty());
  EvalOptions eval;
  const auto start = std::chrono::steady_clock::now();
  eval.deadline = start + std::chrono::milliseconds(50);
  EvalOutcome outcome = prepared.eval(Value(), eval);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_EQ(outcome.errors[0].code, "eval_cancel_error");
  EXPECT_EQ(outcome.errors[0].message, "caller cancelled query execution");
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

}  // namespace
}  // namespace regoc
