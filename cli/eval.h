// The `regoc eval` command: load policies, data and input, evaluate a query, print the result.
//
// External interface: run_eval(), which returns the process exit status.
#pragma once

#include <span>
#include <string>

namespace regoc::cli {

// Exit statuses of opa eval.
inline constexpr int kExitOk = 0;
// --fail saw an undefined result, or --fail-defined a defined one.
inline constexpr int kExitFail = 1;
// Invalid options, unreadable files, or a parse, compile or evaluation error.
inline constexpr int kExitError = 2;

/// Runs `regoc eval` with the arguments that follow "eval".
int run_eval(std::span<const std::string> args);

}  // namespace regoc::cli
