// Safety: every variable of a body must be bound by a positive expression before an
// expression reads it. The pass reorders each body (rules, else branches, comprehensions,
// `every` bodies, the query) so that evaluating it left to right is safe, and reports the
// variables that no order can bind (rego_unsafe_var_error "var x is unsafe").
// External interface: check_safety and output_vars.
//
// The reordering follows OPA's reorderBodyForSafety: repeated passes over the body append
// each expression as soon as its variables are bound, so expressions keep their relative
// order unless an expression needs a later one's output. Bindings come from unification
// (`=`, including array and object patterns), from ref iteration (`xs[i]` binds i once xs is
// bound) and from call results assigned by `=`. Negated expressions, call arguments and
// `with` values bind nothing. A closure (comprehension, `every`) reads the variables of the
// enclosing body that also appear outside closures; the expressions that bind them come first.
#include <algorithm>
#include <map>

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

bool is_safe(const VarSet& safe, const std::string& name) {
  return safe.count(name) > 0 || is_root_document(name);
}

bool all_safe(const VarSet& safe, const VarSet& names) {
  return std::all_of(names.begin(), names.end(),
                     [&](const std::string& name) { return is_safe(safe, name); });
}

// True when the ref's head is bound, so that iterating its parts can bind their variables.
bool ref_head_safe(const VarSet& safe, const Term& ref) {
  const Term& head = *ref.items[0];
  if (head.kind == TermKind::Var) return is_safe(safe, head.text);
  return all_safe(safe, vars_of(head));
}

bool call_args_safe(const VarSet& safe, const Term& call) { return all_safe(safe, vars_of(call)); }

// Variables that the refs of `term` bind by iteration: the variables in the parts of refs
// whose head is bound. Closures are skipped.
void ref_outputs(const TermPtr& root, const VarSet& safe, VarSet* out) {
  walk_terms(root, [&](TermPtr& term) {
    if (is_closure(*term) || term->kind == TermKind::TemplateString) return false;
    if (term->kind != TermKind::Ref || !ref_head_safe(safe, *term)) return true;
    for (size_t i = 1; i < term->items.size(); ++i) {
      walk_terms(term->items[i], [&](TermPtr& part) {
        if (is_closure(*part) || part->kind == TermKind::Call) return false;
        if (part->kind == TermKind::Var) out->insert(part->text);
        if (part->kind == TermKind::Ref) {
          for (size_t j = 1; j < part->items.size(); ++j) {
            for (const std::string& name : vars_of(*part->items[j])) out->insert(name);
          }
          return false;
        }
        return true;
      });
    }
    return true;
  });
}

void mark_all(VarSet* safe, const Term& term) {
  for (const std::string& name : vars_of(term)) safe->insert(name);
}

// True when evaluating `term` yields a value once `safe` is bound (so that unifying it with a
// pattern binds the pattern's variables).
bool evaluable(const VarSet& safe, const Term& term) {
  switch (term.kind) {
    case TermKind::Ref: return ref_head_safe(safe, term);
    case TermKind::Call: return call_args_safe(safe, term);
    case TermKind::ArrayCompr:
    case TermKind::SetCompr:
    case TermKind::ObjectCompr:
    case TermKind::TemplateString:
      return true;
    default:
      return all_safe(safe, vars_of(term));
  }
}

void unify(VarSet* safe, const Term& a, const Term& b);

// Unifies variable `var` with the array or object `pattern`.
void unify_var_pattern(VarSet* safe, const Term& var, const Term& pattern) {
  if (is_safe(*safe, var.text)) {
    mark_all(safe, pattern);
  } else if (all_safe(*safe, vars_of(pattern))) {
    safe->insert(var.text);
  }
}

