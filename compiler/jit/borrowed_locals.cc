// The borrowed-locals analysis (see borrowed_locals.h): start from "every local borrows" and
// clear a local's flag whenever a statement writes it in a way that needs ownership, until
// nothing changes. Clearing a flag can disqualify the locals read from it, hence the loop.
#include "compiler/jit/borrowed_locals.h"

#include <algorithm>
#include <functional>

namespace regoc::jit {
namespace {

using ir::Op;

void for_each_stmt(const ir::Block& block, const std::function<void(const ir::Stmt&)>& visit) {
  for (const ir::Stmt& stmt : block.stmts) {
    visit(stmt);
    for (const auto& child : stmt.blocks) for_each_stmt(*child, visit);
  }
}

// Whether `op` writes its `target` local.
bool writes_target(Op op) {
  switch (op) {
    case Op::Block:
    case Op::Break:
    case Op::Scan:
    case Op::Not:
    case Op::Switch:
    case Op::Equal:
    case Op::NotEqual:
    case Op::IsDefined:
    case Op::IsUndefined:
    case Op::IsArray:
    case Op::IsObject:
    case Op::ResultAdd:
    case Op::MarkCovered:
      return false;
    default:
      return true;
  }
}

class Analysis {
 public:
  Analysis(const ir::Function& function, bool returns_result)
      : function_(function),
        borrowed_(std::max(function.locals, ir::kImplicitParams), true) {
    if (returns_result && function.result < borrowed_.size()) borrowed_[function.result] = false;
  }

  std::vector<bool> run() {
    if (writes_a_parameter()) return std::vector<bool>(borrowed_.size(), false);
    do {
      changed_ = false;
      for_each_stmt(function_.body, [this](const ir::Stmt& stmt) { visit(stmt); });
    } while (changed_);
    return borrowed_;
  }

 private:
  bool writes_a_parameter() const {
    bool found = false;
    auto is_parameter = [this](ir::LocalIndex local) { return local < function_.params; };
    for_each_stmt(function_.body, [&](const ir::Stmt& stmt) {
      if (writes_target(stmt.op) && is_parameter(stmt.target)) found = true;
      if (stmt.op == Op::Scan && (is_parameter(stmt.key) || is_parameter(stmt.value))) {
        found = true;
      }
    });
    return found;
  }

  // A constant, or a local that holds only values it borrows.
  bool lends(const ir::Operand& operand) const {
    return !operand.is_local() || (operand.index < borrowed_.size() && borrowed_[operand.index]);
  }

  void clear(ir::LocalIndex local) {
    if (local < borrowed_.size() && borrowed_[local]) {
      borrowed_[local] = false;
      changed_ = true;
    }
  }

  void visit(const ir::Stmt& stmt) {
    switch (stmt.op) {
      case Op::Dot:
      case Op::AssignVar:
        if (!lends(stmt.a)) clear(stmt.target);
        return;
      case Op::ResetLocal:
        return;
      case Op::Scan:
        // Both element locals borrow, or neither does: one ABI call writes both.
        if (!lends(stmt.a) || !lends(ir::Operand::local(stmt.key)) ||
            !lends(ir::Operand::local(stmt.value))) {
          clear(stmt.key);
          clear(stmt.value);
        }
        return;
      default:
        if (writes_target(stmt.op)) clear(stmt.target);
        return;
    }
  }

  const ir::Function& function_;
  std::vector<bool> borrowed_;
  bool changed_ = false;
};

}  // namespace

std::vector<bool> borrowed_locals(const ir::Function& function, bool returns_result) {
  return Analysis(function, returns_result).run();
}

}  // namespace regoc::jit
