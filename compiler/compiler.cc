// compile_program: runs the compiler passes (compiler/passes.h) in order and stops after the
// first pass that reports errors, as OPA's compiler stops after a failing stage.
//
// Pass order: name resolution, local variable rewriting, call checks (undefined functions,
// arity, output arguments), term rewrites (print, template strings, head terms, ref heads),
// rule conflicts, safety (with reordering), recursion, type checks.
#include <algorithm>

#include "compiler/compiler.h"
#include "compiler/passes.h"

namespace regoc {
namespace {

// OPA's default limit on the number of compile errors reported.
constexpr size_t kErrorLimit = 10;

// Named variables of the query outside closures, in order of first appearance.
std::vector<std::string> query_variables(const ast::Body& query) {
  std::vector<std::string> names;
  for (const ast::ExprPtr& expr : query) {
    std::vector<ast::TermPtr> terms = expr->terms;
    if (expr->kind == ast::ExprKind::Every) terms = {expr->domain};
    for (const ast::With& with : expr->withs) terms.push_back(with.value);
    for (const ast::TermPtr& term : terms) passes::collect_vars(*term, true, &names);
  }
  std::vector<std::string> visible;
  for (const std::string& name : names) {
    if (passes::is_generated(name) || name == "_" || passes::is_root_document(name)) continue;
    visible.push_back(name);
  }
  return visible;
}

Errors limit_errors(Errors errors) {
  if (errors.size() <= kErrorLimit) return errors;
  errors.resize(kErrorLimit);
  errors.push_back(Error{codes::kCompile, "error limit reached", Location{}});
  return errors;
}

}  // namespace

Errors compile_program(std::vector<ast::Module> modules, ast::Body query,
                       const CompileOptions& options, CompiledProgram* out) {
  out->modules = std::move(modules);
  out->query_vars.clear();

  passes::PassContext context;
  context.options = &options;
  for (ast::Module& module : out->modules) context.modules.push_back(&module);
  std::stable_sort(context.modules.begin(), context.modules.end(),
                   [](const ast::Module* a, const ast::Module* b) {
                     std::string_view left = a->file ? *a->file : std::string_view();
                     std::string_view right = b->file ? *b->file : std::string_view();
                     return left < right;
                   });

  ast::Body* query_body = query.empty() ? nullptr : &query;
  passes::RuleTable rules;
  auto failed = [&] { return !context.errors.empty(); };

  passes::resolve_refs(context);
  if (failed()) return limit_errors(context.errors);
  passes::rewrite_locals(context, query_body);
  if (failed()) return limit_errors(context.errors);
  out->query_vars = query_variables(query);

  rules.build(context);
  passes::check_calls(context, rules, query_body);
  if (failed()) return limit_errors(context.errors);
  passes::rewrite_terms(context, rules, query_body);
  if (failed()) return limit_errors(context.errors);
  passes::check_rules(context, rules);
  if (failed()) return limit_errors(context.errors);
  passes::check_safety(context, rules, query_body);
  if (failed()) return limit_errors(context.errors);
  passes::check_recursion(context, rules);
  if (failed()) return limit_errors(context.errors);
  passes::check_types(context, query_body);
  if (failed()) return limit_errors(context.errors);

  out->query = std::move(query);
  return {};
}

}  // namespace regoc
