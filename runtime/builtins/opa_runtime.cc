// Builtins about the running engine: opa.runtime, which returns {} because regoc runs
// embedded without OPA's server configuration or environment, and trace(note), which is
// true and records nothing because regoc has no tracer.
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

BuiltinStatus runtime_info(BuiltinContext&, std::span<const Value>, Value& result) {
  result = Value::object();
  return BuiltinStatus::Ok;
}

BuiltinStatus trace(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[0].is_string()) return context.type_error("trace", 1, "string", args[0]);
  result = Value::boolean(true);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_opa_runtime_builtins(Registry& registry) {
  registry.add("opa.runtime", runtime_info);
  registry.add("trace", trace);
}

}  // namespace regoc
