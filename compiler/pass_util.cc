// Helpers that the compiler passes share: the pass context, term predicates, variable
// collection, tree walks and constructors of generated expressions (see compiler/passes.h).
#include <algorithm>
#include <cctype>

#include "compiler/passes.h"

namespace regoc::passes {

using ast::Body;
using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;
using ast::Term;
using ast::TermKind;
using ast::TermPtr;

std::string PassContext::fresh(std::string_view original) {
  std::string name = "$" + std::to_string(next_fresh++);
  if (!original.empty()) renamed[name] = std::string(original);
  return name;
}

std::string PassContext::user_name(const std::string& name) const {
  auto it = renamed.find(name);
  return it == renamed.end() ? name : it->second;
}

void PassContext::error(const char* code, const Location& location, std::string message) {
  errors.push_back(Error{code, std::move(message), location});
}

bool is_var(const Term& term) { return term.kind == TermKind::Var; }

bool is_var_named(const Term& term, std::string_view name) {
  return term.kind == TermKind::Var && term.text == name;
}

bool is_generated(std::string_view name) { return !name.empty() && name[0] == '$'; }

bool is_root_document(std::string_view name) { return name == "data" || name == "input"; }

bool is_scalar(const Term& term) {
  switch (term.kind) {
    case TermKind::Null:
    case TermKind::Boolean:
    case TermKind::Number:
    case TermKind::String:
      return true;
    default:
      return false;
  }
}

bool is_function_value(const Term& term) {
  return term.kind == TermKind::Ref && find_builtin(ast::ref_name(term)) != nullptr;
}

bool is_closure(const Term& term) {
  return term.kind == TermKind::ArrayCompr || term.kind == TermKind::SetCompr ||
         term.kind == TermKind::ObjectCompr;
}

bool requires_eval(const Term& term) {
  switch (term.kind) {
    case TermKind::Ref:
    case TermKind::Call:
    case TermKind::ArrayCompr:
    case TermKind::SetCompr:
    case TermKind::ObjectCompr:
    case TermKind::TemplateString:
      return true;
    default:
      break;
  }
  for (const TermPtr& item : term.items) {
    if (item && requires_eval(*item)) return true;
  }
  for (const auto& [key, value] : term.entries) {
    if (requires_eval(*key) || requires_eval(*value)) return true;
  }
  return false;
}

bool is_ground_value(const Term& term) {
  switch (term.kind) {
    case TermKind::Null:
    case TermKind::Boolean:
    case TermKind::Number:
    case TermKind::String:
      return true;
    case TermKind::Array:
    case TermKind::Set:
      return std::all_of(term.items.begin(), term.items.end(),
                         [](const TermPtr& item) { return is_ground_value(*item); });
    case TermKind::Object:
      return std::all_of(term.entries.begin(), term.entries.end(), [](const auto& entry) {
        return is_ground_value(*entry.first) && is_ground_value(*entry.second);
      });
    default:
      return false;
  }
}

namespace {

void add_var(const std::string& name, std::vector<std::string>* out) {
  if (std::find(out->begin(), out->end(), name) == out->end()) out->push_back(name);
}

void collect_body_vars(const Body& body, std::vector<std::string>* out);

void collect_expr_vars(const Expr& expr, std::vector<std::string>* out) {
  for (const TermPtr& term : expr.terms) collect_vars(*term, false, out);
  for (const TermPtr& term : {expr.key, expr.value, expr.domain}) {
    if (term) collect_vars(*term, false, out);
  }
  if (expr.body) collect_body_vars(*expr.body, out);
  for (const ast::With& with : expr.withs) collect_vars(*with.value, false, out);
}

void collect_body_vars(const Body& body, std::vector<std::string>* out) {
  for (const ExprPtr& expr : body) collect_expr_vars(*expr, out);
}

}  // namespace

void collect_vars(const Term& term, bool skip_closures, std::vector<std::string>* out) {
  switch (term.kind) {
    case TermKind::Var:
      add_var(term.text, out);
      return;
    case TermKind::Call:
      for (size_t i = 1; i < term.items.size(); ++i) {
        collect_vars(*term.items[i], skip_closures, out);
      }
      return;
    case TermKind::ArrayCompr:
    case TermKind::SetCompr:
    case TermKind::ObjectCompr:
      if (skip_closures) return;
      if (term.key) collect_vars(*term.key, false, out);
      if (term.value) collect_vars(*term.value, false, out);
      if (term.body) collect_body_vars(*term.body, out);
      return;
    default:
      break;
  }
  for (const TermPtr& item : term.items) {
    if (item) collect_vars(*item, skip_closures, out);
  }
  for (const auto& [key, value] : term.entries) {
    collect_vars(*key, skip_closures, out);
    collect_vars(*value, skip_closures, out);
  }
}

VarSet vars_of(const Term& term, bool skip_closures) {
  std::vector<std::string> names;
  collect_vars(term, skip_closures, &names);
  return VarSet(names.begin(), names.end());
}

VarSet vars_of(const Expr& expr) {
  std::vector<std::string> names;
  for (const TermPtr& term : expr.terms) collect_vars(*term, true, &names);
  if (expr.kind == ExprKind::Every) {
    if (expr.domain) collect_vars(*expr.domain, true, &names);
  } else {
    for (const TermPtr& term : {expr.key, expr.value, expr.domain}) {
      if (term) collect_vars(*term, true, &names);
    }
  }
  for (const ast::With& with : expr.withs) {
    if (!is_function_value(*with.value)) collect_vars(*with.value, true, &names);
  }
  return VarSet(names.begin(), names.end());
}

void walk_terms(TermPtr& term, const std::function<bool(TermPtr&)>& visit) {
  if (!visit(term)) return;
  for (TermPtr& item : term->items) {
    if (item) walk_terms(item, visit);
  }
  for (auto& [key, value] : term->entries) {
    walk_terms(key, visit);
    walk_terms(value, visit);
  }
  if (term->key) walk_terms(term->key, visit);
  if (term->value) walk_terms(term->value, visit);
  if (!term->body) return;
  for (ExprPtr& expr : *term->body) {
    walk_expr_terms(*expr, [&](TermPtr& t) { walk_terms(t, visit); });
    if (expr->body) {
      for (ExprPtr& inner : *expr->body) {
        walk_expr_terms(*inner, [&](TermPtr& t) { walk_terms(t, visit); });
      }
    }
  }
}

void walk_terms(const TermPtr& term, const std::function<bool(TermPtr&)>& visit) {
  TermPtr root = term;
  walk_terms(root, visit);
}

void walk_expr_terms(Expr& expr, const std::function<void(TermPtr&)>& visit) {
  for (TermPtr& term : expr.terms) visit(term);
  for (TermPtr* term : {&expr.key, &expr.value, &expr.domain}) {
    if (*term) visit(*term);
  }
  for (ast::With& with : expr.withs) {
    visit(with.target);
    visit(with.value);
  }
}

namespace {

void walk_term_bodies(const TermPtr& term, const std::function<void(Body&)>& visit) {
  if (term->body) walk_bodies(*term->body, visit);
  for (const TermPtr& item : term->items) {
    if (item) walk_term_bodies(item, visit);
  }
  for (const auto& [key, value] : term->entries) {
    walk_term_bodies(key, visit);
    walk_term_bodies(value, visit);
  }
  if (term->key) walk_term_bodies(term->key, visit);
  if (term->value) walk_term_bodies(term->value, visit);
}

}  // namespace

void walk_bodies(Body& body, const std::function<void(Body&)>& visit) {
  visit(body);
  for (ExprPtr& expr : body) {
    walk_expr_terms(*expr, [&](TermPtr& term) { walk_term_bodies(term, visit); });
    if (expr->body) walk_bodies(*expr->body, visit);
  }
}

void walk_rule_bodies(ast::Rule& rule, const std::function<void(Body&)>& visit) {
  for (ast::Rule* r = &rule; r != nullptr; r = r->else_rule.get()) {
    walk_bodies(r->body, visit);
    for (const TermPtr& term : {r->head.key, r->head.value}) {
      if (term) walk_term_bodies(term, visit);
    }
  }
  for (const TermPtr& arg : rule.head.args) walk_term_bodies(arg, visit);
  if (rule.head.ref) walk_term_bodies(rule.head.ref, visit);
}

TermPtr make_call(std::string_view name, std::vector<TermPtr> args, const Location& location) {
  std::vector<TermPtr> parts;
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    std::string_view part = name.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (parts.empty()) {
      parts.push_back(ast::make_var(std::string(part), location));
    } else {
      TermPtr text = ast::make_string(std::string(part), location);
      text->dotted = true;
      parts.push_back(text);
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  TermPtr call = ast::make_term(TermKind::Call, location);
  call->items.push_back(ast::make_ref(std::move(parts), location));
  for (TermPtr& arg : args) call->items.push_back(std::move(arg));
  return call;
}

ExprPtr make_unify(TermPtr lhs, TermPtr rhs, const Location& location) {
  auto expr = std::make_shared<Expr>();
  expr->kind = ExprKind::Unify;
  expr->location = location;
  expr->terms = {std::move(lhs), std::move(rhs)};
  return expr;
}

ExprPtr make_true_expr(const Location& location) {
  auto expr = std::make_shared<Expr>();
  expr->kind = ExprKind::Term;
  expr->location = location;
  TermPtr value = ast::make_term(TermKind::Boolean, location);
  value->boolean = true;
  expr->terms = {value};
  expr->text = "true";
  return expr;
}

std::string operator_name(const Term& call) {
  if (call.items.empty() || call.items[0]->kind != TermKind::Ref) return {};
  return ast::ref_name(*call.items[0]);
}

std::string ground_prefix(const Term& ref, size_t* length) {
  std::string text;
  size_t count = 0;
  for (const TermPtr& part : ref.items) {
    if (count == 0 && part->kind == TermKind::Var) {
      text = part->text;
    } else if (count > 0 && part->kind == TermKind::String) {
      text += "." + part->text;
    } else {
      break;
    }
    ++count;
  }
  if (length != nullptr) *length = count;
  return text;
}

namespace {

bool is_identifier(const std::string& text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

}  // namespace

std::string ref_text(const Term& ref, const PassContext& context, size_t skip) {
  std::string out;
  for (size_t i = skip; i < ref.items.size(); ++i) {
    const Term& part = *ref.items[i];
    if (i == skip) {
      out = part.kind == TermKind::Var || part.kind == TermKind::String
                ? context.user_name(part.text)
                : ast::to_string(part);
    } else if (part.kind == TermKind::String && is_identifier(part.text)) {
      out += "." + part.text;
    } else if (part.kind == TermKind::Var) {
      out += "[" + context.user_name(part.text) + "]";
    } else {
      out += "[" + ast::to_string(part) + "]";
    }
  }
  return out;
}

std::string location_text(const Location& location) {
  if (!location.file_name().empty()) {
    return location.file_name() + ":" + std::to_string(location.row);
  }
  return std::to_string(location.row) + ":" + std::to_string(location.col);
}

}  // namespace regoc::passes
