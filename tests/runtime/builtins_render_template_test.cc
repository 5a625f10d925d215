// Tests for strings.render_template: Go text/template actions, control structures, functions
// and printing on OPA's data, and Go's parse and execution errors.
#include <gtest/gtest.h>

#include <string>

#include "tests/runtime/builtin_test_support.h"

namespace regoc {
namespace {

using testing_support::j;
using testing_support::run;
using testing_support::s;

constexpr const char* kVars = R"({"s": "x", "n": 10, "f": 1.5, "b": true, "z": null,
    "a": ["a", "b", "c"], "m": {"b": 2, "a": 1}, "e": [], "html": "<a href='x'>"})";

// Renders `text` with kVars and returns the result as Rego text (a quoted string or an error).
std::string render(std::string_view text, std::string_view vars = kVars) {
  return run("strings.render_template", {s(text), j(vars)});
}

// Returns the error that rendering must produce, in the form run() reports it.
std::string template_error(std::string_view message) {
  return "eval_builtin_error: strings.render_template: " + std::string(message);
}

TEST(RenderTemplate, FieldsAndPrinting) {
  EXPECT_EQ(render("{{.s}}"), R"("x")");
  EXPECT_EQ(render("{{.n}} {{.f}} {{.b}}"), R"("10 1.5 true")");
  EXPECT_EQ(render("{{.z}}"), R"("<no value>")");
  EXPECT_EQ(render("{{.a}} {{.m}} {{.e}}"), R"("[a b c] map[a:1 b:2] []")");
  EXPECT_EQ(render("{{.}}", R"({"k": [1, null]})"), R"("map[k:[1 <nil>]]")");
  EXPECT_EQ(render("{{.m.a}}"), R"("1")");
  EXPECT_EQ(render("plain text"), R"("plain text")");
  EXPECT_EQ(render(""), R"("")");
  EXPECT_EQ(render("{{1.5}} {{1e6}} {{'a'}} {{\"q\"}} {{`r`}}"), R"("1.5 1e+06 97 q r")");
}

TEST(RenderTemplate, ConformanceExamples) {
  EXPECT_EQ(render("{{.test}}", R"({"test": "hello world"})"), R"("hello world")");
  EXPECT_EQ(render("{{.test}}", R"({"test": 2023})"), R"("2023")");
  EXPECT_EQ(render("{{range $i, $name := .hellonames}}{{if $i}},{{end}}hello {{$name}}{{end}}",
                   R"({"hellonames": ["rohan", "john doe"]})"),
            R"("hello rohan,hello john doe")");
}

TEST(RenderTemplate, MissingKeyIsAnError) {
  EXPECT_EQ(render("{{.testvarnotprovided}}", R"({"test": "hello world"})"),
            template_error("template: template:1:2: executing \"template\" at "
                           "<.testvarnotprovided>: map has no entry for key "
                           "\"testvarnotprovided\""));
  EXPECT_EQ(render("ab\n{{.m.zz}}"),
            template_error("template: template:2:4: executing \"template\" at <.m.zz>: map "
                           "has no entry for key \"zz\""));
  EXPECT_EQ(render("{{.s.y}}"),
            template_error("template: template:1:4: executing \"template\" at <.s.y>: can't "
                           "evaluate field y in type interface {}"));
  EXPECT_EQ(render("{{.z.y}}"),
            template_error("template: template:1:4: executing \"template\" at <.z.y>: nil "
                           "pointer evaluating interface {}.y"));
}

TEST(RenderTemplate, IfElseAndWith) {
  EXPECT_EQ(render("{{if .b}}yes{{else}}no{{end}}"), R"("yes")");
  EXPECT_EQ(render("{{if .e}}yes{{else if .z}}null{{else}}neither{{end}}"), R"("neither")");
  EXPECT_EQ(render("{{if 0}}a{{else if .s}}b{{end}}"), R"("b")");
  EXPECT_EQ(render("{{with .m}}{{.a}}{{end}}"), R"("1")");
  EXPECT_EQ(render("{{with .e}}x{{else}}empty{{end}}"), R"("empty")");
  EXPECT_EQ(render("{{with $v := .s}}{{$v}}{{.}}{{end}}"), R"("xx")");
}

