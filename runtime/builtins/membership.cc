// Membership builtins behind the `in` operator: internal.member_2 (`x in c`) and
// internal.member_3 (`k, v in c`). A non-collection operand yields false, not an error.
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

bool contains_value(std::span<const Value> values, const Value& x) {
  for (const Value& value : values) {
    if (value == x) return true;
  }
  return false;
}

// `x in collection`: an array item, a set member or an object value equal to x.
BuiltinStatus member_2(BuiltinContext&, std::span<const Value> args, Value& result) {
  const Value& x = args[0];
  const Value& collection = args[1];
  bool found = false;
  switch (collection.kind()) {
    case Kind::Set:
      found = collection.find(x) != nullptr;
      break;
    case Kind::Array:
      found = contains_value(collection.array_items(), x);
      break;
    case Kind::Object:
      for (const Value::Entry& entry : collection.object_entries()) {
        if (entry.second == x) {
          found = true;
          break;
        }
      }
      break;
    default:
      break;
  }
  result = Value::boolean(found);
  return BuiltinStatus::Ok;
}

// `key, value in collection`: for a set, key and value are both the member; for an array
// the key is an index and for an object a key.
BuiltinStatus member_3(BuiltinContext&, std::span<const Value> args, Value& result) {
  const Value& key = args[0];
  const Value& value = args[1];
  const Value& collection = args[2];
  bool found = false;
  if (collection.is_set()) {
    found = collection.find(key) != nullptr && key == value;
  } else if (collection.is_array() || collection.is_object()) {
    const Value* item = collection.find(key);
    found = item != nullptr && *item == value;
  }
  result = Value::boolean(found);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_membership_builtins(Registry& registry) {
  registry.add("internal.member_2", member_2);
  registry.add("internal.member_3", member_3);
}

}  // namespace regoc
