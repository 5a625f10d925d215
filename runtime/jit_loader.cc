// Loading of the LLVM backend (see jit_loader.h).
#include "runtime/jit_loader.h"

namespace regoc {

// TODO: load the backend library with dlopen once it exists.
std::unique_ptr<Executor> make_jit_executor(const ir::Program& program, std::string* error) {
  *error = "the JIT backend is not built yet";
  return nullptr;
}

}  // namespace regoc