TEST(RenderTemplate, Range) {
  EXPECT_EQ(render("{{range .a}}{{.}},{{end}}"), R"("a,b,c,")");
  EXPECT_EQ(render("{{range $k, $v := .m}}{{$k}}={{$v}};{{end}}"), R"("a=1;b=2;")");
  EXPECT_EQ(render("{{range .e}}x{{else}}none{{end}}"), R"("none")");
  EXPECT_EQ(render("{{range .a}}{{if eq . \"b\"}}{{break}}{{end}}{{.}}{{end}}"), R"("a")");
  EXPECT_EQ(render("{{range .a}}{{if eq . \"b\"}}{{continue}}{{end}}{{.}}{{end}}"), R"("ac")");
  EXPECT_EQ(render("{{range 3}}{{.}}{{end}}"), R"("012")");
  EXPECT_EQ(render("{{range .s}}{{end}}"),
            template_error("template: template:1:8: executing \"template\" at <.s>: range "
                           "can't iterate over x"));
}

TEST(RenderTemplate, VariablesTrimAndComments) {
  EXPECT_EQ(render("{{$x := 1}}{{$x = 2}}{{$x}}"), R"("2")");
  EXPECT_EQ(render("{{$}}", R"({"k": "v"})"), R"("map[k:v]")");
  EXPECT_EQ(render("a  {{- .s -}}  b"), R"("axb")");
  EXPECT_EQ(render("a{{/* note */}}b"), R"("ab")");
  EXPECT_EQ(render("a \n{{- /* note */ -}}\n b"), R"("ab")");
  EXPECT_EQ(render("{{define \"t\"}}[{{.}}]{{end}}{{template \"t\" .s}}"), R"("[x]")");
}

TEST(RenderTemplate, RecursionDepthLimit) {
  std::string result = render("{{define \"t\"}}{{template \"t\" .}}{{end}}{{template \"t\" .}}");
  EXPECT_NE(result.find("executing \"t\" at <{{template \"t\" .}}>: exceeded maximum template "
                        "depth (1000)"),
            std::string::npos)
      << result;
  EXPECT_EQ(render("{{template \"missing\"}}"),
            template_error("template: template:1:11: executing \"template\" at "
                           "<{{template \"missing\"...>: template \"missing\" not defined"));
}

TEST(RenderTemplate, Comparisons) {
  EXPECT_EQ(render("{{eq .s \"x\"}} {{ne .s \"x\"}} {{eq .s \"y\" \"x\"}}"),
            R"("true false true")");
  // OPA passes numbers as json.Number, a string type: they compare with strings only.
  EXPECT_EQ(render("{{eq .n \"10\"}} {{lt .n \"9\"}}"), R"("true true")");
  EXPECT_EQ(render("{{lt 1 2}} {{le 2 2}} {{gt 1.5 2.5}} {{ge \"b\" \"a\"}}"),
            R"("true true false true")");
  EXPECT_EQ(render("{{eq .n 10}}"),
            template_error("template: template:1:2: executing \"template\" at <eq .n 10>: "
                           "error calling eq: incompatible types for comparison"));
  EXPECT_EQ(render("{{lt .b true}}"),
            template_error("template: template:1:2: executing \"template\" at <lt .b true>: "
                           "error calling lt: invalid type for comparison"));
}

TEST(RenderTemplate, LogicLenIndexSlice) {
  EXPECT_EQ(render("{{and 1 0 2}} {{or 0 \"\" \"y\"}} {{not .b}}"), R"("0 y false")");
  EXPECT_EQ(render("{{len .a}} {{len .m}} {{len .s}} {{len .n}}"), R"("3 2 1 2")");
  EXPECT_EQ(render("{{index .a 1}} {{index .m \"b\"}} {{index .m \"zz\"}}"),
            R"("b 2 <no value>")");
  EXPECT_EQ(render("{{index .a 3}}"),
            template_error("template: template:1:2: executing \"template\" at <index .a 3>: "
                           "error calling index: index out of range: 3"));
  EXPECT_EQ(render("{{slice \"hello\" 1 3}} {{slice .a 1}}"), R"("el [b c]")");
  EXPECT_EQ(render("{{len .b}}"),
            template_error("template: template:1:2: executing \"template\" at <len .b>: "
                           "error calling len: len of type bool"));
}

