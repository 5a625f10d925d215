// Graph builtins over a graph given as an object from node to an array or set of neighbours.
// graph.reachable(graph, initial) returns the set of nodes reachable from the initial nodes;
// graph.reachable_paths(graph, initial) returns the set of maximal paths from them. A node that
// is not a key of the graph is never in a result, even when it is an initial node.
#include <algorithm>
#include <cstddef>
#include <vector>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

// The items of an array or set; empty for any other value (OPA ignores other edge values).
std::span<const Value> vertices(const Value& value) {
  if (value.is_array()) return value.array_items();
  if (value.is_set()) return value.set_items();
  return {};
}

// Returns the index of the graph's entry whose key equals `node`, or -1 when there is none.
ptrdiff_t find_node(const Value& graph, std::span<const Value::Entry> entries, const Value& node) {
  // Value::find has the faster comparisons. The value it returns lives in the entries, so its
  // address gives the index; the check keeps this right should objects store values elsewhere.
  const Value* edges = graph.find(node);
  if (edges == nullptr) return -1;
  auto offset = reinterpret_cast<const char*>(edges) -
                reinterpret_cast<const char*>(&entries.front().second);
  auto index = offset / static_cast<ptrdiff_t>(sizeof(Value::Entry));
  if (offset >= 0 && static_cast<size_t>(index) < entries.size() &&
      &entries[static_cast<size_t>(index)].second == edges) {
    return index;
  }
  auto it = std::partition_point(entries.begin(), entries.end(),
                                 [&node](const Value::Entry& entry) { return entry.first < node; });
  return it - entries.begin();
}

// Visits the graph breadth first. Nodes are marked by the index of their entry, so marking
// costs a bit per node and needs no hashing.
BuiltinStatus reachable(BuiltinContext& context, std::span<const Value> args, Value& result) {
  const Value& graph = args[0];
  if (!graph.is_object()) return context.type_error("graph.reachable", 1, "object", graph);
  if (!args[1].is_array() && !args[1].is_set()) {
    return context.type_error("graph.reachable", 2, "{array, set}", args[1]);
  }

  std::span<const Value::Entry> entries = graph.object_entries();
  std::vector<bool> reached(entries.size());
  // Pointers into the operands, which outlive the call. Reserving room for a few nodes spares
  // the first reallocations, since most role or group graphs reach only a handful.
  constexpr size_t kExpectedNodes = 16;
  std::span<const Value> initial = vertices(args[1]);
  std::vector<const Value*> queue;
  queue.reserve(initial.size() + kExpectedNodes);
  for (const Value& node : initial) queue.push_back(&node);
  std::vector<Value> order;
  order.reserve(std::min(entries.size(), kExpectedNodes));
  for (size_t next = 0; next < queue.size(); ++next) {
    const Value& node = *queue[next];
    ptrdiff_t index = find_node(graph, entries, node);
    if (index < 0 || reached[static_cast<size_t>(index)]) continue;
    reached[static_cast<size_t>(index)] = true;
    order.push_back(node);
    for (const Value& neighbour : vertices(entries[static_cast<size_t>(index)].second)) {
      queue.push_back(&neighbour);
    }
  }
  result = Value::set(std::move(order));
  return BuiltinStatus::Ok;
}

// Extends `path` from `node` depth first. A path ends, and joins `paths`, where no neighbour
// continues it: at a node without neighbours, or at a neighbour that is already on the path
// or is not a key of the graph.
void extend_paths(const Value& graph, const Value& node, std::vector<Value>* path,
                  std::vector<Value>* paths) {
  path->push_back(node);
  bool extended = false;
  for (const Value& neighbour : vertices(*graph.find(node))) {
    bool on_path = std::find(path->begin(), path->end(), neighbour) != path->end();
    if (on_path || graph.find(neighbour) == nullptr) {
      paths->push_back(Value::array(*path));
    } else {
      extend_paths(graph, neighbour, path, paths);
    }
    extended = true;
  }
  if (!extended) paths->push_back(Value::array(*path));
  path->pop_back();
}

BuiltinStatus reachable_paths(BuiltinContext& context, std::span<const Value> args,
                              Value& result) {
  constexpr std::string_view kName = "graph.reachable_paths";
  const Value& graph = args[0];
  if (!graph.is_object()) return context.type_error(kName, 1, "object", graph);
  if (!args[1].is_array() && !args[1].is_set()) {
    return context.type_error(kName, 2, "{array, set}", args[1]);
  }
  std::vector<Value> paths;
  std::vector<Value> path;
  for (const Value& node : vertices(args[1])) {
    if (graph.find(node) != nullptr) extend_paths(graph, node, &path, &paths);
  }
  result = Value::set(std::move(paths));
  return BuiltinStatus::Ok;
}

}  // namespace

void register_graph_builtins(Registry& registry) {
  registry.add("graph.reachable", reachable);
  registry.add("graph.reachable_paths", reachable_paths);
}

}  // namespace regoc
