// OPA's total order over values, and hashing consistent with it.
//
// Kinds order as null < boolean < number < string < array < object < set. Within a kind:
// false < true; numbers by numeric value; strings bytewise; arrays item by item, then the
// shorter first; objects key i, then value i, over the sorted entries, then the shorter
// first; sets item by item over the sorted items, then the shorter first.
#include <functional>

#include "runtime/value_node.h"

namespace regoc {
namespace {

int compare_lengths(size_t a, size_t b) { return a < b ? -1 : (a > b ? 1 : 0); }

int compare_items(std::span<const Value> a, std::span<const Value> b) {
  size_t common = std::min(a.size(), b.size());
  for (size_t i = 0; i < common; ++i) {
    if (int c = a[i].compare(b[i])) return c;
  }
  return compare_lengths(a.size(), b.size());
}

int compare_entries(std::span<const Value::Entry> a, std::span<const Value::Entry> b) {
  size_t common = std::min(a.size(), b.size());
  for (size_t i = 0; i < common; ++i) {
    if (int c = a[i].first.compare(b[i].first)) return c;
    if (int c = a[i].second.compare(b[i].second)) return c;
  }
  return compare_lengths(a.size(), b.size());
}

int compare_int64(int64_t x, int64_t y) { return x < y ? -1 : (x > y ? 1 : 0); }

// Orders an inline integer against a number node without copying the node's Number.
int compare_inline_to_node(int64_t x, const Number& n) {
  if (n.fits_int64()) return compare_int64(x, n.to_int64());
  return Number::from_int64(x).compare(n);
}

int compare_numbers(const Value& a, const Value& b) {
  bool a_inline = ValueAccess::is_inline_int(a);
  bool b_inline = ValueAccess::is_inline_int(b);
  if (a_inline && b_inline) {
    return compare_int64(ValueAccess::inline_int(a), ValueAccess::inline_int(b));
  }
  if (a_inline) {
    return compare_inline_to_node(ValueAccess::inline_int(a), ValueAccess::number(b).number);
  }
  if (b_inline) {
    return -compare_inline_to_node(ValueAccess::inline_int(b), ValueAccess::number(a).number);
  }
  return ValueAccess::number(a).number.compare(ValueAccess::number(b).number);
}

size_t mix(size_t seed, size_t value) {
  return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

size_t compute_hash(const Value& v) {
  size_t seed = static_cast<size_t>(v.kind()) * 0x100000001b3ULL;
  switch (v.kind()) {
    case Kind::Array:
    case Kind::Set:
      for (const Value& item : v.kind() == Kind::Array ? v.array_items() : v.set_items()) {
        seed = mix(seed, item.hash());
      }
      return seed;
    case Kind::Object:
      for (const auto& [key, value] : v.object_entries()) {
        seed = mix(mix(seed, key.hash()), value.hash());
      }
      return seed;
    default:
      return seed;
  }
}

}  // namespace

int Value::compare(const Value& other) const {
  if (kind_ != other.kind_) return kind_ < other.kind_ ? -1 : 1;
  if (!inline_int_ && !other.inline_int_ && node_ != nullptr && node_ == other.node_) return 0;

  switch (kind_) {
    case Kind::Null:
    case Kind::Undefined:
      return 0;
    case Kind::Boolean:
      return bool_ == other.bool_ ? 0 : (bool_ ? 1 : -1);
    case Kind::Number:
      return compare_numbers(*this, other);
    case Kind::String: {
      const StringNode& a = ValueAccess::string(*this);
      const StringNode& b = ValueAccess::string(other);
      return compare_strings(a.text(), a.prefix, b.text(), b.prefix);
    }
    case Kind::Array:
      return compare_items(array_items(), other.array_items());
    case Kind::Object:
      return compare_entries(object_entries(), other.object_entries());
    case Kind::Set:
      return compare_items(set_items(), other.set_items());
  }
  return 0;
}

size_t Value::hash() const {
  switch (kind_) {
    case Kind::Null:
    case Kind::Undefined:
      return static_cast<size_t>(kind_);
    case Kind::Boolean:
      return bool_ ? 0x51ed27 : 0x2f1a3b;
    case Kind::Number:
      if (inline_int_) return Number::hash_int64(int_);
      return ValueAccess::number(*this).number.hash();
    default:
      break;
  }

  // String and composite nodes cache their hash. 0 marks "not computed", so a hash of 0 is
  // stored as 1.
  const Node* node = ValueAccess::node(*this);
  size_t cached = node->hash.load(std::memory_order_relaxed);
  if (cached != 0) return cached;
  size_t computed = kind_ == Kind::String ? std::hash<std::string_view>()(as_string())
                                          : compute_hash(*this);
  if (computed == 0) computed = 1;
  node->hash.store(computed, std::memory_order_relaxed);
  return computed;
}

}  // namespace regoc
