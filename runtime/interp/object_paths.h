// Nested object updates used by the executors: rule heads with multi-part refs, virtual
// document merges and `with` replacements.
#pragma once

#include <span>

#include "runtime/value.h"

namespace regoc {

// Sets object[keys[0]][keys[1]]... to `value`, creating objects along the way. Returns false
// (and changes nothing) when the path already contains a different value or passes through a
// value that is not an object.
bool insert_path_once(Value& object, std::span<const Value> keys, const Value& value);

// Adds `value` to the set at object[keys[0]][keys[1]]..., creating objects and the set along
// the way. Returns false (changing nothing) when the path contains a value that is not an
// object, or at its end not a set.
bool set_add_path(Value& object, std::span<const Value> keys, const Value& value);

// Merges `overlay` into `base`: objects merge key by key, recursively; any other overlay value
// replaces the base value. An undefined or non-object base becomes `overlay`.
Value merge_objects(const Value& base, const Value& overlay);

// Returns `document` with the path set to `value`; missing or non-object values along the
// path are replaced by objects.
Value upsert_path(const Value& document, std::span<const Value> keys, const Value& value);

}  // namespace regoc
