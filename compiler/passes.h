// Declarations shared by the compiler passes of compile_program (compiler/compiler.cc): the
// pass context (fresh names, renamed variables, the rule table, errors), AST helpers
// (pass_util.cc) and one entry point per pass, each defined in its own file.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast.h"
#include "compiler/compiler.h"
#include "runtime/builtins/builtin.h"

namespace regoc::passes {

using VarSet = std::set<std::string>;

// One rule of the program with the module that defines it.
struct RuleEntry {
  ast::Rule* rule = nullptr;
  ast::Module* module = nullptr;
};

// State that every pass reads or extends.
struct PassContext {
  const CompileOptions* options = nullptr;
  // Modules in OPA's processing order: sorted by file name, stable otherwise.
  std::vector<ast::Module*> modules;
  Errors errors;
  // Generated variable name -> the user's name it replaces (absent for pure temporaries).
  std::map<std::string, std::string> renamed;
  int next_fresh = 0;
  // Expressions that check_calls rewrote from a builtin's output-argument form `f(x, out)` to
  // `out = f(x)`; check_types checks `out` against the builtin's result type, as OPA does.
  std::vector<ast::ExprPtr> output_calls;

  // Returns a new variable name "$<n>"; records `original` as the user's name when given.
  std::string fresh(std::string_view original = {});
  // Returns the user's name of a variable: the original of a renamed one, else `name`.
  std::string user_name(const std::string& name) const;
  void error(const char* code, const Location& location, std::string message);
};

// --- helpers (pass_util.cc) ------------------------------------------------------------------

bool is_var(const ast::Term& term);
bool is_var_named(const ast::Term& term, std::string_view name);
// True for names that passes generate ("$..."); `_` is not generated until rewritten.
bool is_generated(std::string_view name);
bool is_root_document(std::string_view name);  // "data" or "input"
bool is_scalar(const ast::Term& term);
bool is_closure(const ast::Term& term);  // a comprehension
// True for a `with` value that names a builtin (`with count as sum`): a function, not data.
bool is_function_value(const ast::Term& term);
// True when the term contains a ref, call, comprehension or template string outside closures
// or inside them (OPA's "requires evaluation").
bool requires_eval(const ast::Term& term);
// True when the term contains no variables, refs, calls or comprehensions.
bool is_ground_value(const ast::Term& term);

// Variables of a term, in order of first appearance. Skips call operators; skips the bodies
// and heads of comprehensions when `skip_closures`.
void collect_vars(const ast::Term& term, bool skip_closures, std::vector<std::string>* out);
VarSet vars_of(const ast::Term& term, bool skip_closures = true);
// Variables of an expression outside closures (terms, some/every parts, with values).
VarSet vars_of(const ast::Expr& expr);

// Calls `visit` on every term of the tree rooted at `term` (pre-order, the root included).
// Descends into comprehension heads and bodies; `visit` returns false to skip children.
void walk_terms(ast::TermPtr& term, const std::function<bool(ast::TermPtr&)>& visit);
// The same walk for reading: `visit` may replace nested terms but not the root.
void walk_terms(const ast::TermPtr& term, const std::function<bool(ast::TermPtr&)>& visit);
// Calls `visit` on every body: `body`, comprehension bodies and every bodies inside it.
void walk_bodies(ast::Body& body, const std::function<void(ast::Body&)>& visit);
// Calls `visit` on every term of an expression (terms, some/every parts, with targets and
// values); the every body is not visited.
void walk_expr_terms(ast::Expr& expr, const std::function<void(ast::TermPtr&)>& visit);
// Calls `visit` on every body of a rule: its body, its else bodies and bodies nested in them
// or in the head.
void walk_rule_bodies(ast::Rule& rule, const std::function<void(ast::Body&)>& visit);

ast::TermPtr make_call(std::string_view name, std::vector<ast::TermPtr> args,
                       const Location& location);
ast::ExprPtr make_unify(ast::TermPtr lhs, ast::TermPtr rhs, const Location& location);
ast::ExprPtr make_true_expr(const Location& location);
// Returns the dotted name of a call operator ("count", "data.lib.f"); empty when not a name.
std::string operator_name(const ast::Term& call);
// The ground prefix of a rule ref as a dotted string: "data.a.b" for data.a.b[x].c.
std::string ground_prefix(const ast::Term& ref, size_t* length = nullptr);
// Prints a ref as OPA does: `data.a["b-c"][x]`, with generated variables under the user's
// names; parts before `skip` are omitted (for refs relative to a package).
std::string ref_text(const ast::Term& ref, const PassContext& context, size_t skip = 0);
// OPA's location text "file:row" (or "row:col" without a file).
std::string location_text(const Location& location);

// --- passes -----------------------------------------------------------------------------------

// Indexes every rule by the ground prefix of its full ref (after resolve_refs).
class RuleTable {
 public:
  void build(PassContext& context);
  // Rules whose full ref has exactly this ground prefix.
  const std::vector<RuleEntry>* find(const std::string& path) const;
  // Arity of the function at `path`: its parameter count, or -1 when no rule is there.
  int function_arity(const std::string& path) const;
  const std::map<std::string, std::vector<RuleEntry>>& paths() const { return paths_; }

 private:
  std::map<std::string, std::vector<RuleEntry>> paths_;
};

// resolve_refs.cc: imports, package-relative rule names, rule heads to full `data.` refs.
void resolve_refs(PassContext& context);
// check_calls.cc: undefined functions, arity, output arguments, deprecated builtins.
void check_calls(PassContext& context, const RuleTable& rules, ast::Body* query);
// rewrite_locals.cc: `:=`, `some`, `some ... in`, `every`, `_`; keeps top-level query names.
void rewrite_locals(PassContext& context, ast::Body* query);
// rewrite_terms.cc: print calls, template strings, ref heads that are not variables and rule
// head terms that need evaluation.
void rewrite_terms(PassContext& context, const RuleTable& rules, ast::Body* query);
// check_rules.cc: rule kind/arity conflicts, multiple defaults, rule/package path conflicts.
void check_rules(PassContext& context, const RuleTable& rules);
// check_data.cc: rules at a path where the base document (options->base_data) has a value.
void check_data_conflicts(PassContext& context);
// check_recursion.cc: rules that depend on themselves.
void check_recursion(PassContext& context, const RuleTable& rules);
// check_types.cc: builtin arguments whose type is known statically.
void check_types(PassContext& context, ast::Body* query);
// check_types.cc: OPA's text of a builtin's parameter types, "(number, number)".
std::string builtin_signature_text(const Builtin& builtin);
// check_types.cc: the static types of a call's arguments, "any" where unknown.
std::string static_types_text(const ast::Term& call);
// safety.cc: unsafe variables and safety reordering of every body.
void check_safety(PassContext& context, const RuleTable& rules, ast::Body* query);

// rewrite_terms.cc: the set comprehension {$n | $n = term}, which captures the values of
// `term` without making the enclosing body undefined when there are none.
ast::TermPtr capture_in_set(PassContext& context, const ast::TermPtr& term);
// template_strings.cc: rewrites template strings in `body` (and its closures) to
// internal.template_string calls. `outer` contains the variables bound around the body.
void rewrite_template_strings(PassContext& context, const RuleTable& rules, ast::Body& body,
                              const VarSet& outer);

// safety.cc: variables that evaluating `body` in order binds, given the variables `safe`
// bound before it. Used by rewrites that need the variables bound at a point of a body.
VarSet output_vars(const ast::Body& body, const VarSet& safe, const RuleTable& rules);

}  // namespace regoc::passes
