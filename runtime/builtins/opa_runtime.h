// The object that opa.runtime() returns. Like OPA's rego package, an embedding gets {} unless
// it sets runtime information; `regoc eval` sets what `opa eval` passes (eval_runtime_info).
#pragma once

#include "runtime/value.h"

namespace regoc {

// Sets the object that opa.runtime() returns from now on, in every thread.
void set_opa_runtime_info(Value info);

// Returns the runtime information that `opa eval` passes when OPA runs without a
// configuration file: env (the process environment), version, commit,
// authorization_enabled and skip_known_schema_check.
Value eval_runtime_info();

}  // namespace regoc
