// The query-level rego.metadata.* builtins (runtime/builtins/rego_metadata.h).
#include "runtime/builtins/rego_metadata.h"

#include "runtime/builtins/operands.h"

namespace regoc {
namespace {

BuiltinStatus chain_outside_rule(BuiltinContext& context, std::span<const Value>, Value&) {
  return builtin_error(context, "rego.metadata.chain",
                       "the rego.metadata.chain function must only be called within the scope "
                       "of a rule");
}

BuiltinStatus rule_outside_rule(BuiltinContext& context, std::span<const Value>, Value&) {
  return builtin_error(context, "rego.metadata.rule",
                       "the rego.metadata.rule function must only be called within the scope "
                       "of a rule");
}

}  // namespace

void register_rego_metadata_builtins(Registry& registry) {
  registry.add("rego.metadata.chain", chain_outside_rule);
  registry.add("rego.metadata.rule", rule_outside_rule);
}

}  // namespace regoc
