// Tests for the LLVM backend. Every case runs on the IR interpreter (the reference) and on the
// JIT, and the two outcomes must match value for value and error for error. The first group
// builds IR programs by hand, so it checks statements that the planner emits rarely. The
// second compiles Rego policies through the Engine.
#include <gtest/gtest.h>

#include <thread>

#include "api/engine.h"
#include "compiler/ir.h"
#include "runtime/executor.h"
#include "runtime/jit_loader.h"
#include "runtime/json.h"

namespace regoc {
namespace {

Value json(std::string_view text) {
  Value value;
  std::string error;
  EXPECT_TRUE(parse_json(text, &value, &error)) << error << " in " << text;
  return value;
}

// A value with its kind, so that a set and an array with the same items read differently.
std::string describe(const Value& value) {
  if (!value.is_defined()) return "undefined";
  return std::string(kind_name(value.kind())) + " " + to_json(value);
}

std::string describe(const Error& error) {
  return error.code + " | " + error.message + " | " + error.location.file_name() + ":" +
         std::to_string(error.location.row) + ":" + std::to_string(error.location.col);
}

// --- hand-built IR programs ----------------------------------------------------------------------

struct RunOutcome {
  bool ok = false;
  std::vector<std::vector<Value>> rows;
  Error error;

  std::string text() const {
    if (!ok) return "error: " + describe(error);
    std::string out;
    for (const auto& row : rows) {
      out += "[";
      for (const Value& value : row) out += describe(value) + "; ";
      out += "]\n";
    }
    return out;
  }
};

RunOutcome run(const Executor& executor, const Value& input, const Value& data, bool strict) {
  RunOutcome outcome;
  BuiltinContext context;
  ResultRows rows(&outcome.rows);
  outcome.ok = executor.run(input, data, context, strict, rows, &outcome.error);
  return outcome;
}

// Runs `program` on both executors and returns the interpreter's outcome after checking that
// the JIT's is the same.
RunOutcome run_both(const ir::Program& program, const Value& input = Value(),
                    const Value& data = Value::object(), bool strict = false) {
  std::string error;
  std::unique_ptr<Executor> jit = make_jit_executor(program, &error);
  EXPECT_NE(jit, nullptr) << error;
  RunOutcome expected = run(*make_interpreter_executor(program), input, data, strict);
  if (!jit) return expected;
  RunOutcome actual = run(*jit, input, data, strict);
  EXPECT_EQ(expected.text(), actual.text());
  return expected;
}

// Builders for statements.
ir::Operand L(uint32_t i) { return ir::Operand::local(i); }

struct ProgramBuilder {
  ir::Program program;

