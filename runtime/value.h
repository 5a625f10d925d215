// Runtime values: the JSON-like documents that policies read and produce.
//
// A Value is a 16-byte handle. Null, booleans and integers that fit in 64 bits live inline;
// every other value points to an immutable, reference-counted node that many threads may
// read at once. Arrays, objects and sets built by a policy are mutated in place only while
// their node has a single owner (copy on write otherwise).
//
// Objects and sets keep their entries sorted by Value::compare, so lookup is a binary search,
// iteration order is OPA's output order and comparison is a linear merge.
//
// Kind::Undefined is not a Rego value: it marks an unset local or a missing result.
#pragma once

#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace regoc {

class Number;

// Value kinds in OPA's sort order: null < boolean < number < string < array < object < set.
enum class Kind : uint8_t {
  Null = 0,
  Boolean = 1,
  Number = 2,
  String = 3,
  Array = 4,
  Object = 5,
  Set = 6,
  Undefined = 255,
};

// Returns OPA's type name for a kind: "null", "boolean", "number", "string", "array",
// "object" or "set".
std::string_view kind_name(Kind kind);

// The head of every heap node behind a Value (runtime/value_node.h has the node types). It is
// here so that copying and destroying a Value inline the reference count.
struct Node {
  Node() = default;
  // A copy is a new node: one owner and no cached hash.
  Node(const Node&) {}
  Node& operator=(const Node&) = delete;

  std::atomic<uint32_t> refs{1};
  // Cached hash of a string or composite value, 0 when not computed yet. Builders reset it.
  mutable std::atomic<size_t> hash{0};
};

class Value {
 public:
  using Entry = std::pair<Value, Value>;

  Value() = default;  // undefined
  Value(const Value& other) noexcept : Value(other, Bits{}) { retain(); }
  Value(Value&& other) noexcept : Value(other, Bits{}) { other.forget(); }
  Value& operator=(const Value& other) noexcept {
    if (this != &other) {
      other.retain();
      release();
      copy_bits(other);
    }
    return *this;
  }
  Value& operator=(Value&& other) noexcept {
    if (this != &other) {
      release();
      copy_bits(other);
      other.forget();
    }
    return *this;
  }
  ~Value() { release(); }

  static Value undefined() { return Value(); }
  static Value null();
  static Value boolean(bool b);
  static Value integer(int64_t i);
  static Value number(const Number& n);
  static Value string(std::string_view s);
  static Value array(std::vector<Value> items = {});
  // Sorts the entries by key; for a duplicate key the last entry wins.
  static Value object(std::vector<Entry> entries = {});
  // Sorts the items and removes duplicates.
  static Value set(std::vector<Value> items = {});

  Kind kind() const { return kind_; }
  bool is_defined() const { return kind_ != Kind::Undefined; }
  bool is_null() const { return kind_ == Kind::Null; }
  bool is_boolean() const { return kind_ == Kind::Boolean; }
  bool is_number() const { return kind_ == Kind::Number; }
  bool is_string() const { return kind_ == Kind::String; }
  bool is_array() const { return kind_ == Kind::Array; }
  bool is_object() const { return kind_ == Kind::Object; }
  bool is_set() const { return kind_ == Kind::Set; }
  // True for every value except `false` and undefined: the test a body literal applies.
  bool is_truthy() const { return kind_ != Kind::Undefined && !(is_boolean() && !bool_); }

  bool as_bool() const { return bool_; }
  // True when the number is an integer that fits in int64; stores it in *out.
  bool as_int64(int64_t* out) const;
  // The number as an arbitrary-precision Number (works for inline integers too).
  Number as_number() const;
  std::string_view as_string() const;

  // Array items, set items (sorted) and object entries (sorted by key).
  std::span<const Value> array_items() const;
  std::span<const Value> set_items() const;
  std::span<const Entry> object_entries() const;
  // Number of items, entries or (for strings) bytes.
  size_t size() const;

  // Looks up `key`: an index into an array (an integral number), a key of an object, or
  // a member of a set (returns the member). Returns nullptr when absent.
  const Value* find(const Value& key) const;
  const Value* find(std::string_view object_key) const;

  // In-place builders, copy-on-write when the node is shared.
  void array_append(Value item);
  // Inserts or replaces.
  void object_insert(Value key, Value value);
  void set_insert(Value item);

  // OPA's total order; 0 when equal. Numbers compare by value (1 == 1.0).
  int compare(const Value& other) const;
  bool operator==(const Value& other) const { return compare(other) == 0; }
  bool operator!=(const Value& other) const { return compare(other) != 0; }
  bool operator<(const Value& other) const { return compare(other) < 0; }
  bool operator>(const Value& other) const { return compare(other) > 0; }
  bool operator<=(const Value& other) const { return compare(other) <= 0; }
  bool operator>=(const Value& other) const { return compare(other) >= 0; }
  size_t hash() const;

  // Identity of the heap node (nullptr for inline values); for memoization keys.
  const void* identity() const { return inline_int_ ? nullptr : node_; }

 private:
  friend struct ValueAccess;
  struct Bits {};
  Value(const Value& other, Bits) noexcept
      : kind_(other.kind_), bool_(other.bool_), inline_int_(other.inline_int_), int_(other.int_) {}

  Node* heap_node() const { return inline_int_ ? nullptr : node_; }
  void retain() const {
    if (Node* node = heap_node()) node->refs.fetch_add(1, std::memory_order_relaxed);
  }
  void release() {
    Node* node = heap_node();
    if (node && node->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) destroy(node, kind_);
  }
  // Deletes a node whose last reference went away, through the node type of `kind`.
  static void destroy(Node* node, Kind kind) noexcept;
  void copy_bits(const Value& other) {
    kind_ = other.kind_;
    bool_ = other.bool_;
    inline_int_ = other.inline_int_;
    int_ = other.int_;
  }
  // Leaves the value undefined without releasing its node: ownership moved elsewhere.
  void forget() {
    kind_ = Kind::Undefined;
    inline_int_ = false;
    node_ = nullptr;
  }

  Kind kind_ = Kind::Undefined;
  bool bool_ = false;
  bool inline_int_ = false;
  union {
    int64_t int_;
    Node* node_ = nullptr;
  };
};

}  // namespace regoc
