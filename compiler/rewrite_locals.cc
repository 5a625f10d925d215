// Local variable rewriting: `x := v` becomes `$n = v` on a fresh variable, `some` declarations
// are removed with their variables renamed apart, `some k, v in xs` becomes `v = xs[k]`, every
// `_` becomes a distinct fresh variable and the key and value of `every` are renamed apart.
// Comprehension and `every` bodies are nested scopes that see the variables of the enclosing
// ones. External interface: rewrite_locals.
//
// Errors follow OPA (rego_compile_error): "var x assigned above", "var x declared above",
// "var x referenced above", "arg x redeclared", "cannot assign to <kind>" and "cannot assign
// vars inside negated expression". Variables declared at the top level of the query keep
// their names so that query results can report them.
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

enum class Occurrence { Seen, Assigned, Declared, Arg };

struct Binding {
  std::string name;  // the name in the rewritten program
  Occurrence occurrence;
};

using Scope = std::map<std::string, Binding>;

// OPA's name of a term's kind in "cannot assign to <kind>".
std::string kind_name(const Term& term) {
  switch (term.kind) {
    case TermKind::Null: return "null";
    case TermKind::Boolean: return "boolean";
    case TermKind::Number: return "number";
    case TermKind::String: return "string";
    case TermKind::Ref: return "ref";
    case TermKind::Set: return "set";
    case TermKind::Call: return "call";
    case TermKind::ArrayCompr: return "arraycomprehension";
    case TermKind::SetCompr: return "setcomprehension";
    case TermKind::ObjectCompr: return "objectcomprehension";
    case TermKind::TemplateString: return "templatestring";
    default: return "term";
  }
}

class LocalRewriter {
 public:
  LocalRewriter(PassContext& context, bool keep_top_names)
      : context_(context), keep_top_names_(keep_top_names) {
    scopes_.emplace_back();
  }

  void declare_arg(TermPtr& term);
  Body body(const Body& body);
  void term(TermPtr& term);
  // Renames, anywhere in `term` (closures included), the variables that the top scope
  // declares: rule head terms refer to the variables of the rule body.
  void rename_declared(TermPtr& term);

 private:
  const Binding* lookup(const std::string& name) const {
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
      auto found = it->find(name);
      if (found != it->end()) return &found->second;
    }
    return nullptr;
  }

  bool declare(TermPtr& var, Occurrence occurrence, const Location& location);
  void assign_pattern(TermPtr& term);
  void var(TermPtr& term);
  void closure(TermPtr& term);
  void expr(const ExprPtr& expr, Body* out);
  void assignment(Expr& expr, Body* out, const ExprPtr& original);
  void some_in(Expr& expr, Body* out);
  void every(Expr& expr);

  PassContext& context_;
  bool keep_top_names_;
  std::vector<Scope> scopes_;
  // Names used in popped nested scopes: the query keeps a top-level name only if no closure
  // used it before its declaration.
  VarSet nested_names_;
};

void LocalRewriter::declare_arg(TermPtr& term) {
  if (term->kind == TermKind::Var) {
    if (term->text == "_") {
      term = ast::make_var(context_.fresh(), term->location);
    } else {
      scopes_.back()[term->text] = Binding{term->text, Occurrence::Arg};
    }
    return;
  }
  if (term->kind == TermKind::Ref && term->items.size() > 1) {
    for (size_t i = 1; i < term->items.size(); ++i) declare_arg(term->items[i]);
    return;
  }
  for (TermPtr& item : term->items) declare_arg(item);
  for (auto& entry : term->entries) declare_arg(entry.second);
}

