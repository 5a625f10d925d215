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
// string sort first, kinds after it sort last. `prefix` is string_prefix(text).
[[gnu::always_inline]] inline int compare_key_to_string(const Value& key, std::string_view text,
                                                        uint64_t prefix) {
  if (key.kind() != Kind::String) return key.kind() < Kind::String ? -1 : 1;
  const StringNode& node = ValueAccess::string(key);
  return compare_strings(node.text(), node.prefix, text, prefix);
}

// Binary search that stops at the first equal element, so a hit costs one comparison with
// the key instead of the two that std::lower_bound and an equality test take.
// `order(element)` returns the order of the element against the key sought.
template <typename Element, typename Order>
const Element* binary_search(std::span<const Element> elements, Order order) {
  size_t low = 0;
  size_t high = elements.size();
  while (low < high) {
    size_t middle = low + (high - low) / 2;
    int c = order(elements[middle]);
    if (c == 0) return &elements[middle];
    if (c < 0) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return nullptr;
}

// Binary search for the string key `text` among many entries.
[[gnu::noinline]] const Value::Entry* search_string_key(std::span<const Value::Entry> entries,
                                                        std::string_view text, uint64_t prefix) {
  return binary_search(entries, [text, prefix](const Value::Entry& entry) {
    return compare_key_to_string(entry.first, text, prefix);
  });
}

// Finds the entry whose key is the string `text`. `prefix` is string_prefix(text).
[[gnu::always_inline]] inline const Value::Entry* find_string_key(
    std::span<const Value::Entry> entries, std::string_view text, uint64_t prefix) {
  // Objects that policies read (inputs, rows of data) usually have a few keys, where a scan
  // that stops at the first key past the text takes fewer steps and branches than halving.
  // The search of larger objects is a separate function, so that this path stays short.
  constexpr size_t kScanLimit = 8;
  if (entries.size() > kScanLimit) return search_string_key(entries, text, prefix);
  for (const Value::Entry& entry : entries) {
    int c = compare_key_to_string(entry.first, text, prefix);
    if (c == 0) return &entry;
    if (c > 0) return nullptr;
  }
  return nullptr;
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
      StringNode::destroy(static_cast<StringNode*>(node));
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
  v.node_ = StringNode::create(s);
  return v;
}

Value Value::array(std::vector<Value> items) {
  Value v;
  v.kind_ = Kind::Array;
  v.node_ = new ItemsNode(std::move(items));
  return v;
}

Value Value::object(std::vector<Entry> entries) {
  // Entries that arrive sorted with unique keys, as in JSON that a program wrote, need neither
  // the sort nor the merge of duplicates.
  auto out_of_order = [](const Entry& a, const Entry& b) { return !(a.first < b.first); };
  if (std::adjacent_find(entries.begin(), entries.end(), out_of_order) != entries.end()) {
    // A stable sort keeps duplicates in input order, so the last of each run wins.
    std::stable_sort(entries.begin(), entries.end(), entry_key_less);
    size_t kept = 0;
    for (size_t i = 0; i < entries.size(); ++i) {
      if (kept > 0 && entries[kept - 1].first == entries[i].first) {
        entries[kept - 1].second = std::move(entries[i].second);
      } else {
        if (kept != i) entries[kept] = std::move(entries[i]);
        ++kept;
      }
    }
    entries.erase(entries.begin() + static_cast<ptrdiff_t>(kept), entries.end());
  }
  Value v;
  v.kind_ = Kind::Object;
  v.node_ = new ObjectNode(std::move(entries));
  return v;
}

Value Value::set(std::vector<Value> items) {
  auto out_of_order = [](const Value& a, const Value& b) { return !(a < b); };
  if (std::adjacent_find(items.begin(), items.end(), out_of_order) != items.end()) {
    std::sort(items.begin(), items.end());
    items.erase(std::unique(items.begin(), items.end()), items.end());
  }
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
  return ValueAccess::string(*this).text();
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
      return ValueAccess::string(*this).size;
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
      std::span<const Entry> entries = ValueAccess::object(*this).entries;
      const Entry* found;
      if (key.kind() == Kind::String) {
        const StringNode& text = ValueAccess::string(key);
        found = find_string_key(entries, text.text(), text.prefix);
      } else {
        found = binary_search(entries, [&key](const Entry& e) { return e.first.compare(key); });
      }
      return found ? &found->second : nullptr;
    }
    case Kind::Set: {
      std::span<const Value> items = ValueAccess::items(*this).items;
      return binary_search(items, [&key](const Value& item) { return item.compare(key); });
    }
    default:
      return nullptr;
  }
}

const Value* Value::find(std::string_view object_key) const {
  if (kind_ != Kind::Object) return find(Value::string(object_key));
  const Entry* found =
      find_string_key(ValueAccess::object(*this).entries, object_key, string_prefix(object_key));
  return found ? &found->second : nullptr;
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

// Room that a builder reserves on its first insertion. Policies build most arrays, objects and
// sets one element at a time and give them a few elements, so starting with room for several
// saves the reallocations of growing from one.
constexpr size_t kFirstCapacity = 4;

template <typename Vector>
void reserve_first(Vector& elements) {
  if (elements.capacity() == 0) elements.reserve(kFirstCapacity);
}

void Value::array_append(Value item) {
  if (kind_ != Kind::Array) return;
  auto& items = unshare<ItemsNode>(node_)->items;
  reserve_first(items);
  items.push_back(std::move(item));
}

void Value::object_insert(Value key, Value value) {
  if (kind_ != Kind::Object) return;
  auto& entries = unshare<ObjectNode>(node_)->entries;
  reserve_first(entries);
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
  reserve_first(items);
  items.insert(std::lower_bound(items.begin(), items.end(), item), std::move(item));
}

}  // namespace regoc
