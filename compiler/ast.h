// The Rego abstract syntax tree: modules, rules, bodies, expressions and terms.
//
// The parser builds it (compiler/parser.h); the compiler's passes rewrite it in place into the
// kernel form that the planner reads (see "Kernel form" below). Nodes are held by shared_ptr
// so that passes can share and replace subtrees cheaply.
//
// Operators are calls: `a == b` is Call(equal, a, b), `x + y` is Call(plus, x, y), `x in xs`
// is Call(internal.member_2, x, xs) and `k, v in o` is Call(internal.member_3, k, v, o).
// The operator of a Call is a Ref whose parts are strings (`glob.match` is Ref[Var glob,
// String "match"]) or, for a user function, the ref as written (`f`, `data.lib.f`, `lib.f`).
//
// Kernel form, after compiler passes (compiler/compiler.h):
//   - every Ref's head is `data`, `input` or a local variable; imports and package-relative
//     rule names are resolved to full `data.` refs;
//   - every Call's operator is either a builtin's name or the full `data.` ref of a function;
//     calls have exactly the operator's arity (OPA's "output argument" form `count(x, n)` is
//     rewritten to `n = count(x)`);
//   - `:=` is rewritten to `=` on fresh variables; `some` declarations are removed, with their
//     variables renamed apart; `some k, v in xs` becomes `v = xs[k]` with fresh k and v;
//     every `_` is a distinct fresh variable; generated names start with `$`;
//   - the expressions of each body are in an order in which each is safe to evaluate;
//   - Every expressions keep their key, value, domain and body (variables renamed apart).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runtime/error.h"

namespace regoc::ast {

struct Term;
struct Expr;
struct Rule;
struct Annotation;  // a parsed METADATA comment block (compiler/annotations.h)
using TermPtr = std::shared_ptr<Term>;
using ExprPtr = std::shared_ptr<Expr>;
using Body = std::vector<ExprPtr>;
using BodyPtr = std::shared_ptr<Body>;
using AnnotationPtr = std::shared_ptr<const Annotation>;

enum class TermKind {
  Null,
  Boolean,
  Number,          // text holds the literal as written (any size)
  String,          // text holds the decoded string
  Var,             // text holds the name
  Ref,             // items[0] is the head (Var or a composite term), items[1..] are the parts
  Array,           // items
  Object,          // entries
  Set,             // items
  ArrayCompr,      // value, body
  SetCompr,        // value, body
  ObjectCompr,     // key, value, body
  Call,            // items[0] is the operator (a Ref), items[1..] are the arguments
  TemplateString,  // items: String terms for the literal text, other terms for `{expr}` parts
};

struct Term {
  TermKind kind = TermKind::Null;
  Location location;
  bool boolean = false;
  std::string text;
  std::vector<TermPtr> items;
  std::vector<std::pair<TermPtr, TermPtr>> entries;
  TermPtr key;    // ObjectCompr key
  TermPtr value;  // comprehension head value
  BodyPtr body;   // comprehension body

  // A Ref part written as `.name` is stored as a String term with dotted = true, so that
  // `a.b` and `a["b"]` compare equal but print as written.
  bool dotted = false;
  // A TemplateString part written with `with` modifiers: the parser stores it as the
  // SetCompr {$v | $v = expr with ...}, the form every other part takes later.
  bool captured = false;
};

enum class ExprKind {
  Term,    // terms[0]: a term that must be defined and not false
  Unify,   // terms[0] = terms[1]
  Assign,  // terms[0] := terms[1] (rewritten to Unify in kernel form)
  Some,    // `some a, b`: terms are the declared vars; or `some k, v in xs` (see below)
  Every,   // `every k, v in domain { body }`
};

// A `with target as value` modifier on an expression.
struct With {
  TermPtr target;  // a Ref: input..., data..., or a function or builtin name
  TermPtr value;
  Location location;
};

struct Expr {
  ExprKind kind = ExprKind::Term;
  Location location;
  std::string text;  // source text of the expression (query results report it)
  bool negated = false;
  std::vector<TermPtr> terms;
  // `some k, v in domain` (Some) and `every k, v in domain { body }` (Every): key may be null.
  TermPtr key;
  TermPtr value;
  TermPtr domain;
  BodyPtr body;  // Every
  std::vector<With> withs;
};

struct RuleHead {
  // The rule's name as a Ref: `p` is Ref[Var p]; `a.b[x].c` is Ref[Var a, "b", x, "c"].
  // After the compiler runs it is the full ref: Ref[Var data, "pkg", "a", "b", x, "c"].
  TermPtr ref;
  bool is_function = false;
  std::vector<TermPtr> args;  // function parameters (terms, possibly constants)
  bool contains = false;      // multi-value rule: `p contains key`
  TermPtr key;                // the element of a multi-value rule
  TermPtr value;              // null when the head gives no value (the value is then `true`)
  bool assign = false;        // written with `:=`
  Location location;
};

struct Rule {
  Location location;
  bool is_default = false;
  RuleHead head;
  Body body;  // empty for `p := 1` and for default rules
  // `else [= value] { body }`: head.value is the else value (null means `true`).
  std::shared_ptr<Rule> else_rule;
  std::string text;  // source text of the rule (for messages and metadata)
  // METADATA blocks written above the rule (scopes rule and document), in source order.
  std::vector<AnnotationPtr> annotations;
};

struct Import {
  TermPtr path;       // Ref: data.x.y, input.z, rego.v1, future.keywords.in
  std::string alias;  // empty when none
  Location location;
};

// A `#` comment; text excludes the `#`.
struct Comment {
  std::string text;
  Location location;
};

struct Module {
  std::shared_ptr<const std::string> file;
  TermPtr package;  // Ref: data.a.b (the parser stores the package path with a data head)
  std::vector<Import> imports;
  std::vector<std::shared_ptr<Rule>> rules;
  std::vector<Comment> comments;  // every comment, in source order
  // METADATA blocks written above the package (scopes package and subpackages).
  std::vector<AnnotationPtr> annotations;
};

// Constructors used by the parser, the passes and tests.
TermPtr make_term(TermKind kind, Location location = {});
TermPtr make_var(std::string name, Location location = {});
TermPtr make_string(std::string text, Location location = {});
TermPtr make_ref(std::vector<TermPtr> items, Location location = {});

// Deep copy of a term (bodies included).
TermPtr clone(const TermPtr& term);
ExprPtr clone(const ExprPtr& expr);
Body clone(const Body& body);

// Rego source text of a term or expression, for messages and debug dumps.
std::string to_string(const Term& term);
std::string to_string(const Expr& expr);
std::string to_string(const Body& body);

// True for a Ref whose parts after the head are all constant scalar terms.
bool is_ground_ref(const Term& ref);
// The dotted name of a Ref whose parts are all strings ("glob.match", "data.lib.f").
// Returns an empty string for other refs.
std::string ref_name(const Term& ref);

}  // namespace regoc::ast
