// End-to-end tests of the engine with the IR interpreter: Rego source and a query in, the
// query's bindings out, compared as JSON text.
#include <gtest/gtest.h>

#include "api/engine.h"
#include "runtime/json.h"

namespace regoc {
namespace {

struct Case {
  const char* name;
  const char* module;
  const char* query;
  const char* input;     // JSON, or nullptr for no input
  const char* expected;  // JSON array of binding objects, one per result
};

std::string evaluate(const Case& c, const char* data = "{}") {
  Engine engine;
  Errors errors = engine.add_module("test.rego", c.module);
  if (!errors.empty()) return "parse error: " + errors[0].to_string();
  Value data_value;
  std::string message;
  if (!parse_json(data, &data_value, &message)) return "bad data: " + message;
  engine.set_data(data_value);
  PreparedQuery query;
  errors = engine.prepare(c.query, &query);
  if (!errors.empty()) return "compile error: " + errors[0].to_string();
  Value input;
  if (c.input && !parse_json(c.input, &input, &message)) return "bad input: " + message;
  EvalOutcome outcome = query.eval(input);
  if (!outcome.errors.empty()) return "eval error: " + outcome.errors[0].to_string();
  std::vector<Value> rows;
  for (const auto& result : outcome.results) {
    std::vector<Value::Entry> bindings;
    for (const auto& [name, value] : result.bindings) {
      bindings.emplace_back(Value::string(name), value);
    }
    rows.push_back(Value::object(std::move(bindings)));
  }
  return to_json(Value::array(std::move(rows)));
}

const Case kCases[] = {
    {"complete rule", "package t\np := 7 if input.x == 1", "x = data.t.p", R"({"x":1})",
     R"([{"x":7}])"},
    {"undefined rule", "package t\np := 7 if input.x == 2", "x = data.t.p", R"({"x":1})",
     "[]"},
    {"default", "package t\ndefault p := 0\np := 7 if input.x == 2", "x = data.t.p",
     R"({"x":1})", R"([{"x":0}])"},
    {"partial set", "package t\ns contains x if { some x in input.xs; x > 1 }", "y = data.t.s",
     R"({"xs":[3,1,2,3]})", R"([{"y":[2,3]}])"},
    {"partial object", "package t\no[k] := v if { some k, v in input.m; v > 1 }", "y = data.t.o",
     R"({"m":{"a":1,"b":2}})", R"([{"y":{"b":2}}])"},
    {"ref head", "package t\na.b[x].c := 1 if some x in [\"p\", \"q\"]", "y = data.t.a",
     nullptr, R"([{"y":{"b":{"p":{"c":1},"q":{"c":1}}}}])"},
    {"else chain", "package t\np := 1 if input.x > 10\nelse := 2 if input.x > 5\nelse := 3",
     "y = data.t.p", R"({"x":7})", R"([{"y":2}])"},
    {"function definitions", "package t\nf(1) := \"one\"\nf(x) := \"many\" if x > 1",
     "y = data.t.f(2)", nullptr, R"([{"y":"many"}])"},
    {"negation", "package t\np if not input.deny", "y = data.t.p", R"({})",
     R"([{"y":true}])"},
    {"every holds", "package t\np if every x in input.xs { x > 0 }", "y = data.t.p",
     R"({"xs":[1,2]})", R"([{"y":true}])"},
    {"every fails", "package t\np if every x in input.xs { x > 1 }", "y = data.t.p",
     R"({"xs":[1,2]})", "[]"},
    {"array comprehension", "package t\np := [x * 2 | some x in input.xs]", "y = data.t.p",
     R"({"xs":[1,2]})", R"([{"y":[2,4]}])"},
    {"object comprehension", "package t\np := {k: 1 | some k in input.xs}", "y = data.t.p",
     R"({"xs":["a","b"]})", R"([{"y":{"a":1,"b":1}}])"},
    {"with input", "package t\np := input.x\nq := y if { y := p with input.x as 5 }", "y = data.t.q",
     R"({"x":1})", R"([{"y":5}])"},
    {"with rule", "package t\np := 1\nq := y if { y := r with data.t.p as 2 }\nr := p + 1", "y = data.t.q",
     nullptr, R"([{"y":3}])"},
    {"query iteration", "package t\nxs := [1, 2, 3]", "data.t.xs[i] > 1", nullptr,
     R"([{"i":1},{"i":2}])"},
    {"array destructuring", "package t\np := a + b if [a, b] := input.pair", "y = data.t.p",
     R"({"pair":[1,2]})", R"([{"y":3}])"},
    {"whole package", "package t\np := 1\nq := 2", "y = data.t", nullptr,
     R"([{"y":{"p":1,"q":2}}])"},
    {"conflict", "package t\np := 1\np := 2 if true", "y = data.t.p", nullptr,
     "eval error: test.rego:3: eval_conflict_error: rule data.t.p produced conflicting values"},
};

class EngineCase : public testing::TestWithParam<Case> {};

TEST_P(EngineCase, MatchesExpected) {
  const Case& c = GetParam();
  EXPECT_EQ(evaluate(c), c.expected) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Interpreter, EngineCase, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& info) {
                           std::string name = info.param.name;
                           for (char& ch : name) {
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(Engine, BaseAndVirtualDocumentsMerge) {
  Case c{"merge", "package a.b\np := 1", "y = data.a", nullptr, R"([{"y":{"b":{"p":1,"x":2}}}])"};
  EXPECT_EQ(evaluate(c, R"({"a":{"b":{"x":2}}})"), c.expected);
}

// decide() gives the first expression's value, undefined for an undefined query, and the error
// of a failed evaluation, on both executors.
TEST(Engine, DecideReturnsTheDecision) {
  Engine engine;
  ASSERT_TRUE(engine
                  .add_module("t.rego",
                              "package t\nallow if input.role == \"admin\"\n"
                              "n := to_number(input.s)\n")
                  .empty());
  for (ExecutorKind kind : {ExecutorKind::Interpreter, ExecutorKind::Jit}) {
    PreparedQuery allow;
    ASSERT_TRUE(engine.prepare("data.t.allow", &allow, kind).empty());
    Value input;
    std::string message;
    ASSERT_TRUE(parse_json(R"({"role": "admin", "s": "x"})", &input, &message));
    EXPECT_EQ(to_json(allow.decide(input)), "true");
    ASSERT_TRUE(parse_json(R"({"role": "guest"})", &input, &message));
    EXPECT_FALSE(allow.decide(input).is_defined());

    PreparedQuery number;
    ASSERT_TRUE(engine.prepare("data.t.n", &number, kind).empty());
    ASSERT_TRUE(parse_json(R"({"s": "x"})", &input, &message));
    Error error;
    EvalOptions strict;
    strict.strict_builtin_errors = true;
    EXPECT_FALSE(number.decide(input, &error, strict).is_defined());
    EXPECT_EQ(error.code, "eval_builtin_error");
  }
}

}  // namespace
}  // namespace regoc