  ir::Operand constant(std::string_view text) {
    program.constants.push_back(json(text));
    return ir::Operand::constant(static_cast<uint32_t>(program.constants.size() - 1));
  }
};

ir::Stmt stmt(ir::Op op, ir::Operand a = {}, ir::Operand b = {}, uint32_t target = 0) {
  ir::Stmt s;
  s.op = op;
  s.a = a;
  s.b = b;
  s.target = target;
  s.location.row = 7;
  s.location.col = 3;
  return s;
}

ir::Stmt result_add(std::vector<ir::Operand> args) {
  ir::Stmt s = stmt(ir::Op::ResultAdd);
  s.args = std::move(args);
  return s;
}

// A statement list built by moving (an initializer list would copy, and a Stmt owning blocks
// cannot be copied).
template <typename... Stmts>
std::vector<ir::Stmt> list(Stmts&&... items) {
  std::vector<ir::Stmt> out;
  (out.push_back(std::forward<Stmts>(items)), ...);
  return out;
}

std::unique_ptr<ir::Block> block(std::vector<ir::Stmt> stmts) {
  auto b = std::make_unique<ir::Block>();
  b->stmts = std::move(stmts);
  return b;
}

ir::Stmt with_blocks(ir::Stmt s, std::unique_ptr<ir::Block> first,
                     std::unique_ptr<ir::Block> second = nullptr) {
  s.blocks.push_back(std::move(first));
  if (second) s.blocks.push_back(std::move(second));
  return s;
}

ir::Stmt scan(ir::Operand source, uint32_t key, uint32_t value, std::vector<ir::Stmt> body) {
  ir::Stmt s = stmt(ir::Op::Scan, source);
  s.key = key;
  s.value = value;
  s.blocks.push_back(block(std::move(body)));
  return s;
}

// The hand-built programs keep locals 0-2 for input, data and the mock values, as the planner
// does; their own locals start at 3.
TEST(JitIr, ScanArrayObjectSetAndScalar) {
  for (const char* source : {"[10, 20, 30]", R"({"b": 2, "a": 1})", "5", "\"s\""}) {
    ProgramBuilder p;
    p.program.query.locals = 6;
    ir::Operand collection = p.constant(source);
    p.program.query.body.stmts.push_back(stmt(ir::Op::AssignVar, collection, {}, 3));
    p.program.query.body.stmts.push_back(scan(L(3), 4, 5, list(result_add({L(4), L(5)}))));
    RunOutcome outcome = run_both(p.program);
    EXPECT_TRUE(outcome.ok) << source;
  }
}

// Switch runs the block of the value's case, and nothing for a value without one. A Break
// inside a case leaves the Switch as it would leave a Block.
TEST(JitIr, SwitchRunsTheCaseOfTheValue) {
  for (const char* value : {"\"a\"", "\"b\"", "\"c\"", "1"}) {
    ProgramBuilder p;
    p.program.query.locals = 4;
    ir::Stmt dispatch = stmt(ir::Op::Switch, p.constant(value), p.constant(R"({"a": 0, "b": 1})"));
    ir::Stmt leave = stmt(ir::Op::Break);
    leave.index = 1;
    dispatch = with_blocks(std::move(dispatch), block(list(result_add({p.constant("10")}))),
                           block(list(result_add({p.constant("20")}), std::move(leave))));
    p.program.query.body.stmts.push_back(std::move(dispatch));
    p.program.query.body.stmts.push_back(result_add({p.constant("30")}));
    RunOutcome outcome = run_both(p.program);
    std::string expected = value == std::string("\"a\"")   ? "10 30"
                           : value == std::string("\"b\"") ? "20"
                                                            : "30";
    std::string actual;
    for (const auto& row : outcome.rows) actual += (actual.empty() ? "" : " ") + to_json(row[0]);
    EXPECT_EQ(actual, expected) << value;
  }
}

TEST(JitIr, ScanOfSetVisitsItems) {
  ProgramBuilder p;
  p.program.constants.push_back(Value::set({Value::integer(2), Value::integer(1)}));
  p.program.query.locals = 5;
  p.program.query.body.stmts.push_back(
      scan(ir::Operand::constant(0), 3, 4, list(result_add({L(3), L(4)}))));
  RunOutcome outcome = run_both(p.program);
  EXPECT_EQ(outcome.rows.size(), 2u);
}

// The body reassigns the scanned local; iteration must go on over the original collection.
TEST(JitIr, ScanBodyReassignsSource) {
  ProgramBuilder p;
  p.program.query.locals = 6;
  ir::Operand items = p.constant("[1, 2, 3]");
  ir::Operand other = p.constant("[]");
  p.program.query.body.stmts.push_back(stmt(ir::Op::AssignVar, items, {}, 3));
  p.program.query.body.stmts.push_back(
      scan(L(3), 4, 5, list(stmt(ir::Op::AssignVar, other, {}, 3), result_add({L(5)}))));
  EXPECT_EQ(run_both(p.program).rows.size(), 3u);
}

// Break{1} inside a scan body ends the scan and the block holding it.
TEST(JitIr, BreakLeavesEnclosingBlocks) {
  ProgramBuilder p;
  p.program.query.locals = 6;
  ir::Operand items = p.constant("[1, 2, 3]");
  ir::Operand two = p.constant("2");
  ir::Stmt brk = stmt(ir::Op::Break);
  brk.index = 1;
  std::vector<ir::Stmt> body;
  body.push_back(result_add({L(5)}));
  body.push_back(stmt(ir::Op::Equal, L(5), two));
  body.push_back(std::move(brk));
  std::vector<ir::Stmt> inner;
  inner.push_back(scan(items, 4, 5, std::move(body)));
  inner.push_back(result_add({items}));  // skipped by the break
  std::vector<ir::Stmt> second;
  second.push_back(result_add({two}));
  p.program.query.body.stmts.push_back(
      with_blocks(stmt(ir::Op::Block), block(std::move(inner)), block(std::move(second))));
  EXPECT_EQ(run_both(p.program).rows.size(), 3u);
}

TEST(JitIr, NotAndKindTests) {
  ProgramBuilder p;
  p.program.query.locals = 4;
  ir::Operand array = p.constant("[1]");
  ir::Operand object = p.constant("{}");
  auto& stmts = p.program.query.body.stmts;
  stmts.push_back(stmt(ir::Op::AssignVar, array, {}, 3));
  stmts.push_back(stmt(ir::Op::IsArray, L(3)));
  stmts.push_back(stmt(ir::Op::IsObject, object));
  stmts.push_back(stmt(ir::Op::IsDefined, L(3)));
  stmts.push_back(stmt(ir::Op::IsUndefined, L(ir::kMockValuesLocal)));
  stmts.push_back(with_blocks(stmt(ir::Op::Not), block(list(stmt(ir::Op::IsObject, L(3))))));
  stmts.push_back(with_blocks(stmt(ir::Op::Not), block(list(stmt(ir::Op::IsUndefined, L(1))))));
  stmts.push_back(result_add({L(3)}));
  EXPECT_EQ(run_both(p.program).rows.size(), 1u);
}

TEST(JitIr, NotOfCompletedBodyIsUndefined) {
  ProgramBuilder p;
  p.program.query.locals = 3;
  auto& stmts = p.program.query.body.stmts;
  stmts.push_back(with_blocks(stmt(ir::Op::Not), block(list(stmt(ir::Op::IsDefined, L(1))))));
  stmts.push_back(result_add({L(1)}));
  EXPECT_EQ(run_both(p.program).rows.size(), 0u);
}

TEST(JitIr, AssignVarOnceConflict) {
  ProgramBuilder p;
  p.program.query.locals = 4;
  ir::Stmt once = stmt(ir::Op::AssignVarOnce, p.constant("2"), {}, 3);
  once.message = "rule data.t.p produced conflicting values";
  auto& stmts = p.program.query.body.stmts;
  stmts.push_back(stmt(ir::Op::AssignVar, p.constant("1"), {}, 3));
  stmts.push_back(std::move(once));
  stmts.push_back(result_add({L(3)}));
  RunOutcome outcome = run_both(p.program);
  EXPECT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error.code, codes::kEvalConflict);
  EXPECT_EQ(outcome.error.location.row, 7);
}

TEST(JitIr, ReadsAndConstruction) {
  ProgramBuilder p;
  p.program.query.locals = 9;
  auto& stmts = p.program.query.body.stmts;
  stmts.push_back(stmt(ir::Op::Dot, L(0), p.constant("\"user\""), 3));
  stmts.push_back(stmt(ir::Op::Len, L(3), {}, 4));
  stmts.push_back(stmt(ir::Op::MakeArray, {}, {}, 5));
  stmts.push_back(stmt(ir::Op::ArrayAppend, L(4), {}, 5));
  stmts.push_back(stmt(ir::Op::MakeSet, {}, {}, 6));
  stmts.push_back(stmt(ir::Op::SetAdd, L(3), {}, 6));
  stmts.push_back(stmt(ir::Op::SetAdd, L(3), {}, 6));
  stmts.push_back(stmt(ir::Op::MakeObject, {}, {}, 7));
  stmts.push_back(stmt(ir::Op::ObjectInsert, p.constant("\"k\""), L(5), 7));
  stmts.push_back(stmt(ir::Op::ObjectInsertOnce, p.constant("\"k\""), L(5), 7));
  stmts.push_back(stmt(ir::Op::ObjectMerge, p.constant(R"({"m": {"n": 1}})"), {}, 7));
  ir::Stmt upsert = stmt(ir::Op::Upsert, L(7), p.constant("true"), 8);
  upsert.args = {p.constant("\"m\""), p.constant("\"o\"")};
  stmts.push_back(std::move(upsert));
  stmts.push_back(result_add({L(3), L(4), L(5), L(6), L(7), L(8)}));
  RunOutcome outcome = run_both(p.program, json(R"({"user": {"a": 1, "b": 2}})"));
  ASSERT_EQ(outcome.rows.size(), 1u);
  EXPECT_EQ(to_json(outcome.rows[0][5]), R"({"k":[2],"m":{"n":1,"o":true}})");
}

TEST(JitIr, DotOfMissingKeyIsUndefined) {
  ProgramBuilder p;
  p.program.query.locals = 4;
  auto& stmts = p.program.query.body.stmts;
  stmts.push_back(stmt(ir::Op::Dot, L(0), p.constant("\"missing\""), 3));
  stmts.push_back(result_add({L(3)}));
  EXPECT_EQ(run_both(p.program, json(R"({"a": 1})")).rows.size(), 0u);
}

// Dot keys of every kind, on each kind of collection, with and without the base document flag
// (a number key then also matches an object key of its text).
TEST(JitIr, DotKeysOfEveryKind) {
  const char* collections[] = {R"({"2": "text", "a": 1, "1.5": "x"})", "[10, 20, 30]",
                               R"(["a"])", "\"string\"", "null"};
  const char* keys[] = {"2", "1", "1.5", "\"a\"", "\"2\"", "-1", "true"};
  for (const char* collection : collections) {
    for (const char* key : keys) {
      for (uint32_t flag : {0u, ir::kDotBaseDocument}) {
        ProgramBuilder p;
        p.program.query.locals = 5;
        ir::Operand source = p.constant(collection);
        ir::Operand constant_key = p.constant(key);
        auto& stmts = p.program.query.body.stmts;
        ir::Stmt by_constant = stmt(ir::Op::Dot, source, constant_key, 3);
        by_constant.index = flag;
        stmts.push_back(std::move(by_constant));
        stmts.push_back(result_add({L(3)}));
        stmts.push_back(stmt(ir::Op::AssignVar, constant_key, {}, 4));
        ir::Stmt by_local = stmt(ir::Op::Dot, source, L(4), 3);
        by_local.index = flag;
        stmts.push_back(std::move(by_local));
        stmts.push_back(result_add({L(3)}));
        SCOPED_TRACE(std::string(collection) + "[" + key + "] flag " + std::to_string(flag));
        run_both(p.program);
      }
    }
  }
}

TEST(JitIr, InsertPathOnceConflict) {
  ProgramBuilder p;
  p.program.query.locals = 4;
  auto& stmts = p.program.query.body.stmts;
  stmts.push_back(stmt(ir::Op::MakeObject, {}, {}, 3));
  for (const char* leaf : {"1", "1", "2"}) {
    ir::Stmt insert = stmt(ir::Op::ObjectInsertPathOnce, p.constant(leaf), {}, 3);
    insert.args = {p.constant("\"a\""), p.constant("\"b\"")};
    insert.message = "object keys must be unique";
    stmts.push_back(std::move(insert));
  }
  RunOutcome outcome = run_both(p.program);
  EXPECT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error.message, "object keys must be unique");
}

