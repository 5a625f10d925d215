// Scanning of command-line options shared by the regoc commands (eval, bench).
//
// External interface: parse_options(), which splits the arguments into options and positional
// arguments, and the value parsers parse_bool_option() and parse_engine_option().
// Accepted forms: --name value, --name=value, -x value and -xvalue; boolean options also take
// --name=true or --name=false. "--" ends the options.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/engine.h"

namespace regoc::cli {

// The id of an option that the command rejects as soon as it is named, before its value.
inline constexpr int kUnsupportedOption = -1;

// One option of a command. `id` is the command's own number for it.
struct OptionSpec {
  std::string_view long_name;
  char short_name;  // '\0' when the option has no short form
  bool takes_value;
  int id;
};

// Receives each option in the order given, with its value (nullopt for a boolean option given
// without "=value"). Returns an error message, or an empty string to go on.
using OptionHandler =
    std::function<std::string(const OptionSpec& spec, const std::optional<std::string>& value)>;

/// Scans `args` against `specs`, calling `handle` for each option and appending the other
/// arguments to *positionals. `command` names the command in the message for an unknown
/// option. Returns an empty string on success and the first error message otherwise.
std::string parse_options(std::span<const std::string> args, std::span<const OptionSpec> specs,
                          std::string_view command, const OptionHandler& handle,
                          std::vector<std::string>* positionals);

/// Parses the value of a boolean option: none or "true" is true, "false" is false.
std::string parse_bool_option(const OptionSpec& spec, const std::optional<std::string>& value,
                              bool* out);

/// Parses the value of --engine: "interp" or "jit".
std::string parse_engine_option(const std::string& value, ExecutorKind* out);

}  // namespace regoc::cli
