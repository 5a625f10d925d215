// rego.parse_module through the parser that the compiler installs (runtime/builtins/
// rego_module.h).
#include "runtime/builtins/rego_module.h"

#include <atomic>

#include "runtime/builtins/operands.h"

namespace regoc {
namespace {

constexpr std::string_view kName = "rego.parse_module";

std::atomic<ModuleParser> module_parser{nullptr};

BuiltinStatus parse_module(BuiltinContext& context, std::span<const Value> args,
                           Value& result) {
  if (!args[0].is_string()) return context.type_error(kName, 1, "string", args[0]);
  if (!args[1].is_string()) return context.type_error(kName, 2, "string", args[1]);
  ModuleParser parser = module_parser.load(std::memory_order_acquire);
  if (parser == nullptr) {
    return builtin_error(context, kName, "no Rego parser is installed in this program");
  }
  std::string error;
  if (!parser(args[0].as_string(), args[1].as_string(), &result, &error)) {
    return builtin_error(context, kName, error);
  }
  return BuiltinStatus::Ok;
}

}  // namespace

void set_module_parser(ModuleParser parser) {
  module_parser.store(parser, std::memory_order_release);
}

void register_rego_module_builtins(Registry& registry) {
  registry.add(kName, parse_module);
}

}  // namespace regoc
