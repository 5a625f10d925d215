// The backend library's entry point, regoc_jit_create_executor, which runtime/jit_loader.cc
// calls. It lowers a program to LLVM IR, runs the O2 pipeline, compiles the module with ORC's
// LLJIT and returns an Executor that calls the compiled query.
//
// Set REGOC_JIT_DUMP=1 to print each optimized module to stderr.
#include <cstdlib>
#include <mutex>
#include <string>

#include <llvm/ExecutionEngine/Orc/Core.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>

#include "compiler/jit/lower_program.h"
#include "compiler/jit/optimize.h"
#include "runtime/executor.h"
#include "runtime/jit_abi.h"

namespace regoc::jit {
namespace {

// Holds the LLJIT instance (and with it the compiled code) for as long as the executor lives.
// The compiled code keeps no state between calls, so run() is safe on many threads at once.
class NativeExecutor : public Executor {
 public:
  NativeExecutor(std::unique_ptr<llvm::orc::LLJIT> jit, const ir::Program& program,
                 const Host& host, CompiledFunction query)
      : jit_(std::move(jit)), program_(program), host_(host), query_(query) {}

  bool run(const Value& input, const Value& data, BuiltinContext& context,
           bool strict_builtin_errors, ResultRows& rows, Error* error) const override {
    return host_.run(query_, program_, input, data, context, strict_builtin_errors, rows, error);
  }

 private:
  std::unique_ptr<llvm::orc::LLJIT> jit_;
  const ir::Program& program_;
  const Host& host_;
  CompiledFunction query_;
};

void initialize_llvm() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

// Resolves every ABI function that `module` declares to the host's address.
llvm::Error define_abi_symbols(llvm::orc::LLJIT& jit, const llvm::Module& module,
                               const Host& host) {
  llvm::orc::SymbolMap symbols;
  for (const llvm::Function& function : module.functions()) {
    if (!function.isDeclaration() || function.isIntrinsic()) continue;
    const AbiSymbol* found = nullptr;
    for (const AbiSymbol& symbol : host.symbols) {
      if (function.getName() == symbol.name) found = &symbol;
    }
    if (!found) {
      return llvm::createStringError("ABI function not found in the host: " +
                                     function.getName().str());
    }
    symbols[jit.mangleAndIntern(found->name)] = llvm::orc::ExecutorSymbolDef(
        llvm::orc::ExecutorAddr::fromPtr(found->address),
        llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable);
  }
  return jit.getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(symbols)));
}

// Programs with more statements than this (a policy of a thousand generated rules has about
// 17,000) skip the O2 pipeline and compile with the fast instruction selector and register
// allocator: O2 and LLVM's default code generation grow faster than linearly with the size of
// a function and took 15 s on such a policy, against under 1 s this way. Their decisions
// spend their time in runtime calls either way, which optimization does not remove.
constexpr size_t kLargeProgram = 5000;

size_t count_statements(const ir::Block& block) {
  size_t count = block.stmts.size();
  for (const ir::Stmt& stmt : block.stmts) {
    for (const auto& child : stmt.blocks) count += count_statements(*child);
  }
  return count;
}

bool is_large(const ir::Program& program) {
  size_t count = count_statements(program.query.body);
  for (const ir::Function& function : program.functions) count += count_statements(function.body);
  return count > kLargeProgram;
}

// Builds the module for `program` and runs the optimizer on it unless it is large.
llvm::Expected<llvm::orc::ThreadSafeModule> build_module(const ir::Program& program,
                                                         llvm::orc::LLJIT& jit,
                                                         llvm::TargetMachine* machine) {
  auto context = std::make_unique<llvm::LLVMContext>();
  auto module = std::make_unique<llvm::Module>("regoc", *context);
  module->setDataLayout(jit.getDataLayout());
  module->setTargetTriple(jit.getTargetTriple().str());
  lower_program(program, *module);

  std::string problems;
  llvm::raw_string_ostream stream(problems);
  if (llvm::verifyModule(*module, &stream)) {
    return llvm::createStringError("invalid LLVM IR: " + problems);
  }
  if (!is_large(program)) optimize_module(*module, machine);
  if (const char* dump = std::getenv("REGOC_JIT_DUMP"); dump && *dump == '1') {
    module->print(llvm::errs(), nullptr);
  }
  return llvm::orc::ThreadSafeModule(std::move(module), std::move(context));
}

llvm::Expected<std::unique_ptr<Executor>> compile(const ir::Program& program, const Host& host) {
  initialize_llvm();
  auto target = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!target) return target.takeError();
  if (is_large(program)) target->setCodeGenOptLevel(llvm::CodeGenOptLevel::None);
  auto machine = target->createTargetMachine();
  if (!machine) return machine.takeError();
  auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(*target).create();
  if (!jit) return jit.takeError();

  auto module = build_module(program, **jit, machine->get());
  if (!module) return module.takeError();
  llvm::Error defined = module->withModuleDo(
      [&](llvm::Module& m) { return define_abi_symbols(**jit, m, host); });
  if (defined) return defined;
  if (llvm::Error added = (*jit)->addIRModule(std::move(*module))) return added;

  auto query = (*jit)->lookup(kQuerySymbol);
  if (!query) return query.takeError();
  auto entry = query->toPtr<CompiledFunction>();
  return std::make_unique<NativeExecutor>(std::move(*jit), program, host, entry);
}

}  // namespace
}  // namespace regoc::jit

// The factory that runtime/jit_loader.cc looks up with dlsym. Returns nullptr and fills *error
// when the host's ABI version differs or compilation fails.
extern "C" __attribute__((visibility("default"))) regoc::Executor* regoc_jit_create_executor(
    const regoc::ir::Program* program, const regoc::jit::Host* host, std::string* error) {
  if (host->abi_version != regoc::jit::kAbiVersion) {
    *error = "the backend library was built for ABI version " +
             std::to_string(regoc::jit::kAbiVersion) + " but the host has version " +
             std::to_string(host->abi_version) + "; rebuild regoc_jit";
    return nullptr;
  }
  try {
    auto executor = regoc::jit::compile(*program, *host);
    if (!executor) {
      *error = llvm::toString(executor.takeError());
      return nullptr;
    }
    return executor->release();
  } catch (const std::exception& e) {
    *error = std::string("compilation failed: ") + e.what();
    return nullptr;
  }
}
