// Tests of OPA's AST JSON for parsed modules (module_to_ast_json) and of the rego.parse_module
// builtin that returns it.
#include <gtest/gtest.h>

#include "compiler/ast_json.h"
#include "compiler/parser.h"
#include "runtime/builtins/builtin.h"
#include "runtime/builtins/term_text.h"
#include "runtime/json.h"

namespace regoc {
namespace {

// OPA's AST JSON of `source`, in Rego syntax, or the parse error.
Value ast_of(const std::string& source) {
  ast::Module module;
  ParseOptions options;
  options.process_annotations = false;
  Errors errors = parse_module("x.rego", source, &module, options);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].to_string());
  return module_to_ast_json(module);
}

// The `index`-th rule of the module's JSON, in Rego syntax.
std::string rule_json(const std::string& source, size_t index = 0) {
  Value module = ast_of(source);
  const Value* rules = module.find("rules");
  if (rules == nullptr || index >= rules->size()) return "<no rule>";
  return term_string(rules->array_items()[index]);
}

std::string call_parse_module(const std::string& file, const std::string& text) {
  install_module_parser();
  const Builtin* builtin = find_builtin("rego.parse_module");
  if (builtin == nullptr || builtin->function == nullptr) return "missing builtin";
  BuiltinContext context;
  std::vector<Value> args = {Value::string(file), Value::string(text)};
  Value result;
  if (builtin->function(context, args, result) != BuiltinStatus::Ok) {
    return context.error.code + ": " + context.error.message;
  }
  return term_string(result);
}

TEST(AstJson, PackageImportsAndComments) {
  Value module = ast_of("package a.b\n\nimport data.x as y\nimport input.z\n# note\n");
  EXPECT_EQ(term_string(*module.find("package")),
            R"({"path": [{"type": "var", "value": "data"}, {"type": "string", "value": "a"}, )"
            R"({"type": "string", "value": "b"}]})");
  EXPECT_EQ(term_string(*module.find("imports")),
            R"([{"alias": "y", "path": {"type": "ref", "value": [{"type": "var", "value": )"
            R"("data"}, {"type": "string", "value": "x"}]}}, {"path": {"type": "ref", "value": )"
            R"([{"type": "var", "value": "input"}, {"type": "string", "value": "z"}]}}])");
  EXPECT_EQ(term_string(*module.find("comments")),
            R"([{"Location": {"col": 1, "file": "x.rego", "row": 5}, "Text": "IG5vdGU="}])");
  EXPECT_EQ(module.find("rules"), nullptr);
}

TEST(AstJson, ConstantRule) {
  EXPECT_EQ(rule_json("package a\np := 1\n"),
            R"({"body": [{"index": 0, "terms": {"type": "boolean", "value": true}}], )"
            R"("head": {"assign": true, "name": "p", "ref": [{"type": "var", "value": "p"}], )"
            R"("value": {"type": "number", "value": 1}}})");
}

TEST(AstJson, RuleWithBodyAndOperators) {
  EXPECT_EQ(rule_json("package a\nallow if {\n  input.x == 1\n  not input.y\n  z := 2\n}\n"),
            R"({"body": [{"index": 0, "terms": [{"type": "ref", "value": [{"type": "var", )"
            R"("value": "equal"}]}, {"type": "ref", "value": [{"type": "var", "value": )"
            R"("input"}, {"type": "string", "value": "x"}]}, {"type": "number", "value": 1}]}, )"
            R"({"index": 1, "negated": true, "terms": {"type": "ref", "value": [{"type": "var", )"
            R"("value": "input"}, {"type": "string", "value": "y"}]}}, {"index": 2, "terms": )"
            R"([{"type": "ref", "value": [{"type": "var", "value": "assign"}]}, {"type": "var", )"
            R"("value": "z"}, {"type": "number", "value": 2}]}], "head": {"name": "allow", )"
            R"("ref": [{"type": "var", "value": "allow"}], "value": {"type": "boolean", )"
            R"("value": true}}})");
}

TEST(AstJson, MultiValueRuleAndWildcards) {
  EXPECT_EQ(rule_json("package a\nq contains x if { x := input[_] }\n"),
            R"({"body": [{"index": 0, "terms": [{"type": "ref", "value": [{"type": "var", )"
            R"("value": "assign"}]}, {"type": "var", "value": "x"}, {"type": "ref", "value": )"
            R"([{"type": "var", "value": "input"}, {"type": "var", "value": "$0"}]}]}], )"
            R"("head": {"key": {"type": "var", "value": "x"}, "name": "q", "ref": [{"type": )"
            R"("var", "value": "q"}]}})");
}

