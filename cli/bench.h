// The `regoc bench` command: prepare a query once, evaluate it repeatedly and print timing
// figures, like `opa bench`.
//
// External interface: run_bench(), which returns the process exit status.
#pragma once

#include <span>
#include <string>

namespace regoc::cli {

/// Runs `regoc bench` with the arguments that follow "bench".
int run_bench(std::span<const std::string> args);

}  // namespace regoc::cli