// Declares `var` in the innermost scope and renames it; reports a redeclaration.
bool LocalRewriter::declare(TermPtr& var, Occurrence occurrence, const Location& location) {
  const std::string& name = var->text;
  if (name == "_") {
    var = ast::make_var(context_.fresh(), var->location);
    return true;
  }
  auto it = scopes_.back().find(name);
  if (it != scopes_.back().end()) {
    std::string message;
    switch (it->second.occurrence) {
      case Occurrence::Seen: message = "var " + name + " referenced above"; break;
      case Occurrence::Assigned: message = "var " + name + " assigned above"; break;
      case Occurrence::Declared: message = "var " + name + " declared above"; break;
      case Occurrence::Arg: message = "arg " + name + " redeclared"; break;
    }
    context_.error(codes::kCompile, location, message);
    return false;
  }
  bool keep = keep_top_names_ && scopes_.size() == 1 && nested_names_.count(name) == 0;
  std::string renamed = keep ? name : context_.fresh(name);
  scopes_.back()[name] = Binding{renamed, occurrence};
  var = ast::make_var(renamed, var->location);
  return true;
}

void LocalRewriter::var(TermPtr& term) {
  if (term->text == "_") {
    term = ast::make_var(context_.fresh(), term->location);
    return;
  }
  if (const Binding* binding = lookup(term->text)) {
    if (binding->name != term->text) term = ast::make_var(binding->name, term->location);
    return;
  }
  scopes_.back()[term->text] = Binding{term->text, Occurrence::Seen};
}

void LocalRewriter::closure(TermPtr& term) {
  scopes_.emplace_back();
  *term->body = body(*term->body);
  if (term->key) this->term(term->key);
  if (term->value) this->term(term->value);
  for (const auto& entry : scopes_.back()) nested_names_.insert(entry.first);
  scopes_.pop_back();
}

void LocalRewriter::term(TermPtr& term) {
  switch (term->kind) {
    case TermKind::Var:
      var(term);
      return;
    case TermKind::Call:
      for (size_t i = 1; i < term->items.size(); ++i) this->term(term->items[i]);
      return;
    case TermKind::ArrayCompr:
    case TermKind::SetCompr:
    case TermKind::ObjectCompr:
      closure(term);
      return;
    default:
      break;
  }
  for (TermPtr& item : term->items) {
    if (item) this->term(item);
  }
  for (auto& [key, value] : term->entries) {
    this->term(key);
    this->term(value);
  }
}

void LocalRewriter::rename_declared(TermPtr& root) {
  walk_terms(root, [&](TermPtr& term) {
    if (term->kind != TermKind::Var) return true;
    auto it = scopes_.front().find(term->text);
    if (it != scopes_.front().end() && it->second.name != term->text) {
      term = ast::make_var(it->second.name, term->location);
    }
    return false;
  });
}

void LocalRewriter::assign_pattern(TermPtr& term) {
  switch (term->kind) {
    case TermKind::Var:
      declare(term, Occurrence::Assigned, term->location);
      return;
    case TermKind::Array:
      for (TermPtr& item : term->items) assign_pattern(item);
      return;
    case TermKind::Object:
      for (auto& entry : term->entries) assign_pattern(entry.second);
      return;
    case TermKind::Ref:
      if (term->items.size() == 1 && is_var(*term->items[0]) &&
          is_root_document(term->items[0]->text)) {
        TermPtr head = term->items[0];
        declare(head, Occurrence::Assigned, term->location);
        term = head;
        return;
      }
      break;
    default:
      break;
  }
  context_.error(codes::kCompile, term->location, "cannot assign to " + kind_name(*term));
}

void LocalRewriter::assignment(Expr& expr, Body* out, const ExprPtr& original) {
  if (expr.negated) {
    context_.error(codes::kCompile, expr.location,
                   "cannot assign vars inside negated expression");
    out->push_back(original);
    return;
  }
  term(expr.terms[1]);
  for (ast::With& with : expr.withs) term(with.value);
  assign_pattern(expr.terms[0]);
  expr.kind = ExprKind::Unify;
  out->push_back(original);
}

