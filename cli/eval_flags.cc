// Parsing of `regoc eval` options (see cli/eval_flags.h). The forms each option accepts are
// those of cli/option_parser.h.
#include "cli/eval_flags.h"

#include <charconv>
#include <string_view>

#include "cli/option_parser.h"

namespace regoc::cli {

namespace {

// An unscoped enum converts to OptionSpec's int id. Its own namespace keeps the names of its
// values (Engine, Format, ...) out of this file's scope.
namespace option_id {
enum OptionId : int {
  Data, Bundle, Input, StdinInput, Stdin, Format, Fail, FailDefined, StrictBuiltinErrors,
  DumpIr, PrettyLimit, Help, Target, V1Compatible, Engine, Unsupported = kUnsupportedOption,
};
}  // namespace option_id
using option_id::OptionId;

// The options of opa eval (OPA 1.x) with their short forms. Those marked Unsupported are
// rejected with an error.
constexpr OptionSpec kOptions[] = {
    {"data", 'd', true, OptionId::Data},
    {"bundle", 'b', true, OptionId::Bundle},
    {"input", 'i', true, OptionId::Input},
    {"stdin-input", 'I', false, OptionId::StdinInput},
    {"stdin", '\0', false, OptionId::Stdin},
    {"format", 'f', true, OptionId::Format},
    {"fail", '\0', false, OptionId::Fail},
    {"fail-defined", '\0', false, OptionId::FailDefined},
    {"strict-builtin-errors", '\0', false, OptionId::StrictBuiltinErrors},
    {"dump-ir", '\0', false, OptionId::DumpIr},
    {"engine", '\0', true, OptionId::Engine},
    {"pretty-limit", '\0', true, OptionId::PrettyLimit},
    {"help", 'h', false, OptionId::Help},
    {"target", 't', true, OptionId::Target},
    {"v1-compatible", '\0', false, OptionId::V1Compatible},
    {"capabilities", '\0', true, OptionId::Unsupported},
    {"count", '\0', true, OptionId::Unsupported},
    {"coverage", '\0', false, OptionId::Unsupported},
    {"disable-early-exit", '\0', false, OptionId::Unsupported},
    {"disable-indexing", '\0', false, OptionId::Unsupported},
    {"disable-inlining", '\0', true, OptionId::Unsupported},
    {"entrypoint", 'e', true, OptionId::Unsupported},
    {"explain", '\0', true, OptionId::Unsupported},
    {"ignore", '\0', true, OptionId::Unsupported},
    {"import", '\0', true, OptionId::Unsupported},
    {"instrument", '\0', false, OptionId::Unsupported},
    {"metrics", '\0', false, OptionId::Unsupported},
    {"nondeterminstic-builtins", '\0', false, OptionId::Unsupported},
    {"optimize", 'O', true, OptionId::Unsupported},
    {"package", '\0', true, OptionId::Unsupported},
    {"partial", 'p', false, OptionId::Unsupported},
    {"profile", '\0', false, OptionId::Unsupported},
    {"profile-limit", '\0', true, OptionId::Unsupported},
    {"profile-sort", '\0', true, OptionId::Unsupported},
    {"read-ast-values-from-store", '\0', false, OptionId::Unsupported},
    {"schema", 's', true, OptionId::Unsupported},
    {"shallow-inlining", '\0', false, OptionId::Unsupported},
    {"show-builtin-errors", '\0', false, OptionId::Unsupported},
    {"strict", 'S', false, OptionId::Unsupported},
    {"timeout", '\0', true, OptionId::Unsupported},
    {"unknowns", 'u', true, OptionId::Unsupported},
    {"v0-compatible", '\0', false, OptionId::Unsupported},
    {"var-values", '\0', false, OptionId::Unsupported},
};

std::string parse_format(std::string_view text, OutputFormat* out) {
  if (text == "json") *out = OutputFormat::Json;
  else if (text == "values") *out = OutputFormat::Values;
  else if (text == "bindings") *out = OutputFormat::Bindings;
  else if (text == "pretty") *out = OutputFormat::Pretty;
  else if (text == "raw") *out = OutputFormat::Raw;
  else if (text == "discard") *out = OutputFormat::Discard;
  else if (text == "source") {
    return "--format source prints partial evaluation results, and partial evaluation "
           "(--partial) is not supported yet";
  } else {
    return "invalid --format value \"" + std::string(text) +
           "\": expected json, values, bindings, pretty, raw or discard";
  }
  return "";
}

std::string parse_bool(const OptionSpec& spec, const std::optional<std::string>& value,
                       bool* out) {
  return parse_bool_option(spec, value, out);
}

// Stores one option and its value (nullopt for a boolean option given without "=value").
std::string apply(const OptionSpec& spec, const std::optional<std::string>& value,
                  EvalFlags* out) {
  switch (static_cast<OptionId>(spec.id)) {
    case OptionId::Data: out->data_paths.push_back(*value); return "";
    case OptionId::Bundle: out->bundle_paths.push_back(*value); return "";
    case OptionId::Input: out->input_path = *value; return "";
    case OptionId::StdinInput: return parse_bool(spec, value, &out->stdin_input);
    case OptionId::Stdin: return parse_bool(spec, value, &out->stdin_query);
    case OptionId::Format: return parse_format(*value, &out->output.format);
    case OptionId::Fail: return parse_bool(spec, value, &out->fail);
    case OptionId::FailDefined: return parse_bool(spec, value, &out->fail_defined);
    case OptionId::StrictBuiltinErrors:
      return parse_bool(spec, value, &out->strict_builtin_errors);
    case OptionId::DumpIr: return parse_bool(spec, value, &out->dump_ir);
    case OptionId::Engine: return parse_engine_option(*value, &out->executor);
    case OptionId::Help: return parse_bool(spec, value, &out->help);
    case OptionId::V1Compatible: {
      bool ignored = false;  // Rego v1 is the only language version regoc parses.
      return parse_bool(spec, value, &ignored);
    }
    case OptionId::PrettyLimit: {
      int limit = 0;
      const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), limit);
      if (ec != std::errc() || end != value->data() + value->size()) {
        return "invalid value \"" + *value + "\" for --pretty-limit: expected an integer";
      }
      out->output.pretty_limit = limit;
      return "";
    }
    case OptionId::Target:
      if (*value == "rego") return "";
      return "--target " + *value + " is not supported yet: regoc evaluates with its own "
             "engine (target rego)";
    case OptionId::Unsupported:
      return "option --" + std::string(spec.long_name) + " is not supported yet";
  }
  return "";
}

