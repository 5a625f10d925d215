// The rules of an engine's modules as written: listing them, counting the rows that a coverage
// report covers, and numbering duplicate test rules the way `opa test` does (see
// api/engine.h).
#include <algorithm>
#include <map>
#include <string_view>

#include "api/engine.h"
#include "compiler/ast.h"
#include "compiler/parser.h"

namespace regoc {
namespace {

constexpr std::string_view kTestPrefix = "test_";
constexpr std::string_view kSkippedTestPrefix = "todo_test_";

// The leading constant parts of a head ref: the rule name and the string keys after it.
size_t constant_prefix_length(const ast::Term& ref) {
  size_t length = ref.items.empty() ? 0 : 1;
  while (length < ref.items.size() && ref.items[length]->kind == ast::TermKind::String) {
    ++length;
  }
  return length;
}

// Index of the first constant head ref part that starts with test_ or todo_test_, or npos.
size_t test_name_index(const ast::Rule& rule) {
  const ast::Term& ref = *rule.head.ref;
  const size_t length = constant_prefix_length(ref);
  for (size_t i = 0; i < length; ++i) {
    const std::string_view name = ref.items[i]->text;
    if (name.starts_with(kTestPrefix) || name.starts_with(kSkippedTestPrefix)) return i;
  }
  return std::string_view::npos;
}

std::vector<ast::Module*> sorted_by_file(std::vector<ast::Module>& modules) {
  std::vector<ast::Module*> sorted;
  for (ast::Module& module : modules) sorted.push_back(&module);
  auto file_of = [](const ast::Module* module) {
    return module->file ? std::string_view(*module->file) : std::string_view();
  };
  std::stable_sort(sorted.begin(), sorted.end(), [&](const ast::Module* a, const ast::Module* b) {
    return file_of(a) < file_of(b);
  });
  return sorted;
}

std::vector<std::string> package_path(const ast::Module& module) {
  std::vector<std::string> path;
  const auto& items = module.package->items;
  for (size_t i = 1; i < items.size(); ++i) path.push_back(items[i]->text);
  return path;
}

// OPA's tester renames duplicates in a compiler stage, before test discovery; the first rule
// at a path keeps its name. Skipped tests (todo_test_) keep theirs.
void number_duplicate_tests(std::vector<ast::Module>& modules) {
  std::map<std::vector<std::string>, int> seen;
  for (ast::Module* module : sorted_by_file(modules)) {
    for (const auto& rule : module->rules) {
      const size_t index = test_name_index(*rule);
      if (index == std::string_view::npos) continue;
      ast::Term& name = *rule->head.ref->items[index];
      if (!std::string_view(name.text).starts_with(kTestPrefix)) continue;

      std::vector<std::string> key = package_path(*module);
      for (size_t i = 0; i <= index; ++i) key.push_back(rule->head.ref->items[i]->text);
      const int count = seen[key]++;
      if (count == 0) continue;
      const std::string digits = std::to_string(count);
      name.text += (count < 10 ? "#0" : "#") + digits;
    }
  }
}

void add_row(const Location& location, CoveredRows* rows) {
  if (location.file_name().empty() || location.row <= 0) return;
  (*rows)[location.file_name()].insert(location.row);
}

void add_body_rows(const ast::Body& body, CoveredRows* rows);

// Expressions inside a term: the bodies of comprehensions.
void add_term_rows(const ast::TermPtr& term, CoveredRows* rows) {
  if (!term) return;
  for (const ast::TermPtr& item : term->items) add_term_rows(item, rows);
  for (const auto& [key, value] : term->entries) {
    add_term_rows(key, rows);
    add_term_rows(value, rows);
  }
  add_term_rows(term->key, rows);
  add_term_rows(term->value, rows);
  if (term->body) add_body_rows(*term->body, rows);
}

void add_expr_rows(const ast::Expr& expr, CoveredRows* rows) {
  // OPA's report leaves out `some` declarations, `some x in xs` included.
  if (expr.kind != ast::ExprKind::Some) add_row(expr.location, rows);
  for (const ast::TermPtr& term : expr.terms) add_term_rows(term, rows);
  add_term_rows(expr.key, rows);
  add_term_rows(expr.value, rows);
  add_term_rows(expr.domain, rows);
  if (expr.body) add_body_rows(*expr.body, rows);
  for (const ast::With& with : expr.withs) add_term_rows(with.value, rows);
}

void add_body_rows(const ast::Body& body, CoveredRows* rows) {
  for (const ast::ExprPtr& expr : body) add_expr_rows(*expr, rows);
}

void add_rule_rows(const ast::Rule& rule, CoveredRows* rows) {
  add_row(rule.head.location, rows);
  for (const ast::TermPtr& arg : rule.head.args) add_term_rows(arg, rows);
  add_term_rows(rule.head.key, rows);
  add_term_rows(rule.head.value, rows);
  add_body_rows(rule.body, rows);
  if (rule.else_rule) add_rule_rows(*rule.else_rule, rows);
}

}  // namespace

Errors Engine::parse_modules(std::vector<ast::Module>* out) const {
  out->clear();
  for (const auto& source : sources_) {
    ast::Module module;
    Errors errors = parse_module(source.file_name, source.text, &module);
    if (!errors.empty()) return errors;
    out->push_back(std::move(module));
  }
  if (rename_duplicate_tests_) number_duplicate_tests(*out);
  return {};
}

std::vector<RuleInfo> Engine::rules() const {
  std::vector<ast::Module> modules;
  std::vector<RuleInfo> rules;
  if (!parse_modules(&modules).empty()) return rules;
  for (const ast::Module* module : sorted_by_file(modules)) {
    for (const auto& rule : module->rules) {
      RuleInfo info;
      info.package = package_path(*module);
      const ast::Term& ref = *rule->head.ref;
      const size_t length = constant_prefix_length(ref);
      for (size_t i = 0; i < length; ++i) info.name.push_back(ref.items[i]->text);
      info.variable_keys = length < ref.items.size();
      info.is_function = rule->head.is_function;
      info.is_default = rule->is_default;
      info.multi_value = rule->head.contains;
      info.location = rule->location;
      rules.push_back(std::move(info));
    }
  }
  return rules;
}

CoveredRows Engine::coverable_rows() const {
  std::vector<ast::Module> modules;
  CoveredRows rows;
  if (!parse_modules(&modules).empty()) return rows;
  for (const ast::Module& module : modules) {
    for (const auto& rule : module.rules) add_rule_rows(*rule, &rows);
  }
  return rows;
}

}  // namespace regoc
