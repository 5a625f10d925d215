// Value lifecycle, constructors, accessors, lookup and the copy-on-write builders.
//
// Reference counts are atomic because compiled policies share data documents across threads.
// A node is mutated only by a builder that holds its single reference. Ordering and hashing
// live in value_order.cc.
#include <algorithm>
#include <cstring>

#include "runtime/value_node.h"

namespace regoc {
namespace {

bool entry_key_less(const Value::Entry& a, const Value::Entry& b) { return a.first < b.first; }

// Orders an object key against a string without building a Value: keys of kinds before
// string sort first, kinds after it sort last.
int compare_key_to_string(const Value& key, std::string_view s) {
  if (key.kind() != Kind::String) return key.kind() < Kind::String ? -1 : 1;
  int result = key.as_string().compare(s);
  return result < 0 ? -1 : (result > 0 ? 1 : 0);
}

}  // namespace

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::Null:
      return "null";
    case Kind::Boolean:
      return "boolean";
    case Kind::Number:
      return "number";
    case Kind::String:
      return "string";
    case Kind::Array:
      return "array";
    case Kind::Object:
      return "object";
    case Kind::Set:
      return "set";
    case Kind::Undefined:
      break;
  }
  return "undefined";
}

// --- lifecycle ---------------------------------------------------------------------------------

void Value::destroy(Node* node, Kind kind) noexcept {
  switch (kind) {
    case Kind::Number:
      delete static_cast<NumberNode*>(node);
      break;
    case Kind::String:
      delete static_cast<StringNode*>(node);
      break;
    case Kind::Array:
    case Kind::Set:
      delete static_cast<ItemsNode*>(node);
      break;
    case Kind::Object:
      delete static_cast<ObjectNode*>(node);
      break;
    default:
      break;
  }
}

// --- constructors --------------------------------------------------------------------------

Value Value::null() {
  Value v;
  v.kind_ = Kind::Null;
  return v;
}

Value Value::boolean(bool b) {
  Value v;
  v.kind_ = Kind::Boolean;
  v.bool_ = b;
  return v;
}

Value Value::integer(int64_t i) {
  Value v;
  v.kind_ = Kind::Number;
  v.inline_int_ = true;
  v.int_ = i;
  return v;
}

Value Value::number(const Number& n) {
  // Integers with literal text ("1.0", "1e3") need a node to keep the text.
  if (n.fits_int64() && !n.has_literal()) return integer(n.to_int64());
  Value v;
  v.kind_ = Kind::Number;
  v.node_ = new NumberNode(n);
  return v;
}

Value Value::string(std::string_view s) {
  Value v;
  v.kind_ = Kind::String;
  v.node_ = new StringNode(s);
  return v;
}

Value Value::array(std::vector<Value> items) {
  Value v;
  v.kind_ = Kind::Array;
  v.node_ = new ItemsNode(std::move(items));
  return v;
}

Value Value::object(std::vector<Entry> entries) {
  // A stable sort keeps duplicates in input order, so the last of each run wins.
  std::stable_sort(entries.begin(), entries.end(), entry_key_less);
  std::vector<Entry> unique;
  unique.reserve(entries.size());
  for (auto& entry : entries) {
    if (!unique.empty() && unique.back().first == entry.first) {
      unique.back().second = std::move(entry.second);
    } else {
      unique.push_back(std::move(entry));
    }
  }
  Value v;
  v.kind_ = Kind::Object;
  v.node_ = new ObjectNode(std::move(unique));
  return v;
}

Value Value::set(std::vector<Value> items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  Value v;
  v.kind_ = Kind::Set;
  v.node_ = new ItemsNode(std::move(items));
  return v;
}

// --- accessors -----------------------------------------------------------------------------

bool Value::as_int64(int64_t* out) const {
  if (kind_ != Kind::Number) return false;
  if (inline_int_) {
    *out = int_;
    return true;
  }
  const Number& n = ValueAccess::number(*this).number;
  if (!n.fits_int64()) return false;
  *out = n.to_int64();
  return true;
}

Number Value::as_number() const {
  if (inline_int_) return Number::from_int64(int_);
  if (kind_ != Kind::Number) return Number();
  return ValueAccess::number(*this).number;
}

