// Entry point of the `regoc` program: dispatches to the command named by the first argument.
//
// Commands: eval (cli/eval.cc), test (cli/test_command.cc), bench (cli/bench.cc),
// capabilities (cli/capabilities.cc) and version; `regoc --help` lists them.
#include <iostream>
#include <string>
#include <vector>

#include "cli/bench.h"
#include "cli/capabilities.h"
#include "cli/eval.h"
#include "cli/test_command.h"
#include "runtime/builtins/opa_runtime.h"

namespace {

constexpr const char* kVersion = "0.1.0";

constexpr const char* kUsage = R"(regoc compiles and evaluates Rego (Open Policy Agent's policy
language, v1), following the behaviour of OPA 1.20.

Usage:
  regoc <command> [arguments]

Commands:
  eval       evaluate a Rego query (like `opa eval`)
  test       run the Rego tests of policy files (like `opa test`)
  bench      benchmark a Rego query (like `opa bench`)
  capabilities  print the capabilities JSON of regoc (like `opa capabilities`)
  version    print the version of regoc

Run `regoc <command> --help` for the options of a command.
)";

int print_version() {
  std::cout << "Version: " << kVersion << "\n"
            << "Rego Version: v1\n"
            << "Compatible with: OPA 1.20\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return regoc::cli::kExitError;
  }

  const std::string& command = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "eval") {
    // As `opa eval` does, give opa.runtime() the environment and version.
    regoc::set_opa_runtime_info(regoc::eval_runtime_info());
    return regoc::cli::run_eval(rest);
  }
  if (command == "test") return regoc::cli::run_test(rest);
  if (command == "bench") return regoc::cli::run_bench(rest);
  if (command == "capabilities") return regoc::cli::run_capabilities(rest);
  if (command == "version" || command == "--version") return print_version();
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kUsage;
    return 0;
  }
  std::cerr << "regoc: unknown command \"" << command << "\" (run regoc --help for the list)\n";
  return regoc::cli::kExitError;
}
