// The IR interpreter: the reference executor of a planned program (compiler/ir.h).
//
// An Interpreter runs one evaluation at a time; a Program is immutable and may be shared by
// many interpreters on many threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <unordered_set>
#include <vector>

#include "compiler/ir.h"
#include "runtime/builtins/builtin.h"
#include "runtime/error.h"
#include "runtime/result_rows.h"
#include "runtime/value.h"

namespace regoc {

class Interpreter {
 public:
  Interpreter(const ir::Program& program, BuiltinContext& context, bool strict_builtin_errors);

  // Runs the query plan. Adds one row per result (see ir::Program for the layout).
  // Returns false and fills *error when evaluation fails.
  bool run(const Value& input, const Value& data, ResultRows& rows, Error* error);

  // Adds every MarkCovered statement that evaluation reaches to *reached.
  void record_coverage(std::unordered_set<const ir::Stmt*>* reached) { reached_ = reached; }
  // Ends evaluation with eval_cancel_error once `deadline` has passed. The clock is read
  // every few hundred loop iterations and function calls, so a single long builtin call
  // still runs to its end.
  void set_deadline(std::chrono::steady_clock::time_point deadline);

 private:
  struct MemoEntry {
    bool computed = false;
    Value input;
    Value data;
    Value mock_values;
    Value result;
  };

  int exec_block(const ir::Block& block, Value* frame);
  int exec_stmt(const ir::Stmt& stmt, Value* frame);
  int exec_scan(const ir::Stmt& stmt, Value* frame);
  int exec_call_builtin(const ir::Stmt& stmt, Value* frame);
  int exec_call_function(const ir::Stmt& stmt, Value* frame);
  int raise(const ir::Stmt& stmt, const char* code, std::string message);
  bool deadline_passed();
  const Value& operand(const ir::Operand& op, const Value* frame) const {
    return op.is_local() ? frame[op.index] : program_.constants[op.index];
  }

  const ir::Program& program_;
  BuiltinContext& context_;
  bool strict_builtin_errors_;
  std::vector<MemoEntry> memo_;
  ResultRows* rows_ = nullptr;
  Error error_;
  // Strict mode: the first builtin error. As in OPA, evaluation goes on as if the call were
  // undefined, and the error is the outcome once the query completes.
  std::optional<Error> builtin_error_;
  std::unordered_set<const ir::Stmt*>* reached_ = nullptr;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  uint32_t steps_until_clock_check_ = 0;
};

}  // namespace regoc