TEST(AstJson, FunctionDefaultAndElse) {
  std::string function = rule_json("package a\nf(x) := x + 1\n");
  EXPECT_NE(function.find(R"("args": [{"type": "var", "value": "x"}])"), std::string::npos)
      << function;
  EXPECT_NE(function.find(R"("value": {"type": "call", "value": [{"type": "ref", "value": )"
                          R"([{"type": "var", "value": "plus"}]})"),
            std::string::npos)
      << function;

  std::string with_default = rule_json("package a\ndefault r := false\n");
  EXPECT_NE(with_default.find(R"("default": true)"), std::string::npos) << with_default;

  std::string chain = rule_json("package a\nv := 1 if input.a else := 2\n");
  EXPECT_NE(chain.find(R"("else": {"body": [{"index": 0, "terms": {"type": "boolean", )"
                       R"("value": true}}], "head": {"assign": true, "name": "v")"),
            std::string::npos)
      << chain;
}

TEST(AstJson, CollectionsAndComprehensions) {
  std::string rule = rule_json("package a\ns := {3, 1} if { null; [y | y := {\"b\": 1}] }\n");
  EXPECT_NE(rule.find(R"({"type": "set", "value": [{"type": "number", "value": 1}, )"
                      R"({"type": "number", "value": 3}]})"),
            std::string::npos)
      << rule;
  EXPECT_NE(rule.find(R"({"type": "null", "value": {}})"), std::string::npos) << rule;
  EXPECT_NE(rule.find(R"({"type": "arraycomprehension", "value": {"body": )"), std::string::npos)
      << rule;
  EXPECT_NE(rule.find(R"({"type": "object", "value": [[{"type": "string", "value": "b"}, )"
                      R"({"type": "number", "value": 1}]]})"),
            std::string::npos)
      << rule;
}

TEST(AstJson, SomeEveryAndWith) {
  std::string rule = rule_json(
      "package a\np if {\n  some k, v in input.xs\n  every y in input.ys { y > 0 }\n"
      "  f(1) with input as {}\n}\nf(x) := x\n");
  EXPECT_NE(rule.find(R"("terms": {"symbols": [{"type": "call", "value": [{"type": "ref", )"
                      R"("value": [{"type": "var", "value": "internal"}, {"type": "string", )"
                      R"("value": "member_3"}]})"),
            std::string::npos)
      << rule;
  EXPECT_NE(rule.find(R"("terms": {"body": [{"index": 0, "terms": [{"type": "ref", "value": )"
                      R"([{"type": "var", "value": "gt"}]})"),
            std::string::npos)
      << rule;
  EXPECT_NE(rule.find(R"("key": null)"), std::string::npos) << rule;
  EXPECT_NE(rule.find(R"("with": [{"target": {"type": "ref", "value": [{"type": "var", )"
                      R"("value": "input"}]}, "value": {"type": "object", "value": []}}])"),
            std::string::npos)
      << rule;
}

TEST(RegoParseModule, ReturnsAst) {
  std::string result = call_parse_module("p.rego", "package x\np := true\n");
  EXPECT_EQ(result.rfind(R"({"package": {"path": [{"type": "var", "value": "data"}, )", 0), 0u)
      << result;
}

TEST(RegoParseModule, ParseErrorWithDetail) {
  EXPECT_EQ(call_parse_module("x.rego", "package foo."),
            "eval_builtin_error: rego.parse_module: 1 error occurred: x.rego:1: "
            "rego_parse_error: unexpected eof token: expected ident\n\tpackage foo.\n\t"
            "           ^");
}

TEST(RegoParseModule, OperandTypes) {
  install_module_parser();
  const Builtin* builtin = find_builtin("rego.parse_module");
  ASSERT_NE(builtin, nullptr);
  BuiltinContext context;
  std::vector<Value> args = {Value::integer(1), Value::string("package a")};
  Value result;
  ASSERT_EQ(builtin->function(context, args, result), BuiltinStatus::Error);
  EXPECT_EQ(context.error.message,
            "rego.parse_module: operand 1 must be string but got number");
}

}  // namespace
}  // namespace regoc
