// Term rewrites that bring bodies into kernel form after local variables are renamed:
//   - rule head terms and comprehension heads that need evaluation (refs, calls,
//     comprehensions) move into the body as `$n = term`, leaving `$n` in the head;
//   - `print(a, b)` becomes `internal.print([{$1 | $1 = a}, {$2 | $2 = b}])`, so that an
//     undefined argument prints as "<undefined>" instead of making the body undefined;
//   - `with` values that need evaluation are bound to a variable before the expression;
//   - refs whose head is not a variable (`[1, 2][i]`, `f(x).y`) get a variable head bound by
//     `$n = <head>` just before the expression.
// Template strings are rewritten by rewrite_template_strings (template_strings.cc).
// External interface: rewrite_terms.
#include "compiler/passes.h"

namespace regoc::passes {
namespace {

using ast::Body;
using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;
using ast::Term;
using ast::TermKind;
using ast::TermPtr;

// Replaces `term` by a fresh variable bound in `body` when it needs evaluation.
void bind_in_body(PassContext& context, TermPtr& term, Body& body) {
  if (!term || !requires_eval(*term)) return;
  TermPtr var = ast::make_var(context.fresh(), term->location);
  body.push_back(make_unify(var, term, term->location));
  term = var;
}

void move_comprehension_heads(PassContext& context, Body& body) {
  walk_bodies(body, [&](Body& nested) {
    for (ExprPtr& expr : nested) {
      walk_expr_terms(*expr, [&](TermPtr& root) {
        walk_terms(root, [&](TermPtr& term) {
          if (!is_closure(*term)) return true;
          bind_in_body(context, term->key, *term->body);
          bind_in_body(context, term->value, *term->body);
          return true;
        });
      });
    }
  });
}

bool has_template(const TermPtr& root) {
  bool found = false;
  walk_terms(root, [&](TermPtr& term) {
    found = found || term->kind == TermKind::TemplateString;
    return !found;
  });
  return found;
}

// A function argument written as a template string may use the body's variables, so it is
// compared with the caller's argument at the end of the body: `f($"{x}") if { x = 1 }`
// becomes `f($n) if { x = 1; $n = $"{x}" }`.
void move_template_args(PassContext& context, ast::Rule& rule) {
  for (size_t i = 0; i < rule.head.args.size(); ++i) {
    TermPtr arg = rule.head.args[i];
    if (!has_template(arg)) continue;
    std::string name = context.fresh();
    for (ast::Rule* r = &rule; r != nullptr; r = r->else_rule.get()) {
      r->body.push_back(make_unify(ast::make_var(name, arg->location), arg, arg->location));
      if (i < r->head.args.size()) r->head.args[i] = ast::make_var(name, arg->location);
    }
  }
}

void move_head_terms(PassContext& context, ast::Rule& rule) {
  if (rule.is_default) return;
  TermPtr& ref = rule.head.ref;
  for (size_t i = 1; i < ref->items.size(); ++i) {
    TermPtr& part = ref->items[i];
    if (is_scalar(*part) || is_var(*part)) continue;
    bool is_key = rule.head.key == part;
    TermPtr var = ast::make_var(context.fresh(), part->location);
    rule.body.push_back(make_unify(var, part, part->location));
    part = var;
    if (is_key) rule.head.key = var;
  }
  for (ast::Rule* r = &rule; r != nullptr; r = r->else_rule.get()) {
    bind_in_body(context, r->head.key, r->body);
    bind_in_body(context, r->head.value, r->body);
  }
  move_template_args(context, rule);
}

// Rewrites print calls in `body`. `outer` contains the variables bound around the body.
class PrintRewriter {
 public:
  PrintRewriter(PassContext& context, const RuleTable& rules) : context_(context), rules_(rules) {}

  void body(Body& body, const VarSet& outer) {
    for (size_t i = 0; i < body.size(); ++i) {
      Body before(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(i));
      VarSet bound = output_vars(before, outer, rules_);
      bound.insert(outer.begin(), outer.end());
      Expr& expr = *body[i];
      nested(expr, bound);
      if (is_print(expr)) rewrite(expr, bound);
    }
  }

 private:
  static bool is_print(const Expr& expr) {
    return expr.kind == ExprKind::Term && expr.terms.size() == 1 &&
           expr.terms[0]->kind == TermKind::Call && operator_name(*expr.terms[0]) == "print";
  }

