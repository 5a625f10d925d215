// The `regoc eval` command: load policies, data and input, evaluate a query, print the result.
//
// External interface: run_eval(), which returns the process exit status.
#pragma once

#include <span>
#include <string>

namespace regoc::cli {

// Exit statuses of opa eval.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFail = 1;   // --fail saw an undefined result, --fail-defined a defined one
inline constexpr int kExitError = 2;  // bad options, unreadable files, parse, compile or eval error

/// Runs `regoc eval` with the arguments that follow "eval".
int run_eval(std::span<const std::string> args);

}  // namespace regoc::cli
