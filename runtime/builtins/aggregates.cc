// Aggregate builtins: count, sum, product, max, min and sort. (OPA v1 removed all and any.)
#include <algorithm>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/utf8.h"

namespace regoc {
namespace {

// Stores the items of an array or set in *items; false when the value is neither.
bool collection_items(const Value& value, std::span<const Value>* items) {
  if (value.is_array()) {
    *items = value.array_items();
    return true;
  }
  if (value.is_set()) {
    *items = value.set_items();
    return true;
  }
  return false;
}

BuiltinStatus count(BuiltinContext& context, std::span<const Value> args, Value& result) {
  const Value& value = args[0];
  switch (value.kind()) {
    case Kind::Array:
    case Kind::Object:
    case Kind::Set:
      result = Value::integer(static_cast<int64_t>(value.size()));
      return BuiltinStatus::Ok;
    case Kind::String:
      // OPA counts code points, not bytes.
      result = Value::integer(static_cast<int64_t>(count_code_points(value.as_string())));
      return BuiltinStatus::Ok;
    default:
      return context.type_error("count", 1, "one of {array, object, set, string}", value);
  }
}

// Folds the numbers of an array or set with `operation`, starting from `initial`.
template <Number (Number::*Operation)(const Number&) const>
BuiltinStatus fold_numbers(BuiltinContext& context, std::string_view name,
                           std::span<const Value> args, int64_t initial, Value& result) {
  std::span<const Value> items;
  if (!collection_items(args[0], &items)) {
    return context.type_error(name, 1, "one of {set, array}", args[0]);
  }

  Number total = Number::from_int64(initial);
  for (const Value& item : items) {
    if (!item.is_number()) return element_error(context, name, 1, args[0], "number", item);
    total = (total.*Operation)(item.as_number());
  }
  result = Value::number(total);
  return BuiltinStatus::Ok;
}

BuiltinStatus sum(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return fold_numbers<&Number::add>(context, "sum", args, 0, result);
}

BuiltinStatus product(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return fold_numbers<&Number::multiply>(context, "product", args, 1, result);
}

// Picks the greatest (sign 1) or least (sign -1) item; undefined for an empty collection.
BuiltinStatus extreme(BuiltinContext& context, std::string_view name,
                      std::span<const Value> args, int sign, Value& result) {
  std::span<const Value> items;
  if (!collection_items(args[0], &items)) {
    return context.type_error(name, 1, "one of {set, array}", args[0]);
  }
  if (items.empty()) return BuiltinStatus::Undefined;

  const Value* best = &items[0];
  for (const Value& item : items) {
    if (item.compare(*best) * sign > 0) best = &item;
  }
  result = *best;
  return BuiltinStatus::Ok;
}

BuiltinStatus max(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return extreme(context, "max", args, 1, result);
}

BuiltinStatus min(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return extreme(context, "min", args, -1, result);
}

BuiltinStatus sort(BuiltinContext& context, std::span<const Value> args, Value& result) {
  const Value& value = args[0];
  if (value.is_set()) {
    // A set's items are already in sorted order.
    std::span<const Value> items = value.set_items();
    result = Value::array(std::vector<Value>(items.begin(), items.end()));
    return BuiltinStatus::Ok;
  }
  if (!value.is_array()) return context.type_error("sort", 1, "one of {set, array}", value);

  std::span<const Value> items = value.array_items();
  std::vector<Value> sorted(items.begin(), items.end());
  std::stable_sort(sorted.begin(), sorted.end());
  result = Value::array(std::move(sorted));
  return BuiltinStatus::Ok;
}

}  // namespace

void register_aggregate_builtins(Registry& registry) {
  registry.add("count", count);
  registry.add("sum", sum);
  registry.add("product", product);
  registry.add("max", max);
  registry.add("min", min);
  registry.add("sort", sort);
}

}  // namespace regoc
