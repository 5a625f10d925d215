// LLVM declarations of the runtime ABI: see abi_functions.h. Every function is nounwind
// because the host defines them noexcept.
#include "compiler/jit/abi_functions.h"

#include <llvm/IR/Function.h>

namespace regoc::jit {
namespace {

class Declarer {
 public:
  explicit Declarer(llvm::Module& module)
      : module_(module),
        void_(llvm::Type::getVoidTy(module.getContext())),
        ptr_(llvm::PointerType::getUnqual(module.getContext())),
        i8_(llvm::Type::getInt8Ty(module.getContext())),
        i32_(llvm::Type::getInt32Ty(module.getContext())),
        i64_(llvm::Type::getInt64Ty(module.getContext())) {}

  llvm::FunctionCallee declare(const char* name, llvm::Type* result,
                               std::initializer_list<llvm::Type*> params) {
    auto* type = llvm::FunctionType::get(result, params, false);
    llvm::FunctionCallee callee = module_.getOrInsertFunction(name, type);
    if (auto* function = llvm::dyn_cast<llvm::Function>(callee.getCallee())) {
      function->setDoesNotThrow();
    }
    return callee;
  }

  llvm::Module& module_;
  llvm::Type* void_;
  llvm::Type* ptr_;
  llvm::Type* i8_;
  llvm::Type* i32_;
  llvm::Type* i64_;
};

}  // namespace

AbiFunctions::AbiFunctions(llvm::Module& module) {
  Declarer d(module);
  llvm::Type* v = d.void_;
  llvm::Type* p = d.ptr_;
  llvm::Type* b = d.i8_;
  llvm::Type* i32 = d.i32_;
  llvm::Type* i64 = d.i64_;

  frame_init = d.declare("regoc_jit_frame_init", v, {p, i32});
  frame_release = d.declare("regoc_jit_frame_release", v, {p, i32});
  copy_args = d.declare("regoc_jit_copy_args", v, {p, p, i32});
  release_slots = d.declare("regoc_jit_release_slots", v, {p, p, i32});

  borrow_args = d.declare("regoc_jit_borrow_args", v, {p, p, i32});
  dot_borrow = d.declare("regoc_jit_dot_borrow", b, {p, p, p});
  dot_string_borrow = d.declare("regoc_jit_dot_string_borrow", b, {p, p, p});
  dot_base_document_borrow = d.declare("regoc_jit_dot_base_document_borrow", b, {p, p, p});
  scan_element_borrow = d.declare("regoc_jit_scan_element_borrow", v, {p, i64, p, p});

  assign = d.declare("regoc_jit_assign", v, {p, p});
  move = d.declare("regoc_jit_move", v, {p, p});
  assign_once = d.declare("regoc_jit_assign_once", b, {p, p});
  reset = d.declare("regoc_jit_reset", v, {p});

  equal = d.declare("regoc_jit_equal", b, {p, p});
  not_equal = d.declare("regoc_jit_not_equal", b, {p, p});
  dot = d.declare("regoc_jit_dot", b, {p, p, p});
  dot_string = d.declare("regoc_jit_dot_string", b, {p, p, p});
  dot_base_document = d.declare("regoc_jit_dot_base_document", b, {p, p, p});
  len = d.declare("regoc_jit_len", b, {p, p});

  scan_count = d.declare("regoc_jit_scan_count", i64, {p});
  scan_element = d.declare("regoc_jit_scan_element", v, {p, i64, p, p});
  switch_case = d.declare("regoc_jit_switch_case", i32, {p, p});

  call_builtin = d.declare("regoc_jit_call_builtin", i32, {p, p, p, i32, p});
  compare = d.declare("regoc_jit_compare", b, {p, p, p, i32});
  memo_lookup = d.declare("regoc_jit_memo_lookup", i32, {p, i32, p, p});
  memo_store = d.declare("regoc_jit_memo_store", v, {p, i32, p, p});
  take_result = d.declare("regoc_jit_take_result", b, {p, p});

  make_array = d.declare("regoc_jit_make_array", v, {p});
  make_object = d.declare("regoc_jit_make_object", v, {p});
  make_set = d.declare("regoc_jit_make_set", v, {p});
  array_append = d.declare("regoc_jit_array_append", v, {p, p});
  set_add = d.declare("regoc_jit_set_add", v, {p, p});
  object_insert = d.declare("regoc_jit_object_insert", v, {p, p, p});
  object_insert_once = d.declare("regoc_jit_object_insert_once", b, {p, p, p});
  object_insert_path_once = d.declare("regoc_jit_object_insert_path_once", b, {p, p, i32, p});
  object_set_add_path = d.declare("regoc_jit_object_set_add_path", b, {p, p, i32, p});
  object_merge = d.declare("regoc_jit_object_merge", v, {p, p});
  upsert = d.declare("regoc_jit_upsert", v, {p, p, p, i32, p});

  result_add = d.declare("regoc_jit_result_add", v, {p, p, i32});
  raise_conflict = d.declare("regoc_jit_raise_conflict", v, {p, p});
}

}  // namespace regoc::jit
