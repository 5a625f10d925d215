// Name resolution, the first pass of compile_program: replaces imported names and the names of
// rules of the module's own package by full `data.`/`input.` refs, and turns every rule head
// ref into the full ref `data.<package>.<name>...`. External interface: resolve_refs.
//
// As in OPA, a name stays local when the body declares it (`:=`, `some`) or when it is a
// function parameter. Any other use of a rule name or import name is resolved, wherever the
// variable appears (ref head, ref part, call operator, term).
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

using Globals = std::map<std::string, TermPtr>;

// Declared names of the enclosing bodies, innermost last.
class DeclaredStack {
 public:
  void push(VarSet names) { scopes_.push_back(std::move(names)); }
  void pop() { scopes_.pop_back(); }
  bool contains(const std::string& name) const {
    for (const VarSet& scope : scopes_) {
      if (scope.count(name) > 0) return true;
    }
    return false;
  }

 private:
  std::vector<VarSet> scopes_;
};

void add_pattern_vars(const Term& term, VarSet* out) {
  for (const std::string& name : vars_of(term)) out->insert(name);
}

// Names that the expressions of `body` declare with `:=` or `some` (not in nested closures).
VarSet declared_vars(const Body& body) {
  VarSet names;
  for (const ExprPtr& expr : body) {
    if (expr->kind == ExprKind::Assign && !expr->terms.empty()) {
      add_pattern_vars(*expr->terms[0], &names);
    } else if (expr->kind == ExprKind::Some) {
      for (const TermPtr& term : expr->terms) add_pattern_vars(*term, &names);
      if (expr->key) add_pattern_vars(*expr->key, &names);
      if (expr->value) add_pattern_vars(*expr->value, &names);
    }
  }
  return names;
}

TermPtr clone_at(const TermPtr& ref, const Location& location) {
  TermPtr copy = ast::clone(ref);
  copy->location = location;
  for (TermPtr& part : copy->items) part->location = location;
  return copy;
}

class Resolver {
 public:
  explicit Resolver(const Globals& globals) : globals_(globals) {}

  DeclaredStack& declared() { return declared_; }

  // Returns the global ref that a variable named `name` stands for, or null.
  const TermPtr* lookup(const std::string& name) const {
    if (declared_.contains(name)) return nullptr;
    auto it = globals_.find(name);
    return it == globals_.end() ? nullptr : &it->second;
  }