  void nested(Expr& expr, const VarSet& bound) {
    walk_expr_terms(expr, [&](TermPtr& root) {
      walk_terms(root, [&](TermPtr& term) {
        if (!is_closure(*term)) return true;
        body(*term->body, bound);
        return false;
      });
    });
    if (expr.kind == ExprKind::Every) {
      VarSet inner = bound;
      for (const TermPtr& term : {expr.key, expr.value}) {
        if (term) inner.merge(vars_of(*term));
      }
      body(*expr.body, inner);
    }
  }

  void rewrite(Expr& expr, const VarSet& bound) {
    TermPtr call = expr.terms[0];
    TermPtr parts = ast::make_term(TermKind::Array, call->location);
    for (size_t i = 1; i < call->items.size(); ++i) {
      const TermPtr& arg = call->items[i];
      for (const std::string& name : vars_of(*arg)) {
        if (bound.count(name) > 0 || is_root_document(name)) continue;
        context_.error(codes::kCompile, arg->location,
                       "var " + context_.user_name(name) + " is undeclared");
      }
      parts->items.push_back(capture_in_set(context_, arg));
    }
    expr.terms[0] = make_call("internal.print", {parts}, call->location);
  }

  PassContext& context_;
  const RuleTable& rules_;
};

// True for a `with` value that names a function: a builtin or a function rule.
bool names_function(const Term& value, const RuleTable& rules) {
  if (is_function_value(value)) return true;
  if (value.kind != TermKind::Ref) return false;
  const std::vector<RuleEntry>* entries = rules.find(ast::ref_name(value));
  return entries != nullptr && entries->front().rule->head.is_function;
}

// `expr with t as v` where v needs evaluation becomes `$n = v; expr with t as $n`.
void bind_with_values(PassContext& context, const RuleTable& rules, Body& body) {
  Body out;
  for (ExprPtr& expr : body) {
    for (ast::With& with : expr->withs) {
      if (!requires_eval(*with.value) || names_function(*with.value, rules)) continue;
      TermPtr var = ast::make_var(context.fresh(), with.value->location);
      out.push_back(make_unify(var, with.value, with.value->location));
      with.value = var;
    }
    out.push_back(expr);
  }
  body = std::move(out);
}

// Gives every ref whose head is not a variable a variable head bound just before `expr`.
void hoist_ref_heads(PassContext& context, Body& body) {
  Body out;
  for (ExprPtr& expr : body) {
    Body support;
    walk_expr_terms(*expr, [&](TermPtr& root) {
      walk_terms(root, [&](TermPtr& term) {
        if (is_closure(*term)) return false;
        if (term->kind != TermKind::Ref || is_var(*term->items[0])) return true;
        TermPtr var = ast::make_var(context.fresh(), term->items[0]->location);
        auto bind = make_unify(var, term->items[0], expr->location);
        bind->withs = expr->withs;
        support.push_back(bind);
        term->items[0] = var;
        return true;
      });
    });
    if (!support.empty()) hoist_ref_heads(context, support);
    out.insert(out.end(), support.begin(), support.end());
    out.push_back(expr);
  }
  body = std::move(out);
}

void rewrite_rule(PassContext& context, const RuleTable& rules, ast::Rule& rule) {
  move_head_terms(context, rule);
  walk_rule_bodies(rule, [&](Body& body) { move_comprehension_heads(context, body); });
  VarSet args;
  for (const TermPtr& arg : rule.head.args) args.merge(vars_of(*arg));
  for (ast::Rule* r = &rule; r != nullptr; r = r->else_rule.get()) {
    rewrite_template_strings(context, rules, r->body, args);
    PrintRewriter(context, rules).body(r->body, args);
  }
  walk_rule_bodies(rule, [&](Body& body) {
    bind_with_values(context, rules, body);
    hoist_ref_heads(context, body);
  });
}

}  // namespace

TermPtr capture_in_set(PassContext& context, const TermPtr& term) {
  TermPtr var = ast::make_var(context.fresh(), term->location);
  TermPtr set = ast::make_term(TermKind::SetCompr, term->location);
  set->value = var;
  set->body = std::make_shared<Body>();
  set->body->push_back(make_unify(ast::make_var(var->text, term->location), term,
                                  term->location));
  return set;
}

void rewrite_terms(PassContext& context, const RuleTable& rules, Body* query) {
  for (ast::Module* module : context.modules) {
    for (const auto& rule : module->rules) rewrite_rule(context, rules, *rule);
  }
  if (query == nullptr) return;
  move_comprehension_heads(context, *query);
  rewrite_template_strings(context, rules, *query, {});
  PrintRewriter(context, rules).body(*query, {});
  walk_bodies(*query, [&](Body& body) {
    bind_with_values(context, rules, body);
    hoist_ref_heads(context, body);
  });
}

}  // namespace regoc::passes
