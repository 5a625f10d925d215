// The interface that both executors of a planned program implement: the IR interpreter
// (the reference) and the native code that the LLVM backend generates.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/ir.h"
#include "runtime/builtins/builtin.h"
#include "runtime/error.h"
#include "runtime/result_rows.h"
#include "runtime/value.h"

namespace regoc {

// Runs a query plan. Implementations are immutable once created and may be used by many
// threads at once; each call gets its own builtin context.
class Executor {
 public:
  virtual ~Executor() = default;
  // Adds one row per query result to `rows`. Returns false and fills *error
  // when evaluation fails. An error that ends evaluation leaves no rows. A builtin error in
  // strict mode leaves the rows of the evaluation that went on past it, as OPA does.
  virtual bool run(const Value& input, const Value& data, BuiltinContext& context,
                   bool strict_builtin_errors, ResultRows& rows, Error* error) const = 0;
};

// The interpreter over `program`, which must outlive the executor.
std::unique_ptr<Executor> make_interpreter_executor(const ir::Program& program);

}  // namespace regoc