TEST(JitIr, SetAddPathAndConflict) {
  for (bool with_conflict : {false, true}) {
    ProgramBuilder p;
    p.program.query.locals = 4;
    auto& stmts = p.program.query.body.stmts;
    auto add = [&](std::vector<ir::Operand> path, const char* item) {
      ir::Stmt s = stmt(ir::Op::ObjectSetAddPath, p.constant(item), {}, 3);
      s.args = std::move(path);
      s.message = "object keys must be unique";
      return s;
    };
    ir::Operand a = p.constant("\"a\"");
    ir::Operand b = p.constant("\"b\"");
    stmts.push_back(stmt(ir::Op::MakeObject, {}, {}, 3));
    stmts.push_back(add({a, b}, "1"));
    stmts.push_back(add({a, b}, "2"));
    stmts.push_back(add({a, p.constant("\"c\"")}, "1"));
    stmts.push_back(stmt(ir::Op::ObjectInsert, p.constant("\"x\""), p.constant("5"), 3));
    if (with_conflict) stmts.push_back(add({p.constant("\"x\"")}, "3"));
    stmts.push_back(result_add({L(3)}));
    RunOutcome outcome = run_both(p.program);
    EXPECT_EQ(outcome.ok, !with_conflict);
    if (with_conflict) {
      EXPECT_EQ(outcome.error.message, "object keys must be unique");
    } else {
      ASSERT_EQ(outcome.rows.size(), 1u);
      EXPECT_EQ(to_json(outcome.rows[0][0]), R"({"a":{"b":[1,2],"c":[1]},"x":5})");
    }
  }
}

