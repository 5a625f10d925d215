// The planner: turns a compiled program (kernel-form modules and query) into the planned IR.
#pragma once

#include "compiler/compiler.h"
#include "compiler/ir.h"

namespace regoc {

// Plans every rule that the query can reach, and the query itself.
// Returns errors (rego_compile_error) for constructs the planner does not support.
Errors plan_program(const CompiledProgram& program, ir::Program* out);

}  // namespace regoc