// Checks the combinations that opa eval rejects.
std::string validate(const EvalFlags& flags, size_t positional_count) {
  if (positional_count > 1) return "specify at most one query argument";
  if (flags.query && flags.stdin_query) return "specify a query argument or --stdin, not both";
  if (!flags.query && !flags.stdin_query) return "specify a query argument or --stdin";
  if (flags.stdin_query && flags.stdin_input) return "specify --stdin or --stdin-input, not both";
  if (flags.stdin_input && !flags.input_path.empty()) {
    return "specify --stdin-input or --input, not both";
  }
  if (flags.fail && flags.fail_defined) return "specify --fail or --fail-defined, not both";
  return "";
}

}  // namespace

std::string parse_eval_flags(std::span<const std::string> args, EvalFlags* out) {
  std::vector<std::string> positionals;
  const auto handle = [out](const OptionSpec& spec, const std::optional<std::string>& value) {
    return apply(spec, value, out);
  };
  if (std::string error = parse_options(args, kOptions, "eval", handle, &positionals);
      !error.empty()) {
    return error;
  }
  if (!positionals.empty()) out->query = positionals.front();
  if (out->help) return "";
  return validate(*out, positionals.size());
}

std::string eval_help() {
  return R"(Evaluate a Rego query and print the result, as `opa eval` does.

Usage:
  regoc eval [options] <query>

Options:
  -d, --data PATH             load a .rego, .json, .yaml or .yml file, or every such file
                              under a folder (repeatable); data in dir/a/b/ lands at data.a.b
  -b, --bundle PATH           load a bundle folder: .rego files and data.json/data.yaml
                              placed by folder, with an optional .manifest (repeatable)
  -i, --input PATH            read the input document from a JSON or YAML file
  -I, --stdin-input           read the input document from standard input
      --stdin                 read the query from standard input
  -f, --format FORMAT         json (default), values, bindings, pretty, raw or discard
      --pretty-limit N        cut pretty table cells after N bytes (default 80; 0 = no limit)
      --fail                  exit with status 1 when the result is undefined or empty
      --fail-defined          exit with status 1 when the result is defined
      --strict-builtin-errors make the first builtin error end evaluation with an error
      --dump-ir               print the planned IR of the query instead of evaluating it
      --engine ENGINE         interp (default: the IR interpreter, no compile cost) or jit
                              (native code through LLVM, for repeated evaluation)
  -t, --target rego           the evaluation target; only rego is supported
  -h, --help                  print this help

Exit status: 0 on success, 1 for --fail or --fail-defined, 2 on any error.
Other options of opa eval (--partial, --explain, --profile, --coverage, --capabilities,
-t wasm, ...) are rejected with an error.
)";
}

}  // namespace regoc::cli
