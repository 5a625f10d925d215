// Scanning of command-line options (see cli/option_parser.h).
#include "cli/option_parser.h"

namespace regoc::cli {

namespace {

const OptionSpec* find_long(std::span<const OptionSpec> specs, std::string_view name) {
  for (const OptionSpec& spec : specs) {
    if (spec.long_name == name) return &spec;
  }
  return nullptr;
}

const OptionSpec* find_short(std::span<const OptionSpec> specs, char name) {
  for (const OptionSpec& spec : specs) {
    if (spec.short_name != '\0' && spec.short_name == name) return &spec;
  }
  return nullptr;
}

}  // namespace

std::string parse_options(std::span<const std::string> args, std::span<const OptionSpec> specs,
                          std::string_view command, const OptionHandler& handle,
                          std::vector<std::string>* positionals) {
  bool options_ended = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_ended || arg.size() < 2 || arg[0] != '-') {
      positionals->push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }

    const bool is_long = arg[1] == '-';
    const OptionSpec* spec = nullptr;
    std::optional<std::string> value;
    if (is_long) {
      const size_t equals = arg.find('=');
      spec = find_long(specs, std::string_view(arg).substr(
                                  2, equals == std::string::npos ? std::string::npos
                                                                 : equals - 2));
      if (equals != std::string::npos) value = arg.substr(equals + 1);
    } else {
      spec = find_short(specs, arg[1]);
      if (spec != nullptr && arg.size() > 2) {
        if (!spec->takes_value) return "unknown option " + arg;
        value = arg.substr(arg[2] == '=' ? 3 : 2);
      }
    }
    if (spec == nullptr) {
      return "unknown option " + arg + " (see regoc " + std::string(command) + " --help)";
    }
    if (spec->id == kUnsupportedOption) {
      return "option --" + std::string(spec->long_name) + " is not supported yet";
    }

    if (spec->takes_value && !value) {
      if (i + 1 >= args.size()) {
        return "option --" + std::string(spec->long_name) + " requires a value";
      }
      value = args[++i];
    }
    if (const std::string error = handle(*spec, value); !error.empty()) return error;
  }
  return "";
}

std::string parse_bool_option(const OptionSpec& spec, const std::optional<std::string>& value,
                              bool* out) {
  if (!value || *value == "true") {
    *out = true;
  } else if (*value == "false") {
    *out = false;
  } else {
    return "invalid value \"" + *value + "\" for --" + std::string(spec.long_name) +
           ": expected true or false";
  }
  return "";
}

std::string parse_engine_option(const std::string& value, ExecutorKind* out) {
  const std::optional<ExecutorKind> executor = parse_executor_kind(value);
  if (!executor) return "invalid value \"" + value + "\" for --engine: expected interp or jit";
  *out = *executor;
  return "";
}

}  // namespace regoc::cli
