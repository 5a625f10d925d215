// Tests of the Rego parser (compiler/parser.h): the AST shapes of modules and queries that
// parse, printed back with ast::to_string, and the rego_parse_error of modules OPA rejects.
#include "compiler/parser.h"

#include <gtest/gtest.h>

namespace regoc {
namespace {

using ast::ExprKind;
using ast::TermKind;

ast::Module parse_ok(const std::string& text) {
  ast::Module module;
  Errors errors = parse_module("test.rego", text, &module);
  for (const Error& error : errors) ADD_FAILURE() << error.to_string() << "\n" << text;
  return module;
}

ast::Body query_ok(const std::string& text) {
  ast::Body body;
  Errors errors = parse_query(text, &body);
  for (const Error& error : errors) ADD_FAILURE() << error.to_string() << "\n" << text;
  return body;
}

// The single rule of "package p\n<rule>".
std::shared_ptr<ast::Rule> rule_of(const std::string& rule) {
  ast::Module module = parse_ok("package p\n" + rule);
  if (module.rules.size() != 1) {
    ADD_FAILURE() << "expected one rule in: " << rule;
    return std::make_shared<ast::Rule>();
  }
  return module.rules[0];
}

std::string print_query(const std::string& text) { return ast::to_string(query_ok(text)); }

TEST(ParserQuery, PrintsBackTable) {
  const std::pair<const char*, const char*> cases[] = {
      {"x = 1", "x = 1"},
      {"x := [1, 2]", "x := [1, 2]"},
      {"a.b[c].d", "a.b[c].d"},
      {"a[\"b-c\"]", "a[\"b-c\"]"},
      {"1 + 2 * 3", "1 + (2 * 3)"},
      {"(1 + 2) * 3", "(1 + 2) * 3"},
      {"1 - 2 - 3", "(1 - 2) - 3"},
      {"a | b & c", "a | (b & c)"},
      {"x == 1 + 2", "x == (1 + 2)"},
      {"x in xs", "x in xs"},
      {"k, v in xs", "k, v in xs"},
      {"x in xs == y", "x in (xs == y)"},
      {"x := -1", "x := -1"},
      {"x := 1 -1", "x := 1 - 1"},
      {"x := .5", "x := 0.5"},
      {"x := 1e100", "x := 1e100"},
      {"x := 123456789012345678901234567890", "x := 123456789012345678901234567890"},
      {"f(x).y", "f(x).y"},
      {"f(x)[0]", "f(x)[0]"},
      {"[1, 2][0]", "[1, 2][0]"},
      {"{\"a\": 1}.a", "{\"a\": 1}.a"},
      {"x := set()", "x := set()"},
      {"x := {}", "x := {}"},
      {"x := {1, 2}", "x := {1, 2}"},
      {"x := [y | y := 1]", "x := [y | y := 1]"},
      {"x := {y | y := 1}", "x := {y | y := 1}"},
      {"x := {k: v | k := 1; v := 2}", "x := {k: v | k := 1; v := 2}"},
      {"not x", "not x"},
      {"x with input as 1 with data.a.b as 2", "x with input as 1 with data.a.b as 2"},
      {"some x, y", "some x, y"},
      {"some x", "some x"},
      {"some x in xs", "some x in xs"},
      {"some k, v in {\"a\": 1}", "some k, v in {\"a\": 1}"},
      {"every x in xs { x > 1 }", "every x in xs { x > 1 }"},
      {"every k, v in o { k == v }", "every k, v in o { k == v }"},
      {"count(x, n)", "count(x, n)"},
      {"glob.match(a, [], b)", "glob.match(a, [], b)"},
      {"x := `raw\\n`", "x := \"raw\\\\n\""},
      {"x := \"a\\u00e9\\n\"", "x := \"a\u00e9\\n\""},
      {"contains(x, \"a\")", "contains(x, \"a\")"},
      {"input.if.in", "input.if.in"},
      {"not.x", "not.x"},
      {"x = 1; y = 2", "x = 1; y = 2"},
      {"x = 1\ny = 2", "x = 1; y = 2"},
      {"x = 1 # comment\ny = 2", "x = 1; y = 2"},
  };
  for (const auto& [source, expected] : cases) {
    EXPECT_EQ(print_query(source), expected) << source;
  }
}

TEST(ParserQuery, OperatorsBecomeCalls) {
  ast::Body body = query_ok("a + b == c");
  ASSERT_EQ(body.size(), 1u);
  ASSERT_EQ(body[0]->kind, ExprKind::Term);
  const ast::Term& equal = *body[0]->terms[0];
  ASSERT_EQ(equal.kind, TermKind::Call);
  EXPECT_EQ(ast::ref_name(*equal.items[0]), "equal");
  ASSERT_EQ(equal.items.size(), 3u);
  EXPECT_EQ(ast::ref_name(*equal.items[1]->items[0]), "plus");

  ast::Body member = query_ok("k, v in xs");
  EXPECT_EQ(ast::ref_name(*member[0]->terms[0]->items[0]), "internal.member_3");
  EXPECT_EQ(member[0]->terms[0]->items.size(), 4u);
}

TEST(ParserQuery, RefPartsAreDottedStrings) {
  ast::Body body = query_ok("a.b[\"c\"]");
  const ast::Term& ref = *body[0]->terms[0];
  ASSERT_EQ(ref.kind, TermKind::Ref);
  ASSERT_EQ(ref.items.size(), 3u);
  EXPECT_EQ(ref.items[0]->kind, TermKind::Var);
  EXPECT_TRUE(ref.items[1]->dotted);
  EXPECT_FALSE(ref.items[2]->dotted);
  EXPECT_EQ(ref.items[2]->text, "c");
  EXPECT_TRUE(ast::is_ground_ref(ref));
  EXPECT_EQ(ast::ref_name(ref), "a.b.c");
}

TEST(ParserQuery, WhitespaceEndsRefs) {
  // A newline before `[` starts a new expression instead of indexing the previous term.
  ast::Body body = query_ok("x := a\n[1][0] == 1");
  ASSERT_EQ(body.size(), 2u);
  EXPECT_EQ(ast::to_string(*body[1]), "[1][0] == 1");
}

TEST(ParserQuery, LocationsAndText) {
  ast::Body body = query_ok("x = 1\n  y := [1,\n 2]");
  ASSERT_EQ(body.size(), 2u);
  EXPECT_EQ(body[1]->location.row, 2);
  EXPECT_EQ(body[1]->location.col, 3);
  EXPECT_EQ(body[1]->text, "y := [1,\n 2]");
  EXPECT_EQ(body[1]->terms[1]->location.col, 8);
}

TEST(ParserQuery, TemplateStrings) {
  ast::Body body = query_ok("x := $\"a {y} b \\{z} {f(1) + 2}{{1}}\"");
  const ast::Term& tmpl = *body[0]->terms[1];
  ASSERT_EQ(tmpl.kind, TermKind::TemplateString);
  ASSERT_EQ(tmpl.items.size(), 5u);
  EXPECT_EQ(tmpl.items[0]->text, "a ");
  EXPECT_EQ(tmpl.items[1]->kind, TermKind::Var);
  EXPECT_EQ(tmpl.items[2]->text, " b {z} ");
  EXPECT_EQ(tmpl.items[3]->kind, TermKind::Call);
  EXPECT_EQ(tmpl.items[4]->kind, TermKind::Set);

  ast::Body raw = query_ok("x := $`line\n{y}\\{`");
  const ast::Term& raw_tmpl = *raw[0]->terms[1];
  ASSERT_EQ(raw_tmpl.items.size(), 3u);
  EXPECT_EQ(raw_tmpl.items[0]->text, "line\n");
  EXPECT_EQ(raw_tmpl.items[2]->text, "{");

  ast::Body nested = query_ok("x := $\"{$\"{y}\"}\"");
  EXPECT_EQ(nested[0]->terms[1]->items[0]->kind, TermKind::TemplateString);
}

TEST(ParserModule, PackageAndImports) {
  ast::Module module = parse_ok(
      "package a.b[\"c\"]\nimport data.x as y\nimport input.z\nimport rego.v1\n"
      "import future.keywords\nimport future.keywords.in\n");
  EXPECT_EQ(ast::to_string(*module.package), "data.a.b.c");
  ASSERT_EQ(module.imports.size(), 5u);
  EXPECT_EQ(ast::to_string(*module.imports[0].path), "data.x");
  EXPECT_EQ(module.imports[0].alias, "y");
  EXPECT_EQ(module.imports[4].path->items.back()->text, "in");
  EXPECT_EQ(module.imports[1].location.row, 3);
}

TEST(ParserModule, CompleteRules) {
  auto rule = rule_of("p := 1");
  EXPECT_TRUE(rule->head.assign);
  EXPECT_EQ(ast::to_string(*rule->head.ref), "p");
  EXPECT_EQ(ast::to_string(*rule->head.value), "1");
  EXPECT_TRUE(rule->body.empty());

  rule = rule_of("p = x if { x := 2 }");
  EXPECT_FALSE(rule->head.assign);
  EXPECT_EQ(ast::to_string(rule->body), "x := 2");
  EXPECT_EQ(rule->text, "p = x if { x := 2 }");

  rule = rule_of("p if x > 1");
  EXPECT_EQ(rule->head.value, nullptr);
  EXPECT_EQ(ast::to_string(rule->body), "x > 1");

  rule = rule_of("default p := {\"a\": [1]}");
  EXPECT_TRUE(rule->is_default);
  EXPECT_EQ(ast::to_string(*rule->head.value), "{\"a\": [1]}");
}

TEST(ParserModule, MultiValueAndRefHeads) {
  auto rule = rule_of("p contains x if { some x in [1] }");
  EXPECT_TRUE(rule->head.contains);
  EXPECT_EQ(ast::to_string(*rule->head.key), "x");

  rule = rule_of("a.b[x].c := v if { x := 1; v := 2 }");
  EXPECT_EQ(ast::to_string(*rule->head.ref), "a.b[x].c");
  ASSERT_EQ(rule->head.ref->items.size(), 4u);
  EXPECT_EQ(rule->head.ref->items[2]->kind, TermKind::Var);

  rule = rule_of("p[x] := v if { x := 1; v := 2 }");
  EXPECT_EQ(ast::to_string(*rule->head.ref), "p[x]");
  EXPECT_EQ(ast::to_string(*rule->head.value), "v");

  rule = rule_of("p contains \"a\"");
  EXPECT_TRUE(rule->head.contains);
  EXPECT_TRUE(rule->body.empty());
}

TEST(ParserModule, Functions) {
  ast::Module module = parse_ok("package p\nf(x, 1) := y if { y := x }\nf(_, 2) := 3\n");
  ASSERT_EQ(module.rules.size(), 2u);
  EXPECT_TRUE(module.rules[0]->head.is_function);
  ASSERT_EQ(module.rules[0]->head.args.size(), 2u);
  EXPECT_EQ(module.rules[0]->head.args[1]->kind, TermKind::Number);
  EXPECT_EQ(ast::to_string(*module.rules[1]->head.value), "3");
}

TEST(ParserModule, ElseChains) {
  auto rule = rule_of("p := 1 if { false } else := 2 if { true } else = 3");
  ASSERT_NE(rule->else_rule, nullptr);
  EXPECT_EQ(ast::to_string(*rule->else_rule->head.value), "2");
  EXPECT_TRUE(rule->else_rule->head.assign);
  ASSERT_NE(rule->else_rule->else_rule, nullptr);
  EXPECT_FALSE(rule->else_rule->else_rule->head.assign);
  EXPECT_TRUE(rule->else_rule->else_rule->body.empty());

  rule = rule_of("f(x) if x > 1\nelse := false");
  ASSERT_NE(rule->else_rule, nullptr);
  EXPECT_EQ(rule->else_rule->head.args.size(), 1u);
}

TEST(ParserModule, BodyBlockVersusSetLiteral) {
  auto rule = rule_of("p if { x }");
  ASSERT_EQ(rule->body.size(), 1u);
  EXPECT_EQ(rule->body[0]->terms[0]->kind, TermKind::Var);

  rule = rule_of("p if {\"a\": 1}");
  EXPECT_EQ(rule->body[0]->terms[0]->kind, TermKind::Object);
}

TEST(ParserModule, KeywordsAsRefParts) {
  auto rule = rule_of("p if input.contains.every[0]");
  EXPECT_EQ(ast::to_string(rule->body), "input.contains.every[0]");
}

struct ErrorCase {
  const char* source;
  int row;
  int col;
  const char* message;
};

TEST(ParserErrors, Table) {
  const ErrorCase cases[] = {
      {"package p\np { true }", 2, 1, "`if` keyword is required before rule body"},
      {"package p\nf(x) { true }", 2, 1, "`if` keyword is required before function body"},
      {"package p\np[x] if { x := 1 }\nq[x] { x := 1 }", 3, 1,
       "`if` keyword is required before rule body"},
      {"package p\np contains x := 1", 2, 14, "unexpected assign token"},
      {"p := 1", 1, 1, "package expected"},
      {"package p\np if {", 2, 6, "unexpected eof token"},
      {"package p\np if { x }}", 2, 11, "unexpected } token"},
      {"package foo.", 1, 12, "unexpected eof token: expected ident"},
      {"package p\np if { x y }", 2, 10, "unexpected ident token: expected \\n or ; or }"},
      {"package p\np := \"abc", 2, 6, "non-terminated string"},
      {"package p\np := 1.", 2, 6, "expected fraction"},
      {"package p\np := 01", 2, 6, "unexpected number token: expected number without leading zero"},
      {"package p\np := \"\\q\"", 2, 6, "illegal escape sequence"},
      {"package p\np := x!", 2, 7, "illegal ! character"},
      {"package p\ndefault p := x", 2, 1, "illegal default rule (value cannot contain var)"},
      {"package p\nimport foo.bar", 2, 8,
       "unexpected import path, must begin with one of: {data, future, input, rego}, got: foo "
       "(hint: if this is unexpected, try updating OPA)"},
      {"package p\np if every x in xs", 2, 18, "unexpected eof token"},
      {"package p\np if {\n", 3, 0, "unexpected eof token"},
      {"package p\np := $\"{not x}\"", 2, 9,
       "unexpected negation ('not') in template-string expression"},
      {"package p\np := $\"{x := 1}\"", 2, 9,
       "unexpected assignment (':=') in template-string expression"},
      {"package p\np := 1\npackage q", 3, 1, "unexpected package"},
      {"package p\np if { x } else := 1 { y } else { z } q", 2, 39,
       "var cannot be used for rule name"},
  };
  for (const ErrorCase& c : cases) {
    ast::Module module;
    Errors errors = parse_module("test.rego", c.source, &module);
    ASSERT_FALSE(errors.empty()) << c.source;
    EXPECT_EQ(errors[0].code, codes::kParse) << c.source;
    EXPECT_EQ(errors[0].message, c.message) << c.source;
    EXPECT_EQ(errors[0].location.row, c.row) << c.source;
    EXPECT_EQ(errors[0].location.col, c.col) << c.source;
    EXPECT_EQ(errors[0].location.file_name(), "test.rego") << c.source;
  }
}

TEST(ParserErrors, PartialSetWithoutContainsReportsBoth) {
  ast::Module module;
  Errors errors = parse_module("test.rego", "package p\np[x] { x := 1 }", &module);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].message, "`if` keyword is required before rule body");
  EXPECT_EQ(errors[1].message, "`contains` keyword is required for partial set rules");
  EXPECT_EQ(errors[1].to_string(),
            "test.rego:2: rego_parse_error: `contains` keyword is required for partial set rules");
}

}  // namespace
}  // namespace regoc
