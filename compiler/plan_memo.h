// Memoization where it pays. The planner gives every rule without arguments a memo slot, so that
// a rule is evaluated once per query however often it is referenced. Some rules run at most once
// anyway: the plan calls them from one place only, outside any loop, in a caller that itself
// runs at most once. For them a cache only adds the copy of its key (input, data and the mock
// values) on every decision, so this pass removes their slots.
#pragma once

#include "compiler/ir.h"

namespace regoc {

// Clears the memo_slot of every function that runs at most once without it, and renumbers the
// remaining slots from 0.
void drop_single_use_memos(ir::Program& program);

}  // namespace regoc
