// The `regoc test` command: load policies and data, run the Rego tests among them and report
// the results as `opa test` does.
//
// External interface: run_test(), which returns the process exit status: 0 when every test
// passed, 2 when a test failed, errored or was skipped (see -z) or coverage is below
// --threshold, 1 when files could not be loaded or compiled or the options are invalid.
#pragma once

#include <span>
#include <string>

namespace regoc::cli {

/// Runs `regoc test` with the arguments that follow "test".
int run_test(std::span<const std::string> args);

}  // namespace regoc::cli
