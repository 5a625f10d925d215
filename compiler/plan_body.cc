// Planning of bodies and expressions: negation, `every`, `with` modifiers and unification.
#include <algorithm>

#include "compiler/planner_impl.h"
#include "runtime/builtins/builtin.h"

namespace regoc::planning {

void Planner::plan_body(const ast::Body& body, size_t index, const Cont& cont) {
  if (index == body.size()) {
    cont();
    return;
  }
  const ast::Expr& expr = *body[index];
  if (frame_.established &&
      std::find(frame_.established->begin(), frame_.established->end(), &expr) !=
          frame_.established->end()) {
    emit_coverage_mark(expr.location);
    plan_body(body, index + 1, cont);
    return;
  }
  plan_expr(expr, [&] { plan_body(body, index + 1, cont); });
}

void Planner::plan_expr(const ast::Expr& expr, const Cont& cont) {
  emit_coverage_mark(expr.location);
  if (expr.negated) {
    emit_nested(ir::Op::Not, [&] { plan_with_from(expr, 0, std::nullopt, [] {}); });
    cont();
    return;
  }
  plan_with_from(expr, 0, std::nullopt, cont);
}

void Planner::plan_expr_captured(const ast::Expr& expr, ir::LocalIndex capture,
                                 bool filter_false, const Cont& cont) {
  plan_with_from(expr, 0, Capture{capture, filter_false}, cont);
}

void Planner::plan_expr_core(const ast::Expr& expr, const std::optional<Capture>& capture,
                             const Cont& cont) {
  switch (expr.kind) {
    case ast::ExprKind::Term:
      plan_value(expr.terms[0], [&](ir::Operand value) {
        if (capture) {
          auto& assign = emit(ir::Op::AssignVar);
          assign.target = capture->local;
          assign.a = value;
        }
        if (!capture || capture->filter_false) {
          auto& test = emit(ir::Op::NotEqual);
          test.a = value;
          test.b = constant(Value::boolean(false));
        }
        cont();
      });
      return;
    case ast::ExprKind::Unify:
    case ast::ExprKind::Assign:
      plan_unify(expr.terms[0], expr.terms[1], cont);
      return;
    case ast::ExprKind::Some:
      if (expr.domain) {
        // `some k, v in xs` left as is: iterate the domain.
        plan_value(expr.domain, [&](ir::Operand domain) {
          ir::LocalIndex key = new_local();
          ir::LocalIndex value = new_local();
          auto& scan = emit_nested(ir::Op::Scan,
                                   [&] { plan_bind_key_value(expr, key, value, cont); });
          scan.a = domain;
          scan.key = key;
          scan.value = value;
        });
        return;
      }
      cont();
      return;
    case ast::ExprKind::Every:
      plan_every(expr, cont);
      return;
  }
}

// Unifies the key and value terms of `some k, v in xs` or `every k, v in xs` (either may be
// absent) with the locals that a Scan sets, then plans `cont`.
void Planner::plan_bind_key_value(const ast::Expr& expr, ir::LocalIndex key,
                                  ir::LocalIndex value, const Cont& cont) {
  auto bind_value = [&] {
    if (expr.value) {
      plan_unify_value(expr.value, ir::Operand::local(value), cont);
    } else {
      cont();
    }
  };
  if (expr.key) {
    plan_unify_value(expr.key, ir::Operand::local(key), bind_value);
  } else {
    bind_value();
  }
}

// every k, v in domain { body } is true when no element makes the body undefined:
//   Not { found := undefined; Scan domain { Not { body }; found := true }; IsDefined(found) }
void Planner::plan_every(const ast::Expr& expr, const Cont& cont) {
  emit_nested(ir::Op::Not, [&] {
    ir::LocalIndex found = new_local();
    emit(ir::Op::ResetLocal).target = found;
    plan_value(expr.domain, [&](ir::Operand domain) {
      ir::LocalIndex key = new_local();
      ir::LocalIndex value = new_local();
      auto& scan = emit_nested(ir::Op::Scan, [&] {
        auto counterexample = [&] {
          emit_nested(ir::Op::Not, [&] { plan_body(*expr.body, 0, [] {}); });
          auto& assign = emit(ir::Op::AssignVar);
          assign.target = found;
          assign.a = constant(Value::boolean(true));
        };
        plan_bind_key_value(expr, key, value, counterexample);
      });
      scan.a = domain;
      scan.key = key;
      scan.value = value;
      emit(ir::Op::IsDefined).a = ir::Operand::local(found);
    });
  });
  cont();
}

// --- with ---------------------------------------------------------------------------------------

void Planner::plan_with_from(const ast::Expr& expr, size_t index,
                             const std::optional<Capture>& capture, const Cont& cont) {
  if (index == expr.withs.size()) {
    plan_expr_core(expr, capture, cont);
    return;
  }
  const ast::With& with = expr.withs[index];
  const auto& items = with.target->items;
  bool bare_name = with.target->kind == ast::TermKind::Var;
  std::string head = bare_name ? with.target->text : items.empty() ? "" : items[0]->text;
  std::vector<std::string> path;
  for (size_t i = 1; i < items.size(); ++i) {
    if (items[i]->kind != ast::TermKind::String) {
      fail(with.location, "with target must be a ref of strings: " + ast::to_string(*with.target));
      return;
    }
    path.push_back(items[i]->text);
  }

  std::string target_name = bare_name ? with.target->text : ast::ref_name(*with.target);
  bool replaces_function = (head != "input" && head != "data") || function_node(target_name);
  if (replaces_function) {
    Mocks outer_mocks = frame_.mocks;
    ir::LocalIndex outer_values = frame_.mock_values;
    plan_function_mock(with, target_name, [&] {
      Mocks inside_mocks = frame_.mocks;
      ir::LocalIndex inside_values = frame_.mock_values;
      plan_with_from(expr, index + 1, capture, [&] {
        // The rest of the body calls the functions that were in force before the modifier.
        frame_.mocks = outer_mocks;
        frame_.mock_values = outer_values;
        cont();
        frame_.mocks = inside_mocks;
        frame_.mock_values = inside_values;
      });
    });
    return;
  }

  plan_value(with.value, [&](ir::Operand value) {
    ir::LocalIndex document = new_local();
    ir::LocalIndex source = head == "input" ? frame_.input : frame_.data;
    if (path.empty()) {
      auto& assign = emit(ir::Op::AssignVar);
      assign.target = document;
      assign.a = value;
    } else {
      auto& upsert = emit(ir::Op::Upsert);
      upsert.target = document;
      upsert.a = ir::Operand::local(source);
      upsert.b = value;
      for (const auto& key : path) upsert.args.push_back(constant(Value::string(key)));
    }
    Frame outer = frame_;
    if (head == "input") {
      frame_.input = document;
    } else {
      frame_.data = document;
      Mock mock;
      mock.is_data = true;
      mock.path = path;
      frame_.mocks.push_back(std::move(mock));
    }
    Frame inside = frame_;
    plan_with_from(expr, index + 1, capture, [&] {
      // The rest of the body reads the documents as they were before the modifier.
      frame_.input = outer.input;
      frame_.data = outer.data;
      frame_.mocks = outer.mocks;
      cont();
      frame_.input = inside.input;
      frame_.data = inside.data;
      frame_.mocks = inside.mocks;
    });
    frame_.input = outer.input;
    frame_.data = outer.data;
    frame_.mocks = outer.mocks;
  });
}

// A `with` on a function or builtin: the replacement is another function or builtin, a
// constant, or a value planned here and passed to the calls below in the mock values array.
void Planner::plan_function_mock(const ast::With& with, std::string function,
                                 const Cont& inner) {
  Mock mock;
  mock.function = std::move(function);
  const ast::Term& replacement = *with.value;
  std::string replacement_name = ast::ref_name(replacement);
  if (replacement.kind == ast::TermKind::Var && !is_bound(replacement.text)) {
    replacement_name = replacement.text;
  }
  const Builtin* builtin = find_builtin(replacement_name);
  bool names_function = function_node(replacement_name) != nullptr ||
                        (builtin && builtin->function &&
                         !(replacement.kind == ast::TermKind::Var && is_bound(replacement.text)));
  // Plans `inner` with the mock in force, then restores the mocks in force before it.
  auto plan_inside = [&] {
    Mocks outer_mocks = frame_.mocks;
    ir::LocalIndex outer_values = frame_.mock_values;
    frame_.mocks.push_back(mock);
    inner();
    frame_.mocks = std::move(outer_mocks);
    frame_.mock_values = outer_values;
  };
  if (names_function) {
    mock.replacement_name = replacement_name;
    plan_inside();
    return;
  }
  if (auto value = ast::constant_value(replacement)) {
    mock.constant = std::move(*value);
    plan_inside();
    return;
  }
  plan_value(with.value, [&](ir::Operand value) {
    int slot = 0;
    for (const auto& m : frame_.mocks) slot += m.value_slot >= 0 ? 1 : 0;
    ir::LocalIndex values = new_local();
    if (slot == 0) {
      emit(ir::Op::MakeArray).target = values;
    } else {
      auto& copy = emit(ir::Op::AssignVar);
      copy.target = values;
      copy.a = ir::Operand::local(frame_.mock_values);
    }
    auto& append = emit(ir::Op::ArrayAppend);
    append.target = values;
    append.a = value;
    mock.value_slot = slot;
    ir::LocalIndex outer_values = frame_.mock_values;
    frame_.mock_values = values;
    plan_inside();
    frame_.mock_values = outer_values;
  });
}

// --- unification -------------------------------------------------------------------------------

bool Planner::is_pattern(const ast::Term& term) const {
  switch (term.kind) {
    case ast::TermKind::Var:
      return !is_bound(term.text);
    case ast::TermKind::Array:
      for (const auto& item : term.items) {
        if (is_pattern(*item)) return true;
      }
      return false;
    case ast::TermKind::Object:
      for (const auto& [key, value] : term.entries) {
        if (is_pattern(*value)) return true;
      }
      return false;
    default:
      return false;
  }
}

void Planner::plan_unify(const ast::TermPtr& left, const ast::TermPtr& right, const Cont& cont) {
  using ast::TermKind;
  if (left->kind == TermKind::Var && !is_bound(left->text)) {
    if (right->kind == TermKind::Var && !is_bound(right->text)) {
      fail(left->location, "var " + left->text + " is unsafe");
      return;
    }
    plan_value(right, [&](ir::Operand value) { plan_unify_value(left, value, cont); });
    return;
  }
  if (right->kind == TermKind::Var && !is_bound(right->text)) {
    plan_value(left, [&](ir::Operand value) { plan_unify_value(right, value, cont); });
    return;
  }
  if (left->kind == TermKind::Array && right->kind == TermKind::Array) {
    if (left->items.size() != right->items.size()) {
      emit_undefined();
      return;
    }
    std::function<void(size_t)> unify_from = [&](size_t i) {
      if (i == left->items.size()) {
        cont();
        return;
      }
      plan_unify(left->items[i], right->items[i], [&] { unify_from(i + 1); });
    };
    unify_from(0);
    return;
  }
  if (left->kind == TermKind::Object && right->kind == TermKind::Object &&
      plan_unify_objects(*left, *right, cont)) {
    return;
  }
  if (is_pattern(*left)) {
    plan_value(right, [&](ir::Operand value) { plan_unify_value(left, value, cont); });
    return;
  }
  if (is_pattern(*right)) {
    plan_value(left, [&](ir::Operand value) { plan_unify_value(right, value, cont); });
    return;
  }
  plan_value(left, [&](ir::Operand a) {
    plan_value(right, [&](ir::Operand b) {
      auto& test = emit(ir::Op::Equal);
      test.a = a;
      test.b = b;
      cont();
    });
  });
}

// Unifies two object literals key by key when their keys are constants. Returns false when
// a key is not constant, leaving the caller to unify the planned values.
bool Planner::plan_unify_objects(const ast::Term& left, const ast::Term& right,
                                 const Cont& cont) {
  std::map<Value, ast::TermPtr> left_values;
  std::map<Value, ast::TermPtr> right_values;
  for (const auto& [key, value] : left.entries) {
    auto constant_key = ast::constant_value(*key);
    if (!constant_key) return false;
    left_values[*constant_key] = value;
  }
  for (const auto& [key, value] : right.entries) {
    auto constant_key = ast::constant_value(*key);
    if (!constant_key) return false;
    right_values[*constant_key] = value;
  }
  std::vector<std::pair<ast::TermPtr, ast::TermPtr>> pairs;
  for (const auto& [key, value] : left_values) {
    auto it = right_values.find(key);
    if (it == right_values.end()) break;
    pairs.emplace_back(value, it->second);
  }
  if (pairs.size() != left_values.size() || left_values.size() != right_values.size()) {
    emit_undefined();
    return true;
  }
  std::function<void(size_t)> unify_from = [&](size_t i) {
    if (i == pairs.size()) {
      cont();
      return;
    }
    plan_unify(pairs[i].first, pairs[i].second, [&] { unify_from(i + 1); });
  };
  unify_from(0);
  return true;
}

// Unifies a term, which may contain unbound variables, with a planned value.
void Planner::plan_unify_value(const ast::TermPtr& pattern, ir::Operand value, const Cont& cont) {
  using ast::TermKind;
  if (pattern->kind == TermKind::Var && !is_bound(pattern->text)) {
    ir::LocalIndex local = new_local();
    auto& assign = emit(ir::Op::AssignVar);
    assign.target = local;
    assign.a = value;
    frame_.vars[pattern->text] = local;
    cont();
    return;
  }
  if (!is_pattern(*pattern)) {
    plan_value(pattern, [&](ir::Operand expected) {
      auto& test = emit(ir::Op::Equal);
      test.a = expected;
      test.b = value;
      cont();
    });
    return;
  }
  bool is_array = pattern->kind == TermKind::Array;
  emit(is_array ? ir::Op::IsArray : ir::Op::IsObject).a = value;
  ir::LocalIndex length = new_local();
  auto& len = emit(ir::Op::Len);
  len.target = length;
  len.a = value;
  size_t count = is_array ? pattern->items.size() : pattern->entries.size();
  auto& test = emit(ir::Op::Equal);
  test.a = ir::Operand::local(length);
  test.b = constant(Value::integer(static_cast<int64_t>(count)));

  std::function<void(size_t)> unify_from = [&](size_t i) {
    if (i == count) {
      cont();
      return;
    }
    const ast::TermPtr& key_term = is_array ? nullptr : pattern->entries[i].first;
    const ast::TermPtr& item = is_array ? pattern->items[i] : pattern->entries[i].second;
    auto with_key = [&](ir::Operand key) {
      ir::LocalIndex element = new_local();
      auto& dot = emit(ir::Op::Dot);
      dot.target = element;
      dot.a = value;
      dot.b = key;
      plan_unify_value(item, ir::Operand::local(element), [&] { unify_from(i + 1); });
    };
    if (is_array) {
      with_key(constant(Value::integer(static_cast<int64_t>(i))));
    } else {
      plan_value(key_term, with_key);
    }
  };
  unify_from(0);
}

}  // namespace regoc::planning
