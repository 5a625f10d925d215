// The `regoc capabilities` command: prints capabilities JSON in the form of
// `opa capabilities` (builtins with their declarations, future keywords, features).
//
// External interface: run_capabilities(), which returns the process exit status.
#pragma once

#include <span>
#include <string>

namespace regoc::cli {

/// Runs `regoc capabilities` with the arguments that follow "capabilities".
int run_capabilities(std::span<const std::string> args);

}  // namespace regoc::cli
