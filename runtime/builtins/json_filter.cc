// json.filter and json.remove: keep or drop the parts of an object named by paths. A path is a
// string of '/'-separated segments ("a/0/b", JSON Pointer escapes ~0 and ~1 allowed) or an
// array of segments. Segments select object keys and, as decimal indices, array items.
#include <map>
#include <memory>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/term_text.h"

namespace regoc {
namespace {

// A trie of paths. A terminal node selects its whole subtree; its children do not matter.
struct PathTree {
  bool terminal = false;
  std::map<std::string, std::unique_ptr<PathTree>, std::less<>> children;

  void insert(const std::vector<std::string>& segments) {
    PathTree* node = this;
    for (const std::string& segment : segments) {
      if (node->terminal) return;
      std::unique_ptr<PathTree>& child = node->children[segment];
      if (child == nullptr) child = std::make_unique<PathTree>();
      node = child.get();
    }
    node->terminal = true;
    node->children.clear();
  }

  const PathTree* find(std::string_view segment) const {
    auto found = children.find(segment);
    return found == children.end() ? nullptr : found->second.get();
  }
};

std::string unescape_pointer_segment(std::string_view segment) {
  std::string out;
  for (size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] == '~' && i + 1 < segment.size() &&
        (segment[i + 1] == '0' || segment[i + 1] == '1')) {
      out.push_back(segment[++i] == '0' ? '~' : '/');
    } else {
      out.push_back(segment[i]);
    }
  }
  return out;
}

// The text a segment matches against: strings as they are, other values in Rego syntax.
std::string segment_text(const Value& value) {
  return value.is_string() ? std::string(value.as_string()) : term_string(value);
}

// Reads the paths operand into a tree. Returns false after failing.
bool path_tree_operand(BuiltinContext& context, std::string_view name, const Value& value,
                       PathTree* tree) {
  if (!value.is_set() && !value.is_array()) {
    context.type_error(name, 2, "one of {set, array}", value);
    return false;
  }
  for (const Value& path : value.is_set() ? value.set_items() : value.array_items()) {
    std::vector<std::string> segments;
    if (path.is_string()) {
      std::string_view text = path.as_string();
      while (text.starts_with('/')) text.remove_prefix(1);
      while (!text.empty()) {
        size_t slash = text.find('/');
        segments.push_back(unescape_pointer_segment(text.substr(0, slash)));
        if (slash == std::string_view::npos) break;
        text.remove_prefix(slash + 1);
      }
    } else if (path.is_array()) {
      for (const Value& segment : path.array_items()) segments.push_back(segment_text(segment));
    } else {
      context.type_error(
          name, 2, "one of {set, array} containing string paths or array of path segments", path);
      return false;
    }
    tree->insert(segments);
  }
  return true;
}

// The part of `value` that the tree selects (keep) or that remains after removing it.
Value select(const Value& value, const PathTree& tree, bool keep) {
  if (tree.terminal) return keep ? value : Value();
  if (value.is_object()) {
    std::vector<Value::Entry> entries;
    for (const Value::Entry& entry : value.object_entries()) {
      const PathTree* child = tree.find(segment_text(entry.first));
      if (child == nullptr) {
        if (!keep) entries.push_back(entry);
        continue;
      }
      Value selected = select(entry.second, *child, keep);
      if (selected.is_defined()) entries.emplace_back(entry.first, std::move(selected));
    }
    return Value::object(std::move(entries));
  }
  if (value.is_array()) {
    std::vector<Value> items;
    std::span<const Value> source = value.array_items();
    for (size_t i = 0; i < source.size(); ++i) {
      const PathTree* child = tree.find(std::to_string(i));
      if (child == nullptr) {
        if (!keep) items.push_back(source[i]);
        continue;
      }
      Value selected = select(source[i], *child, keep);
      if (selected.is_defined()) items.push_back(std::move(selected));
    }
    return Value::array(std::move(items));
  }
  // A path that goes below a scalar selects nothing there.
  return keep ? Value() : value;
}

BuiltinStatus apply(BuiltinContext& context, std::string_view name, std::span<const Value> args,
                    bool keep, Value& result) {
  if (!args[0].is_object()) return context.type_error(name, 1, "object", args[0]);
  PathTree tree;
  if (!path_tree_operand(context, name, args[1], &tree)) return BuiltinStatus::Error;
  result = select(args[0], tree, keep);
  if (!result.is_defined()) result = Value::object();
  return BuiltinStatus::Ok;
}

BuiltinStatus filter(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return apply(context, "json.filter", args, true, result);
}

BuiltinStatus remove(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return apply(context, "json.remove", args, false, result);
}

}  // namespace

void register_json_filter_builtins(Registry& registry) {
  registry.add("json.filter", filter);
  registry.add("json.remove", remove);
}

}  // namespace regoc
