// Checks of function calls after name resolution. Every operator must name a builtin or a
// function rule (rego_type_error "undefined function f"). Calls must pass the operator's
// arity, and v1 policies may not call deprecated builtins. OPA's output-argument form of a
// call expression, `count(xs, n)`, becomes `n = count(xs)`. External interface: check_calls.
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

constexpr int kUndefined = -2;

class CallChecker {
 public:
  CallChecker(PassContext& context, const RuleTable& rules, bool reject_deprecated)
      : context_(context), rules_(rules), reject_deprecated_(reject_deprecated) {}

  // Checks the expressions of `body` and of the bodies nested in it.
  void body(Body& body) {
    walk_bodies(body, [&](Body& nested) { exprs(nested); });
  }

  // Checks the expressions of `body` only.
  void exprs(Body& body) {
    for (ExprPtr& expr : body) this->expr(expr);
  }

  // Checks the calls of a term outside any expression (rule heads): exact arity only.
  void term(const TermPtr& root, const Location& location) {
    walk_terms(root, [&](TermPtr& term) {
      if (term->kind == TermKind::Call) check(*term, location, false);
      return !is_closure(*term);
    });
  }

 private:
  // `with f as sum` names a builtin as the replacement: the value becomes the ref `sum`.
  static void normalize_with_values(Expr& expr) {
    for (ast::With& with : expr.withs) {
      TermPtr& value = with.value;
      if (value->kind == TermKind::Var && find_builtin(value->text) != nullptr) {
        value = ast::make_ref({ast::make_var(value->text, value->location)}, value->location);
      }
    }
  }

  void expr(const ExprPtr& pointer) {
    Expr& expr = *pointer;
    normalize_with_values(expr);
    bool call_expr = expr.kind == ExprKind::Term && expr.terms.size() == 1 &&
                     expr.terms[0]->kind == TermKind::Call;
    if (call_expr) {
      const TermPtr call = expr.terms[0];
      if (check(*call, expr.location, true) == Arity::Output) {
        rewrite_output(expr);
        if (find_builtin(operator_name(*call)) != nullptr) {
          context_.output_calls.push_back(pointer);
        }
      }
      for (size_t i = 1; i < call->items.size(); ++i) term(call->items[i], expr.location);
    } else {
      walk_expr_terms(expr, [&](TermPtr& root) { term(root, expr.location); });
    }
  }

  enum class Arity { Valid, Output, Invalid };

  int arity_of(const std::string& name) const {
    if (const Builtin* builtin = find_builtin(name)) return builtin->arity;
    if (name.rfind("data.", 0) == 0) {
      int arity = rules_.function_arity(name);
      if (arity >= 0) return arity;
    }
    return kUndefined;
  }

  Arity check(const Term& call, const Location& location, bool output_allowed) {
    std::string name = operator_name(call);
    if (name.empty()) name = ast::to_string(*call.items[0]);
    int arity = arity_of(name);
    if (arity == kUndefined) {
      context_.error(codes::kType, location, "undefined function " + name);
      return Arity::Invalid;
    }
    const Builtin* builtin = find_builtin(name);
    if (builtin != nullptr && builtin->deprecated && reject_deprecated_) {
      context_.error(codes::kType, location,
                     "deprecated built-in function calls in expression: " + name);
    }
    int operands = static_cast<int>(call.items.size()) - 1;
    if (arity < 0 || operands == arity) return Arity::Valid;
    if (output_allowed && operands == arity + 1) return Arity::Output;
    report_arity(call, name, builtin, location, arity, operands);
    return Arity::Invalid;
  }

  void report_arity(const Term& call, const std::string& name, const Builtin* builtin,
                    const Location& location, int arity, int operands) {
    if (builtin != nullptr) {
      context_.error(codes::kType, location,
                     name + ": arity mismatch\n\thave: " + static_types_text(call) +
                         "\n\twant: " + builtin_signature_text(*builtin));
      return;
    }
    context_.error(codes::kType, location,
                   "function " + name + " has arity " + std::to_string(arity) + ", got " +
                       std::to_string(operands) + (operands == 1 ? " argument" : " arguments"));
  }

  // `f(a, out)` becomes `out = f(a)`.
  static void rewrite_output(Expr& expr) {
    TermPtr call = expr.terms[0];
    TermPtr output = call->items.back();
    call->items.pop_back();
    expr.kind = ExprKind::Unify;
    expr.terms = {output, call};
  }

  PassContext& context_;
  const RuleTable& rules_;
  bool reject_deprecated_;
};

}  // namespace

void check_calls(PassContext& context, const RuleTable& rules, Body* query) {
  CallChecker modules(context, rules, true);
  for (ast::Module* module : context.modules) {
    for (const auto& rule : module->rules) {
      for (const TermPtr& arg : rule->head.args) modules.term(arg, rule->location);
      for (size_t i = 1; i < rule->head.ref->items.size(); ++i) {
        modules.term(rule->head.ref->items[i], rule->location);
      }
      for (ast::Rule* r = rule.get(); r != nullptr; r = r->else_rule.get()) {
        if (r->head.key) modules.term(r->head.key, r->location);
        if (r->head.value) modules.term(r->head.value, r->location);
      }
      walk_rule_bodies(*rule, [&](Body& body) { modules.exprs(body); });
    }
  }
  if (query != nullptr) {
    CallChecker checker(context, rules, context.options->strict);
    checker.body(*query);
  }
}

}  // namespace regoc::passes
