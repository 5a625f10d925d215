// Loading of the LLVM backend, which lives in its own shared library so that a process that
// never uses the JIT never loads libLLVM.
#pragma once

#include <memory>
#include <string>

#include "runtime/executor.h"

namespace regoc {

// Compiles `program` (which must outlive the executor) to native code. Returns nullptr and
// sets *error when the backend library cannot be loaded or compilation fails.
std::unique_ptr<Executor> make_jit_executor(const ir::Program& program, std::string* error);

}  // namespace regoc