std::string_view Value::as_string() const {
  if (kind_ != Kind::String) return {};
  return ValueAccess::string(*this).text;
}

std::span<const Value> Value::array_items() const {
  if (kind_ != Kind::Array) return {};
  return ValueAccess::items(*this).items;
}

std::span<const Value> Value::set_items() const {
  if (kind_ != Kind::Set) return {};
  return ValueAccess::items(*this).items;
}

std::span<const Value::Entry> Value::object_entries() const {
  if (kind_ != Kind::Object) return {};
  return ValueAccess::object(*this).entries;
}

size_t Value::size() const {
  switch (kind_) {
    case Kind::String:
      return ValueAccess::string(*this).text.size();
    case Kind::Array:
    case Kind::Set:
      return ValueAccess::items(*this).items.size();
    case Kind::Object:
      return ValueAccess::object(*this).entries.size();
    default:
      return 0;
  }
}

// --- lookup --------------------------------------------------------------------------------

const Value* Value::find(const Value& key) const {
  switch (kind_) {
    case Kind::Array: {
      int64_t index;
      if (!key.as_int64(&index)) return nullptr;  // 1.0 indexes like 1; 1.5 never matches
      const auto& items = ValueAccess::items(*this).items;
      if (index < 0 || static_cast<uint64_t>(index) >= items.size()) return nullptr;
      return &items[static_cast<size_t>(index)];
    }
    case Kind::Object: {
      const auto& entries = ValueAccess::object(*this).entries;
      auto it = std::lower_bound(entries.begin(), entries.end(), key,
                                 [](const Entry& e, const Value& k) { return e.first < k; });
      if (it == entries.end() || it->first != key) return nullptr;
      return &it->second;
    }
    case Kind::Set: {
      const auto& items = ValueAccess::items(*this).items;
      auto it = std::lower_bound(items.begin(), items.end(), key);
      if (it == items.end() || *it != key) return nullptr;
      return &*it;
    }
    default:
      return nullptr;
  }
}

const Value* Value::find(std::string_view object_key) const {
  if (kind_ != Kind::Object) return find(Value::string(object_key));
  const auto& entries = ValueAccess::object(*this).entries;
  auto it = std::lower_bound(
      entries.begin(), entries.end(), object_key,
      [](const Entry& e, std::string_view k) { return compare_key_to_string(e.first, k) < 0; });
  if (it == entries.end() || compare_key_to_string(it->first, object_key) != 0) return nullptr;
  return &it->second;
}

// --- builders ------------------------------------------------------------------------------

// Gives this value sole ownership of its node, copying the node when it is shared, and drops
// the cached hash because the caller is about to change the contents.
template <typename NodeType>
static NodeType* unshare(Node*& node) {
  auto* typed = static_cast<NodeType*>(node);
  if (typed->refs.load(std::memory_order_acquire) != 1) {
    auto* copy = new NodeType(*typed);
    typed->refs.fetch_sub(1, std::memory_order_acq_rel);  // never the last: it was shared
    typed = copy;
    node = copy;
  }
  typed->hash.store(0, std::memory_order_relaxed);
  return typed;
}

void Value::array_append(Value item) {
  if (kind_ != Kind::Array) return;
  unshare<ItemsNode>(node_)->items.push_back(std::move(item));
}

void Value::object_insert(Value key, Value value) {
  if (kind_ != Kind::Object) return;
  auto& entries = unshare<ObjectNode>(node_)->entries;
  auto it = std::lower_bound(entries.begin(), entries.end(), key,
                             [](const Entry& e, const Value& k) { return e.first < k; });
  if (it != entries.end() && it->first == key) {
    it->second = std::move(value);
  } else {
    entries.emplace(it, std::move(key), std::move(value));
  }
}

void Value::set_insert(Value item) {
  if (kind_ != Kind::Set) return;
  // Check before unsharing so that inserting a present member never copies the node.
  if (find(item) != nullptr) return;
  auto& items = unshare<ItemsNode>(node_)->items;
  items.insert(std::lower_bound(items.begin(), items.end(), item), std::move(item));
}

}  // namespace regoc
