// array.flatten(array): the array with each item that is itself an array replaced by that
// array's items, one level deep ([[1], [2, [3]]] becomes [1, 2, [3]]).
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

BuiltinStatus flatten(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[0].is_array()) return context.type_error("array.flatten", 1, "array", args[0]);
  std::vector<Value> items;
  for (const Value& item : args[0].array_items()) {
    if (item.is_array()) {
      items.insert(items.end(), item.array_items().begin(), item.array_items().end());
    } else {
      items.push_back(item);
    }
  }
  result = Value::array(std::move(items));
  return BuiltinStatus::Ok;
}

}  // namespace

void register_array_flatten_builtins(Registry& registry) { registry.add("array.flatten", flatten); }

}  // namespace regoc
