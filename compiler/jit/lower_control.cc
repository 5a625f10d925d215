// Lowering of a function's frame and of the control-flow statements (Block, Break, Scan, Not),
// plus the helpers that the data statements share. See function_lowering.h.
#include <algorithm>

#include <llvm/IR/Constants.h>
#include <llvm/IR/GlobalVariable.h>
#include <llvm/IR/Instructions.h>

#include "compiler/jit/borrowed_locals.h"
#include "compiler/jit/function_lowering.h"
#include "runtime/jit_abi.h"

namespace regoc::jit {
namespace {

// Number of frame slots that a block needs beyond the function's locals: one per Scan (its
// copy of the collection) and one per CallFunction (the callee's result). No two statements
// share a slot, and a slot may keep its value until the function returns.
uint32_t count_temps(const ir::Block& block) {
  uint32_t count = 0;
  for (const ir::Stmt& stmt : block.stmts) {
    if (stmt.op == ir::Op::Scan || stmt.op == ir::Op::CallFunction) ++count;
    for (const auto& child : stmt.blocks) count += count_temps(*child);
  }
  return count;
}

}  // namespace

llvm::FunctionType* compiled_function_type(llvm::LLVMContext& context) {
  llvm::Type* ptr = llvm::PointerType::getUnqual(context);
  llvm::Type* i32 = llvm::Type::getInt32Ty(context);
  return llvm::FunctionType::get(i32, {ptr, ptr, i32, ptr}, false);
}

FunctionLowering::FunctionLowering(llvm::LLVMContext& context, const ir::Program& program,
                                   const AbiFunctions& abi,
                                   const std::vector<llvm::Function*>& functions)
    : program_(program), abi_(abi), functions_(functions), context_(context), builder_(context) {
  // Two i64 give a Value's size and alignment (jit_abi.h checks both on the host side).
  value_type_ = llvm::ArrayType::get(llvm::Type::getInt64Ty(context), 2);
}

// The frame contains the locals, then the temporaries. Both exits release the slots that own
// their values:
//   entry: frame_init, copy_args (borrow_args when the parameters are borrowed), br body
//   done:  move result out, release, ret kStatusOk
//   error: release, ret kStatusError
void FunctionLowering::lower(const ir::Function& function, llvm::Function* target,
                             bool returns_result) {
  function_ = target;
  exits_.clear();
  // The implicit parameters have slots even in a frame whose plan never reads them.
  uint32_t locals = std::max(function.locals, ir::kImplicitParams);
  next_temp_ = locals;
  uint32_t slots = locals + count_temps(function.body);
  borrowed_ = borrowed_locals(function, returns_result);
  bool borrow_args = true;
  for (uint32_t i = 0; i < std::min<uint32_t>(function.params, locals); ++i) {
    borrow_args = borrow_args && borrowed_[i];
  }
  borrowed_.resize(slots, false);

  entry_ = llvm::BasicBlock::Create(context_, "entry", target);
  llvm::BasicBlock* body = new_block("body");
  llvm::BasicBlock* done = new_block("done");
  error_ = new_block("error");
  state_ = target->getArg(0);
  llvm::Value* args = target->getArg(1);
  llvm::Value* count = target->getArg(2);
  llvm::Value* result = target->getArg(3);

  builder_.SetInsertPoint(entry_);
  frame_ = builder_.CreateAlloca(value_type_, i32(slots), "frame");
  init_frame(slots);
  if (borrow_args) {
    borrow_arguments(args, count, std::min<uint32_t>(function.params, locals));
  } else {
    builder_.CreateCall(abi_.copy_args, {frame_, args, count});
  }
  builder_.CreateBr(body);

  builder_.SetInsertPoint(body);
  lower_block(function.body, done, done);

  builder_.SetInsertPoint(done);
  if (returns_result) builder_.CreateCall(abi_.move, {result, local(function.result)});
  release_frame(slots);
  builder_.CreateRet(i32(kStatusOk));

  builder_.SetInsertPoint(error_);
  release_frame(slots);
  builder_.CreateRet(i32(kStatusError));
}

// Frames up to this many slots are set up and released with inline code rather than calls.
constexpr uint32_t kInlineFrameSlots = 24;

void FunctionLowering::init_frame(uint32_t slots) {
  if (slots > kInlineFrameSlots) {
    builder_.CreateCall(abi_.frame_init, {frame_, i32(slots)});
    return;
  }
  for (uint32_t slot = 0; slot < slots; ++slot) store_undefined(local(slot));
}

// Copies the bits of args[i] for each i < count (count <= params, known only at run time).
void FunctionLowering::borrow_arguments(llvm::Value* args, llvm::Value* count, uint32_t params) {
  llvm::Type* ptr = llvm::PointerType::getUnqual(context_);
  for (uint32_t i = 0; i < params; ++i) {
    llvm::BasicBlock* copy = new_block("arg.copy");
    llvm::BasicBlock* next = new_block("arg.next");
    builder_.CreateCondBr(builder_.CreateICmpULT(i32(i), count), copy, next);
    builder_.SetInsertPoint(copy);
    llvm::Value* source =
        builder_.CreateLoad(ptr, builder_.CreateConstInBoundsGEP1_32(ptr, args, i));
    borrow_copy(local(i), source);
    builder_.CreateBr(next);
    builder_.SetInsertPoint(next);
  }
}

// An owned slot needs a release only when it points to a heap node: its pointer word is set
// and its inline-integer flag (byte 2, see Value's members) is clear.
void FunctionLowering::release_slot_inline(uint32_t slot) {
  llvm::Type* i8 = llvm::Type::getInt8Ty(context_);
  llvm::Type* i64 = llvm::Type::getInt64Ty(context_);
  llvm::Value* value = local(slot);
  llvm::Value* word = builder_.CreateLoad(i64, builder_.CreateConstInBoundsGEP1_32(i64, value, 1));
  llvm::Value* inline_int =
      builder_.CreateLoad(i8, builder_.CreateConstInBoundsGEP1_32(i8, value, 2));
  llvm::Value* heap = builder_.CreateAnd(builder_.CreateICmpNE(word, builder_.getInt64(0)),
                                         builder_.CreateICmpEQ(inline_int, builder_.getInt8(0)));
  llvm::BasicBlock* release = new_block("release");
  llvm::BasicBlock* next = new_block("release.next");
  builder_.CreateCondBr(heap, release, next);
  builder_.SetInsertPoint(release);
  builder_.CreateCall(abi_.reset, {value});
  builder_.CreateBr(next);
  builder_.SetInsertPoint(next);
}

void FunctionLowering::release_frame(uint32_t slots) {
  std::vector<uint32_t> owned;
  for (uint32_t slot = 0; slot < slots; ++slot) {
    if (!is_borrowed(slot)) owned.push_back(slot);
  }
  if (owned.size() <= kInlineFrameSlots) {
    for (uint32_t slot : owned) release_slot_inline(slot);
    return;
  }
  if (owned.size() == slots) {
    builder_.CreateCall(abi_.frame_release, {frame_, i32(slots)});
    return;
  }
  llvm::Constant* list = llvm::ConstantDataArray::get(context_, owned);
  auto* global = new llvm::GlobalVariable(*function_->getParent(), list->getType(), true,
                                          llvm::GlobalValue::PrivateLinkage, list, "owned");
  builder_.CreateCall(abi_.release_slots, {frame_, global, i32(owned.size())});
}

void FunctionLowering::lower_block(const ir::Block& block, llvm::BasicBlock* undefined,
                                   llvm::BasicBlock* completed) {
  exits_.push_back(undefined);
  for (const ir::Stmt& stmt : block.stmts) lower_stmt(stmt);
  builder_.CreateBr(completed);
  exits_.pop_back();
}

void FunctionLowering::lower_stmt(const ir::Stmt& stmt) {
  using ir::Op;
  switch (stmt.op) {
    case Op::Block:
      return lower_blocks(stmt);
    case Op::Break:
      return lower_break(stmt);
    case Op::Scan:
      return lower_scan(stmt);
    case Op::Not:
      return lower_not(stmt);
    case Op::Switch:
      return lower_switch(stmt);
    case Op::AssignVar:
    case Op::AssignVarOnce:
    case Op::ResetLocal:
      return lower_local(stmt);
    case Op::Equal:
    case Op::NotEqual:
    case Op::IsDefined:
    case Op::IsUndefined:
    case Op::IsArray:
    case Op::IsObject:
      return lower_test(stmt);
    case Op::Dot:
    case Op::Len:
      return lower_read(stmt);
    case Op::CallBuiltin:
      return lower_call_builtin(stmt);
    case Op::CallFunction:
      return lower_call_function(stmt);
    case Op::MakeArray:
    case Op::MakeObject:
    case Op::MakeSet:
    case Op::ArrayAppend:
    case Op::SetAdd:
    case Op::ObjectInsert:
    case Op::ObjectInsertOnce:
      return lower_construction(stmt);
    case Op::ObjectInsertPathOnce:
    case Op::ObjectSetAddPath:
    case Op::ObjectMerge:
    case Op::Upsert:
      return lower_path_update(stmt);
    case Op::ResultAdd:
      return lower_result_add(stmt);
    case Op::MarkCovered:
      return;  // coverage runs use the interpreter, so native code records nothing
  }
}

// Each child block ends (by completing or by an undefined statement) where the next begins.
void FunctionLowering::lower_blocks(const ir::Stmt& stmt) {
  for (const auto& child : stmt.blocks) {
    llvm::BasicBlock* next = new_block("block.next");
    lower_block(*child, next, next);
    builder_.SetInsertPoint(next);
  }
}

// switch (switch_case(table, value)) { case n: blocks[n] }: a case's undefined statement and
// its completion both go to the code after the statement.
void FunctionLowering::lower_switch(const ir::Stmt& stmt) {
  llvm::Value* case_number =
      builder_.CreateCall(abi_.switch_case, {operand(stmt.b), operand(stmt.a)});
  llvm::BasicBlock* after = new_block("switch.end");
  llvm::SwitchInst* dispatch = builder_.CreateSwitch(case_number, after, stmt.blocks.size());
  for (size_t i = 0; i < stmt.blocks.size(); ++i) {
    llvm::BasicBlock* entry = new_block("switch.case");
    dispatch->addCase(builder_.getInt32(static_cast<uint32_t>(i)), entry);
    builder_.SetInsertPoint(entry);
    lower_block(*stmt.blocks[i], after, after);
  }
  builder_.SetInsertPoint(after);
}

// A level past the function body ends the body, as in the interpreter.
void FunctionLowering::lower_break(const ir::Stmt& stmt) {
  size_t level = std::min<size_t>(stmt.index, exits_.size() - 1);
  jump(exits_[exits_.size() - 1 - level]);
}

// The collection is copied into a temporary first because the body may reassign the local;
// a constant collection is iterated in place. Elements are visited by index:
//   header: i < count ? body : end;  body: key, value := element i; ...;  next: i + 1
// A borrowed collection lives inside a parameter or a constant, so its copy borrows too.
void FunctionLowering::lower_scan(const ir::Stmt& stmt) {
  llvm::Value* source = operand(stmt.a);
  llvm::Value* copy = nullptr;
  bool borrowed_copy = false;
  if (stmt.a.is_local()) {
    uint32_t slot = next_temp_index();
    copy = local(slot);
    borrowed_copy = is_borrowed(stmt.a.index);
    if (borrowed_copy) {
      borrowed_[slot] = true;
      borrow_copy(copy, source);
    } else {
      builder_.CreateCall(abi_.assign, {copy, source});
    }
    source = copy;
  }
  llvm::Value* count = builder_.CreateCall(abi_.scan_count, {source});
  llvm::BasicBlock* before = builder_.GetInsertBlock();
  llvm::BasicBlock* header = new_block("scan.header");
  llvm::BasicBlock* body = new_block("scan.body");
  llvm::BasicBlock* next = new_block("scan.next");
  llvm::BasicBlock* end = new_block("scan.end");
  builder_.CreateBr(header);

  builder_.SetInsertPoint(header);
  llvm::Type* i64 = llvm::Type::getInt64Ty(context_);
  llvm::PHINode* index = builder_.CreatePHI(i64, 2, "index");
  index->addIncoming(llvm::ConstantInt::get(i64, 0), before);
  builder_.CreateCondBr(builder_.CreateICmpULT(index, count), body, end);

  builder_.SetInsertPoint(body);
  bool borrow_elements = is_borrowed(stmt.key) && is_borrowed(stmt.value);
  builder_.CreateCall(borrow_elements ? abi_.scan_element_borrow : abi_.scan_element,
                      {source, index, local(stmt.key), local(stmt.value)});
  lower_block(*stmt.blocks[0], next, next);

  builder_.SetInsertPoint(next);
  index->addIncoming(builder_.CreateAdd(index, llvm::ConstantInt::get(i64, 1)), next);
  builder_.CreateBr(header);

  // Dropping the copy after a full loop lets later statements update the collection in place
  // (a Break past the loop keeps the copy until the function returns).
  builder_.SetInsertPoint(end);
  if (copy && !borrowed_copy) builder_.CreateCall(abi_.reset, {copy});
}

// The body ending early makes Not defined; the body completing makes it undefined.
void FunctionLowering::lower_not(const ir::Stmt& stmt) {
  llvm::BasicBlock* undefined = exits_.back();
  llvm::BasicBlock* end = new_block("not.end");
  lower_block(*stmt.blocks[0], end, undefined);
  builder_.SetInsertPoint(end);
}

// --- helpers -------------------------------------------------------------------------------------

llvm::Value* FunctionLowering::local(ir::LocalIndex index) {
  return builder_.CreateConstInBoundsGEP1_32(value_type_, frame_, index);
}

// Constants are embedded as the addresses of program.constants, which outlives the code.
llvm::Value* FunctionLowering::operand(const ir::Operand& operand) {
  if (operand.is_local()) return local(operand.index);
  return host_pointer(&program_.constants[operand.index]);
}

void FunctionLowering::borrow_copy(llvm::Value* target, llvm::Value* source) {
  builder_.CreateMemCpy(target, llvm::MaybeAlign(8), source, llvm::MaybeAlign(8), 16);
}

// An undefined Value: the kind byte 255, then zeros (see Value's members).
void FunctionLowering::store_undefined(llvm::Value* target) {
  llvm::Type* i64 = llvm::Type::getInt64Ty(context_);
  builder_.CreateStore(llvm::ConstantInt::get(i64, 255), target);
  builder_.CreateStore(llvm::ConstantInt::get(i64, 0),
                       builder_.CreateConstInBoundsGEP1_32(i64, target, 1));
}

llvm::Value* FunctionLowering::host_pointer(const void* pointer) {
  auto* address = llvm::ConstantInt::get(llvm::Type::getInt64Ty(context_),
                                         reinterpret_cast<uint64_t>(pointer));
  return llvm::ConstantExpr::getIntToPtr(address, llvm::PointerType::getUnqual(context_));
}

llvm::Value* FunctionLowering::kind_of(llvm::Value* value) {
  return builder_.CreateLoad(llvm::Type::getInt8Ty(context_), value, "kind");
}

llvm::Value* FunctionLowering::pointer_array(const std::vector<llvm::Value*>& pointers) {
  llvm::PointerType* ptr = llvm::PointerType::getUnqual(context_);
  if (pointers.empty()) return llvm::ConstantPointerNull::get(ptr);
  llvm::IRBuilder<> at_entry(entry_, entry_->getFirstInsertionPt());
  llvm::Type* type = llvm::ArrayType::get(ptr, pointers.size());
  llvm::Value* array = at_entry.CreateAlloca(type, nullptr, "pointers");
  for (size_t i = 0; i < pointers.size(); ++i) {
    builder_.CreateStore(pointers[i], builder_.CreateConstInBoundsGEP2_32(type, array, 0, i));
  }
  return array;
}

std::vector<llvm::Value*> FunctionLowering::operands(const std::vector<ir::Operand>& list) {
  std::vector<llvm::Value*> values;
  values.reserve(list.size());
  for (const ir::Operand& item : list) values.push_back(operand(item));
  return values;
}

llvm::Value* FunctionLowering::next_temp() { return local(next_temp_++); }

llvm::Value* FunctionLowering::i32(uint64_t value) {
  return llvm::ConstantInt::get(llvm::Type::getInt32Ty(context_), value);
}

void FunctionLowering::continue_if(llvm::Value* condition) {
  llvm::BasicBlock* next = new_block("next");
  builder_.CreateCondBr(condition, next, exits_.back());
  builder_.SetInsertPoint(next);
}

void FunctionLowering::continue_if_true(llvm::Value* result) {
  continue_if(builder_.CreateICmpNE(result, llvm::ConstantInt::get(result->getType(), 0)));
}

void FunctionLowering::conflict_unless(llvm::Value* ok, const ir::Stmt& stmt) {
  llvm::BasicBlock* next = new_block("next");
  llvm::BasicBlock* conflict = new_block("conflict");
  builder_.CreateCondBr(builder_.CreateICmpNE(ok, llvm::ConstantInt::get(ok->getType(), 0)),
                        next, conflict);
  builder_.SetInsertPoint(conflict);
  builder_.CreateCall(abi_.raise_conflict, {state_, host_pointer(&stmt)});
  builder_.CreateBr(error_);
  builder_.SetInsertPoint(next);
}

void FunctionLowering::jump(llvm::BasicBlock* target) {
  builder_.CreateBr(target);
  builder_.SetInsertPoint(new_block("unreachable"));
}

llvm::BasicBlock* FunctionLowering::new_block(const char* name) {
  return llvm::BasicBlock::Create(context_, name, function_);
}

}  // namespace regoc::jit