void unify_patterns(VarSet* safe, const Term& a, const Term& b) {
  if (a.kind == TermKind::Array && b.kind == TermKind::Array) {
    if (a.items.size() != b.items.size()) return;
    for (size_t i = 0; i < a.items.size(); ++i) unify(safe, *a.items[i], *b.items[i]);
    return;
  }
  if (a.kind == TermKind::Object && b.kind == TermKind::Object) {
    if (a.entries.size() != b.entries.size()) return;
    for (const auto& [key, value] : a.entries) {
      for (const auto& [other_key, other_value] : b.entries) {
        if (ast::to_string(*key) == ast::to_string(*other_key)) unify(safe, *value, *other_value);
      }
    }
  }
}

void unify(VarSet* safe, const Term& a, const Term& b) {
  bool a_pattern = a.kind == TermKind::Array || a.kind == TermKind::Object;
  bool b_pattern = b.kind == TermKind::Array || b.kind == TermKind::Object;
  if (a.kind == TermKind::Var && b.kind == TermKind::Var) {
    if (is_safe(*safe, b.text)) safe->insert(a.text);
    if (is_safe(*safe, a.text)) safe->insert(b.text);
  } else if (a.kind == TermKind::Var && b_pattern) {
    unify_var_pattern(safe, a, b);
  } else if (b.kind == TermKind::Var && a_pattern) {
    unify_var_pattern(safe, b, a);
  } else if (a_pattern && b_pattern) {
    unify_patterns(safe, a, b);
  } else if (a.kind == TermKind::Var) {
    if (evaluable(*safe, b)) safe->insert(a.text);
  } else if (b.kind == TermKind::Var) {
    if (evaluable(*safe, a)) safe->insert(b.text);
  } else if (a_pattern && evaluable(*safe, b) && !is_scalar(b)) {
    mark_all(safe, a);
  } else if (b_pattern && evaluable(*safe, a) && !is_scalar(a)) {
    mark_all(safe, b);
  }
}

// Variables of closures in `expr` that may refer to the enclosing body.
VarSet closure_vars(const Expr& expr) {
  VarSet out;
  auto visit = [&](const TermPtr& root) {
    walk_terms(root, [&](TermPtr& term) {
      if (!is_closure(*term)) return true;
      for (const std::string& name : vars_of(*term, false)) out.insert(name);
      return false;
    });
  };
  for (const TermPtr& term : expr.terms) visit(term);
  if (expr.domain) visit(expr.domain);
  for (const ast::With& with : expr.withs) visit(with.value);
  if (expr.kind == ExprKind::Every && expr.body) {
    for (const ExprPtr& inner : *expr.body) {
      for (const std::string& name : vars_of(*inner)) out.insert(name);
      for (const std::string& name : closure_vars(*inner)) out.insert(name);
    }
  }
  return out;
}

}  // namespace

// Variables that `expr` binds when the variables in `safe` are bound.
VarSet expr_outputs(const Expr& expr, const VarSet& safe) {
  if (expr.negated) return {};
  for (const ast::With& with : expr.withs) {
    if (!is_function_value(*with.value) && !all_safe(safe, vars_of(*with.value))) return {};
  }
  VarSet out;
  if (expr.kind == ExprKind::Every) {
    ref_outputs(expr.domain, safe, &out);
    return out;
  }
  for (const TermPtr& term : expr.terms) ref_outputs(term, safe, &out);
  if (expr.kind != ExprKind::Unify) return out;

  VarSet bound = safe;
  bound.insert(out.begin(), out.end());
  size_t before = 0;
  do {
    before = bound.size();
    unify(&bound, *expr.terms[0], *expr.terms[1]);
  } while (bound.size() != before);
  for (const std::string& name : bound) {
    if (safe.count(name) == 0) out.insert(name);
  }
  return out;
}

namespace {

struct Unsafe {
  Location location;
  std::string var;
};

bool location_less(const Location& a, const Location& b) {
  if (a.file_name() != b.file_name()) return a.file_name() < b.file_name();
  if (a.row != b.row) return a.row < b.row;
  return a.col < b.col;
}

class SafetyChecker {
 public:
  explicit SafetyChecker(PassContext& context) : context_(context) {}

