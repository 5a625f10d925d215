// Graph builtins over a graph given as an object from node to an array or set of neighbours.
// graph.reachable(graph, initial) returns the set of nodes reachable from the initial nodes;
// graph.reachable_paths(graph, initial) returns the set of maximal paths from them. A node that
// is not a key of the graph is never in a result, even when it is an initial node.
#include <algorithm>
#include <unordered_set>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

struct ValueHash {
  size_t operator()(const Value& value) const { return value.hash(); }
};

// The items of an array or set; empty for any other value (OPA ignores other edge values).
std::span<const Value> vertices(const Value& value) {
  if (value.is_array()) return value.array_items();
  if (value.is_set()) return value.set_items();
  return {};
}

BuiltinStatus reachable(BuiltinContext& context, std::span<const Value> args, Value& result) {
  const Value& graph = args[0];
  if (!graph.is_object()) return context.type_error("graph.reachable", 1, "object", graph);
  if (!args[1].is_array() && !args[1].is_set()) {
    return context.type_error("graph.reachable", 2, "{array, set}", args[1]);
  }

  std::span<const Value> initial = vertices(args[1]);
  std::vector<Value> queue(initial.begin(), initial.end());
  std::unordered_set<Value, ValueHash> reached;
  std::vector<Value> order;
  for (size_t next = 0; next < queue.size(); ++next) {
    const Value& node = queue[next];
    if (reached.count(node) != 0) continue;
    const Value* edges = graph.find(node);
    if (edges == nullptr) continue;
    reached.insert(node);
    order.push_back(node);
    for (const Value& neighbour : vertices(*edges)) {
      if (reached.count(neighbour) == 0) queue.push_back(neighbour);
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
