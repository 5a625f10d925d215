// Comparison builtins: equal, neq, lt, lte, gt and gte. They accept values of any type and
// compare them in OPA's total order (null < boolean < number < string < array < object < set).
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

template <bool (*Holds)(int)>
BuiltinStatus compare_builtin(BuiltinContext&, std::span<const Value> args, Value& result) {
  result = Value::boolean(Holds(args[0].compare(args[1])));
  return BuiltinStatus::Ok;
}

bool is_equal(int order) { return order == 0; }
bool is_not_equal(int order) { return order != 0; }
bool is_less(int order) { return order < 0; }
bool is_less_or_equal(int order) { return order <= 0; }
bool is_greater(int order) { return order > 0; }
bool is_greater_or_equal(int order) { return order >= 0; }

}  // namespace

void register_comparison_builtins(Registry& registry) {
  registry.add("equal", compare_builtin<is_equal>);
  registry.add("neq", compare_builtin<is_not_equal>);
  registry.add("lt", compare_builtin<is_less>);
  registry.add("lte", compare_builtin<is_less_or_equal>);
  registry.add("gt", compare_builtin<is_greater>);
  registry.add("gte", compare_builtin<is_greater_or_equal>);
}

}  // namespace regoc