  // Reorders `body`; records unsafe variables and leaves the body unchanged when some
  // expression cannot be made safe.
  void body(Body& body, const VarSet& globals);
  void report();

 private:
  void closures(Expr& expr, VarSet& globals);
  void closure_body(Body& body, const VarSet& head_vars, const VarSet& globals,
                    const Expr& owner);
  void add_unsafe(const Expr& expr, const std::string& var) {
    unsafe_.push_back(Unsafe{expr.location, var});
  }

  PassContext& context_;
  std::vector<Unsafe> unsafe_;
};

void SafetyChecker::body(Body& body, const VarSet& globals) {
  VarSet body_vars;
  std::vector<VarSet> pending(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    for (const std::string& name : vars_of(*body[i])) {
      body_vars.insert(name);
      if (!is_safe(globals, name)) pending[i].insert(name);
    }
  }

  VarSet safe = globals;
  std::vector<bool> placed(body.size(), false);
  Body reordered;
  bool progress = true;
  while (progress) {
    progress = false;
    for (size_t i = 0; i < body.size(); ++i) {
      if (placed[i]) continue;
      // Variables that closures read from this body must be bound by earlier expressions.
      VarSet closure_needs = closure_vars(*body[i]);
      bool closures_ready = std::all_of(
          closure_needs.begin(), closure_needs.end(), [&](const std::string& name) {
            return body_vars.count(name) == 0 || is_safe(safe, name);
          });
      if (!closures_ready) continue;
      VarSet outputs = expr_outputs(*body[i], safe);
      bool ready = std::all_of(pending[i].begin(), pending[i].end(), [&](const std::string& n) {
        return is_safe(safe, n) || outputs.count(n) > 0;
      });
      if (!ready) continue;
      placed[i] = true;
      progress = true;
      reordered.push_back(body[i]);
      safe.insert(outputs.begin(), outputs.end());
    }
  }

  bool complete = reordered.size() == body.size();
  for (size_t i = 0; i < body.size(); ++i) {
    if (placed[i]) continue;
    for (const std::string& name : pending[i]) {
      if (!is_safe(safe, name)) add_unsafe(*body[i], name);
    }
    for (const std::string& name : closure_vars(*body[i])) {
      if (body_vars.count(name) > 0 && !is_safe(safe, name)) add_unsafe(*body[i], name);
    }
  }

  // Closures see the variables of every expression before them.
  VarSet scope = globals;
  for (const ExprPtr& expr : complete ? reordered : body) {
    closures(*expr, scope);
    for (const std::string& name : vars_of(*expr)) scope.insert(name);
  }
  if (complete) body = std::move(reordered);
}

void SafetyChecker::closure_body(Body& body, const VarSet& head_vars, const VarSet& globals,
                                 const Expr& owner) {
  VarSet bound = globals;
  for (const ExprPtr& expr : body) {
    for (const std::string& name : vars_of(*expr)) bound.insert(name);
  }
  for (const std::string& name : head_vars) {
    if (!is_safe(bound, name)) add_unsafe(owner, name);
  }
  this->body(body, globals);
}

void SafetyChecker::closures(Expr& expr, VarSet& globals) {
  auto visit = [&](TermPtr& root) {
    walk_terms(root, [&](TermPtr& term) {
      if (!is_closure(*term)) return true;
      VarSet head_vars;
      for (const TermPtr& head : {term->key, term->value}) {
        if (head) head_vars.merge(vars_of(*head));
      }
      closure_body(*term->body, head_vars, globals, expr);
      return false;
    });
  };
  for (TermPtr& term : expr.terms) visit(term);
  if (expr.domain) visit(expr.domain);
  for (ast::With& with : expr.withs) visit(with.value);
  if (expr.kind == ExprKind::Every) {
    VarSet inner = globals;
    for (const TermPtr& term : {expr.key, expr.value}) {
      if (term) inner.merge(vars_of(*term));
    }
    body(*expr.body, inner);
  }
}

// Reports one error per variable, at the first expression that reads it. Generated variables
// map back to the user's names. An expression whose unsafe variables are all generated is
// reported as "expression is unsafe".
void SafetyChecker::report() {
  std::map<std::string, Location> first;
  std::vector<Location> generated;
  for (const Unsafe& entry : unsafe_) {
    std::string name = context_.user_name(entry.var);
    if (is_generated(name)) {
      generated.push_back(entry.location);
      continue;
    }
    auto it = first.find(name);
    if (it == first.end() || location_less(entry.location, it->second)) {
      first[name] = entry.location;
    }
  }
  std::vector<std::pair<Location, std::string>> errors;
  for (const auto& [name, location] : first) errors.emplace_back(location, name);
  std::stable_sort(errors.begin(), errors.end(), [](const auto& a, const auto& b) {
    return location_less(a.first, b.first);
  });
  for (const auto& [location, name] : errors) {
    context_.error(codes::kUnsafeVar, location, "var " + name + " is unsafe");
  }
  if (!errors.empty() || generated.empty()) return;
  std::sort(generated.begin(), generated.end(), location_less);
  context_.error(codes::kUnsafeVar, generated.front(), "expression is unsafe");
}

VarSet head_vars(const ast::Rule& rule, const ast::Rule& branch) {
  VarSet names;
  if (&rule == &branch) {
    for (size_t i = 1; i < rule.head.ref->items.size(); ++i) {
      names.merge(vars_of(*rule.head.ref->items[i]));
    }
  }
  for (const TermPtr& term : {branch.head.key, branch.head.value}) {
    if (term) names.merge(vars_of(*term));
  }
  return names;
}

// Head variables must appear in the body or the parameters (OPA's head safety check).
bool check_head(PassContext& context, const ast::Rule& rule, const ast::Rule& branch,
                const VarSet& args) {
  VarSet known = args;
  for (const ExprPtr& expr : branch.body) known.merge(vars_of(*expr));
  bool safe = true;
  for (const std::string& name : head_vars(rule, branch)) {
    std::string user = context.user_name(name);
    if (is_safe(known, name) || is_generated(user)) continue;
    context.error(codes::kUnsafeVar, branch.location, "var " + user + " is unsafe");
    safe = false;
  }
  return safe;
}

}  // namespace

