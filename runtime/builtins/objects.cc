// Object builtins: object.get (by key or by path), object.keys, object.remove,
// object.filter, object.union (a recursive merge), object.union_n and object.subset.
#include <algorithm>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

// object.get(object, key, default): with an array key, the array is a path of keys
// (array indices and set members included) and [] selects the object itself.
BuiltinStatus get(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[0].is_object()) return context.type_error("object.get", 1, "object", args[0]);
  const Value& key = args[1];
  if (!key.is_array()) {
    const Value* found = args[0].find(key);
    result = found != nullptr ? *found : args[2];
    return BuiltinStatus::Ok;
  }

  const Value* current = &args[0];
  for (const Value& step : key.array_items()) {
    bool is_collection = current->is_object() || current->is_array() || current->is_set();
    current = is_collection ? current->find(step) : nullptr;
    if (current == nullptr) {
      result = args[2];
      return BuiltinStatus::Ok;
    }
  }
  result = *current;
  return BuiltinStatus::Ok;
}

BuiltinStatus keys(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[0].is_object()) return context.type_error("object.keys", 1, "object", args[0]);
  std::vector<Value> items;
  items.reserve(args[0].size());
  for (const Value::Entry& entry : args[0].object_entries()) items.push_back(entry.first);
  result = Value::set(std::move(items));
  return BuiltinStatus::Ok;
}

// Reads the keys operand of object.remove and object.filter: an array, a set, or an object
// whose keys count. Returns them as a set.
bool key_set_operand(BuiltinContext& context, std::string_view name, const Value& value,
                     Value* out) {
  if (value.is_set()) {
    *out = value;
  } else if (value.is_array()) {
    std::span<const Value> items = value.array_items();
    *out = Value::set(std::vector<Value>(items.begin(), items.end()));
  } else if (value.is_object()) {
    std::vector<Value> items;
    for (const Value::Entry& entry : value.object_entries()) items.push_back(entry.first);
    *out = Value::set(std::move(items));
  } else {
    context.type_error(name, 2, "one of {object, set, array}", value);
    return false;
  }
  return true;
}

// Keeps the entries whose key is (keep == true) or is not (keep == false) in the key set.
BuiltinStatus select_keys(BuiltinContext& context, std::string_view name,
                          std::span<const Value> args, bool keep, Value& result) {
  if (!args[0].is_object()) return context.type_error(name, 1, "object", args[0]);
  Value key_set;
  if (!key_set_operand(context, name, args[1], &key_set)) return BuiltinStatus::Error;
  std::vector<Value::Entry> entries;
  for (const Value::Entry& entry : args[0].object_entries()) {
    if ((key_set.find(entry.first) != nullptr) == keep) entries.push_back(entry);
  }
  result = Value::object(std::move(entries));
  return BuiltinStatus::Ok;
}

BuiltinStatus remove(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return select_keys(context, "object.remove", args, false, result);
}

BuiltinStatus filter(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return select_keys(context, "object.filter", args, true, result);
}

// Merges `update` into `base`: keys in both whose values are both objects merge
// recursively; otherwise the value from `update` wins.
Value merge_objects(const Value& base, const Value& update) {
  Value merged = base;
  for (const Value::Entry& entry : update.object_entries()) {
    const Value* existing = base.find(entry.first);
    if (existing != nullptr && existing->is_object() && entry.second.is_object()) {
      merged.object_insert(entry.first, merge_objects(*existing, entry.second));
    } else {
      merged.object_insert(entry.first, entry.second);
    }
  }
  return merged;
}

BuiltinStatus union_builtin(BuiltinContext& context, std::span<const Value> args,
                            Value& result) {
  if (!args[0].is_object()) return context.type_error("object.union", 1, "object", args[0]);
  if (!args[1].is_object()) return context.type_error("object.union", 2, "object", args[1]);
  result = merge_objects(args[0], args[1]);
  return BuiltinStatus::Ok;
}

// object.union_n merges the objects of an array from first to last, the later ones winning.
BuiltinStatus union_n(BuiltinContext& context, std::span<const Value> args, Value& result) {
  const Value& objects = args[0];
  if (!objects.is_array()) return context.type_error("object.union_n", 1, "array", objects);
  Value merged = Value::object();
  for (const Value& item : objects.array_items()) {
    if (!item.is_object()) {
      return element_error(context, "object.union_n", 1, objects, "object", item);
    }
    merged = merge_objects(merged, item);
  }
  result = std::move(merged);
  return BuiltinStatus::Ok;
}


bool is_subset(const Value& super, const Value& sub);

// True when `sub` occurs in `super` as a contiguous run of items.
bool is_subarray(std::span<const Value> super, std::span<const Value> sub) {
  if (sub.size() > super.size()) return false;
  for (size_t start = 0; start + sub.size() <= super.size(); ++start) {
    if (std::equal(sub.begin(), sub.end(), super.begin() + start)) return true;
  }
  return false;
}

// True when every member of `members` is an item of `items` (a sorted set or any array).
bool contains_all(const Value& items, std::span<const Value> members) {
  for (const Value& member : members) {
    bool found = items.is_set()
                     ? items.find(member) != nullptr
                     : std::find(items.array_items().begin(), items.array_items().end(),
                                 member) != items.array_items().end();
    if (!found) return false;
  }
  return true;
}

// object.subset's rule: objects match key by key (recursively for nested objects, sets and
// arrays), sets by membership, arrays as contiguous runs, and a set inside an array by
// membership. Values of other kinds must be equal.
bool is_subset(const Value& super, const Value& sub) {
  if (super == sub) return true;
  if (super.is_object() && sub.is_object()) {
    for (const Value::Entry& entry : sub.object_entries()) {
      const Value* value = super.find(entry.first);
      if (value == nullptr || !is_subset(*value, entry.second)) return false;
    }
    return true;
  }
  if (super.is_set() && sub.is_set()) return contains_all(super, sub.set_items());
  if (super.is_array() && sub.is_array()) {
    return is_subarray(super.array_items(), sub.array_items());
  }
  if (super.is_array() && sub.is_set()) return contains_all(super, sub.set_items());
  return false;
}

BuiltinStatus subset(BuiltinContext& context, std::span<const Value> args, Value& result) {
  constexpr std::string_view kName = "object.subset";
  const Value& super = args[0];
  const Value& sub = args[1];
  if (!super.is_object() && !super.is_set() && !super.is_array()) {
    return context.type_error(kName, 1, "one of {object, set, array}", super);
  }
  bool compatible = super.kind() == sub.kind() || (super.is_array() && sub.is_set());
  if (!compatible) {
    std::string_view expected = super.is_array() ? "one of {array, set}" : type_name(super);
    return context.type_error(kName, 2, expected, sub);
  }
  result = Value::boolean(is_subset(super, sub));
  return BuiltinStatus::Ok;
}

}  // namespace

void register_object_builtins(Registry& registry) {
  registry.add("object.get", get);
  registry.add("object.keys", keys);
  registry.add("object.remove", remove);
  registry.add("object.filter", filter);
  registry.add("object.union", union_builtin);
  registry.add("object.union_n", union_n);
  registry.add("object.subset", subset);
}

}  // namespace regoc
