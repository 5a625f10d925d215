// Lowering of a whole program: declares every function first (calls may go either way in the
// list), then lowers each body. See lower_program.h.
#include "compiler/jit/lower_program.h"

#include <llvm/IR/Function.h>

#include "compiler/jit/abi_functions.h"
#include "compiler/jit/function_lowering.h"

namespace regoc::jit {

void lower_program(const ir::Program& program, llvm::Module& module) {
  llvm::LLVMContext& context = module.getContext();
  llvm::FunctionType* type = compiled_function_type(context);
  AbiFunctions abi(module);

  std::vector<llvm::Function*> functions;
  functions.reserve(program.functions.size());
  for (const ir::Function& function : program.functions) {
    auto* declared = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage,
                                            "rego:" + function.name, module);
    declared->setDoesNotThrow();
    functions.push_back(declared);
  }
  auto* query =
      llvm::Function::Create(type, llvm::GlobalValue::ExternalLinkage, kQuerySymbol, module);
  query->setDoesNotThrow();

  FunctionLowering lowering(context, program, abi, functions);
  for (size_t i = 0; i < program.functions.size(); ++i) {
    lowering.lower(program.functions[i], functions[i], true);
  }
  lowering.lower(program.query, query, false);
}

}  // namespace regoc::jit
