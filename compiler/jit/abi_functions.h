// LLVM declarations of the runtime ABI (runtime/jit_abi.h) inside a module being lowered.
// The names must match the host's symbol table; the executor resolves each declaration
// against it and reports any name that the host lacks.
#pragma once

#include <llvm/IR/DerivedTypes.h>
#include <llvm/IR/Module.h>

namespace regoc::jit {

// One callee per ABI function. Functions that return a C++ `bool` are declared to return i8.
struct AbiFunctions {
  explicit AbiFunctions(llvm::Module& module);

  llvm::FunctionCallee frame_init, frame_release, copy_args, release_slots;
  llvm::FunctionCallee borrow_args, dot_borrow, dot_string_borrow, dot_base_document_borrow;
  llvm::FunctionCallee scan_element_borrow;
  llvm::FunctionCallee assign, move, assign_once, reset;
  llvm::FunctionCallee equal, not_equal, dot, dot_string, dot_base_document, len;
  llvm::FunctionCallee scan_count, scan_element, switch_case;
  llvm::FunctionCallee call_builtin, compare, memo_lookup, memo_store, take_result;
  llvm::FunctionCallee make_array, make_object, make_set;
  llvm::FunctionCallee array_append, set_add, object_insert, object_insert_once;
  llvm::FunctionCallee object_insert_path_once, object_set_add_path, object_merge, upsert;
  llvm::FunctionCallee result_add, raise_conflict;
};

}  // namespace regoc::jit
