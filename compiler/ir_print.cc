// The text form of the planned IR: one statement a line, nested blocks indented.
#include <sstream>

#include "compiler/ir.h"
#include "runtime/builtins/builtin.h"
#include "runtime/json.h"

namespace regoc::ir {
namespace {

const char* op_name(Op op) {
  switch (op) {
    case Op::Block: return "Block";
    case Op::Break: return "Break";
    case Op::Scan: return "Scan";
    case Op::Not: return "Not";
    case Op::Switch: return "Switch";
    case Op::AssignVar: return "AssignVar";
    case Op::AssignVarOnce: return "AssignVarOnce";
    case Op::ResetLocal: return "ResetLocal";
    case Op::Equal: return "Equal";
    case Op::NotEqual: return "NotEqual";
    case Op::IsDefined: return "IsDefined";
    case Op::IsUndefined: return "IsUndefined";
    case Op::IsArray: return "IsArray";
    case Op::IsObject: return "IsObject";
    case Op::Dot: return "Dot";
    case Op::Len: return "Len";
    case Op::CallBuiltin: return "CallBuiltin";
    case Op::CallFunction: return "CallFunction";
    case Op::MakeArray: return "MakeArray";
    case Op::MakeObject: return "MakeObject";
    case Op::MakeSet: return "MakeSet";
    case Op::ArrayAppend: return "ArrayAppend";
    case Op::SetAdd: return "SetAdd";
    case Op::ObjectInsert: return "ObjectInsert";
    case Op::ObjectInsertOnce: return "ObjectInsertOnce";
    case Op::ObjectInsertPathOnce: return "ObjectInsertPathOnce";
    case Op::ObjectSetAddPath: return "ObjectSetAddPath";
    case Op::ObjectMerge: return "ObjectMerge";
    case Op::Upsert: return "Upsert";
    case Op::ResultAdd: return "ResultAdd";
    case Op::MarkCovered: return "MarkCovered";
  }
  return "?";
}

class Printer {
 public:
  explicit Printer(const Program& program) : program_(program) {}

  std::string print() {
    for (size_t i = 0; i < program_.functions.size(); ++i) print_function(i, program_.functions[i]);
    print_function(-1, program_.query);
    return out_.str();
  }

 private:
  std::string operand(const Operand& op) const {
    if (op.is_local()) return "%" + std::to_string(op.index);
    return to_json(program_.constants[op.index]);
  }

  std::string operands(const std::vector<Operand>& ops) const {
    std::string text;
    for (size_t i = 0; i < ops.size(); ++i) text += (i ? ", " : "") + operand(ops[i]);
    return text;
  }

  void print_function(long index, const Function& function) {
    out_ << "func " << (index >= 0 ? std::to_string(index) + " " : "") << function.name
         << " params=" << function.params << " locals=" << function.locals << " result=%"
         << function.result;
    if (function.memo_slot >= 0) out_ << " memo=" << function.memo_slot;
    out_ << "\n";
    print_block(function.body, 1);
  }

  void print_block(const Block& block, int depth) {
    for (const Stmt& stmt : block.stmts) print_stmt(stmt, depth);
  }

  void print_stmt(const Stmt& stmt, int depth) {
    out_ << std::string(depth * 2, ' ') << op_name(stmt.op);
    switch (stmt.op) {
      case Op::Block: break;
      case Op::Break: out_ << " " << stmt.index; break;
      case Op::Scan:
        out_ << " " << operand(stmt.a) << " key=%" << stmt.key << " value=%" << stmt.value;
        break;
      case Op::Not: break;
      case Op::Switch: out_ << " " << operand(stmt.a) << " cases=" << operand(stmt.b); break;
      case Op::CallBuiltin:
        out_ << " %" << stmt.target << " = " << program_.builtins[stmt.index]->name << "("
             << operands(stmt.args) << ")";
        break;
      case Op::CallFunction:
        out_ << " %" << stmt.target << " = func " << stmt.index << "(" << operands(stmt.args)
             << ")";
        break;
      case Op::ResultAdd: out_ << " " << operands(stmt.args); break;
      case Op::MarkCovered:
        out_ << " " << stmt.location.file_name() << ":" << stmt.location.row;
        break;
      default:
        out_ << " %" << stmt.target << " a=" << operand(stmt.a) << " b=" << operand(stmt.b);
        if (!stmt.args.empty()) out_ << " path=[" << operands(stmt.args) << "]";
        break;
    }
    out_ << "\n";
    for (size_t i = 0; i < stmt.blocks.size(); ++i) {
      if (stmt.blocks.size() > 1) out_ << std::string(depth * 2 + 2, ' ') << "block " << i << "\n";
      print_block(*stmt.blocks[i], depth + 1);
    }
  }

  const Program& program_;
  std::ostringstream out_;
};

}  // namespace

std::string to_string(const Program& program) { return Printer(program).print(); }

}  // namespace regoc::ir
