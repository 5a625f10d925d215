// Set builtins: and (the & operator), or (the | operator), intersection and union of a set
// of sets. Set items are sorted, so each operation is a linear merge.
#include <algorithm>
#include <iterator>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

std::vector<Value> intersect_items(std::span<const Value> a, std::span<const Value> b) {
  std::vector<Value> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

std::vector<Value> unite_items(std::span<const Value> a, std::span<const Value> b) {
  std::vector<Value> out;
  out.reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// Checks that both operands are sets.
bool set_operands(BuiltinContext& context, std::string_view name, std::span<const Value> args) {
  for (int i = 0; i < 2; ++i) {
    if (!args[i].is_set()) {
      context.type_error(name, i + 1, "set", args[i]);
      return false;
    }
  }
  return true;
}

BuiltinStatus set_and(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!set_operands(context, "and", args)) return BuiltinStatus::Error;
  result = Value::set(intersect_items(args[0].set_items(), args[1].set_items()));
  return BuiltinStatus::Ok;
}

BuiltinStatus set_or(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!set_operands(context, "or", args)) return BuiltinStatus::Error;
  result = Value::set(unite_items(args[0].set_items(), args[1].set_items()));
  return BuiltinStatus::Ok;
}

// Checks that the operand is a set whose items are sets. OPA reports an item that is not a
// set with the same message as the operand itself.
bool set_of_sets_operand(BuiltinContext& context, std::string_view name, const Value& value) {
  if (!value.is_set()) {
    context.type_error(name, 1, "set", value);
    return false;
  }
  for (const Value& item : value.set_items()) {
    if (!item.is_set()) {
      context.type_error(name, 1, "set", item);
      return false;
    }
  }
  return true;
}

BuiltinStatus intersection(BuiltinContext& context, std::span<const Value> args,
                           Value& result) {
  if (!set_of_sets_operand(context, "intersection", args[0])) return BuiltinStatus::Error;
  std::span<const Value> sets = args[0].set_items();
  if (sets.empty()) {
    result = Value::set();
    return BuiltinStatus::Ok;
  }

  std::span<const Value> first = sets[0].set_items();
  std::vector<Value> common(first.begin(), first.end());
  for (const Value& set : sets.subspan(1)) common = intersect_items(common, set.set_items());
  result = Value::set(std::move(common));
  return BuiltinStatus::Ok;
}

BuiltinStatus set_union(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!set_of_sets_operand(context, "union", args[0])) return BuiltinStatus::Error;
  std::vector<Value> all;
  for (const Value& set : args[0].set_items()) {
    std::span<const Value> items = set.set_items();
    all.insert(all.end(), items.begin(), items.end());
  }
  result = Value::set(std::move(all));
  return BuiltinStatus::Ok;
}

}  // namespace

void register_set_builtins(Registry& registry) {
  registry.add("and", set_and);
  registry.add("or", set_or);
  registry.add("intersection", intersection);
  registry.add("union", set_union);
}

}  // namespace regoc
