// The interpreter's statement loop. exec_block and exec_stmt return kContinue when control
// goes on to the next statement, or the number of enclosing blocks still to leave: 0 ends the
// current block (an undefined statement or Break{0}), n ends n more. kError unwinds all.
#include "runtime/interp/interpreter.h"

#include <algorithm>
#include <climits>

#include "runtime/executor.h"
#include "runtime/interp/object_paths.h"
#include "runtime/number.h"

namespace regoc {
namespace {
constexpr int kContinue = -1;
constexpr int kUndefined = 0;
constexpr int kError = INT_MAX;

// OPA's error when a query runs past its deadline (topdown.CancelErr).
constexpr const char* kCancelCode = "eval_cancel_error";
constexpr const char* kCancelMessage = "caller cancelled query execution";
// Loop iterations and calls between two reads of the clock while a deadline is set.
constexpr uint32_t kStepsPerClockCheck = 256;

// True when two documents are the same for memoization: the same node, or equal inline values.
bool same_document(const Value& a, const Value& b) {
  if (a.identity() != b.identity()) return false;
  if (a.identity() != nullptr) return true;
  if (!a.is_defined() || !b.is_defined()) return a.is_defined() == b.is_defined();
  return a == b;
}

// A statement's outcome after a nested block returned `result`.
int leave_nested(int result) {
  if (result == kError) return kError;
  return result > 0 ? result - 1 : kContinue;
}
}  // namespace

Interpreter::Interpreter(const ir::Program& program, BuiltinContext& context,
                         bool strict_builtin_errors)
    : program_(program), context_(context), strict_builtin_errors_(strict_builtin_errors) {}

bool Interpreter::run(const Value& input, const Value& data, ResultRows& rows, Error* error) {
  memo_.assign(program_.memo_slots, MemoEntry());
  rows_ = &rows;
  std::vector<Value> frame(std::max<size_t>(program_.query.locals, ir::kImplicitParams));
  frame[ir::kInputLocal] = input;
  frame[ir::kDataLocal] = data;
  if (exec_block(program_.query.body, frame.data()) == kError) {
    rows.clear();  // an error that ends evaluation leaves no results
    *error = error_;
    return false;
  }
  if (builtin_error_) {
    *error = std::move(*builtin_error_);
    return false;
  }
  return true;
}

void Interpreter::set_deadline(std::chrono::steady_clock::time_point deadline) {
  deadline_ = deadline;
  steps_until_clock_check_ = 0;
}

bool Interpreter::deadline_passed() {
  if (!deadline_) return false;
  if (steps_until_clock_check_-- > 0) return false;
  steps_until_clock_check_ = kStepsPerClockCheck;
  return std::chrono::steady_clock::now() >= *deadline_;
}

int Interpreter::exec_block(const ir::Block& block, Value* frame) {
  for (const ir::Stmt& stmt : block.stmts) {
    int result = exec_stmt(stmt, frame);
    if (result != kContinue) return result;
  }
  return kContinue;
}

int Interpreter::raise(const ir::Stmt& stmt, const char* code, std::string message) {
  error_ = Error{code, std::move(message), stmt.location};
  return kError;
}

int Interpreter::exec_stmt(const ir::Stmt& stmt, Value* frame) {
  using ir::Op;
  switch (stmt.op) {
    case Op::Block:
      for (const auto& block : stmt.blocks) {
        int result = exec_block(*block, frame);
        if (result == kError) return kError;
        if (result > 0) return result - 1;
      }
      return kContinue;
    case Op::Break:
      return static_cast<int>(stmt.index);
    case Op::Scan:
      return exec_scan(stmt, frame);
    case Op::Switch: {
      const Value* case_number = operand(stmt.b, frame).find(operand(stmt.a, frame));
      if (!case_number) return kContinue;
      int result = exec_block(*stmt.blocks[case_number->as_number().to_int64()], frame);
      if (result == kError) return kError;
      return result > 0 ? result - 1 : kContinue;
    }
    case Op::Not: {
      int result = exec_block(*stmt.blocks[0], frame);
      if (result == kContinue) return kUndefined;
      if (result == kUndefined) return kContinue;
      return leave_nested(result);
    }
    case Op::AssignVar:
      frame[stmt.target] = operand(stmt.a, frame);
      return kContinue;
    case Op::AssignVarOnce: {
      const Value& value = operand(stmt.a, frame);
      Value& target = frame[stmt.target];
      if (target.is_defined() && target != value) {
        return raise(stmt, codes::kEvalConflict, stmt.message);
      }
      target = value;
      return kContinue;
    }
    case Op::ResetLocal:
      frame[stmt.target] = Value();
      return kContinue;
    case Op::Equal: {
      const Value& a = operand(stmt.a, frame);
      const Value& b = operand(stmt.b, frame);
      return a.is_defined() && b.is_defined() && a == b ? kContinue : kUndefined;
    }
    case Op::NotEqual: {
      const Value& a = operand(stmt.a, frame);
      const Value& b = operand(stmt.b, frame);
      return a.is_defined() && b.is_defined() && a != b ? kContinue : kUndefined;
    }
    case Op::IsDefined:
      return operand(stmt.a, frame).is_defined() ? kContinue : kUndefined;
    case Op::IsUndefined:
      return operand(stmt.a, frame).is_defined() ? kUndefined : kContinue;
    case Op::IsArray:
      return operand(stmt.a, frame).is_array() ? kContinue : kUndefined;
    case Op::IsObject:
      return operand(stmt.a, frame).is_object() ? kContinue : kUndefined;
    case Op::Dot: {
      const Value& collection = operand(stmt.a, frame);
      const Value& key = operand(stmt.b, frame);
      const Value* found = collection.find(key);
      if (!found && stmt.index == ir::kDotBaseDocument && collection.is_object() &&
          key.is_number()) {
        found = collection.find(key.as_number().to_string());
      }
      if (!found) return kUndefined;
      frame[stmt.target] = *found;
      return kContinue;
    }
    case Op::Len: {
      const Value& value = operand(stmt.a, frame);
      if (!value.is_array() && !value.is_object() && !value.is_set()) return kUndefined;
      frame[stmt.target] = Value::integer(static_cast<int64_t>(value.size()));
      return kContinue;
    }
    case Op::CallBuiltin:
      return exec_call_builtin(stmt, frame);
    case Op::CallFunction:
      return exec_call_function(stmt, frame);
    case Op::MakeArray:
      frame[stmt.target] = Value::array();
      return kContinue;
    case Op::MakeObject:
      frame[stmt.target] = Value::object();
      return kContinue;
    case Op::MakeSet:
      frame[stmt.target] = Value::set();
      return kContinue;
    case Op::ArrayAppend:
      frame[stmt.target].array_append(operand(stmt.a, frame));
      return kContinue;
    case Op::SetAdd:
      frame[stmt.target].set_insert(operand(stmt.a, frame));
      return kContinue;
    case Op::ObjectInsert:
      frame[stmt.target].object_insert(operand(stmt.a, frame), operand(stmt.b, frame));
      return kContinue;
    case Op::ObjectInsertOnce: {
      const Value& key = operand(stmt.a, frame);
      const Value& value = operand(stmt.b, frame);
      const Value* existing = frame[stmt.target].find(key);
      if (existing && *existing != value) return raise(stmt, codes::kEvalConflict, stmt.message);
      if (!existing) frame[stmt.target].object_insert(key, value);
      return kContinue;
    }
    case Op::ObjectInsertPathOnce: {
      std::vector<Value> keys;
      keys.reserve(stmt.args.size());
      for (const auto& arg : stmt.args) keys.push_back(operand(arg, frame));
      if (!insert_path_once(frame[stmt.target], keys, operand(stmt.a, frame))) {
        return raise(stmt, codes::kEvalConflict, stmt.message);
      }
      return kContinue;
    }
    case Op::ObjectSetAddPath: {
      std::vector<Value> keys;
      keys.reserve(stmt.args.size());
      for (const auto& arg : stmt.args) keys.push_back(operand(arg, frame));
      if (!set_add_path(frame[stmt.target], keys, operand(stmt.a, frame))) {
        return raise(stmt, codes::kEvalConflict, stmt.message);
      }
      return kContinue;
    }
    case Op::ObjectMerge:
      frame[stmt.target] = merge_objects(frame[stmt.target], operand(stmt.a, frame));
      return kContinue;
    case Op::Upsert: {
      std::vector<Value> keys;
      keys.reserve(stmt.args.size());
      for (const auto& arg : stmt.args) keys.push_back(operand(arg, frame));
      frame[stmt.target] = upsert_path(operand(stmt.a, frame), keys, operand(stmt.b, frame));
      return kContinue;
    }
    case Op::ResultAdd: {
      std::vector<Value> row;
      row.reserve(stmt.args.size());
      for (const auto& arg : stmt.args) row.push_back(operand(arg, frame));
      rows_->add(std::move(row));
      return kContinue;
    }
    case Op::MarkCovered:
      if (reached_) reached_->insert(&stmt);
      return kContinue;
  }
  return kContinue;
}

int Interpreter::exec_scan(const ir::Stmt& stmt, Value* frame) {
  const Value source = operand(stmt.a, frame);  // a copy: the body may reassign the local
  auto visit = [&](const Value& key, const Value& value) {
    if (deadline_passed()) {
      error_ = Error{kCancelCode, kCancelMessage, Location()};
      return kError;
    }
    frame[stmt.key] = key;
    frame[stmt.value] = value;
    return exec_block(*stmt.blocks[0], frame);
  };
  if (source.is_array()) {
    auto items = source.array_items();
    for (size_t i = 0; i < items.size(); ++i) {
      int result = visit(Value::integer(static_cast<int64_t>(i)), items[i]);
      if (result == kError || result > 0) return leave_nested(result);
    }
  } else if (source.is_object()) {
    for (const auto& [key, value] : source.object_entries()) {
      int result = visit(key, value);
      if (result == kError || result > 0) return leave_nested(result);
    }
  } else if (source.is_set()) {
    for (const auto& item : source.set_items()) {
      int result = visit(item, item);
      if (result == kError || result > 0) return leave_nested(result);
    }
  }
  return kContinue;
}

int Interpreter::exec_call_builtin(const ir::Stmt& stmt, Value* frame) {
  const Builtin* builtin = program_.builtins[stmt.index];
  Value args[16];
  size_t count = stmt.args.size();
  if (count > 16) return raise(stmt, codes::kInternal, builtin->name + ": too many arguments");
  for (size_t i = 0; i < count; ++i) {
    args[i] = operand(stmt.args[i], frame);
    if (!args[i].is_defined()) return kUndefined;
  }
  Value result;
  BuiltinStatus status = builtin->function(context_, std::span<const Value>(args, count), result);
  if (status == BuiltinStatus::Ok) {
    frame[stmt.target] = std::move(result);
    return kContinue;
  }
  if (status == BuiltinStatus::Undefined) return kUndefined;
  // Non-strict mode hides builtin errors, but a conflict is an error of the policy itself.
  bool conflict = context_.error.code == codes::kEvalConflict;
  if (!strict_builtin_errors_ && !conflict) return kUndefined;
  Error error = context_.error;
  if (error.location.row == 0) error.location = stmt.location;
  if (conflict) {
    error_ = std::move(error);
    return kError;
  }
  if (!builtin_error_) builtin_error_ = std::move(error);
  return kUndefined;
}

int Interpreter::exec_call_function(const ir::Stmt& stmt, Value* frame) {
  if (deadline_passed()) {
    error_ = Error{kCancelCode, kCancelMessage, Location()};
    return kError;
  }
  const ir::Function& function = program_.functions[stmt.index];
  const Value& input = operand(stmt.args[0], frame);
  const Value& data = operand(stmt.args[1], frame);
  const Value& mock_values = operand(stmt.args[2], frame);
  MemoEntry* memo = function.memo_slot >= 0 ? &memo_[function.memo_slot] : nullptr;
  if (memo && memo->computed && same_document(memo->input, input) &&
      same_document(memo->data, data) && same_document(memo->mock_values, mock_values)) {
    if (!memo->result.is_defined()) return kUndefined;
    frame[stmt.target] = memo->result;
    return kContinue;
  }

  std::vector<Value> callee(function.locals);
  for (size_t i = 0; i < stmt.args.size() && i < function.params; ++i) {
    callee[i] = operand(stmt.args[i], frame);
  }
  if (exec_block(function.body, callee.data()) == kError) return kError;
  Value& result = callee[function.result];
  if (memo) {
    memo->computed = true;
    memo->input = input;
    memo->data = data;
    memo->mock_values = mock_values;
    memo->result = result;
  }
  if (!result.is_defined()) return kUndefined;
  frame[stmt.target] = std::move(result);
  return kContinue;
}

}  // namespace regoc

namespace regoc {
namespace {

class InterpreterExecutor : public Executor {
 public:
  explicit InterpreterExecutor(const ir::Program& program) : program_(program) {}

  bool run(const Value& input, const Value& data, BuiltinContext& context,
           bool strict_builtin_errors, ResultRows& rows, Error* error) const override {
    Interpreter interpreter(program_, context, strict_builtin_errors);
    return interpreter.run(input, data, rows, error);
  }

 private:
  const ir::Program& program_;
};

}  // namespace

std::unique_ptr<Executor> make_interpreter_executor(const ir::Program& program) {
  return std::make_unique<InterpreterExecutor>(program);
}

}  // namespace regoc
