// Tests of METADATA annotations: parsing of the YAML blocks and their errors, attachment to
// packages and rules, the chain that rego.metadata.chain() returns and rego.metadata.rule(),
// both from the annotation index and from planned queries run by the interpreter.
#include <gtest/gtest.h>

#include "compiler/annotations.h"
#include "compiler/compiler.h"
#include "compiler/parser.h"
#include "compiler/planner.h"
#include "runtime/builtins/term_text.h"
#include "runtime/executor.h"

namespace regoc {
namespace {

std::string first_error(const Errors& errors) {
  return errors.empty() ? "" : errors[0].to_string();
}

// Parses one module; returns the first error, or "" when it parsed.
std::string parse(const std::string& source, ast::Module* module) {
  return first_error(parse_module("m.rego", source, module));
}

std::string parse_error(const std::string& source) {
  ast::Module module;
  return parse(source, &module);
}

// The object of the `index`-th annotation of the first rule, in Rego syntax.
std::string rule_annotation(const ast::Module& module, size_t index = 0) {
  const auto& annotations = module.rules.at(0)->annotations;
  if (index >= annotations.size()) return "<none>";
  return term_string(annotations[index]->object);
}

// Compiles the modules with `query` and returns the values of the query's variable `x`, one
// per result, in Rego syntax; or the first error.
std::string eval_x(const std::vector<std::string>& sources, const std::string& query) {
  std::vector<ast::Module> modules;
  for (size_t i = 0; i < sources.size(); ++i) {
    ast::Module module;
    Errors errors = parse_module("m" + std::to_string(i) + ".rego", sources[i], &module);
    if (!errors.empty()) return first_error(errors);
    modules.push_back(std::move(module));
  }

  ast::Body body;
  Errors errors = parse_query(query, &body);
  CompiledProgram compiled;
  if (errors.empty()) {
    errors = compile_program(std::move(modules), std::move(body), CompileOptions(), &compiled);
  }
  ir::Program program;
  if (errors.empty()) errors = plan_program(compiled, &program);
  if (!errors.empty()) return first_error(errors);

  auto executor = make_interpreter_executor(program);
  BuiltinContext context;
  std::vector<std::vector<Value>> rows;
  Error error;
  ResultRows sink(&rows);
  if (!executor->run(Value(), Value::object(), context, true, sink, &error)) {
    return error.to_string();
  }

  std::string out;
  for (const auto& row : rows) {
    for (size_t i = 0; i < program.bindings.size(); ++i) {
      if (program.bindings[i] == "x") out += term_string(row[program.expressions + i]);
    }
  }
  return out;
}

// --- parsing and attachment -------------------------------------------------------------------

TEST(Annotations, AttachToPackageAndRule) {
  ast::Module module;
  ASSERT_EQ(parse("# METADATA\n# title: Pkg\npackage a\n\n"
                  "# METADATA\n# title: P\n# description: The p rule\np := 1\n",
                  &module),
            "");
  ASSERT_EQ(module.annotations.size(), 1u);
  EXPECT_EQ(term_string(module.annotations[0]->object), R"({"scope": "package", "title": "Pkg"})");
  EXPECT_EQ(rule_annotation(module),
            R"({"description": "The p rule", "scope": "rule", "title": "P"})");
  EXPECT_EQ(module.annotations[0]->location.row, 1);
}

TEST(Annotations, CommentsNotInColumnOneAreIgnored) {
  ast::Module module;
  ASSERT_EQ(parse("package a\n  # METADATA\n  # title: x\np := 1 # METADATA\n", &module), "");
  EXPECT_TRUE(module.rules[0]->annotations.empty());
  EXPECT_EQ(module.comments.size(), 3u);
}

TEST(Annotations, AllFields) {
  ast::Module module;
  ASSERT_EQ(parse("package a\n"
                  "# METADATA\n"
                  "# scope: document\n"
                  "# entrypoint: true\n"
                  "# organizations:\n"
                  "# - Acme\n"
                  "# related_resources:\n"
                  "# - https://example.com\n"
                  "# - ref: https://example.com/doc\n"
                  "#   description: The doc\n"
                  "# authors:\n"
                  "# - Jane Doe <jane@example.com>\n"
                  "# - name: John\n"
                  "# schemas:\n"
                  "# - input: schema.input\n"
                  "# - data.a.b: {type: string}\n"
                  "# custom:\n"
                  "#   level: 3\n"
                  "p := 1\n",
                  &module),
            "");
  EXPECT_EQ(rule_annotation(module),
            R"({"authors": [{"email": "jane@example.com", "name": "Jane Doe"}, {"name": "John"}], )"
            R"("custom": {"level": 3}, "entrypoint": true, "organizations": ["Acme"], )"
            R"("related_resources": [{"ref": "https://example.com"}, )"
            R"({"description": "The doc", "ref": "https://example.com/doc"}], )"
            R"("schemas": [{"path": ["input"], "schema": ["schema", "input"]}, )"
            R"({"definition": {"type": "string"}, "path": ["data", "a", "b"]}], )"
            R"("scope": "document"})");
}

TEST(Annotations, EntrypointDefaultsToDocumentScope) {
  ast::Module module;
  ASSERT_EQ(parse("package a\n# METADATA\n# entrypoint: true\np := 1\n", &module), "");
  EXPECT_EQ(rule_annotation(module), R"({"entrypoint": true, "scope": "document"})");
}

TEST(Annotations, InvalidYamlIsParseError) {
  std::string error = parse_error("package a\n# METADATA\n# title: [x\np := 1\n");
  // yaml-cpp's text differs from go-yaml's; the prefix, line number and location match.
  EXPECT_EQ(error.rfind("m.rego:3: rego_parse_error: yaml: line 2: ", 0), 0u) << error;
}

TEST(Annotations, MissingSpaceAfterColonHint) {
  std::string error = parse_error("package a\n# METADATA\n# title:x\np := 1\n");
  EXPECT_NE(error.find("cannot unmarshal !!str `title:x` into ast.rawAnnotation"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("Hint: on line 3, symbol(s) ['x'] immediately following a key/value "
                       "separator ':' is not a legal yaml space character"),
            std::string::npos)
      << error;
}

TEST(Annotations, WrongFieldKind) {
  EXPECT_EQ(parse_error("package a\n# METADATA\n# title:\n#   - x\np := 1\n"),
            "m.rego:4: rego_parse_error: yaml: unmarshal errors:\n"
            "  line 2: cannot unmarshal !!seq into string");
  EXPECT_EQ(parse_error("package a\n# METADATA\n# entrypoint: yes\np := 1\n"),
            "m.rego:3: rego_parse_error: yaml: unmarshal errors:\n"
            "  line 1: cannot unmarshal !!str `yes` into bool");
}

TEST(Annotations, InvalidScope) {
  EXPECT_EQ(parse_error("package a\n# METADATA\n# scope: everything\np := 1\n"),
            "m.rego:2: rego_parse_error: invalid annotation scope 'everything'. Use one of "
            "'rule', 'document', 'package', or 'subpackages'");
  EXPECT_EQ(parse_error("package a\n# METADATA\n# scope: package\np := 1\n"),
            "m.rego:2: rego_parse_error: annotation scope 'package' must be applied to "
            "package (have rule)");
  EXPECT_EQ(parse_error("# METADATA\n# scope: rule\npackage a\n"),
            "m.rego:1: rego_parse_error: annotation scope 'rule' must be applied to rule "
            "(have package)");
  EXPECT_EQ(parse_error("package a\np := 1\n# METADATA\n# title: x\n"),
            "m.rego:3: rego_parse_error: invalid annotation scope ''. Use one of 'rule', "
            "'document', 'package', or 'subpackages'");
  EXPECT_EQ(parse_error("package a\n# METADATA\n# entrypoint: true\n# scope: rule\np := 1\n"),
            "m.rego:2: rego_parse_error: annotation entrypoint applied to non-document or "
            "package scope 'rule'");
}

TEST(Annotations, InvalidEntries) {
  EXPECT_EQ(parse_error("package a\n# METADATA\n# authors:\n# - 3\np := 1\n"),
            "m.rego:2: rego_parse_error: invalid author definition %!s(int=3): invalid value "
            "type, must be string or map");
  EXPECT_EQ(parse_error("package a\n# METADATA\n# related_resources:\n# - description: x\n"
                        "p := 1\n"),
            "m.rego:2: rego_parse_error: invalid related-resource definition map[description:x]: "
            "'ref' value required in object");
  EXPECT_EQ(parse_error("package a\n# METADATA\n# schemas:\n# - input: other.x\np := 1\n"),
            "m.rego:2: rego_parse_error: invalid schema reference");
  EXPECT_EQ(parse_error("package a\n# METADATA\n#   \np := 1\n"),
            "m.rego:2: rego_parse_error: expected METADATA block, found whitespace");
}

TEST(Annotations, ParseModuleCanSkipThem) {
  ast::Module module;
  ParseOptions options;
  options.process_annotations = false;
  Errors errors = parse_module("m.rego", "package a\n# METADATA\n# title: [x\np := 1\n", &module,
                               options);
  EXPECT_TRUE(errors.empty()) << first_error(errors);
  EXPECT_TRUE(module.rules[0]->annotations.empty());
}

// --- chains -----------------------------------------------------------------------------------

TEST(AnnotationChain, RuleDocumentPackageSubpackages) {
  std::string result = eval_x(
      {"# METADATA\n# scope: subpackages\n# title: Root\npackage a\n",
       "# METADATA\n# title: Pkg\npackage a.b\n\n"
       "# METADATA\n# scope: document\n# title: Doc\np := 0 if false\n\n"
       "# METADATA\n# title: Far\n\n# METADATA\n# title: Near\np := rego.metadata.chain()\n"},
      "x := data.a.b.p");
  EXPECT_EQ(result,
            R"([{"annotations": {"scope": "rule", "title": "Near"}, "path": ["a", "b", "p"]}, )"
            R"({"annotations": {"scope": "rule", "title": "Far"}, "path": ["a", "b", "p"]}, )"
            R"({"annotations": {"scope": "document", "title": "Doc"}, "path": ["a", "b", "p"]}, )"
            R"({"annotations": {"scope": "package", "title": "Pkg"}, "path": ["a", "b"]}, )"
            R"({"annotations": {"scope": "subpackages", "title": "Root"}, "path": ["a"]}])");
}

TEST(AnnotationChain, RuleWithoutAnnotations) {
  EXPECT_EQ(eval_x({"package a\np := rego.metadata.chain()\n"}, "x := data.a.p"),
            R"([{"path": ["a", "p"]}])");
  EXPECT_EQ(eval_x({"package a\np := rego.metadata.rule()\n"}, "x := data.a.p"), "{}");
}

TEST(AnnotationChain, RuleMetadataIsClosestRuleBlock) {
  EXPECT_EQ(eval_x({"package a\n# METADATA\n# title: T\n# custom:\n#   k: v\n"
                    "p := rego.metadata.rule()\n"},
                   "x := data.a.p"),
            R"({"custom": {"k": "v"}, "scope": "rule", "title": "T"})");
}

TEST(AnnotationChain, FunctionsAndComprehensions) {
  EXPECT_EQ(eval_x({"package a\n# METADATA\n# title: F\n"
                    "f(y) := [t | t := rego.metadata.rule().title; y]\n"},
                   "x := data.a.f(true)"),
            R"(["F"])");
}

TEST(AnnotationChain, QueryCallsFail) {
  EXPECT_EQ(eval_x({"package a\n"}, "x := rego.metadata.chain()"),
            "1:6: eval_builtin_error: rego.metadata.chain: the rego.metadata.chain function must "
            "only be called within the scope of a rule");
}

TEST(AnnotationChain, RedeclaredPackageAnnotation) {
  EXPECT_EQ(eval_x({"# METADATA\n# title: One\npackage a\n",
                    "# METADATA\n# title: Two\npackage a\np := 1\n"},
                   "x := data.a.p"),
            "m1.rego:1: rego_type_error: package annotation redeclared: m0.rego:1");
}

}  // namespace
}  // namespace regoc