VarSet output_vars(const Body& body, const VarSet& safe, const RuleTable& rules) {
  VarSet bound = safe;
  for (const ExprPtr& expr : body) bound.merge(expr_outputs(*expr, bound));
  VarSet out;
  for (const std::string& name : bound) {
    if (safe.count(name) == 0) out.insert(name);
  }
  return out;
}

void check_safety(PassContext& context, const RuleTable& rules, Body* query) {
  size_t errors_before = context.errors.size();
  for (ast::Module* module : context.modules) {
    for (const auto& rule : module->rules) {
      VarSet args;
      for (const TermPtr& arg : rule->head.args) args.merge(vars_of(*arg));
      for (ast::Rule* r = rule.get(); r != nullptr; r = r->else_rule.get()) {
        check_head(context, *rule, *r, args);
      }
    }
  }
  if (context.errors.size() > errors_before) return;

  SafetyChecker checker(context);
  for (ast::Module* module : context.modules) {
    for (const auto& rule : module->rules) {
      VarSet args;
      for (const TermPtr& arg : rule->head.args) args.merge(vars_of(*arg));
      for (ast::Rule* r = rule.get(); r != nullptr; r = r->else_rule.get()) {
        if (!r->body.empty()) checker.body(r->body, args);
      }
    }
  }
  if (query != nullptr) checker.body(*query, {});
  checker.report();
}

}  // namespace regoc::passes