// `some k, v in xs` becomes `v = xs[k]` with k and v declared (k fresh when absent).
void LocalRewriter::some_in(Expr& expr, Body* out) {
  VarSet container = vars_of(*expr.domain, false);
  term(expr.domain);
  TermPtr key = expr.key ? expr.key : ast::make_var("_", expr.location);
  TermPtr value = expr.value;
  for (TermPtr* pattern : {&key, &value}) {
    for (const std::string& name : vars_of(**pattern)) {
      if (name == "_" || container.count(name) > 0) continue;
      TermPtr var = ast::make_var(name, (*pattern)->location);
      declare(var, Occurrence::Declared, expr.location);
    }
    term(*pattern);
  }

  TermPtr domain = expr.domain;
  if (domain->kind != TermKind::Ref && domain->kind != TermKind::Var) {
    TermPtr temp = ast::make_var(context_.fresh(), domain->location);
    out->push_back(make_unify(temp, domain, expr.location));
    domain = temp;
  }
  TermPtr ref = domain->kind == TermKind::Ref ? ast::clone(domain)
                                              : ast::make_ref({domain}, domain->location);
  ref->items.push_back(key);

  auto unify = make_unify(value, ref, expr.location);
  unify->text = expr.text;
  unify->withs = expr.withs;
  unify->negated = expr.negated;
  out->push_back(unify);
}

void LocalRewriter::every(Expr& expr) {
  term(expr.domain);
  scopes_.emplace_back();
  if (expr.key) declare(expr.key, Occurrence::Declared, expr.location);
  if (expr.value) declare(expr.value, Occurrence::Declared, expr.location);
  *expr.body = body(*expr.body);
  for (const auto& entry : scopes_.back()) nested_names_.insert(entry.first);
  scopes_.pop_back();
  for (ast::With& with : expr.withs) term(with.value);
}

void LocalRewriter::expr(const ExprPtr& expr, Body* out) {
  switch (expr->kind) {
    case ExprKind::Assign:
      assignment(*expr, out, expr);
      return;
    case ExprKind::Some:
      if (expr->domain) {
        some_in(*expr, out);
        return;
      }
      for (TermPtr& var : expr->terms) declare(var, Occurrence::Declared, expr->location);
      return;
    case ExprKind::Every:
      every(*expr);
      out->push_back(expr);
      return;
    default:
      for (TermPtr& t : expr->terms) term(t);
      for (ast::With& with : expr->withs) term(with.value);
      out->push_back(expr);
      return;
  }
}

Body LocalRewriter::body(const Body& body) {
  Body out;
  for (const ExprPtr& e : body) expr(e, &out);
  if (out.empty()) {
    Location location = body.empty() ? Location{} : body.front()->location;
    out.push_back(make_true_expr(location));
  }
  return out;
}

void rewrite_rule(PassContext& context, ast::Rule& rule) {
  for (ast::Rule* r = &rule; r != nullptr; r = r->else_rule.get()) {
    LocalRewriter rewriter(context, false);
    for (TermPtr& arg : rule.head.args) rewriter.declare_arg(arg);

    // Closures in the head are scopes of their own, rewritten before the body (as in OPA).
    std::vector<TermPtr*> head_terms = {&r->head.key, &r->head.value};
    if (r == &rule) {
      for (size_t i = 1; i < rule.head.ref->items.size(); ++i) {
        head_terms.push_back(&rule.head.ref->items[i]);
      }
    }
    for (TermPtr* head : head_terms) {
      if (*head == nullptr) continue;
      walk_terms(*head, [&](TermPtr& t) {
        if (!is_closure(*t)) return true;
        LocalRewriter nested(context, false);
        nested.term(t);
        return false;
      });
    }

    if (!r->body.empty()) r->body = rewriter.body(r->body);
    for (TermPtr* head : head_terms) {
      if (*head) rewriter.rename_declared(*head);
    }
  }
}

}  // namespace

void rewrite_locals(PassContext& context, Body* query) {
  for (ast::Module* module : context.modules) {
    for (const auto& rule : module->rules) rewrite_rule(context, *rule);
  }
  if (query != nullptr && !query->empty()) {
    LocalRewriter rewriter(context, true);
    *query = rewriter.body(*query);
  }
}

}  // namespace regoc::passes
