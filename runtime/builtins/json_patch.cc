// json.patch(document, patches): applies JSON Patch operations (RFC 6902: add, remove,
// replace, move, copy, test) in order. Paths are JSON Pointers ("/a/0/b") or arrays of
// segments; a segment of a set selects the member whose text it is. The result is undefined
// when any operation fails.
#include <optional>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/term_text.h"

namespace regoc {
namespace {

using Path = std::vector<std::string>;

std::optional<Path> parse_path(const Value& value) {
  Path path;
  if (value.is_array()) {
    for (const Value& segment : value.array_items()) {
      path.push_back(segment.is_string() ? std::string(segment.as_string()) : term_string(segment));
    }
    return path;
  }
  if (!value.is_string()) return std::nullopt;
  std::string_view text = value.as_string();
  if (text.empty()) return path;
  if (text[0] != '/') return std::nullopt;
  text.remove_prefix(1);
  while (true) {
    size_t slash = text.find('/');
    std::string segment;
    std::string_view raw = text.substr(0, slash);
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        segment.push_back(raw[++i] == '0' ? '~' : '/');
      } else {
        segment.push_back(raw[i]);
      }
    }
    path.push_back(std::move(segment));
    if (slash == std::string_view::npos) return path;
    text.remove_prefix(slash + 1);
  }
}

// An array index segment: decimal digits without a leading zero, below `limit`.
std::optional<size_t> array_index(std::string_view segment, size_t limit) {
  if (segment.empty() || segment.size() > 18 || (segment.size() > 1 && segment[0] == '0')) {
    return std::nullopt;
  }
  size_t index = 0;
  for (char c : segment) {
    if (c < '0' || c > '9') return std::nullopt;
    index = index * 10 + static_cast<size_t>(c - '0');
  }
  if (index >= limit) return std::nullopt;
  return index;
}

const Value* set_member(const Value& set, std::string_view segment) {
  for (const Value& member : set.set_items()) {
    std::string text = member.is_string() ? std::string(member.as_string()) : term_string(member);
    if (text == segment) return &member;
  }
  return nullptr;
}

const Value* child(const Value& node, std::string_view segment) {
  if (node.is_object()) return node.find(segment);
  if (node.is_array()) {
    std::optional<size_t> index = array_index(segment, node.size());
    return index ? &node.array_items()[*index] : nullptr;
  }
  if (node.is_set()) return set_member(node, segment);
  return nullptr;
}

std::optional<Value> get(const Value& document, std::span<const std::string> path) {
  const Value* node = &document;
  for (const std::string& segment : path) {
    node = child(*node, segment);
    if (node == nullptr) return std::nullopt;
  }
  return *node;
}

enum class Edit { Add, Remove };

// Adds `value` at, or removes the child at, the last segment of `path` below `node`.
bool edit(Value& node, std::span<const std::string> path, Edit kind, const Value& value) {
  const std::string& segment = path.front();
  if (path.size() > 1) {
    const Value* next = child(node, segment);
    if (next == nullptr) return false;
    Value updated = *next;
    if (!edit(updated, path.subspan(1), kind, value)) return false;
    if (node.is_object()) {
      node.object_insert(Value::string(segment), std::move(updated));
      return true;
    }
    if (node.is_array()) {
      std::vector<Value> items(node.array_items().begin(), node.array_items().end());
      items[*array_index(segment, items.size())] = std::move(updated);
      node = Value::array(std::move(items));
      return true;
    }
    std::vector<Value> members;
    for (const Value& member : node.set_items())
      members.push_back(member == *next ? updated : member);
    node = Value::set(std::move(members));
    return true;
  }

  if (node.is_object()) {
    if (kind == Edit::Add) {
      node.object_insert(Value::string(segment), value);
      return true;
    }
    if (node.find(segment) == nullptr) return false;
    std::vector<Value::Entry> entries;
    for (const Value::Entry& entry : node.object_entries()) {
      if (!(entry.first.is_string() && entry.first.as_string() == segment))
        entries.push_back(entry);
    }
    node = Value::object(std::move(entries));
    return true;
  }
  if (node.is_array()) {
    std::vector<Value> items(node.array_items().begin(), node.array_items().end());
    if (kind == Edit::Add) {
      std::optional<size_t> index = segment == "-" ? std::optional<size_t>(items.size())
                                                   : array_index(segment, items.size() + 1);
      if (!index) return false;
      items.insert(items.begin() + static_cast<ptrdiff_t>(*index), value);
    } else {
      std::optional<size_t> index = array_index(segment, items.size());
      if (!index) return false;
      items.erase(items.begin() + static_cast<ptrdiff_t>(*index));
    }
    node = Value::array(std::move(items));
    return true;
  }
  if (node.is_set()) {
    if (kind == Edit::Add) {
      node.set_insert(value);
      return true;
    }
    const Value* member = set_member(node, segment);
    if (member == nullptr) return false;
    std::vector<Value> members;
    for (const Value& item : node.set_items()) {
      if (item != *member) members.push_back(item);
    }
    node = Value::set(std::move(members));
    return true;
  }
  return false;
}

bool add(Value& document, const Path& path, const Value& value) {
  if (path.empty()) {
    document = value;
    return true;
  }
  return edit(document, path, Edit::Add, value);
}

bool remove(Value& document, const Path& path) {
  if (path.empty()) return false;
  return edit(document, path, Edit::Remove, Value());
}

// Applies one operation object; false when it is malformed or fails.
bool apply_operation(Value& document, const Value& operation) {
  if (!operation.is_object()) return false;
  const Value* op = operation.find("op");
  const Value* path_value = operation.find("path");
  if (op == nullptr || !op->is_string() || path_value == nullptr) return false;
  std::optional<Path> path = parse_path(*path_value);
  if (!path) return false;
  std::string_view name = op->as_string();
  const Value* value = operation.find("value");

  if (name == "add") return value != nullptr && add(document, *path, *value);
  if (name == "remove") return remove(document, *path);
  if (name == "replace") {
    return value != nullptr && get(document, *path) && (path->empty() || remove(document, *path)) &&
           add(document, *path, *value);
  }
  if (name == "test") {
    std::optional<Value> current = get(document, *path);
    return value != nullptr && current && *current == *value;
  }
  const Value* from_value = operation.find("from");
  if (from_value == nullptr) return false;
  std::optional<Path> from = parse_path(*from_value);
  if (!from) return false;
  std::optional<Value> moved = get(document, *from);
  if (!moved) return false;
  if (name == "copy") return add(document, *path, *moved);
  if (name == "move") return remove(document, *from) && add(document, *path, *moved);
  return false;
}

BuiltinStatus patch(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[1].is_array()) return context.type_error("json.patch", 2, "array", args[1]);
  Value document = args[0];
  for (const Value& operation : args[1].array_items()) {
    if (!apply_operation(document, operation)) return BuiltinStatus::Undefined;
  }
  result = std::move(document);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_json_patch_builtins(Registry& registry) { registry.add("json.patch", patch); }

}  // namespace regoc
