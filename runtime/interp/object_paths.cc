// Nested object updates: see object_paths.h.
#include "runtime/interp/object_paths.h"

namespace regoc {

bool insert_path_once(Value& object, std::span<const Value> keys, const Value& value) {
  if (!object.is_object()) return false;
  const Value& key = keys[0];
  const Value* existing = object.find(key);
  if (keys.size() == 1) {
    if (existing) return *existing == value;
    object.object_insert(key, value);
    return true;
  }
  Value child = existing ? *existing : Value::object();
  if (!insert_path_once(child, keys.subspan(1), value)) return false;
  object.object_insert(key, std::move(child));
  return true;
}

bool set_add_path(Value& object, std::span<const Value> keys, const Value& value) {
  if (!object.is_object()) return false;
  const Value* existing = object.find(keys[0]);
  if (keys.size() == 1) {
    Value set = existing ? *existing : Value::set();
    if (!set.is_set()) return false;
    set.set_insert(value);
    object.object_insert(keys[0], std::move(set));
    return true;
  }
  Value child = existing ? *existing : Value::object();
  if (!set_add_path(child, keys.subspan(1), value)) return false;
  object.object_insert(keys[0], std::move(child));
  return true;
}

Value merge_objects(const Value& base, const Value& overlay) {
  if (!base.is_object() || !overlay.is_object()) return overlay;
  Value merged = base;
  for (const auto& [key, value] : overlay.object_entries()) {
    const Value* existing = merged.find(key);
    merged.object_insert(key, existing ? merge_objects(*existing, value) : value);
  }
  return merged;
}

Value upsert_path(const Value& document, std::span<const Value> keys, const Value& value) {
  if (keys.empty()) return value;
  Value object = document.is_object() ? document : Value::object();
  const Value* existing = object.find(keys[0]);
  Value child = upsert_path(existing ? *existing : Value(), keys.subspan(1), value);
  object.object_insert(keys[0], std::move(child));
  return object;
}

}  // namespace regoc
