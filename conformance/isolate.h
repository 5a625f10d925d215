// Running conformance cases in child processes, so that a case that crashes, recurses
// without end or hangs fails alone instead of ending the whole run.
//
// External interface: run_cases().
#pragma once

#include <vector>

#include "conformance/run_case.h"
#include "api/engine.h"
#include "conformance/test_case.h"

namespace regoc::conformance {

struct IsolationOptions {
  unsigned jobs = 1;        // cases that run at the same time, each in its own process
  int timeout_seconds = 0;  // a case that runs longer fails; 0 means no limit
  bool in_process = false;  // run every case in this process, one after another (debugging)
  ExecutorKind executor = ExecutorKind::Interpreter;  // which executor evaluates the cases
};

/// Runs every case and returns their outcomes in the order of `cases`.
std::vector<CaseOutcome> run_cases(const std::vector<ConformanceCase>& cases,
                                   const IsolationOptions& options);

}  // namespace regoc::conformance
