// Heap nodes behind Value handles; private to runtime/value*.cc.
//
// Every node starts with Node (runtime/value.h): an atomic reference count. The owning Value
// stores the node's kind, so nodes need no virtual destructor because Value::destroy() deletes
// through the right type.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "runtime/number.h"
#include "runtime/value.h"

namespace regoc {

struct NumberNode : Node {
  explicit NumberNode(Number n) : number(std::move(n)) {}
  Number number;
};

struct StringNode : Node {
  explicit StringNode(std::string_view s) : text(s) {}
  std::string text;
};

// Arrays keep items in order; sets keep them sorted and unique.
struct ItemsNode : Node {
  explicit ItemsNode(std::vector<Value> v) : items(std::move(v)) {}
  std::vector<Value> items;
};

struct ObjectNode : Node {
  explicit ObjectNode(std::vector<Value::Entry> e) : entries(std::move(e)) {}
  std::vector<Value::Entry> entries;  // sorted by key, keys unique
};

// Typed access to a Value's node for the files that implement Value.
struct ValueAccess {
  static Node* node(const Value& v) { return v.inline_int_ ? nullptr : v.node_; }
  static bool is_inline_int(const Value& v) { return v.inline_int_; }
  static int64_t inline_int(const Value& v) { return v.int_; }

  static const NumberNode& number(const Value& v) { return *static_cast<NumberNode*>(v.node_); }
  static const StringNode& string(const Value& v) { return *static_cast<StringNode*>(v.node_); }
  static const ItemsNode& items(const Value& v) { return *static_cast<ItemsNode*>(v.node_); }
  static const ObjectNode& object(const Value& v) { return *static_cast<ObjectNode*>(v.node_); }
};

}  // namespace regoc