  void term(TermPtr& term) {
    switch (term->kind) {
      case TermKind::Var:
        if (const TermPtr* global = lookup(term->text)) term = clone_at(*global, term->location);
        return;
      case TermKind::Ref:
        ref(term);
        return;
      case TermKind::ArrayCompr:
      case TermKind::SetCompr:
      case TermKind::ObjectCompr:
        declared_.push(declared_vars(*term->body));
        if (term->key) this->term(term->key);
        if (term->value) this->term(term->value);
        body(*term->body);
        declared_.pop();
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

  void body(Body& body) {
    for (ExprPtr& expr : body) this->expr(*expr);
  }

 private:
  void ref(TermPtr& ref) {
    TermPtr& head = ref->items[0];
    std::vector<TermPtr> parts;
    const TermPtr* global = head->kind == TermKind::Var ? lookup(head->text) : nullptr;
    if (global != nullptr) {
      parts = clone_at(*global, head->location)->items;
    } else {
      term(head);
      parts.push_back(head);
    }
    for (size_t i = 1; i < ref->items.size(); ++i) {
      term(ref->items[i]);
      parts.push_back(ref->items[i]);
    }
    ref->items = std::move(parts);
  }

  void expr(Expr& expr) {
    if (expr.kind == ExprKind::Every) {
      term(expr.domain);
      VarSet locals;
      if (expr.key) add_pattern_vars(*expr.key, &locals);
      if (expr.value) add_pattern_vars(*expr.value, &locals);
      declared_.push(std::move(locals));
      declared_.push(declared_vars(*expr.body));
      body(*expr.body);
      declared_.pop();
      declared_.pop();
    } else if (expr.kind == ExprKind::Some) {
      if (expr.domain) term(expr.domain);
    } else {
      for (TermPtr& t : expr.terms) term(t);
    }
    for (ast::With& with : expr.withs) {
      term(with.target);
      term(with.value);
    }
  }

  const Globals& globals_;
  DeclaredStack declared_;
};

// Rejects parameters named `input` or `data`, which OPA does not let a function shadow.
bool check_args(PassContext& context, const ast::Rule& rule) {
  for (const TermPtr& arg : rule.head.args) {
    bool root = false;
    if (arg->kind == TermKind::Var) root = is_root_document(arg->text);
    if (arg->kind == TermKind::Ref && arg->items.size() == 1 && is_var(*arg->items[0])) {
      root = is_root_document(arg->items[0]->text);
    }
    if (root) {
      context.error(codes::kCompile, rule.location,
                    "args must not shadow " + ast::to_string(*arg) +
                        " (use a different variable name)");
      return false;
    }
  }
  return true;
}

VarSet arg_vars(const ast::Rule& rule) {
  VarSet names;
  for (const TermPtr& arg : rule.head.args) add_pattern_vars(*arg, &names);
  return names;
}

// Prefixes the rule's head ref with the package path and resolves its variable parts.
void resolve_head_ref(const ast::Module& module, ast::Rule& rule, Resolver& resolver) {
  TermPtr& ref = rule.head.ref;
  std::vector<TermPtr> parts = ast::clone(module.package)->items;
  for (TermPtr& part : parts) part->location = ref->location;
  TermPtr name = ast::make_string(ref->items[0]->text, ref->items[0]->location);
  name->dotted = true;
  parts.push_back(name);
  for (size_t i = 1; i < ref->items.size(); ++i) {
    resolver.term(ref->items[i]);
    parts.push_back(ref->items[i]);
  }
  ref->items = std::move(parts);
}

void resolve_rule(PassContext& context, ast::Module& module, ast::Rule& rule,
                  Resolver& resolver) {
  if (!check_args(context, rule)) return;
  resolver.declared().push(arg_vars(rule));
  for (ast::Rule* r = &rule; r != nullptr; r = r->else_rule.get()) {
    resolver.declared().push(declared_vars(r->body));
    if (r == &rule) resolve_head_ref(module, rule, resolver);
    if (r->head.key) resolver.term(r->head.key);
    if (r->head.value) resolver.term(r->head.value);
    resolver.body(r->body);
    resolver.declared().pop();
  }
  resolver.declared().pop();
}

// The names that a module can use without a prefix: the rules of its package (in any module)
// and its imports, which take precedence.
Globals module_globals(const ast::Module& module,
                       const std::map<std::string, VarSet>& exports) {
  Globals globals;
  std::string package = ast::ref_name(*module.package);
  auto it = exports.find(package);
  if (it != exports.end()) {
    for (const std::string& name : it->second) {
      TermPtr ref = ast::clone(module.package);
      TermPtr part = ast::make_string(name);
      part->dotted = true;
      ref->items.push_back(part);
      globals[name] = ref;
    }
  }
  for (const ast::Import& import : module.imports) {
    const Term& path = *import.path;
    if (path.kind != TermKind::Ref || path.items.empty()) continue;
    const std::string& root = path.items[0]->text;
    if (root == "rego" || root == "future") continue;
    std::string name = import.alias;
    if (name.empty()) {
      const Term& last = *path.items.back();
      name = last.kind == TermKind::String ? last.text : last.text;
    }
    globals[name] = import.path;
  }
  return globals;
}

}  // namespace

void resolve_refs(PassContext& context) {
  std::map<std::string, VarSet> exports;
  for (ast::Module* module : context.modules) {
    std::string package = ast::ref_name(*module->package);
    for (const auto& rule : module->rules) {
      exports[package].insert(rule->head.ref->items[0]->text);
    }
  }
  for (ast::Module* module : context.modules) {
    Globals globals = module_globals(*module, exports);
    Resolver resolver(globals);
    for (const auto& rule : module->rules) resolve_rule(context, *module, *rule, resolver);
  }
}

}  // namespace regoc::passes
