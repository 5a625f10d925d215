// Running one conformance case through the engine and judging the outcome as OPA's own test
// harness does.
//
// External interface: run_case().
#pragma once

#include <string>

#include "api/engine.h"
#include "conformance/test_case.h"

namespace regoc::conformance {

enum class CaseStatus { Passed, Failed, Skipped };

struct CaseOutcome {
  CaseStatus status = CaseStatus::Failed;
  std::string detail;  // why the case failed or was skipped; empty when it passed
};

/// Compiles the case's modules and query, evaluates them with its data and input and compares
/// the outcome with its expectations:
/// - want_result: the results must equal the expected list, compared as sets. Each result is
///   an object of the query's variable bindings, with sets written as arrays. `[]` means
///   undefined, and sort_bindings sorts array values first.
/// - want_error: the text of the errors must contain it.
/// - want_error_code: the first error's code must equal it.
/// - want_defined: whether some result exists.
/// An error that no want_error or want_error_code expects fails the case, and so does a case
/// without any expectation.
CaseOutcome run_case(const ConformanceCase& test, ExecutorKind executor);

}  // namespace regoc::conformance
