// Array builtins: array.concat, array.slice and array.reverse.
#include <algorithm>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

BuiltinStatus concat(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[0].is_array()) return context.type_error("array.concat", 1, "array", args[0]);
  if (!args[1].is_array()) return context.type_error("array.concat", 2, "array", args[1]);
  std::span<const Value> first = args[0].array_items();
  std::span<const Value> second = args[1].array_items();
  std::vector<Value> items;
  items.reserve(first.size() + second.size());
  items.insert(items.end(), first.begin(), first.end());
  items.insert(items.end(), second.begin(), second.end());
  result = Value::array(std::move(items));
  return BuiltinStatus::Ok;
}

// array.slice(array, start, stop): items [start, stop) after clamping both indices into
// [0, count] and start to at most stop, so out-of-range indices give a shorter slice.
BuiltinStatus slice(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[0].is_array()) return context.type_error("array.slice", 1, "array", args[0]);
  int64_t start = 0;
  int64_t stop = 0;
  if (!int_operand(context, "array.slice", 2, args[1], &start) ||
      !int_operand(context, "array.slice", 3, args[2], &stop)) {
    return BuiltinStatus::Error;
  }
  std::span<const Value> items = args[0].array_items();
  auto count = static_cast<int64_t>(items.size());
  stop = std::clamp<int64_t>(stop, 0, count);
  start = std::clamp<int64_t>(start, 0, stop);
  result = Value::array(std::vector<Value>(items.begin() + start, items.begin() + stop));
  return BuiltinStatus::Ok;
}

BuiltinStatus reverse(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[0].is_array()) return context.type_error("array.reverse", 1, "array", args[0]);
  std::span<const Value> items = args[0].array_items();
  result = Value::array(std::vector<Value>(items.rbegin(), items.rend()));
  return BuiltinStatus::Ok;
}

}  // namespace

void register_array_builtins(Registry& registry) {
  registry.add("array.concat", concat);
  registry.add("array.slice", slice);
  registry.add("array.reverse", reverse);
}

}  // namespace regoc
