// The planner: turns a compiled program (kernel-form modules and query) into the planned IR.
#pragma once

#include "compiler/compiler.h"
#include "compiler/ir.h"

namespace regoc {

struct PlanOptions {
  // Emit a MarkCovered statement before each expression of the modules and where each rule
  // produces a value, so that an interpreter can report which source rows were evaluated.
  bool coverage = false;
};

// Plans every rule that the query can reach, and the query itself.
// Returns errors (rego_compile_error) for constructs the planner does not support.
Errors plan_program(const CompiledProgram& program, ir::Program* out,
                    const PlanOptions& options = {});

}  // namespace regoc