TEST(RenderTemplate, PrintFunctions) {
  EXPECT_EQ(render("{{print 1 2}}|{{print \"a\" 1 \"b\"}}|{{print .n .n}}"),
            R"("1 2|a1b|1010")");
  EXPECT_EQ(render("{{println \"a\" 1}}"), R"("a 1\n")");
  EXPECT_EQ(render("{{printf \"%5d|%-4s|%05.1f|%x|%q\" 42 \"ab\" 3.14159 255 \"q\"}}"),
            R"("   42|ab  |003.1|ff|\"q\"")");
  EXPECT_EQ(render("{{printf \"%d %v %s\" .n .n .a}}"), R"("%!d(json.Number=10) 10 [a b c]")");
  EXPECT_EQ(render("{{printf \"%d\"}} {{printf \"x\" 1}}"),
            R"x("%!d(MISSING) x%!(EXTRA int=1)")x");
  EXPECT_EQ(render("{{.s | printf \"<%s>\"}}"), R"("<x>")");
}

TEST(RenderTemplate, Escapers) {
  EXPECT_EQ(render("{{html .html}}"), R"("&lt;a href=&#39;x&#39;&gt;")");
  EXPECT_EQ(render("{{js \"a'b\\\"<=\"}}"), R"("a\\'b\\\"\\u003C\\u003D")");
  EXPECT_EQ(render("{{urlquery \"a b&c\"}}"), R"("a+b%26c")");
}

TEST(RenderTemplate, NumberMethods) {
  EXPECT_EQ(render("{{.n.Int64}} {{.f.Float64}} {{.n.String}}"), R"("10 1.5 10")");
  EXPECT_EQ(render("{{.f.Int64}}"),
            template_error("template: template:1:4: executing \"template\" at <.f.Int64>: "
                           "error calling Int64: strconv.ParseInt: parsing \"1.5\": invalid "
                           "syntax"));
}

TEST(RenderTemplate, ParseErrors) {
  EXPECT_EQ(render("{{.x"), template_error("template: template:1: unclosed action"));
  EXPECT_EQ(render("{{foo}}"),
            template_error("template: template:1: function \"foo\" not defined"));
  EXPECT_EQ(render("{{end}}"), template_error("template: template:1: unexpected {{end}}"));
  EXPECT_EQ(render("{{$x}}"), template_error("template: template:1: undefined variable \"$x\""));
  EXPECT_EQ(render("a\n{{if .b}}"), template_error("template: template:2: unexpected EOF"));
  EXPECT_EQ(render("{{break}}"),
            template_error("template: template:1: {{break}} outside {{range}}"));
  EXPECT_EQ(render("{{/* open"), template_error("template: template:1: unclosed comment"));
  EXPECT_EQ(render("{{\"abc}}"),
            template_error("template: template:1: unterminated quoted string"));
  EXPECT_EQ(render("{{}}"), template_error("template: template:1: missing value for command"));
}

TEST(RenderTemplate, DataThatIsNotJson) {
  EXPECT_EQ(run("strings.render_template", {s("{{.s}}"), j(R"({"s": "a\u0007b"})")}),
            template_error("invalid character 'a' in string escape code"));
  Value with_set = Value::object({{s("k"), Value::set({})}});
  EXPECT_EQ(run("strings.render_template", {s("x"), with_set}),
            template_error("invalid character 's' looking for beginning of value"));
  Value with_number_key = Value::object({{s("k"), Value::object({{j("1"), s("v")}})}});
  EXPECT_EQ(run("strings.render_template", {s("x"), with_number_key}),
            template_error("invalid character '1' looking for beginning of object key string"));
}

TEST(RenderTemplate, OperandErrors) {
  EXPECT_EQ(run("strings.render_template", {j("1"), j("{}")}),
            "eval_type_error: strings.render_template: operand 1 must be string but got number");
  EXPECT_EQ(run("strings.render_template", {s("x"), j("[]")}),
            "eval_type_error: strings.render_template: operand 2 must be object but got array");
}

}  // namespace
}  // namespace regoc
