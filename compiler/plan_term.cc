// Planning of terms: scalars and composites, refs into input, data and local values (lookups
// and iteration), calls of builtins and functions, and comprehensions.
#include <algorithm>

#include "compiler/ast_json.h"
#include "compiler/planner_impl.h"
#include "runtime/builtins/builtin.h"
#include "runtime/number.h"

namespace regoc::planning {

bool Planner::is_bound(const std::string& var) const { return frame_.vars.count(var) != 0; }

bool Planner::has_unbound_vars(const ast::Term& term) const {
  switch (term.kind) {
    case ast::TermKind::Var:
      return !is_bound(term.text) && term.text != "input" && term.text != "data";
    case ast::TermKind::Ref:
    case ast::TermKind::Array:
    case ast::TermKind::Set:
    case ast::TermKind::Call:
    case ast::TermKind::TemplateString:
      for (const auto& item : term.items) {
        if (has_unbound_vars(*item)) return true;
      }
      return false;
    case ast::TermKind::Object:
      for (const auto& [key, value] : term.entries) {
        if (has_unbound_vars(*key) || has_unbound_vars(*value)) return true;
      }
      return false;
    default:
      return false;  // scalars; comprehensions are closed over bound variables
  }
}

bool Planner::is_data_mocked(const std::vector<std::string>& path) const {
  for (const auto& mock : frame_.mocks) {
    if (!mock.is_data || mock.path.size() > path.size()) continue;
    if (std::equal(mock.path.begin(), mock.path.end(), path.begin())) return true;
  }
  return false;
}

void Planner::plan_value(const ast::TermPtr& term, const ValueCont& cont) {
  if (auto value = ast::constant_value(*term)) {
    cont(constant(std::move(*value)));
    return;
  }
  switch (term->kind) {
    case ast::TermKind::Var: {
      if (term->text == "input") {
        emit(ir::Op::IsDefined).a = ir::Operand::local(frame_.input);
        cont(ir::Operand::local(frame_.input));
        return;
      }
      if (term->text == "data") {
        ast::Term ref = *ast::make_ref({term}, term->location);
        plan_data_ref(ref, cont);
        return;
      }
      auto it = frame_.vars.find(term->text);
      if (it == frame_.vars.end()) {
        fail(term->location, "var " + term->text + " is unsafe");
        return;
      }
      cont(ir::Operand::local(it->second));
      return;
    }
    case ast::TermKind::Ref:
      plan_ref(*term, cont);
      return;
    case ast::TermKind::Call:
      plan_call(*term, cont);
      return;
    case ast::TermKind::Array:
    case ast::TermKind::Set:
    case ast::TermKind::Object:
      plan_collection(*term, cont);
      return;
    case ast::TermKind::ArrayCompr:
    case ast::TermKind::SetCompr:
    case ast::TermKind::ObjectCompr:
      plan_comprehension(*term, cont);
      return;
    default:
      fail(term->location, "cannot plan term " + ast::to_string(*term));
      return;
  }
}

void Planner::plan_values(const std::vector<ast::TermPtr>& terms, const ValuesCont& cont) {
  std::vector<ir::Operand> done;
  plan_values_from(terms, 0, done, cont);
}

void Planner::plan_values_from(const std::vector<ast::TermPtr>& terms, size_t index,
                               std::vector<ir::Operand>& done, const ValuesCont& cont) {
  if (index == terms.size()) {
    cont(done);
    return;
  }
  plan_value(terms[index], [&](ir::Operand value) {
    done.push_back(value);
    plan_values_from(terms, index + 1, done, cont);
    done.pop_back();
  });
}

void Planner::plan_collection(const ast::Term& term, const ValueCont& cont) {
  ir::Op make = term.kind == ast::TermKind::Array  ? ir::Op::MakeArray
                : term.kind == ast::TermKind::Set ? ir::Op::MakeSet
                                                  : ir::Op::MakeObject;
  std::vector<ast::TermPtr> parts;
  if (term.kind == ast::TermKind::Object) {
    for (const auto& [key, value] : term.entries) {
      parts.push_back(key);
      parts.push_back(value);
    }
  } else {
    parts = term.items;
  }
  plan_values(parts, [&](const std::vector<ir::Operand>& values) {
    ir::LocalIndex result = new_local();
    emit(make).target = result;
    if (term.kind == ast::TermKind::Object) {
      for (size_t i = 0; i + 1 < values.size(); i += 2) {
        auto& insert = emit(ir::Op::ObjectInsert);
        insert.target = result;
        insert.a = values[i];
        insert.b = values[i + 1];
      }
    } else {
      for (const auto& value : values) {
        auto& add = emit(term.kind == ast::TermKind::Array ? ir::Op::ArrayAppend : ir::Op::SetAdd);
        add.target = result;
        add.a = value;
      }
    }
    cont(ir::Operand::local(result));
  });
}

void Planner::plan_comprehension(const ast::Term& term, const ValueCont& cont) {
  ir::LocalIndex result = new_local();
  ir::Op make = term.kind == ast::TermKind::ArrayCompr ? ir::Op::MakeArray
                : term.kind == ast::TermKind::SetCompr ? ir::Op::MakeSet
                                                       : ir::Op::MakeObject;
  emit(make).target = result;
  emit_block([&] {
    plan_body(*term.body, 0, [&] {
      if (term.kind == ast::TermKind::ObjectCompr) {
        plan_value(term.key, [&](ir::Operand key) {
          plan_value(term.value, [&](ir::Operand value) {
            auto& insert = emit(ir::Op::ObjectInsertOnce);
            insert.target = result;
            insert.a = key;
            insert.b = value;
            insert.location = term.location;
            insert.message = "object keys must be unique";
          });
        });
        return;
      }
      plan_value(term.value, [&](ir::Operand value) {
        auto& add = emit(term.kind == ast::TermKind::ArrayCompr ? ir::Op::ArrayAppend
                                                                : ir::Op::SetAdd);
        add.target = result;
        add.a = value;
      });
    });
  });
  cont(ir::Operand::local(result));
}

// --- refs ---------------------------------------------------------------------------------------

void Planner::plan_ref(const ast::Term& ref, const ValueCont& cont) {
  const ast::TermPtr& head = ref.items[0];
  if (head->kind == ast::TermKind::Var && head->text == "data") {
    plan_data_ref(ref, cont);
    return;
  }
  plan_value(head, [&](ir::Operand value) { plan_ref_parts(ref, 1, value, cont); });
}

// Walks the rule tree along the ref's leading string parts. Where rules define the document,
// the ref reads the value of their function (or of the whole virtual document below a node);
// elsewhere it reads the base document directly.
void Planner::plan_data_ref(const ast::Term& ref, const ValueCont& cont) {
  const auto& items = ref.items;
  RuleNode* node = root_.get();
  size_t index = 1;
  while (index < items.size() && node->has_rules_below && node->rules.empty() &&
         !is_data_mocked(node->path)) {
    const ast::Term& part = *items[index];
    if (part.kind != ast::TermKind::String) break;
    auto it = node->children.find(part.text);
    if (it == node->children.end()) break;
    node = it->second.get();
    ++index;
  }

  bool base_only = !node->has_rules_below || is_data_mocked(node->path);
  if (!base_only && node->rules.empty() && index < items.size()) {
    const ast::Term& part = *items[index];
    if (ast::constant_value(part)) {
      base_only = true;  // a constant key that no rule below this node defines
    } else if (!has_unbound_vars(part)) {
      plan_dynamic_child(ref, node, index, cont);
      return;
    }
  }
  if (base_only) {
    plan_ref_parts(ref, 1, ir::Operand::local(frame_.data), cont, true);
    return;
  }

  if (!node->rules.empty() && rule_kind(*node) == RuleKind::Function) {
    fail(ref.location, "function " + ast::to_string(ref) + " is referenced without arguments");
    return;
  }
  uint32_t function = node_value_function(node);
  ir::LocalIndex value = new_local();
  auto& call = emit(ir::Op::CallFunction);
  call.index = function;
  call.target = value;
  call.args = implicit_args();
  call.location = ref.location;
  plan_ref_parts(ref, index, ir::Operand::local(value), cont);
}

// The function that computes a node's document: its rules' function when no rule lies below
// it, otherwise the function that builds its whole virtual document.
uint32_t Planner::node_value_function(RuleNode* node) {
  bool rule_children = std::any_of(node->children.begin(), node->children.end(),
                                   [](const auto& c) { return c.second->has_rules_below; });
  return (!node->rules.empty() && !rule_children) ? function_for(node, frame_.mocks)
                                                  : extent_function_for(node, frame_.mocks);
}

// A ref part whose value is known only at run time, below a node whose children hold rules:
// compares the key with each child's name and reads only the child it names, or else the
// base document. Reading the whole document instead could call the rule being planned.
void Planner::plan_dynamic_child(const ast::Term& ref, RuleNode* node, size_t index,
                                 const ValueCont& cont) {
  plan_value(ref.items[index], [&](ir::Operand key) {
    ir::LocalIndex result = new_local();
    emit(ir::Op::ResetLocal).target = result;
    for (auto& [name, child] : node->children) {
      if (!child->has_rules_below || is_data_mocked(child->path)) continue;
      if (!child->rules.empty() && rule_kind(*child) == RuleKind::Function) continue;
      emit_block([&] {
        auto& test = emit(ir::Op::Equal);
        test.a = key;
        test.b = constant(Value::string(name));
        ir::LocalIndex value = new_local();
        auto& call = emit(ir::Op::CallFunction);
        call.index = node_value_function(child.get());
        call.target = value;
        call.args = implicit_args();
        call.location = ref.location;
        auto& assign = emit(ir::Op::AssignVar);
        assign.target = result;
        assign.a = ir::Operand::local(value);
      });
    }
    emit_block([&] {
      emit(ir::Op::IsUndefined).a = ir::Operand::local(result);
      ir::Operand current = ir::Operand::local(frame_.data);
      auto dot = [&](ir::Operand part) {
        ir::LocalIndex next = new_local();
        auto& stmt = emit(ir::Op::Dot);
        stmt.target = next;
        stmt.a = current;
        stmt.b = part;
        stmt.index = ir::kDotBaseDocument;
        current = ir::Operand::local(next);
      };
      for (const auto& name : node->path) dot(constant(Value::string(name)));
      dot(key);
      auto& assign = emit(ir::Op::AssignVar);
      assign.target = result;
      assign.a = current;
    });
    emit(ir::Op::IsDefined).a = ir::Operand::local(result);
    plan_ref_parts(ref, index + 1, ir::Operand::local(result), cont);
  });
}

// Applies ref parts from `index` on to a planned value: a bound part is a lookup, an unbound
// variable iterates the collection and binds the variable to each key.
void Planner::plan_ref_parts(const ast::Term& ref, size_t index, ir::Operand value,
                             const ValueCont& cont, bool base_document) {
  if (index == ref.items.size()) {
    cont(value);
    return;
  }
  const ast::TermPtr& part = ref.items[index];
  if (!has_unbound_vars(*part)) {
    plan_value(part, [&](ir::Operand key) {
      ir::LocalIndex element = new_local();
      auto& dot = emit(ir::Op::Dot);
      dot.target = element;
      dot.a = value;
      dot.b = key;
      dot.index = base_document ? ir::kDotBaseDocument : 0;
      plan_ref_parts(ref, index + 1, ir::Operand::local(element), cont, base_document);
    });
    return;
  }
  ir::LocalIndex key = new_local();
  ir::LocalIndex element = new_local();
  auto& scan = emit_nested(ir::Op::Scan, [&] {
    plan_unify_value(part, ir::Operand::local(key), [&] {
      plan_ref_parts(ref, index + 1, ir::Operand::local(element), cont, base_document);
    });
  });
  scan.a = value;
  scan.key = key;
  scan.value = element;
}

// --- calls --------------------------------------------------------------------------------------

void Planner::plan_call(const ast::Term& call, const ValueCont& cont) {
  std::string name = ast::ref_name(*call.items[0]);
  const Mock* mock = nullptr;
  for (auto it = frame_.mocks.rbegin(); it != frame_.mocks.rend(); ++it) {
    if (!it->is_data && it->function == name) {
      mock = &*it;
      break;
    }
  }
  if (mock && mock->replacement_name.empty()) {
    // Replaced by a value: the arguments are still evaluated, so an undefined argument still
    // makes the call undefined.
    std::vector<ast::TermPtr> args(call.items.begin() + 1, call.items.end());
    Mock replacement = *mock;
    plan_values(args, [&](const std::vector<ir::Operand>&) {
      if (replacement.constant) {
        cont(constant(*replacement.constant));
        return;
      }
      ir::LocalIndex value = new_local();
      auto& dot = emit(ir::Op::Dot);
      dot.target = value;
      dot.a = ir::Operand::local(frame_.mock_values);
      dot.b = constant(Value::integer(replacement.value_slot));
      cont(ir::Operand::local(value));
    });
    return;
  }
  if (mock) {
    name = mock->replacement_name;
    // Inside the replacement no function is replaced (as in OPA, a replacement never calls
    // another one): calls of the replaced function reach the original. `with` on data and
    // input stays in force.
    Mocks saved = frame_.mocks;
    frame_.mocks.erase(std::remove_if(frame_.mocks.begin(), frame_.mocks.end(),
                                      [](const Mock& m) { return !m.is_data; }),
                       frame_.mocks.end());
    Mocks reduced = frame_.mocks;
    frame_.mocks = saved;
    std::vector<ast::TermPtr> args(call.items.begin() + 1, call.items.end());
    plan_values(args, [&](const std::vector<ir::Operand>& planned) {
      Mocks outer = frame_.mocks;
      frame_.mocks = reduced;
      plan_call_to(name, call, planned, [&](ir::Operand result) {
        Mocks inner = frame_.mocks;
        frame_.mocks = outer;
        cont(result);
        frame_.mocks = inner;
      });
      frame_.mocks = outer;
    });
    return;
  }
  std::vector<ast::TermPtr> args(call.items.begin() + 1, call.items.end());
  // Arguments that bind variables by iteration go first, so that plain uses of the same
  // variables in other arguments see them bound.
  std::stable_partition(args.begin(), args.end(), [&](const ast::TermPtr& arg) {
    return arg->kind != ast::TermKind::Var && has_unbound_vars(*arg);
  });
  std::vector<ast::TermPtr> original(call.items.begin() + 1, call.items.end());
  plan_values(args, [&](const std::vector<ir::Operand>& planned) {
    std::vector<ir::Operand> ordered(original.size());
    for (size_t i = 0; i < original.size(); ++i) {
      size_t position = std::find(args.begin(), args.end(), original[i]) - args.begin();
      ordered[i] = planned[position];
    }
    plan_call_to(name, call, ordered, cont);
  });
}

RuleNode* Planner::function_node(const std::string& name) const {
  if (name.rfind("data.", 0) != 0) return nullptr;
  std::vector<std::string> path;
  size_t start = 5;
  while (start <= name.size()) {
    size_t dot = name.find('.', start);
    if (dot == std::string::npos) dot = name.size();
    path.push_back(name.substr(start, dot - start));
    start = dot + 1;
  }
  RuleNode* node = find_node(path);
  if (!node || node->rules.empty() || rule_kind(*node) != RuleKind::Function) return nullptr;
  return node;
}

void Planner::plan_call_to(const std::string& name, const ast::Term& call,
                           const std::vector<ir::Operand>& args, const ValueCont& cont) {
  ir::LocalIndex result = new_local();
  if (name.rfind("data.", 0) == 0) {
    RuleNode* node = function_node(name);
    if (!node) {
      fail(call.location, "undefined function " + name);
      return;
    }
    uint32_t function = function_for(node, frame_.mocks);
    auto& stmt = emit(ir::Op::CallFunction);
    stmt.index = function;
    stmt.target = result;
    stmt.args = implicit_args();
    stmt.args.insert(stmt.args.end(), args.begin(), args.end());
    stmt.location = call.location;
    cont(ir::Operand::local(result));
    return;
  }
  // OPA's compiler replaces rego.metadata.* calls in rules by the rule's annotations; in the
  // query the builtins run and fail.
  if (frame_.rule != nullptr && name == "rego.metadata.chain") {
    cont(constant(annotations_.chain(*frame_.rule)));
    return;
  }
  if (frame_.rule != nullptr && name == "rego.metadata.rule") {
    cont(constant(annotations_.rule_metadata(*frame_.rule)));
    return;
  }
  // The builtin parses Rego, which the runtime library cannot do by itself.
  if (name == "rego.parse_module") install_module_parser();
  const Builtin* builtin = find_builtin(name);
  if (!builtin || !builtin->function) {
    fail(call.location, builtin ? "builtin " + name + " is not supported yet"
                                : "undefined function " + name);
    return;
  }
  auto& stmt = emit(ir::Op::CallBuiltin);
  stmt.index = builtin_index(name);
  stmt.target = result;
  stmt.args = args;
  stmt.location = call.location;
  if (!builtin->relation) {
    cont(ir::Operand::local(result));
    return;
  }
  // A relation (walk) returns the array of all its outputs; the call yields each in turn.
  ir::LocalIndex index = new_local();
  ir::LocalIndex output = new_local();
  auto& scan = emit_nested(ir::Op::Scan, [&] { cont(ir::Operand::local(output)); });
  scan.a = ir::Operand::local(result);
  scan.key = index;
  scan.value = output;
}

}  // namespace regoc::planning
