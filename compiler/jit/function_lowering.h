// Lowering of one ir::Function to an LLVM function. Structured control flow becomes branches:
// each ir::Block gets two targets, one where an undefined statement (or Break{0}) goes and one
// where completion goes; Break{n} jumps to the undefined target n blocks out. Data statements
// become calls into the runtime ABI (abi_functions.h) or short inline sequences.
#pragma once

#include <vector>

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Module.h>

#include "compiler/ir.h"
#include "compiler/jit/abi_functions.h"

namespace regoc::jit {

// Every compiled function has the type of jit::CompiledFunction:
//   i32 (ptr state, ptr args, i32 count, ptr result)
llvm::FunctionType* compiled_function_type(llvm::LLVMContext& context);

class FunctionLowering {
 public:
  // `functions` contains the LLVM function of each program.functions[i], already declared.
  FunctionLowering(llvm::LLVMContext& context, const ir::Program& program,
                   const AbiFunctions& abi, const std::vector<llvm::Function*>& functions);

  // Emits `function`'s body into `target`. The query plan passes returns_result = false.
  void lower(const ir::Function& function, llvm::Function* target, bool returns_result);

 private:
  // Control flow (lower_control.cc).
  void lower_block(const ir::Block& block, llvm::BasicBlock* undefined,
                   llvm::BasicBlock* completed);
  void lower_stmt(const ir::Stmt& stmt);
  void lower_blocks(const ir::Stmt& stmt);
  void lower_break(const ir::Stmt& stmt);
  void lower_scan(const ir::Stmt& stmt);
  void lower_not(const ir::Stmt& stmt);
  void lower_switch(const ir::Stmt& stmt);

  // Data statements (lower_statements.cc).
  void lower_test(const ir::Stmt& stmt);
  bool lower_boolean_test(const ir::Stmt& stmt);
  void lower_local(const ir::Stmt& stmt);
  void lower_read(const ir::Stmt& stmt);
  void lower_call_builtin(const ir::Stmt& stmt);
  void lower_call_function(const ir::Stmt& stmt);
  void lower_construction(const ir::Stmt& stmt);
  void lower_path_update(const ir::Stmt& stmt);
  void lower_result_add(const ir::Stmt& stmt);

  // Helpers (lower_control.cc).
  llvm::Value* local(ir::LocalIndex index);
  // Whether the frame slot contains a value it does not own (compiler/jit/borrowed_locals.h).
  bool is_borrowed(uint32_t slot) const { return slot < borrowed_.size() && borrowed_[slot]; }
  // Copies a Value's 16 bytes into a borrowing slot, inline.
  void borrow_copy(llvm::Value* target, llvm::Value* source);
  // Stores an undefined Value into a borrowing slot, inline.
  void store_undefined(llvm::Value* target);
  // Sets every slot undefined.
  void init_frame(uint32_t slots);
  // Copies the bits of the first `count` arguments into the parameter slots.
  void borrow_arguments(llvm::Value* args, llvm::Value* count, uint32_t params);
  // Releases the slots of the frame that own their values.
  void release_frame(uint32_t slots);
  void release_slot_inline(uint32_t slot);
  llvm::Value* operand(const ir::Operand& operand);
  llvm::Value* host_pointer(const void* pointer);
  llvm::Value* kind_of(llvm::Value* value);
  // An array of `const Value*` in the entry block, filled here; returns its address.
  llvm::Value* pointer_array(const std::vector<llvm::Value*>& pointers);
  std::vector<llvm::Value*> operands(const std::vector<ir::Operand>& list);
  llvm::Value* next_temp();
  uint32_t next_temp_index() { return next_temp_++; }
  llvm::Value* i32(uint64_t value);
  // Goes on when `condition` (i1) holds; otherwise ends the current block as undefined.
  void continue_if(llvm::Value* condition);
  // The same for an ABI `bool` result (i8).
  void continue_if_true(llvm::Value* result);
  // Goes on when `ok` (i8) is true; otherwise raises the statement's conflict error.
  void conflict_unless(llvm::Value* ok, const ir::Stmt& stmt);
  // Branches to `target` and continues emitting into a fresh unreachable block.
  void jump(llvm::BasicBlock* target);
  llvm::BasicBlock* new_block(const char* name);

  const ir::Program& program_;
  const AbiFunctions& abi_;
  const std::vector<llvm::Function*>& functions_;
  llvm::LLVMContext& context_;
  llvm::IRBuilder<> builder_;

  // Per-function state, set by lower().
  llvm::Function* function_ = nullptr;
  llvm::BasicBlock* entry_ = nullptr;
  llvm::BasicBlock* error_ = nullptr;
  llvm::Value* state_ = nullptr;
  llvm::AllocaInst* frame_ = nullptr;
  llvm::Type* value_type_ = nullptr;
  uint32_t next_temp_ = 0;  // index of the next free temporary slot in the frame
  std::vector<bool> borrowed_;  // per frame slot: contains a value without owning it
  // Undefined targets of the enclosing blocks, innermost last.
  std::vector<llvm::BasicBlock*> exits_;
};

}  // namespace regoc::jit
