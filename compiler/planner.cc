// The planner's driver: the tree of rule paths, one IR function per rule path (and per set of
// `with` replacements it is planned under), the functions that build whole virtual documents,
// and the query plan.
#include <algorithm>

#include "compiler/plan_memo.h"
#include "compiler/planner.h"
#include "compiler/planner_impl.h"
#include "runtime/builtins/builtin.h"
#include "runtime/number.h"

namespace regoc {

Errors plan_program(const CompiledProgram& program, ir::Program* out,
                    const PlanOptions& options) {
  planning::Planner planner(out, options);
  return planner.plan(program);
}

namespace planning {

Errors Planner::plan(const CompiledProgram& compiled) {
  // OPA's compiler indexes the METADATA annotations of every module, used or not.
  errors_ = annotations_.build(compiled.modules);
  if (!errors_.empty()) return errors_;
  build_rule_tree(compiled.modules);
  plan_query(compiled);
  program_->functions.clear();
  for (auto& function : functions_) program_->functions.push_back(std::move(function));
  drop_single_use_memos(*program_);
  return errors_;
}

void Planner::fail(const Location& location, std::string message) {
  errors_.push_back({codes::kCompile, std::move(message), location});
}

// --- rule tree --------------------------------------------------------------------------------

// The node path of a rule is the leading run of string parts of its head ref after `data`;
// the parts from *rest_start on (variables or other terms) are keys inside the node's value.
std::vector<std::string> Planner::node_path_of(const ast::Rule& rule, size_t* rest_start) {
  std::vector<std::string> path;
  const auto& items = rule.head.ref->items;
  size_t i = 1;
  for (; i < items.size(); ++i) {
    if (items[i]->kind != ast::TermKind::String) break;
    path.push_back(items[i]->text);
  }
  *rest_start = i;
  return path;
}

void Planner::build_rule_tree(const std::vector<ast::Module>& modules) {
  for (const auto& module : modules) {
    for (const auto& rule : module.rules) {
      size_t rest_start = 0;
      auto path = node_path_of(*rule, &rest_start);
      RuleNode* node = root_.get();
      node->has_rules_below = true;
      for (const auto& key : path) {
        auto& child = node->children[key];
        if (!child) {
          child = std::make_unique<RuleNode>();
          child->path = node->path;
          child->path.push_back(key);
        }
        node = child.get();
        node->has_rules_below = true;
      }
      node->rules.push_back(rule.get());
    }
  }
}

RuleNode* Planner::find_node(const std::vector<std::string>& path) const {
  RuleNode* node = root_.get();
  for (const auto& key : path) {
    auto it = node->children.find(key);
    if (it == node->children.end()) return nullptr;
    node = it->second.get();
  }
  return node;
}

RuleKind Planner::rule_kind(const RuleNode& node) const {
  for (const ast::Rule* rule : node.rules) {
    if (rule->head.is_function) return RuleKind::Function;
    size_t rest_start = 0;
    node_path_of(*rule, &rest_start);
    bool has_rest = rest_start < rule->head.ref->items.size();
    // A multi-value rule with variables in its ref (`a[x] contains y`) builds an object
    // whose leaves are sets.
    if (rule->head.contains) return has_rest ? RuleKind::Object : RuleKind::MultiValue;
    if (has_rest) return RuleKind::Object;
  }
  return RuleKind::Complete;
}

std::string Planner::mocks_key(const Mocks& mocks) {
  std::string key;
  for (const auto& mock : mocks) {
    if (mock.is_data) {
      key += "data";
      for (const auto& part : mock.path) key += "." + part;
    } else {
      key += mock.function + "=";
      if (!mock.replacement_name.empty()) key += mock.replacement_name;
      if (mock.constant) key += "const:" + std::to_string(mock.constant->hash());
      if (mock.value_slot >= 0) key += "slot:" + std::to_string(mock.value_slot);
    }
    key += ";";
  }
  return key;
}

// --- functions --------------------------------------------------------------------------------

uint32_t Planner::function_for(RuleNode* node, Mocks mocks) {
  return planned_function(function_index_, node, std::move(mocks), &Planner::plan_rule_node);
}

// Returns the function that `plan` builds for a node under a set of mocks, planning it in a
// fresh frame the first time. Its index is reserved before planning, so a reference back to
// the node while it is planned finds it.
uint32_t Planner::planned_function(FunctionIndex& index_of, RuleNode* node, Mocks mocks,
                                   void (Planner::*plan)(RuleNode*, uint32_t)) {
  auto key = std::make_pair(node, mocks_key(mocks));
  auto it = index_of.find(key);
  if (it != index_of.end()) return it->second;
  uint32_t index = functions_.size();
  functions_.emplace_back();
  index_of[key] = index;

  Frame saved = std::move(frame_);
  frame_ = Frame();
  frame_.mocks = std::move(mocks);
  (this->*plan)(node, index);
  frame_ = std::move(saved);
  return index;
}

void Planner::plan_rule_node(RuleNode* node, uint32_t index) {
  ir::Function& function = functions_[index];
  function.name = "data";
  for (const auto& key : node->path) function.name += "." + key;
  if (!frame_.mocks.empty()) function.name += "#" + std::to_string(index);
  frame_.function = &function;
  frame_.block = &function.body;

  RuleKind kind = rule_kind(*node);
  if (kind == RuleKind::Function) {
    for (const ast::Rule* rule : node->rules) {
      function.params =
          std::max<uint32_t>(function.params, ir::kImplicitParams + rule->head.args.size());
    }
    function.locals = function.params;
  } else {
    function.memo_slot = program_->memo_slots++;
  }
  ir::LocalIndex result = new_local();
  function.result = result;
  if (kind == RuleKind::MultiValue) emit(ir::Op::MakeSet).target = result;
  if (kind == RuleKind::Object) emit(ir::Op::MakeObject).target = result;

  std::vector<IndexedRule> definitions;
  for (const ast::Rule* rule : node->rules) {
    if (!rule->is_default) definitions.push_back(IndexedRule{rule, index_tests(*rule)});
  }
  // As OPA does, the rules below a node of object rules (`p[x] := ...` with `p.a := ...`) build
  // one object with them, so where two give one key different values the evaluation fails
  // with eval_conflict_error "object keys must be unique", and sets at one key are joined.
  // NOTE: OPA also fails when a rule's key path runs through a key that another rule produced
  // (`p[x] := {"b": 2}` with `p.a.b := 2`). Here such rules conflict only on different values.
  if (kind == RuleKind::Object) add_rules_below(*node, &definitions);
  plan_definitions(std::move(definitions), kind, result, 1 + node->path.size());
  function.locals = std::max(function.locals, frame_.locals_peak);
  for (const ast::Rule* rule : node->rules) {
    if (rule->is_default) plan_default(*rule, result);
  }
}

void Planner::add_rules_below(const RuleNode& node,
                              std::vector<IndexedRule>* definitions) const {
  for (const auto& [key, child] : node.children) {
    if (!child->has_rules_below || is_data_mocked(child->path)) continue;
    for (const ast::Rule* rule : child->rules) {
      if (rule->head.is_function || rule->is_default) continue;
      definitions->push_back(IndexedRule{rule, index_tests(*rule)});
    }
    add_rules_below(*child, definitions);
  }
}

// Plans one rule and its else chain. The first alternative that produces a value breaks out
// of the chain's block so that later alternatives are skipped.
void Planner::plan_rule_chain(const ast::Rule& rule, RuleKind kind, ir::LocalIndex result,
                              size_t rest_start) {
  int chain_depth = frame_.depth;
  bool has_else = rule.else_rule != nullptr;
  for (const ast::Rule* alternative = &rule; alternative;
       alternative = alternative->else_rule.get()) {
    emit_block([&] {
      frame_.vars.clear();
      frame_.rule = alternative;
      auto plan_args_and_body = [&](size_t arg, auto& self) -> void {
        if (arg == rule.head.args.size()) {
          plan_body(alternative->body, 0, [&] {
            // OPA counts a rule head as covered when the rule produces a value.
            emit_coverage_mark(alternative->head.location);
            plan_rule_result(*alternative, rule, kind, result, rest_start);
            if (has_else) emit(ir::Op::Break).index = frame_.depth - chain_depth;
          });
          return;
        }
        plan_unify_value(rule.head.args[arg], ir::Operand::local(ir::kImplicitParams + arg),
                         [&] { self(arg + 1, self); });
      };
      plan_args_and_body(0, plan_args_and_body);
    });
  }
}

void Planner::plan_rule_result(const ast::Rule& rule, const ast::Rule& chain_head, RuleKind kind,
                               ir::LocalIndex result, size_t rest_start) {
  static const ast::TermPtr kTrue = [] {
    auto term = ast::make_term(ast::TermKind::Boolean);
    term->boolean = true;
    return term;
  }();
  const ast::TermPtr& value = rule.head.value ? rule.head.value : kTrue;
  switch (kind) {
    case RuleKind::Complete:
    case RuleKind::Function:
      plan_value(value, [&](ir::Operand v) {
        auto& stmt = emit(ir::Op::AssignVarOnce);
        stmt.target = result;
        stmt.a = v;
        stmt.location = rule.location;
        // OPA 1.20 names the rule or function whose definitions disagree.
        const std::string path = ast::ref_name(*chain_head.head.ref);
        stmt.message = kind == RuleKind::Function
                           ? "function " + path + " produced conflicting values for the same inputs"
                           : "rule " + path + " produced conflicting values";
      });
      break;
    case RuleKind::MultiValue:
      plan_value(rule.head.key, [&](ir::Operand v) {
        auto& stmt = emit(ir::Op::SetAdd);
        stmt.target = result;
        stmt.a = v;
      });
      break;
    case RuleKind::Object: {
      // An else alternative shares the head ref of the rule it belongs to.
      std::vector<ast::TermPtr> keys;
      const auto& items = chain_head.head.ref->items;
      for (size_t i = rest_start; i < items.size(); ++i) keys.push_back(items[i]);
      bool contains = rule.head.contains;
      plan_values(keys, [&](const std::vector<ir::Operand>& key_values) {
        plan_value(contains ? rule.head.key : value, [&](ir::Operand v) {
          auto& stmt = emit(contains ? ir::Op::ObjectSetAddPath : ir::Op::ObjectInsertPathOnce);
          stmt.target = result;
          stmt.a = v;
          stmt.args = key_values;
          stmt.location = rule.location;
          stmt.message = "object keys must be unique";
        });
      });
      break;
    }
  }
}

void Planner::plan_default(const ast::Rule& rule, ir::LocalIndex result) {
  emit_block([&] {
    frame_.vars.clear();
    emit(ir::Op::IsUndefined).a = ir::Operand::local(result);
    emit_coverage_mark(rule.head.location);
    plan_value(rule.head.value, [&](ir::Operand v) {
      auto& stmt = emit(ir::Op::AssignVar);
      stmt.target = result;
      stmt.a = v;
    });
  });
}

// The extent of a node is its whole virtual document: the base document at its path with the
// value of every rule below it inserted at the rule's path.
uint32_t Planner::extent_function_for(RuleNode* node, Mocks mocks) {
  return planned_function(extent_index_, node, std::move(mocks), &Planner::plan_extent);
}

void Planner::plan_extent(RuleNode* node, uint32_t index) {
  ir::Function& function = functions_[index];
  function.name = "extent:data";
  for (const auto& key : node->path) function.name += "." + key;
  frame_.function = &function;
  frame_.block = &function.body;
  function.memo_slot = program_->memo_slots++;
  ir::LocalIndex result = new_local();
  function.result = result;
  emit(ir::Op::MakeObject).target = result;

  if (!node->rules.empty()) {
    emit_block([&] {
      ir::LocalIndex value = new_local();
      auto& call = emit(ir::Op::CallFunction);
      call.index = function_for(node, frame_.mocks);
      call.target = value;
      call.args = implicit_args();
      auto& merge = emit(ir::Op::ObjectMerge);
      merge.target = result;
      merge.a = ir::Operand::local(value);
    });
  }
  // The function of a node of object rules includes the rules below it (add_rules_below).
  bool children_planned = !node->rules.empty() && rule_kind(*node) == RuleKind::Object;
  for (auto& [key, child] : node->children) {
    if (children_planned) break;
    if (!child->has_rules_below || is_data_mocked(child->path)) continue;
    // Functions are not documents: they take no part in the extent.
    if (!child->rules.empty() && rule_kind(*child) == RuleKind::Function) continue;
    emit_block([&] {
      bool leaf = !child->rules.empty() &&
                  std::none_of(child->children.begin(), child->children.end(),
                               [](const auto& c) { return c.second->has_rules_below; });
      ir::LocalIndex value = new_local();
      auto& call = emit(ir::Op::CallFunction);
      call.index = leaf ? function_for(child.get(), frame_.mocks)
                        : extent_function_for(child.get(), frame_.mocks);
      call.target = value;
      call.args = implicit_args();
      auto& insert = emit(ir::Op::ObjectInsert);
      insert.target = result;
      insert.a = constant(Value::string(key));
      insert.b = ir::Operand::local(value);
    });
  }

  // The base document at the node's path, when it is an object, merged last: where a rule and
  // the base document give a path different values, the base document's value stays, as in
  // OPA.
  emit_block([&] {
    ir::Operand current = ir::Operand::local(frame_.data);
    for (const auto& key : node->path) {
      ir::LocalIndex next = new_local();
      auto& dot = emit(ir::Op::Dot);
      dot.target = next;
      dot.a = current;
      dot.b = constant(Value::string(key));
      current = ir::Operand::local(next);
    }
    emit(ir::Op::IsObject).a = current;
    auto& merge = emit(ir::Op::ObjectMerge);
    merge.target = result;
    merge.a = current;
  });
}

// --- query --------------------------------------------------------------------------------------

namespace {

// True when a term contains a ref with a part that is not a constant, so the ref may iterate.
bool has_iterating_ref(const ast::Term& term) {
  if (term.kind == ast::TermKind::Ref) {
    for (size_t i = 1; i < term.items.size(); ++i) {
      auto kind = term.items[i]->kind;
      bool scalar = kind == ast::TermKind::String || kind == ast::TermKind::Number ||
                    kind == ast::TermKind::Boolean || kind == ast::TermKind::Null;
      if (!scalar) return true;
    }
  }
  for (const auto& item : term.items) {
    if (has_iterating_ref(*item)) return true;
  }
  for (const auto& [key, value] : term.entries) {
    if (has_iterating_ref(*key) || has_iterating_ref(*value)) return true;
  }
  return false;
}

bool query_iterates(const ast::Body& body) {
  for (const auto& expr : body) {
    for (const auto& term : expr->terms) {
      if (has_iterating_ref(*term)) return true;
    }
    if (expr->domain && has_iterating_ref(*expr->domain)) return true;
  }
  return false;
}

}  // namespace

void Planner::plan_query(const CompiledProgram& compiled) {
  ir::Function& query = program_->query;
  query.name = "query";
  frame_ = Frame();
  frame_.function = &query;
  frame_.block = &query.body;

  const ast::Body& body = compiled.query;
  program_->bindings = compiled.query_vars;
  // As `opa eval` does, a query expression that is a term reports its value even when it is
  // false. When the query has several expressions or iterates, false filters the result out.
  bool filter_false = body.size() > 1 || query_iterates(body);
  // Expressions that the compiler generated (they have no source text) are evaluated but not
  // reported.
  std::vector<std::optional<ir::LocalIndex>> expression_values;
  for (const auto& expr : body) {
    if (expr->text.empty()) {
      expression_values.push_back(std::nullopt);
    } else {
      expression_values.push_back(new_local());
    }
  }
  program_->expressions = std::count_if(expression_values.begin(), expression_values.end(),
                                        [](const auto& local) { return local.has_value(); });

  std::function<void(size_t)> plan_from = [&](size_t i) {
    if (i == body.size()) {
      auto& add = emit(ir::Op::ResultAdd);
      for (const auto& local : expression_values) {
        if (local) add.args.push_back(ir::Operand::local(*local));
      }
      for (const auto& name : compiled.query_vars) {
        auto it = frame_.vars.find(name);
        add.args.push_back(it != frame_.vars.end() ? ir::Operand::local(it->second)
                                                   : ir::Operand::local(new_local()));
      }
      return;
    }
    const ast::Expr& expr = *body[i];
    const auto& capture = expression_values[i];
    if (capture && expr.kind == ast::ExprKind::Term && !expr.negated) {
      plan_expr_captured(expr, *capture, filter_false, [&] { plan_from(i + 1); });
      return;
    }
    if (capture) {
      auto& assign = emit(ir::Op::AssignVar);
      assign.target = *capture;
      assign.a = constant(Value::boolean(true));
    }
    plan_expr(expr, [&] { plan_from(i + 1); });
  };
  plan_from(0);
}

// --- emission helpers ------------------------------------------------------------------------

ir::LocalIndex Planner::new_local() { return frame_.function->locals++; }

std::vector<ir::Operand> Planner::implicit_args() const {
  return {ir::Operand::local(frame_.input), ir::Operand::local(frame_.data),
          ir::Operand::local(frame_.mock_values)};
}

ir::Stmt& Planner::emit(ir::Op op) {
  frame_.block->stmts.emplace_back();
  ir::Stmt& stmt = frame_.block->stmts.back();
  stmt.op = op;
  return stmt;
}

void Planner::emit_undefined() { emit(ir::Op::Break).index = 0; }

ir::Stmt& Planner::emit_nested(ir::Op op, const Cont& inner) {
  ir::Stmt& stmt = emit(op);
  stmt.blocks.push_back(std::make_unique<ir::Block>());
  ir::Block* saved_block = frame_.block;
  auto saved_vars = frame_.vars;
  frame_.block = stmt.blocks.back().get();
  frame_.depth++;
  inner();
  frame_.depth--;
  frame_.block = saved_block;
  frame_.vars = std::move(saved_vars);
  return frame_.block->stmts.back();
}

void Planner::emit_block(const Cont& inner) { emit_nested(ir::Op::Block, inner); }

void Planner::emit_coverage_mark(const Location& location) {
  // The query and compiler-generated terms have no file; OPA's report leaves them out too.
  if (!options_.coverage || location.file_name().empty() || location.row <= 0) return;
  emit(ir::Op::MarkCovered).location = location;
}

uint32_t Planner::builtin_index(const std::string& name) {
  auto it = builtin_index_.find(name);
  if (it != builtin_index_.end()) return it->second;
  uint32_t index = program_->builtins.size();
  program_->builtins.push_back(find_builtin(name));
  builtin_index_[name] = index;
  return index;
}

ir::Operand Planner::constant(Value value) {
  auto it = constant_index_.find(value);
  // Numbers that compare equal may print differently (1 and 1.0), so they share a slot only
  // when their text matches too.
  if (it != constant_index_.end() && !value.is_number()) {
    return ir::Operand::constant(it->second);
  }
  uint32_t index = program_->constants.size();
  program_->constants.push_back(value);
  if (it == constant_index_.end()) constant_index_[value] = index;
  return ir::Operand::constant(index);
}

}  // namespace planning
}  // namespace regoc
