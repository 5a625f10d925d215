// Template strings (`$"x is {x}"`, OPA 1.x string interpolation) in kernel form: a call
// internal.template_string([parts]) where literal text stays a string and each `{expr}`
// part becomes the set comprehension {$n | $n = expr}. External interface:
// rewrite_template_strings.
//
// Convention for the planner and the builtin (OPA v1 topdown semantics): the builtin joins
// the parts. A string element is copied as is. A set part with no element prints
// "<undefined>". A set with one element prints a string element as is and any other value in
// Rego syntax. A set with two or more elements is an eval_conflict_error "template-strings
// must not produce multiple outputs". A part's variables must be bound by the enclosing
// body, else rego_compile_error "var x is undeclared".
#include "compiler/passes.h"

namespace regoc::passes {
namespace {

using ast::Body;
using ast::ExprKind;
using ast::ExprPtr;
using ast::Term;
using ast::TermKind;
using ast::TermPtr;

class TemplateRewriter {
 public:
  TemplateRewriter(PassContext& context, const RuleTable& rules)
      : context_(context), rules_(rules) {}

  void body(Body& body, const VarSet& outer) {
    VarSet bound = output_vars(body, outer, rules_);
    bound.insert(outer.begin(), outer.end());
    for (ExprPtr& expr : body) {
      walk_expr_terms(*expr, [&](TermPtr& root) { term(root, bound); });
      if (expr->kind == ExprKind::Every) {
        VarSet inner = bound;
        for (const TermPtr& t : {expr->key, expr->value}) {
          if (t) inner.merge(vars_of(*t));
        }
        this->body(*expr->body, inner);
      }
    }
  }

 private:
  void term(TermPtr& root, const VarSet& bound) {
    walk_terms(root, [&](TermPtr& t) {
      if (is_closure(*t)) {
        body(*t->body, bound);
        VarSet inner = output_vars(*t->body, bound, rules_);
        inner.insert(bound.begin(), bound.end());
        if (t->key) term(t->key, inner);
        if (t->value) term(t->value, inner);
        return false;
      }
      if (t->kind != TermKind::TemplateString) return true;
      rewrite(t, bound);
      return false;
    });
  }

  void rewrite(TermPtr& term, const VarSet& bound) {
    TermPtr parts = ast::make_term(TermKind::Array, term->location);
    for (TermPtr& part : term->items) {
      if (part->kind == TermKind::String) {
        parts->items.push_back(part);
        continue;
      }
      this->term(part, bound);
      if (part->captured) {
        parts->items.push_back(part);
        continue;
      }
      for (const std::string& name : vars_of(*part)) {
        if (bound.count(name) > 0 || is_root_document(name)) continue;
        context_.error(codes::kCompile, part->location,
                       "var " + context_.user_name(name) + " is undeclared");
      }
      parts->items.push_back(capture_in_set(context_, part));
    }
    if (parts->items.empty()) parts->items.push_back(ast::make_string("", term->location));
    term = make_call("internal.template_string", {parts}, term->location);
  }

  PassContext& context_;
  const RuleTable& rules_;
};

}  // namespace

void rewrite_template_strings(PassContext& context, const RuleTable& rules, Body& body,
                              const VarSet& outer) {
  TemplateRewriter(context, rules).body(body, outer);
}

}  // namespace regoc::passes
