// Which locals of a compiled function may contain a value without owning a reference to it.
//
// A compiled function's parameters (input, data, the mock values and its arguments) stay
// alive and unchanged for the whole call: the caller owns them. So do the program's
// constants. A value found inside one of them by Dot, or visited by Scan, therefore outlives
// the call too. So a local that only ever contains such values can keep them without counting
// a reference: the JIT copies the Value's bits in and never releases them. On the decision path
// of a typical policy, that removes every atomic reference count update of input and data
// lookups.
//
// A local qualifies when every statement that writes it is a Dot from, an AssignVar of, or a
// Scan over a constant or a qualifying local (or a ResetLocal), and it is not the function's
// result. Parameters qualify when no statement writes them; when one does, no local of the
// function qualifies.
#pragma once

#include <vector>

#include "compiler/ir.h"

namespace regoc::jit {

// One flag per local of `function` (at least ir::kImplicitParams), true for a borrowed one.
std::vector<bool> borrowed_locals(const ir::Function& function, bool returns_result);

}  // namespace regoc::jit
