// Tests of compile_program: name resolution, local variable rewriting, output arguments,
// safety reordering and the checks with OPA's error codes, messages and locations. Programs
// are parsed from source text and the kernel form is compared as printed by ast::to_string.
#include <gtest/gtest.h>

#include "compiler/compiler.h"
#include "compiler/parser.h"

namespace regoc {
namespace {

struct Compiled {
  Errors errors;
  CompiledProgram program;
};

Compiled compile(const std::vector<std::string>& sources, const std::string& query = "",
                 bool strict = false) {
  Compiled result;
  std::vector<ast::Module> modules;
  for (size_t i = 0; i < sources.size(); ++i) {
    ast::Module module;
    Errors errors = parse_module("m" + std::to_string(i) + ".rego", sources[i], &module);
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].to_string());
    if (errors.empty()) modules.push_back(std::move(module));
  }
  ast::Body body;
  if (!query.empty()) {
    Errors errors = parse_query(query, &body);
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].to_string());
  }
  CompileOptions options;
  options.strict = strict;
  result.errors = compile_program(std::move(modules), std::move(body), options, &result.program);
  return result;
}

// The body of the `index`-th rule of the first module, printed.
std::string rule_body(const Compiled& compiled, size_t index = 0) {
  return ast::to_string(compiled.program.modules.at(0).rules.at(index)->body);
}

std::string rule_head_ref(const Compiled& compiled, size_t index = 0) {
  return ast::to_string(*compiled.program.modules.at(0).rules.at(index)->head.ref);
}

std::string query_text(const Compiled& compiled) {
  return ast::to_string(compiled.program.query);
}

std::string first_error(const Compiled& compiled) {
  return compiled.errors.empty() ? "" : compiled.errors[0].to_string();
}

// --- resolution ----------------------------------------------------------------------------