// A memoized function that reads input.x. Two calls with the same documents run it once; a
// call with another input or other mock values runs it again.
TEST(JitIr, CallFunctionWithMemo) {
  ProgramBuilder p;
  ir::Function f;
  f.name = "data.t.p";
  f.locals = 5;
  f.result = 4;
  f.memo_slot = 0;
  f.body.stmts.push_back(stmt(ir::Op::Dot, L(0), p.constant("\"x\""), 3));
  f.body.stmts.push_back(stmt(ir::Op::AssignVarOnce, L(3), {}, 4));
  p.program.functions.push_back(std::move(f));
  p.program.memo_slots = 1;

  p.program.query.locals = 8;
  auto call = [&](uint32_t input_local, uint32_t mock_local, uint32_t target) {
    ir::Stmt s = stmt(ir::Op::CallFunction, {}, {}, target);
    s.index = 0;
    s.args = {L(input_local), L(1), L(mock_local)};
    return s;
  };
  auto& stmts = p.program.query.body.stmts;
  stmts.push_back(call(0, 2, 3));
  stmts.push_back(call(0, 2, 4));
  stmts.push_back(stmt(ir::Op::AssignVar, p.constant(R"({"x": 9})"), {}, 5));
  stmts.push_back(call(5, 2, 5));
  stmts.push_back(stmt(ir::Op::AssignVar, p.constant("[1]"), {}, 6));
  stmts.push_back(call(0, 6, 7));
  stmts.push_back(result_add({L(3), L(4), L(5), L(7)}));
  RunOutcome outcome = run_both(p.program, json(R"({"x": 1})"));
  ASSERT_EQ(outcome.rows.size(), 1u);
  EXPECT_EQ(to_json(outcome.rows[0][2]), "9");
  EXPECT_EQ(run_both(p.program, json("{}")).rows.size(), 0u);
}

