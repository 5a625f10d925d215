// Lowering of a whole ir::Program into one LLVM module. Each program.functions[i] becomes an
// internal function and the query becomes the exported function kQuerySymbol. All have the
// type jit::CompiledFunction (runtime/jit_abi.h).
#pragma once

#include <llvm/IR/Module.h>

#include "compiler/ir.h"

namespace regoc::jit {

inline constexpr const char* kQuerySymbol = "regoc_query";

// Fills `module`, whose data layout must be set. The module embeds addresses of `program`'s
// constants and statements, so it is valid only while `program` lives.
void lower_program(const ir::Program& program, llvm::Module& module);

}  // namespace regoc::jit
