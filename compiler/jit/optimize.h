// The LLVM optimization pipeline that the backend runs on each module before compiling it.
#pragma once

#include <llvm/IR/Module.h>
#include <llvm/Target/TargetMachine.h>

namespace regoc::jit {

// Runs the new pass manager's default O2 per-module pipeline, tuned for `machine`.
void optimize_module(llvm::Module& module, llvm::TargetMachine* machine);

}  // namespace regoc::jit