TEST(JitIr, CallBuiltinStrictAndNot) {
  const Builtin* to_number = find_builtin("to_number");
  ASSERT_NE(to_number, nullptr);
  for (bool strict : {false, true}) {
    ProgramBuilder p;
    p.program.builtins.push_back(to_number);
    p.program.query.locals = 5;
    auto& stmts = p.program.query.body.stmts;
    ir::Stmt good = stmt(ir::Op::CallBuiltin, {}, {}, 3);
    good.args = {p.constant("\"12\"")};
    ir::Stmt bad = stmt(ir::Op::CallBuiltin, {}, {}, 4);
    bad.args = {p.constant("\"twelve\"")};
    stmts.push_back(std::move(good));
    stmts.push_back(result_add({L(3)}));
    stmts.push_back(std::move(bad));
    stmts.push_back(result_add({L(4)}));
    RunOutcome outcome = run_both(p.program, Value(), Value::object(), strict);
    EXPECT_EQ(outcome.ok, !strict);
  }
}

// The comparison builtins run inline in compiled code; every relation on every pair of kinds
// must give the builtin's result.
TEST(JitIr, ComparisonBuiltins) {
  const char* values[] = {"null", "false", "1", "1.0", "2", "\"a\"", "[1]", "{}"};
  for (const char* name : {"equal", "neq", "lt", "lte", "gt", "gte"}) {
    const Builtin* builtin = find_builtin(name);
    ASSERT_NE(builtin, nullptr) << name;
    ProgramBuilder p;
    p.program.builtins.push_back(builtin);
    p.program.query.locals = 4;
    for (const char* left : values) {
      for (const char* right : values) {
        ir::Stmt call = stmt(ir::Op::CallBuiltin, {}, {}, 3);
        call.args = {p.constant(left), p.constant(right)};
        std::vector<ir::Stmt> body;
        body.push_back(std::move(call));
        body.push_back(result_add({L(3)}));
        p.program.query.body.stmts.push_back(
            with_blocks(stmt(ir::Op::Block), block(std::move(body))));
      }
    }
    SCOPED_TRACE(name);
    EXPECT_EQ(run_both(p.program).rows.size(), 64u);
  }
}

// --- Rego policies through the Engine ------------------------------------------------------------

struct PolicyCase {
  const char* name;
  std::vector<const char*> modules;
  const char* query;
  const char* input = nullptr;  // JSON, or none
  const char* data = "{}";
  bool strict = false;
  // Text that the interpreter's outcome contains, so a case cannot pass by both executors
  // failing the same way.
  const char* expect = "";
};

std::string describe(const EvalOutcome& outcome) {
  std::string out;
  for (const Error& error : outcome.errors) out += "error: " + describe(error) + "\n";
  for (const QueryResult& result : outcome.results) {
    out += "result:";
    for (const auto& expression : result.expressions) {
      out += " {" + expression.text + " = " + describe(expression.value) + "}";
    }
    for (const auto& [name, value] : result.bindings) out += " " + name + "=" + describe(value);
    out += "\n";
  }
  return out.empty() ? "undefined\n" : out;
}

// Prepares the case with both executors and returns the two outcomes as text.
std::pair<std::string, std::string> eval_both(const PolicyCase& c) {
  Engine engine;
  for (size_t i = 0; i < c.modules.size(); ++i) {
    Errors errors = engine.add_module("m" + std::to_string(i) + ".rego", c.modules[i]);
    EXPECT_TRUE(errors.empty()) << c.name << ": " << (errors.empty() ? "" : errors[0].to_string());
  }
  engine.set_data(json(c.data));
  PreparedQuery interpreted, compiled;
  Errors errors = engine.prepare(c.query, &interpreted, ExecutorKind::Interpreter);
  EXPECT_TRUE(errors.empty()) << c.name << ": " << (errors.empty() ? "" : errors[0].to_string());
  if (!errors.empty()) return {"", ""};
  errors = engine.prepare(c.query, &compiled, ExecutorKind::Jit);
  EXPECT_TRUE(errors.empty()) << c.name << ": " << (errors.empty() ? "" : errors[0].to_string());
  if (!errors.empty()) return {"", ""};

  EvalOptions options;
  options.strict_builtin_errors = c.strict;
  options.now_ns = 1;
  Value input = c.input ? json(c.input) : Value();
  return {describe(interpreted.eval(input, options)), describe(compiled.eval(input, options))};
}

class JitPolicy : public testing::TestWithParam<PolicyCase> {};

TEST_P(JitPolicy, SameAsInterpreter) {
  auto [expected, actual] = eval_both(GetParam());
  EXPECT_EQ(expected, actual);
  EXPECT_NE(expected.find(GetParam().expect), std::string::npos) << expected;
}

