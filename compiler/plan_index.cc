// Rule indexing. Many definitions of one rule may test refs into the input against constants
// (`input.kind == "Ingress"`). The planner then groups the definitions by those constants and
// plans a Switch on each tested ref. An evaluation runs only the definitions whose tests can
// pass, instead of trying them one by one.
//
// A definition planned inside a Switch case does not repeat the comparison that selected the
// case. The case is taken exactly when the ref's value equals the constant, because Switch
// finds the value with the order that `==` uses (so 1 matches 1.0). A comparison of a ground
// ref with a constant binds no variable, so nothing else depends on it. The index only skips
// definitions that cannot produce a value, so results are those of the plain plan.
// Definitions run in source order within a group.
// Across groups the order changes, and no result depends on it, because the values of a rule
// must agree and sets and objects are unordered.
#include <algorithm>

#include "compiler/passes.h"
#include "compiler/planner_impl.h"

namespace regoc::planning {
namespace {

// Fewer definitions than this are planned one after another.
constexpr size_t kMinIndexedRules = 4;

bool is_input_path(const ast::Term& term) {
  if (term.kind != ast::TermKind::Ref || term.items.size() < 2) return false;
  const ast::Term& head = *term.items[0];
  if (head.kind != ast::TermKind::Var || head.text != "input") return false;
  return std::all_of(term.items.begin() + 1, term.items.end(), [](const ast::TermPtr& part) {
    return part->kind == ast::TermKind::String || part->kind == ast::TermKind::Number;
  });
}

bool is_scalar_constant(const ast::Term& term) {
  switch (term.kind) {
    case ast::TermKind::Null:
    case ast::TermKind::Boolean:
    case ast::TermKind::Number:
    case ast::TermKind::String:
      return true;
    default:
      return false;
  }
}

// Returns the two sides of `a == b` or `a = b`, or nothing for any other expression.
std::vector<ast::TermPtr> equality_sides(const ast::Expr& expr) {
  if (expr.negated || !expr.withs.empty()) return {};
  if (expr.kind == ast::ExprKind::Unify) return expr.terms;
  if (expr.kind != ast::ExprKind::Term) return {};
  const ast::Term& call = *expr.terms[0];
  if (call.kind != ast::TermKind::Call || call.items.size() != 3) return {};
  if (passes::operator_name(call) != "equal") return {};
  return {call.items[1], call.items[2]};
}

}  // namespace

// Collects the index tests of a definition, by the text of the tested ref. A definition with
// an else chain or function arguments gets none, so the index leaves it in its place.
std::map<std::string, Planner::IndexEntry> Planner::index_tests(const ast::Rule& rule) const {
  std::map<std::string, IndexEntry> tests;
  if (rule.else_rule || !rule.head.args.empty() || rule.is_default) return tests;
  for (const ast::ExprPtr& expr : rule.body) {
    std::vector<ast::TermPtr> sides = equality_sides(*expr);
    if (sides.size() != 2) continue;
    if (!is_input_path(*sides[0])) std::swap(sides[0], sides[1]);
    if (!is_input_path(*sides[0]) || !is_scalar_constant(*sides[1])) continue;
    std::optional<Value> constant = ast::constant_value(*sides[1]);
    if (!constant) continue;
    tests.emplace(ast::to_string(*sides[0]),
                  IndexEntry{sides[0], std::move(*constant), expr.get()});
  }
  return tests;
}

void Planner::plan_definitions(std::vector<IndexedRule> rules, RuleKind kind,
                               ir::LocalIndex result, size_t rest_start) {
  auto plan_one = [&](const IndexedRule& indexed) {
    const ast::Rule& rule = *indexed.rule;
    ir::LocalIndex first_free = frame_.function->locals;
    frame_.established = &indexed.established;
    emit_block([&] { plan_rule_chain(rule, kind, result, rest_start); });
    frame_.established = nullptr;
    frame_.locals_peak = std::max(frame_.locals_peak, frame_.function->locals);
    frame_.function->locals = first_free;
  };
  // The ref tested by the most definitions splits them.
  std::map<std::string, size_t> uses;
  for (const IndexedRule& rule : rules) {
    for (const auto& [text, test] : rule.tests) ++uses[text];
  }
  auto best = std::max_element(uses.begin(), uses.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; });
  if (rules.size() < kMinIndexedRules || best == uses.end() || best->second < kMinIndexedRules) {
    for (const IndexedRule& rule : rules) plan_one(rule);
    return;
  }
  const std::string key = best->first;
  std::map<Value, std::vector<IndexedRule>> groups;
  std::vector<IndexedRule> rest;
  ast::TermPtr ref;
  for (IndexedRule& rule : rules) {
    auto test = rule.tests.find(key);
    if (test == rule.tests.end()) {
      rest.push_back(std::move(rule));
      continue;
    }
    ref = test->second.ref;
    Value tested = test->second.constant;
    rule.established.push_back(test->second.expr);
    rule.tests.erase(test);
    groups[tested].push_back(std::move(rule));
  }
  emit_block([&] {
    plan_value(ref, [&](ir::Operand value) {
      Value table = Value::object();
      int64_t case_number = 0;
      for (const auto& entry : groups) {
        table.object_insert(entry.first, Value::integer(case_number++));
      }
      ir::Stmt& stmt = emit(ir::Op::Switch);
      stmt.a = value;
      stmt.b = constant(table);
      for (auto& entry : groups) {
        stmt.blocks.push_back(std::make_unique<ir::Block>());
        ir::Block* saved_block = frame_.block;
        frame_.block = stmt.blocks.back().get();
        frame_.depth++;
        plan_definitions(std::move(entry.second), kind, result, rest_start);
        frame_.depth--;
        frame_.block = saved_block;
      }
    });
  });
  plan_definitions(std::move(rest), kind, result, rest_start);
}

}  // namespace regoc::planning
