// Memoization where it pays. The planner gives every rule without arguments a memo slot, so that
// a rule is evaluated once per query however often it is referenced. A rule that the plan calls
// from one place only, outside any loop, in a caller that itself runs at most once, runs at most
// once anyway; caching its result would only add the cost of copying the cache key (input,
// data and the mock values) on every decision. This pass removes those slots.
#pragma once

#include "compiler/ir.h"

namespace regoc {

// Clears the memo_slot of every function that runs at most once without it, and renumbers the
// remaining slots from 0.
void drop_single_use_memos(ir::Program& program);

}  // namespace regoc