constexpr const char* kIndexedRules = R"(package t
deny contains "a1" if { input.k == "a"; input.n == 2 }
deny contains "a2" if { input.k == "a"; input.n == 3 }
deny contains "a2b" if { "a" == input.k; input.x }
deny contains "b1" if { input.k == "b"; input.n == 2 }
deny contains "b2" if { input.k == "b" }
deny contains "c1" if { input.k = "c" }
deny contains "any" if { input.n >= 1 }
)";

const PolicyCase kPolicies[] = {
    {.name = "input_ref",
     .modules = {"package t\nallow if input.user.role == \"admin\"\n"},
     .query = "data.t.allow",
     .input = R"({"user": {"role": "admin"}})",
     .expect = "data.t.allow = boolean true"},
    {.name = "input_ref_undefined",
     .modules = {"package t\nallow if input.user.role == \"admin\"\n"},
     .query = "data.t.allow",
     .input = R"({"user": {}})",
     .expect = "undefined"},
    {.name = "data_ref",
     .modules = {"package t\nlimit := data.config.max * 2\n"},
     .query = "data.t.limit",
     .data = R"({"config": {"max": 21}})",
     .expect = "number 42"},
    {.name = "iteration_set",
     .modules = {"package t\nnames contains u.name if { some u in input.users; u.active }\n"},
     .query = "data.t.names",
     .input = R"({"users": [{"name": "a", "active": true}, {"name": "b", "active": false},
                            {"name": "c", "active": true}]})",
     .expect = R"(set ["a","c"])"},
    {.name = "iteration_object",
     .modules = {"package t\nbig[k] := v if { some k, v in input.counts; v > 2 }\n"},
     .query = "data.t.big",
     .input = R"({"counts": {"x": 1, "y": 5, "z": 3}})",
     .expect = R"(object {"y":5,"z":3})"},
    {.name = "query_bindings",
     .modules = {"package t\n"},
     .query = "x := input.xs[i]; x > 1",
     .input = R"({"xs": [1, 2, 3]})",
     .expect = "x=number 3 i=number 2"},
    {.name = "else_chain",
     .modules = {"package t\nlevel := \"high\" if input.x > 10\n"
                 "else := \"mid\" if input.x > 5\nelse := \"low\"\n"},
     .query = "data.t.level",
     .input = R"({"x": 7})",
     .expect = R"(string "mid")"},
    {.name = "default_rule",
     .modules = {"package t\ndefault allow := false\nallow if input.ok\n"},
     .query = "x := data.t.allow",
     .input = R"({})",
     .expect = "x=boolean false"},
    {.name = "functions",
     .modules = {"package t\ndouble(x) := x * 2\nsign(x) := \"neg\" if x < 0\nelse := \"pos\"\n"
                 "r := [double(2), sign(-1), sign(3)]\n"},
     .query = "data.t.r",
     .expect = R"(array [4,"neg","pos"])"},
    {.name = "function_in_query",
     .modules = {"package t\nadd(a, b) := a + b\n"},
     .query = "data.t.add(1, 2)",
     .expect = "number 3"},
    {.name = "partial_object_multi_key",
     .modules = {"package t\nby_team[team][name] := role if {\n  some m in input.members\n"
                 "  team := m.team\n  name := m.name\n  role := m.role\n}\n"},
     .query = "data.t.by_team",
     .input = R"({"members": [{"team": "a", "name": "x", "role": 1},
                              {"team": "a", "name": "y", "role": 2},
                              {"team": "b", "name": "z", "role": 3}]})",
     .expect = R"(object {"a":{"x":1,"y":2},"b":{"z":3}})"},
    {.name = "package_document",
     .modules = {"package t\np := 1\nq contains 2\nr[\"k\"] := 3\n"},
     .query = "data.t",
     .expect = R"(object {"p":1,"q":[2],"r":{"k":3}})"},
    {.name = "with_input",
     .modules = {"package t\nallow if input.role == \"admin\"\n"},
     .query = "data.t.allow with input.role as \"admin\"",
     .expect = "boolean true"},
    {.name = "with_data",
     .modules = {"package t\nlimit := data.config.max\nok if limit > 3\n"},
     .query = "data.t.ok with data.config.max as 5",
     .data = R"({"config": {"max": 1}})",
     .expect = "boolean true"},
    {.name = "every",
     .modules = {"package t\nall_positive if every x in input.xs { x > 0 }\n"},
     .query = "data.t.all_positive",
     .input = R"({"xs": [1, 2, 3]})",
     .expect = "boolean true"},
    {.name = "every_fails",
     .modules = {"package t\nall_big if every x in input.xs { x > 2 }\n"},
     .query = "data.t.all_big",
     .input = R"({"xs": [1, 2, 3]})",
     .expect = "undefined"},
    {.name = "not",
     .modules = {"package t\nallow if input.ok\ndeny if not allow\n"},
     .query = "data.t.deny",
     .input = R"({"ok": false})",
     .expect = "boolean true"},
    {.name = "comprehensions",
     .modules = {"package t\nsquares := [y | some x in input.xs; y := x * x]\n"
                 "evens := {x | some x in input.xs; x % 2 == 0}\n"
                 "index := {x: i | some i, x in input.xs}\n"},
     .query = "[data.t.squares, data.t.evens, data.t.index]",
     .input = R"({"xs": [1, 2, 3, 4]})",
     .expect = R"(array [[1,4,9,16],[2,4],{"1":0,"2":1,"3":2,"4":3}])"},
    {.name = "nested_iteration",
     .modules = {"package t\n"
                 "pairs contains [a, b] if { some a in input.xs; some b in input.ys; a < b }\n"},
     .query = "data.t.pairs",
     .input = R"({"xs": [1, 2, 3], "ys": [2, 3]})",
     .expect = "set [[1,2],[1,3],[2,3]]"},
    {.name = "builtins",
     .modules = {"package t\nr := {\"c\": count(input.xs), \"s\": concat(\",\", input.names),\n"
                 "  \"f\": sprintf(\"%v-%v\", [1, \"a\"]), \"u\": upper(\"ab\")}\n"},
     .query = "data.t.r",
     .input = R"({"xs": [1, 2], "names": ["a", "b"]})",
     .expect = R"(object {"c":2,"f":"1-a","s":"a,b","u":"AB"})"},
    {.name = "complete_rule_conflict",
     .modules = {"package t\np := 1 if input.a\np := 2 if input.b\n"},
     .query = "data.t.p",
     .input = R"({"a": true, "b": true})",
     .expect = "error: eval_conflict_error"},
    {.name = "object_rule_conflict",
     .modules = {"package t\no[k] := v if { some k, v in input.pairs[_] }\n"},
     .query = "data.t.o",
     .input = R"({"pairs": [{"a": 1}, {"a": 2}]})",
     .expect = "error: eval_conflict_error"},
    {.name = "function_conflict",
     .modules = {"package t\nf(x) := 1 if x > 0\nf(x) := 2 if x > 1\n"},
     .query = "data.t.f(5)",
     .expect = "error: eval_conflict_error"},
    {.name = "builtin_error_non_strict",
     .modules = {"package t\nn := to_number(input.s)\n"},
     .query = "data.t.n",
     .input = R"({"s": "abc"})",
     .expect = "undefined"},
    {.name = "builtin_error_strict",
     .modules = {"package t\nn := to_number(input.s)\n"},
     .query = "data.t.n",
     .input = R"({"s": "abc"})",
     .strict = true,
     .expect = "error: eval_builtin_error"},
    {.name = "division_by_zero_strict",
     .modules = {"package t\nq := input.a / input.b\n"},
     .query = "data.t.q",
     .input = R"({"a": 1, "b": 0})",
     .strict = true,
     .expect = "error: eval_builtin_error"},
    {.name = "multiple_modules",
     .modules = {"package a\nimport data.b\nx := b.y + 1\n", "package b\ny := 41\n"},
     .query = "data.a.x",
     .expect = "number 42"},
    {.name = "dynamic_rule_ref",
     .modules = {"package t\ncolors := {\"r\": \"red\", \"g\": \"green\"}\n"
                 "name := colors[input.c]\n"},
     .query = "data.t.name",
     .input = R"({"c": "g"})",
     .expect = R"(string "green")"},
    {.name = "unification",
     .modules = {"package t\nfirst := x if [x, _] = input.pair\n"},
     .query = "data.t.first",
     .input = R"({"pair": ["a", "b"]})",
     .expect = R"(string "a")"},
    {.name = "data_number_key",
     .modules = {"package t\np := data[2]\n"},
     .query = "data.t.p",
     .data = R"({"2": "bar"})",
     .expect = R"(string "bar")"},
    {.name = "with_function_value",
     .modules = {"package t\nf(x) := x + 1\nr := f(1)\n"},
     .query = "data.t.r with data.t.f as input.v",
     .input = R"({"v": 7})",
     .expect = "result:"},
    {.name = "with_builtin_function",
     .modules = {"package t\ns := count([1, 2])\nten(x) := 10\n"},
     .query = "data.t.s with count as data.t.ten",
     .expect = "result:"},
    {.name = "no_input",
     .modules = {"package t\nallow if input.x == 1\n"},
     .query = "data.t.allow",
     .expect = "undefined"},
    // Enough definitions testing input.k for the planner's rule index (Switch statements).
    {.name = "indexed_partial_set",
     .modules = {kIndexedRules},
     .query = "data.t.deny",
     .input = R"({"k": "a", "n": 2, "x": true})",
     .expect = R"(set ["a1","a2b","any"])"},
    {.name = "indexed_partial_set_no_match",
     .modules = {kIndexedRules},
     .query = "data.t.deny",
     .input = R"({"k": "z", "n": 2})",
     .expect = R"(set ["any"])"},
    {.name = "indexed_partial_set_missing_ref",
     .modules = {kIndexedRules},
     .query = "data.t.deny",
     .input = R"({"n": 1.0})",
     .expect = R"(set ["any"])"},
    // Values that compiled code borrows from input and data (docs/jit.md) end up in results,
    // in built collections and in function arguments, and outlive the frames they came from.
    {.name = "borrowed_subtree_is_the_result",
     .modules = {"package t\nuser := input.user\nrole := user.role\n"},
     .query = "x := data.t.user; y := data.t.role",
     .input = R"({"user": {"role": "admin", "tags": ["a", "b"]}})",
     .expect = R"(x=object {"role":"admin","tags":["a","b"]} y=string "admin")"},
    {.name = "borrowed_values_in_built_collections",
     .modules = {"package t\n"
                 "pairs contains [k, v] if some k, v in data.groups\n"
                 "names := [n | some g in data.groups; some n in g]\n"
                 "by_first[g[0]] := g if some g in data.groups\n"},
     .query = "p := data.t.pairs; n := data.t.names; b := data.t.by_first",
     .data = R"({"groups": {"x": ["ann", "bob"], "y": ["cy"]}})",
     .expect = R"(n=array ["ann","bob","cy"])"},
    {.name = "borrowed_values_as_function_arguments",
     .modules = {"package t\n"
                 "first(xs) := xs[0]\n"
                 "pick(o, k) := o[k]\n"
                 "r := [first(input.a), pick(input.o, \"k\"), pick(input.o, input.key)]\n"},
     .query = "data.t.r",
     .input = R"({"a": [{"deep": [1]}], "o": {"k": "v", "j": {"w": 2}}, "key": "j"})",
     .expect = R"(array [{"deep":[1]},"v",{"w":2}])"},
    {.name = "borrowed_input_replaced_with",
     .modules = {"package t\n"
                 "role := input.user.role\n"
                 "f(x) := r if { r := role with input as x }\n"
                 "both := [role, f({\"user\": {\"role\": \"guest\"}})]\n"},
     .query = "data.t.both",
     .input = R"({"user": {"role": "admin"}})",
     .expect = R"(array ["admin","guest"])"},
    // A rule referenced twice keeps its memo slot; results do not depend on it.
    {.name = "memoized_rule_used_twice_and_in_a_loop",
     .modules = {"package t\n"
                 "base := {x | some x in input.xs}\n"
                 "a := count(base)\n"
                 "b := [y | some y in input.xs; base[y]]\n"},
     .query = "x := data.t.a; y := data.t.b",
     .input = R"({"xs": [3, 1, 3]})",
     .expect = R"(x=number 2 y=array [3,1,3])"},
};

