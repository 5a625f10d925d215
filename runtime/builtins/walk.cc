// walk(x): every [path, value] pair of a document, the document itself first with path [],
// then each child in OPA's order (array indices ascending, object keys and set members
// sorted), depth first. Set members are their own path steps.
//
// OPA evaluates walk as a relation with one result per pair. The builtin returns all pairs
// as one array, in that order, and leaves the iteration over them to the caller.
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

void append_pairs(const Value& value, std::vector<Value>* path, std::vector<Value>* pairs) {
  pairs->push_back(Value::array({Value::array(*path), value}));
  auto visit = [&](const Value& step, const Value& child) {
    path->push_back(step);
    append_pairs(child, path, pairs);
    path->pop_back();
  };
  if (value.is_array()) {
    std::span<const Value> items = value.array_items();
    for (size_t i = 0; i < items.size(); ++i) {
      visit(Value::integer(static_cast<int64_t>(i)), items[i]);
    }
  } else if (value.is_object()) {
    for (const Value::Entry& entry : value.object_entries()) visit(entry.first, entry.second);
  } else if (value.is_set()) {
    for (const Value& item : value.set_items()) visit(item, item);
  }
}

BuiltinStatus walk(BuiltinContext&, std::span<const Value> args, Value& result) {
  std::vector<Value> pairs;
  std::vector<Value> path;
  append_pairs(args[0], &path, &pairs);
  result = Value::array(std::move(pairs));
  return BuiltinStatus::Ok;
}

}  // namespace

void register_walk_builtins(Registry& registry) { registry.add("walk", walk); }

}  // namespace regoc
