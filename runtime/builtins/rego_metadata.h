// rego.metadata.chain() and rego.metadata.rule() outside rules. In a rule the planner replaces
// each call with the rule's annotations (compiler/annotations.h), as OPA's compiler does, so
// these functions run only for calls in a query, where OPA fails.
#pragma once

#include "runtime/builtins/registry.h"

namespace regoc {

void register_rego_metadata_builtins(Registry& registry);

}  // namespace regoc