INSTANTIATE_TEST_SUITE_P(Policies, JitPolicy, testing::ValuesIn(kPolicies),
                         [](const auto& info) { return std::string(info.param.name); });

// decide() returns a value borrowed from the input during evaluation; it stays valid after the
// input is gone.
TEST(JitEngine, DecidedValueOutlivesTheInput) {
  Engine engine;
  ASSERT_TRUE(engine.add_module("m.rego", "package t\nuser := input.user\n").empty());
  PreparedQuery prepared;
  ASSERT_TRUE(engine.prepare("data.t.user", &prepared, ExecutorKind::Jit).empty());
  Value decided;
  {
    Value input = json(R"({"user": {"name": "ann", "roles": ["a", "b"]}})");
    Error error;
    decided = prepared.decide(input, &error);
    EXPECT_TRUE(error.code.empty()) << error.message;
  }
  EXPECT_EQ(to_json(decided), R"({"name":"ann","roles":["a","b"]})");
}

// One prepared query evaluated on several threads at once gives every thread the same result.
TEST(JitEngine, ConcurrentEvaluations) {
  Engine engine;
  ASSERT_TRUE(engine
                  .add_module("m.rego",
                              "package t\nnames contains u.name if { some u in input.users }\n")
                  .empty());
  PreparedQuery prepared;
  ASSERT_TRUE(engine.prepare("data.t.names", &prepared, ExecutorKind::Jit).empty());
  Value input = json(R"({"users": [{"name": "a"}, {"name": "b"}]})");
  std::string expected = describe(prepared.eval(input));
  std::vector<std::thread> threads;
  std::vector<std::string> seen(4);
  for (size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) seen[t] = describe(prepared.eval(input));
    });
  }
  for (auto& thread : threads) thread.join();
  for (const std::string& text : seen) EXPECT_EQ(text, expected);
}

}  // namespace
}  // namespace regoc
