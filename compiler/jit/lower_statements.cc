// Lowering of the data statements: tests, assignments, reads, calls, construction and result
// rows. Kind tests are inline loads of a Value's kind byte. The rest call the runtime ABI
// (runtime/jit_abi.h), whose functions mirror the interpreter statement by statement.
#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include <llvm/IR/Constants.h>
#include <llvm/IR/Instructions.h>

#include "compiler/jit/function_lowering.h"
#include "runtime/builtins/builtin.h"
#include "runtime/jit_abi.h"

namespace regoc::jit {

// Equal or NotEqual of a local and a boolean constant, inline. Every body literal that calls a
// builtin or function tests the result this way (`NotEqual result false`). A boolean's kind
// byte is 1 and its value is byte 1 (see Value's members).
bool FunctionLowering::lower_boolean_test(const ir::Stmt& stmt) {
  if (!stmt.a.is_local() || stmt.b.is_local()) return false;
  const Value& constant = program_.constants[stmt.b.index];
  if (!constant.is_boolean()) return false;
  llvm::Type* i8 = llvm::Type::getInt8Ty(context_);
  llvm::Value* value = local(stmt.a.index);
  llvm::Value* kind = kind_of(value);
  llvm::Value* flag = builder_.CreateLoad(i8, builder_.CreateConstInBoundsGEP1_32(i8, value, 1));
  llvm::Value* same = builder_.CreateAnd(
      builder_.CreateICmpEQ(kind, builder_.getInt8(static_cast<uint8_t>(Kind::Boolean))),
      builder_.CreateICmpEQ(flag, builder_.getInt8(constant.as_bool() ? 1 : 0)));
  if (stmt.op == ir::Op::Equal) {
    continue_if(same);
  } else {
    llvm::Value* defined = builder_.CreateICmpNE(kind, builder_.getInt8(kUndefinedKind));
    continue_if(builder_.CreateAnd(defined, builder_.CreateNot(same)));
  }
  return true;
}

void FunctionLowering::lower_test(const ir::Stmt& stmt) {
  using ir::Op;
  if (stmt.op == Op::Equal || stmt.op == Op::NotEqual) {
    if (lower_boolean_test(stmt)) return;
    llvm::FunctionCallee test = stmt.op == Op::Equal ? abi_.equal : abi_.not_equal;
    return continue_if_true(builder_.CreateCall(test, {operand(stmt.a), operand(stmt.b)}));
  }

  Kind kind = Kind::Undefined;
  bool want = true;  // whether the test holds when the operand has `kind`
  if (stmt.op == Op::IsDefined) want = false;
  if (stmt.op == Op::IsArray) kind = Kind::Array;
  if (stmt.op == Op::IsObject) kind = Kind::Object;

  // A constant's kind is known now.
  if (!stmt.a.is_local()) {
    bool holds = (program_.constants[stmt.a.index].kind() == kind) == want;
    return continue_if(llvm::ConstantInt::getBool(context_, holds));
  }
  llvm::Value* expected = llvm::ConstantInt::get(llvm::Type::getInt8Ty(context_),
                                                 static_cast<uint8_t>(kind));
  llvm::Value* actual = kind_of(operand(stmt.a));
  continue_if(want ? builder_.CreateICmpEQ(actual, expected)
                   : builder_.CreateICmpNE(actual, expected));
}

void FunctionLowering::lower_local(const ir::Stmt& stmt) {
  llvm::Value* target = local(stmt.target);
  switch (stmt.op) {
    case ir::Op::AssignVar:
      if (is_borrowed(stmt.target)) {
        borrow_copy(target, operand(stmt.a));
      } else {
        builder_.CreateCall(abi_.assign, {target, operand(stmt.a)});
      }
      break;
    case ir::Op::AssignVarOnce:
      conflict_unless(builder_.CreateCall(abi_.assign_once, {target, operand(stmt.a)}), stmt);
      break;
    default:  // ResetLocal
      if (is_borrowed(stmt.target)) {
        store_undefined(target);
      } else {
        builder_.CreateCall(abi_.reset, {target});
      }
      break;
  }
}

void FunctionLowering::lower_read(const ir::Stmt& stmt) {
  llvm::Value* target = local(stmt.target);
  if (stmt.op == ir::Op::Dot) {
    bool string_key = !stmt.b.is_local() && program_.constants[stmt.b.index].is_string();
    bool borrow = is_borrowed(stmt.target);
    llvm::FunctionCallee dot = string_key ? (borrow ? abi_.dot_string_borrow : abi_.dot_string)
                                          : (borrow ? abi_.dot_borrow : abi_.dot);
    if (stmt.index == ir::kDotBaseDocument) {
      dot = borrow ? abi_.dot_base_document_borrow : abi_.dot_base_document;
    }
    continue_if_true(builder_.CreateCall(dot, {target, operand(stmt.a), operand(stmt.b)}));
  } else {
    continue_if_true(builder_.CreateCall(abi_.len, {target, operand(stmt.a)}));
  }
}

namespace {

// The relation of a comparison builtin, which the ABI evaluates without a builtin call.
std::optional<Relation> comparison_relation(const Builtin& builtin) {
  static const std::pair<std::string_view, Relation> kComparisons[] = {
      {"equal", Relation::Equal}, {"neq", Relation::NotEqual},
      {"lt", Relation::Less},     {"lte", Relation::LessOrEqual},
      {"gt", Relation::Greater},  {"gte", Relation::GreaterOrEqual},
  };
  for (const auto& [name, relation] : kComparisons) {
    if (builtin.name == name) return relation;
  }
  return std::nullopt;
}

}  // namespace

// The ABI returns kBuiltinOk, kBuiltinUndefined or kBuiltinError (state->error is set).
// The comparison builtins always return Ok (runtime/builtins/comparison.cc), so their calls
// skip the builtin and its argument copies.
void FunctionLowering::lower_call_builtin(const ir::Stmt& stmt) {
  std::optional<Relation> relation = comparison_relation(*program_.builtins[stmt.index]);
  if (relation && stmt.args.size() == 2) {
    llvm::Value* code = i32(static_cast<uint32_t>(*relation));
    llvm::Value* holds = builder_.CreateCall(
        abi_.compare, {local(stmt.target), operand(stmt.args[0]), operand(stmt.args[1]), code});
    return continue_if_true(holds);
  }

  llvm::Value* args = pointer_array(operands(stmt.args));
  llvm::Value* status = builder_.CreateCall(
      abi_.call_builtin, {state_, host_pointer(&stmt), args,
                          i32(stmt.args.size()), local(stmt.target)});
  llvm::BasicBlock* next = new_block("next");
  llvm::SwitchInst* outcome = builder_.CreateSwitch(status, exits_.back(), 2);
  outcome->addCase(llvm::cast<llvm::ConstantInt>(i32(kBuiltinOk)), next);
  outcome->addCase(llvm::cast<llvm::ConstantInt>(i32(kBuiltinError)), error_);
  builder_.SetInsertPoint(next);
}

// A call of a memoized function looks in the cache first. On a miss it calls the compiled
// function and stores its result (defined or not) unless the call failed:
//   lookup: hit ? end : (undefined hit ? exit : call);  call: f(...), store, take the result
void FunctionLowering::lower_call_function(const ir::Stmt& stmt) {
  const ir::Function& callee = program_.functions[stmt.index];
  std::vector<llvm::Value*> args = operands(stmt.args);
  llvm::Value* array = pointer_array(args);
  uint32_t frame_size = std::max(callee.locals, ir::kImplicitParams);
  uint32_t count = std::min({static_cast<uint32_t>(args.size()), callee.params, frame_size});
  llvm::Value* target = local(stmt.target);
  llvm::Value* result = next_temp();
  llvm::Value* slot = i32(static_cast<uint32_t>(callee.memo_slot));
  bool memoized = callee.memo_slot >= 0;
  llvm::BasicBlock* end = new_block("call.end");

  if (memoized) {
    llvm::Value* status = builder_.CreateCall(abi_.memo_lookup, {state_, slot, array, target});
    llvm::BasicBlock* call = new_block("call");
    llvm::SwitchInst* outcome = builder_.CreateSwitch(status, call, 2);
    outcome->addCase(llvm::cast<llvm::ConstantInt>(i32(kMemoDefined)), end);
    outcome->addCase(llvm::cast<llvm::ConstantInt>(i32(kMemoUndefined)), exits_.back());
    builder_.SetInsertPoint(call);
  }

  llvm::Value* status =
      builder_.CreateCall(functions_[stmt.index], {state_, array, i32(count), result});
  llvm::BasicBlock* returned = new_block("call.returned");
  builder_.CreateCondBr(builder_.CreateICmpEQ(status, i32(kStatusOk)), returned, error_);
  builder_.SetInsertPoint(returned);
  if (memoized) builder_.CreateCall(abi_.memo_store, {state_, slot, array, result});
  llvm::Value* defined = builder_.CreateCall(abi_.take_result, {target, result});
  continue_if_true(defined);
  builder_.CreateBr(end);
  builder_.SetInsertPoint(end);
}

void FunctionLowering::lower_construction(const ir::Stmt& stmt) {
  using ir::Op;
  llvm::Value* target = local(stmt.target);
  switch (stmt.op) {
    case Op::MakeArray:
      builder_.CreateCall(abi_.make_array, {target});
      break;
    case Op::MakeObject:
      builder_.CreateCall(abi_.make_object, {target});
      break;
    case Op::MakeSet:
      builder_.CreateCall(abi_.make_set, {target});
      break;
    case Op::ArrayAppend:
      builder_.CreateCall(abi_.array_append, {target, operand(stmt.a)});
      break;
    case Op::SetAdd:
      builder_.CreateCall(abi_.set_add, {target, operand(stmt.a)});
      break;
    case Op::ObjectInsert:
      builder_.CreateCall(abi_.object_insert, {target, operand(stmt.a), operand(stmt.b)});
      break;
    default: {  // ObjectInsertOnce
      llvm::Value* ok = builder_.CreateCall(abi_.object_insert_once,
                                            {target, operand(stmt.a), operand(stmt.b)});
      conflict_unless(ok, stmt);
      break;
    }
  }
}

void FunctionLowering::lower_path_update(const ir::Stmt& stmt) {
  llvm::Value* target = local(stmt.target);
  if (stmt.op == ir::Op::ObjectMerge) {
    builder_.CreateCall(abi_.object_merge, {target, operand(stmt.a)});
    return;
  }
  llvm::Value* keys = pointer_array(operands(stmt.args));
  llvm::Value* count = i32(stmt.args.size());
  if (stmt.op == ir::Op::Upsert) {
    builder_.CreateCall(abi_.upsert, {target, operand(stmt.a), keys, count, operand(stmt.b)});
    return;
  }
  llvm::FunctionCallee update = stmt.op == ir::Op::ObjectSetAddPath
                                    ? abi_.object_set_add_path
                                    : abi_.object_insert_path_once;
  llvm::Value* ok = builder_.CreateCall(update, {target, keys, count, operand(stmt.a)});
  conflict_unless(ok, stmt);
}

void FunctionLowering::lower_result_add(const ir::Stmt& stmt) {
  llvm::Value* values = pointer_array(operands(stmt.args));
  builder_.CreateCall(abi_.result_add, {state_, values, i32(stmt.args.size())});
}

}  // namespace regoc::jit
