// Heap nodes behind Value handles; private to runtime/value*.cc.
//
// Every node starts with Node (runtime/value.h): an atomic reference count. The owning Value
// stores the node's kind, so nodes need no virtual destructor because Value::destroy() deletes
// through the right type.
#pragma once

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdint>
#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/number.h"
#include "runtime/value.h"

namespace regoc {

struct NumberNode : Node {
  explicit NumberNode(Number n) : number(std::move(n)) {}
  Number number;
};

// Returns the first 8 bytes of `text` as a big-endian integer, zero padded, so that comparing
// two prefixes as integers orders them as comparing their bytes does.
inline uint64_t string_prefix(std::string_view text) {
  const char* bytes = text.data();
  size_t size = text.size();
  auto load32 = [](const char* at) {
    uint32_t word;
    std::memcpy(&word, at, sizeof(word));
    if constexpr (std::endian::native == std::endian::little) word = __builtin_bswap32(word);
    return uint64_t{word};
  };
  auto byte = [bytes](size_t i) { return uint64_t{static_cast<unsigned char>(bytes[i])}; };

  if (size >= 8) {
    uint64_t word;
    std::memcpy(&word, bytes, sizeof(word));
    if constexpr (std::endian::native == std::endian::little) word = __builtin_bswap64(word);
    return word;
  }
  // Shorter texts take two loads that may overlap, placed at their byte positions, so that no
  // loop runs over the bytes. An overlapping byte lands twice in the same place.
  if (size >= 4) return load32(bytes) << 32 | load32(bytes + size - 4) << (8 * (8 - size));
  if (size == 0) return 0;
  size_t middle = size / 2;
  return byte(0) << 56 | byte(middle) << (56 - 8 * middle) | byte(size - 1) << (64 - 8 * size);
}

// Orders two strings bytewise. `prefix_a` and `prefix_b` are their string_prefix() values, and
// most comparisons of distinct keys end there, without reading the texts.
inline int compare_strings(std::string_view a, uint64_t prefix_a, std::string_view b,
                           uint64_t prefix_b) {
  if (prefix_a != prefix_b) return prefix_a < prefix_b ? -1 : 1;
  // Equal prefixes with a string of at most 8 bytes: that string is a prefix of the other,
  // because the zero padding of its prefix matched the other's bytes.
  if (a.size() > 8 && b.size() > 8) {
    size_t common = std::min(a.size(), b.size()) - 8;
    if (int c = std::memcmp(a.data() + 8, b.data() + 8, common)) return c < 0 ? -1 : 1;
  }
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

// A string's bytes follow the node in the same allocation, so a string costs one allocation
// whatever its length. The bytes carry no terminating NUL.
struct StringNode : Node {
  // Allocates a node that contains a copy of `text`. Free it with destroy().
  static StringNode* create(std::string_view text) {
    void* memory = ::operator new(sizeof(StringNode) + text.size());
    auto* node = new (memory) StringNode(text);
    if (!text.empty()) std::memcpy(node->bytes(), text.data(), text.size());
    return node;
  }
  static void destroy(StringNode* node) noexcept {
    size_t bytes = sizeof(StringNode) + node->size;
    node->~StringNode();
    ::operator delete(static_cast<void*>(node), bytes);
  }

  std::string_view text() const { return {bytes(), size}; }

  uint64_t prefix;  // string_prefix(text())
  size_t size;

 private:
  explicit StringNode(std::string_view text) : prefix(string_prefix(text)), size(text.size()) {}
  char* bytes() { return reinterpret_cast<char*>(this + 1); }
  const char* bytes() const { return reinterpret_cast<const char*>(this + 1); }
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