TEST(Resolve, RuleNamesOfPackage) {
  auto c = compile({"package a.b\np if { q }\nq := 1\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_head_ref(c, 0), "data.a.b.p");
  EXPECT_EQ(rule_body(c, 0), "data.a.b.q");
}

TEST(Resolve, RuleInOtherModuleOfSamePackage) {
  auto c = compile({"package a\np if { q > 0 }\n", "package a\nq := 1\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c, 0), "data.a.q > 0");
}

TEST(Resolve, ImportsAndAliases) {
  auto c = compile({"package a\nimport data.x.y\nimport data.z as w\nimport input.u\n"
                    "import rego.v1\np if { y.k; w[_] == 1; u }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "data.x.y.k; data.z[$0] == 1; input.u");
}

TEST(Resolve, DeclaredVarShadowsRule) {
  auto c = compile({"package a\nq := 1\np if { q := 2; q > 1 }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c, 1), "$0 = 2; $0 > 1");
}

TEST(Resolve, FunctionCallsAndRefHeads) {
  auto c = compile({"package a\nimport data.lib\nf(x) := x + 1\n"
                    "b.c[k] := 1 if { k := \"z\" }\np := y if { y := f(1); lib.g(y) }\n",
                    "package lib\ng(x) if { x > 0 }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_head_ref(c, 1), "data.a.b.c[$0]");
  EXPECT_EQ(rule_body(c, 2), "$1 = data.a.f(1); data.lib.g($1)");
}

TEST(Resolve, QueryRefsUnchanged) {
  auto c = compile({"package a\np := 1\n"}, "data.a.p == 1; input.x");
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(query_text(c), "data.a.p == 1; input.x");
}

// --- calls ---------------------------------------------------------------------------------

TEST(Calls, OutputArgumentRewritten) {
  auto c = compile({"package a\np := n if { count([1, 2], n) }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "n = count([1, 2])");
}

TEST(Calls, UndefinedFunction) {
  auto c = compile({"package a\np if { nope(1) }\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].code, "rego_type_error");
  EXPECT_EQ(c.errors[0].message, "undefined function nope");
  EXPECT_EQ(c.errors[0].location.row, 2);
}

TEST(Calls, UndefinedFunctionInQuery) {
  auto c = compile({}, "x := foo.bar(1)");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message, "undefined function foo.bar");
}

TEST(Calls, BuiltinArityMismatch) {
  auto c = compile({"package a\np if { count(1, 2, 3) }\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].code, "rego_type_error");
  EXPECT_EQ(c.errors[0].message.rfind("count: arity mismatch\n\thave: (number, number, number)", 0),
            0u)
      << c.errors[0].message;
}

TEST(Calls, FunctionArityMismatch) {
  auto c = compile({"package a\nf(x) := x\np if { f(1, 2, 3) }\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message, "function data.a.f has arity 1, got 3 arguments");
}

TEST(Calls, NestedCallNeedsExactArity) {
  auto c = compile({"package a\np if { x := count([1], 2) }\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_NE(c.errors[0].message.find("count: arity mismatch"), std::string::npos);
}

TEST(Calls, DeprecatedBuiltinRejected) {
  auto c = compile({"package a\np if { any([true]) }\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message, "deprecated built-in function calls in expression: any");
}

TEST(Calls, OutputArgumentInHeadComprehension) {
  auto c = compile({"package a\np := [x | d = input.docs[_]; json.is_valid(d, x)]\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "$1 = [x | d = input.docs[$0]; x = json.is_valid(d)]");
}

TEST(Calls, WithBuiltinValueIsFunction) {
  auto c = compile({"package a\np if { count([1]) == 1 with count as sum }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "count([1]) == 1 with count as sum");
}

TEST(Calls, WithValueNeedingEvaluationIsBound) {
  auto c = compile({"package a\np if { count([1]) == 1 with count as [1 | true][0] }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "$1 = [1 | true]; $0 = $1[0]; count([1]) == 1 with count as $0");
}

// --- locals --------------------------------------------------------------------------------

TEST(Locals, AssignAndSomeRenamed) {
  auto c = compile({"package a\np if { some i; x := input.xs[i]; x > 1 }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "$1 = input.xs[$0]; $1 > 1");
}

TEST(Locals, SomeInBecomesRefIteration) {
  auto c = compile({"package a\np if { some k, v in input.o; v > k }\n"
                    "q if { some x in [1, 2]; x > 1 }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c, 0), "$1 = input.o[$0]; $1 > $0");
  EXPECT_EQ(rule_body(c, 1), "$4 = [1, 2]; $3 = $4[$2]; $3 > 1");
}

TEST(Locals, SomeInWithCallValue) {
  auto c = compile({"package a\np if { some numbers.range(1, 1) in [[1]] }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "$1 = [[1]]; numbers.range(1, 1) = $1[$0]");
}

TEST(Locals, WildcardsAreDistinct) {
  auto c = compile({"package a\np if { input.a[_] == input.b[_] }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "input.a[$0] == input.b[$1]");
}

TEST(Locals, ComprehensionScopeShadows) {
  auto c = compile({"package a\np := y if { x := 1; y := [x | x := 2] }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "$0 = 1; $2 = [$1 | $1 = 2]");
  EXPECT_EQ(ast::to_string(*c.program.modules[0].rules[0]->head.value), "$2");
}

TEST(Locals, EveryRenamedApart) {
  auto c = compile({"package a\np if { x := 1; every x in input.xs { x > 0 } }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "$0 = 1; every $1 in input.xs { $1 > 0 }");
}

TEST(Locals, AssignedAbove) {
  auto c = compile({"package a\np if {\n  x := 1\n  x := 2\n}\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].code, "rego_compile_error");
  EXPECT_EQ(c.errors[0].message, "var x assigned above");
  EXPECT_EQ(c.errors[0].location.row, 4);
}

TEST(Locals, ReferencedAbove) {
  auto c = compile({"package a\np if {\n  input.y == x\n  x := 2\n}\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message, "var x referenced above");
}

TEST(Locals, DeclaredAbove) {
  auto c = compile({"package a\np if { some x; x := 1 }\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message, "var x declared above");
}

TEST(Locals, ArgRedeclared) {
  auto c = compile({"package a\nf(y) := 1 if { y := 2 }\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message, "arg y redeclared");
}

TEST(Locals, NegatedAssignmentRejected) {
  auto c = compile({"package a\np if { not x := 1 }\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message, "cannot assign vars inside negated expression");
}

TEST(Locals, QueryKeepsNames) {
  auto c = compile({}, "x := [1, 2][_]; y = x + 1");
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(query_text(c), "$1 = [1, 2]; x = $1[$0]; y = x + 1");
  EXPECT_EQ(c.program.query_vars, (std::vector<std::string>{"x", "y"}));
}

// --- safety --------------------------------------------------------------------------------

// As in OPA, one pass appends every expression that has become safe, in body order, so
// `x > 1` lands after all expressions that were safe in the first pass.
TEST(Safety, ReordersForBindings) {
  auto c = compile({"package a\np if { x > 1; x = input.a; y = x + 1; z = y }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "x = input.a; y = x + 1; z = y; x > 1");
}

TEST(Safety, SafeBodyKeepsOrder) {
  auto c = compile({"package a\np if { x = input.a; x > 1; y = x }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "x = input.a; x > 1; y = x");
}

TEST(Safety, NegationWaitsForBindings) {
  auto c = compile({"package a\np if { not input.b[x]; x = \"k\" }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "x = \"k\"; not input.b[x]");
}

TEST(Safety, ClosureAfterOuterBinding) {
  auto c = compile({"package a\np := s if { s := {v | v := input.xs[_]; v > m}; m = 3 }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "m = 3; $2 = {$1 | $1 = input.xs[$0]; $1 > m}");
}

// A closure's variable declared later with `:=` is a different variable (OPA renames it).
TEST(Safety, ClosureDoesNotSeeLaterDeclaration) {
  auto c = compile({"package a\np := s if { s := {v | v := input.xs[_]; v > m}; m := 3 }\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message, "var m is unsafe");
}

TEST(Safety, UnsafeVarInBody) {
  auto c = compile({"package a\np if {\n  x > 1\n}\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].code, "rego_unsafe_var_error");
  EXPECT_EQ(c.errors[0].message, "var x is unsafe");
  EXPECT_EQ(c.errors[0].location.row, 3);
}

TEST(Safety, UnsafeHeadVar) {
  auto c = compile({"package a\np[x] := 1 if { input.y }\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message, "var x is unsafe");
  EXPECT_EQ(c.errors[0].location.row, 2);
}

TEST(Safety, UnsafeInQuery) {
  auto c = compile({}, "x > 1");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].to_string(), "1:1: rego_unsafe_var_error: var x is unsafe");
}

TEST(Safety, CallArgumentsDoNotBind) {
  auto c = compile({"package a\np if { count(x) > 1 }\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message, "var x is unsafe");
}

TEST(Safety, ArrayPatternBinds) {
  auto c = compile({"package a\np := a + b if { [a, b] = input.pair }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "[a, b] = input.pair; $0 = a + b");
}

TEST(Safety, FunctionArgsAreBound) {
  auto c = compile({"package a\nf(x) := y if { y := x * 2 }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "$0 = x * 2");
}

// --- rule checks ---------------------------------------------------------------------------

TEST(Rules, ConflictingKinds) {
  auto c = compile({"package a\np contains 1\np := 2\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].code, "rego_type_error");
  EXPECT_EQ(c.errors[0].message, "conflicting rules data.a.p found");
}

TEST(Rules, FunctionAndValue) {
  auto c = compile({"package a\nf(x) := 1\nf := 2\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message, "conflicting rules data.a.f found");
}

TEST(Rules, MultipleDefaults) {
  auto c = compile({"package a\ndefault p := 1\ndefault p := 2\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message, "multiple default rules data.a.p found at m0.rego:2, m0.rego:3");
  EXPECT_EQ(c.errors[0].location.row, 1);
}

TEST(Rules, RuleBeneathCompleteRule) {
  auto c = compile({"package a\np := 1\np.q := 2\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message, "rule data.a.p conflicts with [data.a.p.q]");
}

TEST(Rules, PackageAtRulePath) {
  auto c = compile({"package a\nb := 1\n", "package a.b\nc := 2\n"});
  ASSERT_EQ(c.errors.size(), 2u);
  EXPECT_EQ(c.errors[0].message, "rule data.a.b conflicts with [data.a.b.c]");
  EXPECT_EQ(c.errors[1].message, "package a.b conflicts with rule b defined at m0.rego:2");
  EXPECT_EQ(c.errors[1].location.row, 1);
}

TEST(Rules, RedefinedCompleteRuleAllowed) {
  auto c = compile({"package a\np := 1\np := 2\n"});
  EXPECT_TRUE(c.errors.empty()) << first_error(c);
}

// --- recursion -----------------------------------------------------------------------------

TEST(Recursion, SelfAndMutual) {
  auto c = compile({"package x\np if { q }\nq if { p }\nr if { r }\n"});
  ASSERT_EQ(c.errors.size(), 3u);
  EXPECT_EQ(c.errors[0].code, "rego_recursion_error");
  EXPECT_EQ(c.errors[0].message, "rule data.x.p is recursive: data.x.p -> data.x.q -> data.x.p");
  EXPECT_EQ(c.errors[1].message, "rule data.x.q is recursive: data.x.q -> data.x.p -> data.x.q");
  EXPECT_EQ(c.errors[2].message, "rule data.x.r is recursive: data.x.r -> data.x.r");
}

TEST(Recursion, DynamicRefReachesRule) {
  auto c = compile({"package x\np if { data.x[k] }\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].code, "rego_recursion_error");
}

// --- types ---------------------------------------------------------------------------------

TEST(Types, LiteralArgumentMismatch) {
  auto c = compile({"package a\np if { count(1) > 0 }\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].code, "rego_type_error");
  EXPECT_EQ(c.errors[0].message,
            "count: invalid argument(s)\n\thave: (number)\n"
            "\twant: (any<array[any], object[any: any], set[any], string>)");
}

TEST(Types, VariablesNotChecked) {
  auto c = compile({"package a\np if { x := input.x; count(x) > 0; startswith(\"a\", \"b\") }\n"});
  EXPECT_TRUE(c.errors.empty()) << first_error(c);
}

// OPA types the output argument of `f(x, out)` as an extra parameter of the builtin's result
// type.
TEST(Types, OutputArgumentMismatch) {
  auto c = compile({"package a\np if { count([1], \"a\") }\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].code, "rego_type_error");
  EXPECT_EQ(c.errors[0].message,
            "count: invalid argument(s)\n\thave: (array<number>, string)\n"
            "\twant: (any<array[any], object[any: any], set[any], string>, number)");
  EXPECT_EQ(c.errors[0].location.row, 2);
}

TEST(Types, OutputArgumentMismatchInQuery) {
  auto c = compile({}, "split(\"a,b\", \",\", \"a\")");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message,
            "split: invalid argument(s)\n\thave: (string, string, string)\n"
            "\twant: (string, string, array[string])");
}

TEST(Types, OutputArgumentOfResultTypeAccepted) {
  auto c = compile({"package a\np if { count([1], 1); split(\"a,b\", \",\", [\"a\", \"b\"]); "
                    "count([1], n); n > 0 }\n"});
  EXPECT_TRUE(c.errors.empty()) << first_error(c);
}

// Type errors come after the safety check, as in OPA: an unsafe variable is reported instead.
TEST(Types, OutputArgumentCheckedAfterSafety) {
  auto c = compile({"package a\np if { count([1], \"a\"); y > 1 }\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].code, "rego_unsafe_var_error");
}

// --- print and template strings --------------------------------------------------------------

TEST(Print, ArgumentsCapturedInSets) {
  auto c = compile({"package a\np if { x := 1; print(\"x\", x) }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "$0 = 1; internal.print([{$1 | $1 = \"x\"}, {$2 | $2 = $0}])");
}

TEST(Print, UndeclaredArgument) {
  auto c = compile({"package a\np if { print(y) }\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].code, "rego_compile_error");
  EXPECT_EQ(c.errors[0].message, "var y is undeclared");
}

TEST(TemplateString, RewrittenToBuiltinCall) {
  auto c = compile({"package a\np := s if { x := 1; s := $\"x={x}!\" }\n"});
  ASSERT_TRUE(c.errors.empty()) << first_error(c);
  EXPECT_EQ(rule_body(c), "$0 = 1; $1 = internal.template_string([\"x=\", {$2 | $2 = $0}, \"!\"])");
}

TEST(TemplateString, UndeclaredPart) {
  auto c = compile({"package a\np := $\"{y}\"\n"});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].code, "rego_compile_error");
  EXPECT_EQ(c.errors[0].message, "var y is undeclared");
}

TEST(Errors, LimitedToTen) {
  std::string source = "package a\n";
  for (int i = 0; i < 12; ++i) source += "p" + std::to_string(i) + " if { nope(1) }\n";
  auto c = compile({source});
  ASSERT_EQ(c.errors.size(), 11u);
  EXPECT_EQ(c.errors[10].message, "error limit reached");
}

}  // namespace
}  // namespace regoc
