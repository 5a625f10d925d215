// Compact JSON text of an evaluation's outcome, in the shapes that `opa eval --format json`
// prints (without its indentation), for callers that want text rather than Values: the C API.
#pragma once

#include <string>

#include "api/engine.h"

namespace regoc {

// {"result":[{"expressions":[{"value":...,"text":"...","location":{"row":R,"col":C}}],
// "bindings":{...}}]}, where "bindings" appears only when the query binds variables. An
// undefined query gives {} as in opa eval. The outcome's errors are ignored.
std::string results_json(const EvalOutcome& outcome);

// {"errors":[{"location":{"file":"...","row":R,"col":C},"message":"...","code":"..."}]},
// where "location" appears only when known and "code" only when not empty.
std::string errors_json(const Errors& errors);

}  // namespace regoc
