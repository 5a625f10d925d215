// CIDR builtins beyond net.cidr_contains: net.cidr_contains_matches, net.cidr_intersects,
// net.cidr_expand, net.cidr_merge and net.cidr_is_valid, plus net.lookup_ip_addr, which
// resolves a host name with the system resolver (getaddrinfo).
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

#include "runtime/builtins/net_address.h"
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

using Bits = unsigned __int128;

// Reads a string operand that must be a CIDR. Returns false after failing.
bool cidr_operand(BuiltinContext& context, std::string_view name, int operand, const Value& value,
                  Network* out) {
  if (!value.is_string()) {
    context.type_error(name, operand, "string", value);
    return false;
  }
  std::optional<Network> network = parse_cidr(value.as_string());
  if (!network) {
    builtin_error(context, name, "invalid CIDR address: " + std::string(value.as_string()));
    return false;
  }
  *out = std::move(*network);
  return true;
}

BuiltinStatus cidr_is_valid(BuiltinContext&, std::span<const Value> args, Value& result) {
  result = Value::boolean(args[0].is_string() && parse_cidr(args[0].as_string()).has_value());
  return BuiltinStatus::Ok;
}

BuiltinStatus cidr_intersects(BuiltinContext& context, std::span<const Value> args, Value& result) {
  constexpr std::string_view kName = "net.cidr_intersects";
  Network a, b;
  if (!cidr_operand(context, kName, 1, args[0], &a) ||
      !cidr_operand(context, kName, 2, args[1], &b)) {
    return BuiltinStatus::Error;
  }
  // Two networks overlap exactly when one contains the other's first address.
  result = Value::boolean(network_contains(a, network_bounds(b).first) ||
                          network_contains(b, network_bounds(a).first));
  return BuiltinStatus::Ok;
}

Bits to_bits(const Address& address) {
  Bits bits = 0;
  for (uint8_t byte : address) bits = bits << 8 | byte;
  return bits;
}

Address from_bits(Bits bits) {
  Address address;
  for (int i = 15; i >= 0; --i) {
    address[i] = static_cast<uint8_t>(bits & 0xff);
    bits >>= 8;
  }
  return address;
}

BuiltinStatus cidr_expand(BuiltinContext& context, std::span<const Value> args, Value& result) {
  Network network;
  if (!cidr_operand(context, "net.cidr_expand", 1, args[0], &network)) {
    return BuiltinStatus::Error;
  }
  auto [first, last] = network_bounds(network);
  std::vector<Value> addresses;
  for (Bits bits = to_bits(first);; ++bits) {
    addresses.push_back(Value::string(format_ip(from_bits(bits))));
    if (bits == to_bits(last)) break;
  }
  result = Value::set(std::move(addresses));
  return BuiltinStatus::Ok;
}

// The items of net.cidr_contains_matches' operands with the index that the result reports:
// array position, set member or object key. An item is a CIDR or address string, or an
// array whose first element is one.
bool match_items(BuiltinContext& context, std::string_view name, int operand, const Value& value,
                 std::vector<std::pair<Value, Value>>* out) {
  auto add = [&](const Value& item, const Value& index) {
    if (item.is_string()) {
      out->emplace_back(item, index);
      return true;
    }
    if (item.is_array() && item.size() > 0) {
      out->emplace_back(item.array_items()[0], index);
      return true;
    }
    builtin_error(
        context, name,
        "operand " + std::to_string(operand) + ": element must be string or non-empty array");
    return false;
  };
  if (value.is_string()) return add(value, value);
  if (value.is_array()) {
    std::span<const Value> items = value.array_items();
    for (size_t i = 0; i < items.size(); ++i) {
      if (!add(items[i], Value::integer(static_cast<int64_t>(i)))) return false;
    }
  } else if (value.is_set()) {
    for (const Value& item : value.set_items()) {
      if (!add(item, item)) return false;
    }
  } else if (value.is_object()) {
    for (const Value::Entry& entry : value.object_entries()) {
      if (!add(entry.second, entry.first)) return false;
    }
  }
  return true;
}

BuiltinStatus cidr_contains_matches(BuiltinContext& context, std::span<const Value> args,
                                    Value& result) {
  constexpr std::string_view kName = "net.cidr_contains_matches";
  std::vector<std::pair<Value, Value>> networks, candidates;
  if (!match_items(context, kName, 1, args[0], &networks) ||
      !match_items(context, kName, 2, args[1], &candidates)) {
    return BuiltinStatus::Error;
  }
  std::vector<Value> matches;
  for (const auto& [cidr, cidr_index] : networks) {
    Network network;
    if (!cidr_operand(context, kName, 1, cidr, &network)) return BuiltinStatus::Error;
    for (const auto& [candidate, candidate_index] : candidates) {
      bool contained = false;
      if (std::optional<Address> address = parse_ip(candidate.as_string())) {
        contained = network_contains(network, *address);
      } else {
        Network inner;
        if (!cidr_operand(context, kName, 1, candidate, &inner)) return BuiltinStatus::Error;
        contained = prefix_length(network) <= prefix_length(inner) &&
                    network_contains(network, network_bounds(inner).first);
      }
      if (contained) matches.push_back(Value::array({cidr_index, candidate_index}));
    }
  }
  result = Value::set(std::move(matches));
  return BuiltinStatus::Ok;
}

// Reads one item of net.cidr_merge: a CIDR, or an IPv4 address, which gets its classful
// default mask (class A /8, B /16, C /24) as Go's IP.DefaultMask gives it.
bool merge_item(BuiltinContext& context, const Value& item, Network* out) {
  constexpr std::string_view kName = "net.cidr_merge";
  if (!item.is_string()) {
    builtin_error(context, kName, "element must be string");
    return false;
  }
  std::optional<Address> address = parse_ip(item.as_string());
  if (!address) return cidr_operand(context, kName, 1, item, out);
  if (!is_v4_mapped(*address)) {
    builtin_error(context, kName, "IPv6 invalid: needs prefix length");
    return false;
  }
  uint8_t first = (*address)[12];
  int prefix = first < 0x80 ? 8 : first < 0xc0 ? 16 : 24;
  out->mask.assign(4, 0);
  out->number.assign(4, 0);
  for (int bit = 0; bit < prefix; ++bit) out->mask[bit / 8] |= 0x80 >> (bit % 8);
  for (size_t i = 0; i < 4; ++i) out->number[i] = (*address)[12 + i] & out->mask[i];
  return true;
}

// All ones in the low `bits` bits.
Bits low_mask(int bits) { return bits >= 128 ? ~Bits{0} : (Bits{1} << bits) - 1; }

// Appends the fewest CIDR blocks that cover [first, last] exactly. IPv4 ranges are in the
// IPv4-mapped space and produce IPv4 networks.
void append_range_blocks(Bits first, Bits last, bool v4, std::vector<Value>* out) {
  int width = v4 ? 32 : 128;
  while (true) {
    int size = 0;  // the block covers 2^size addresses
    while (size < width && (first & low_mask(size + 1)) == 0 &&
           last - first >= low_mask(size + 1)) {
      ++size;
    }
    Network network;
    Address address = from_bits(first);
    size_t offset = v4 ? 12 : 0;
    network.number.assign(address.begin() + offset, address.end());
    network.mask.assign(network.number.size(), 0);
    for (int bit = 0; bit < width - size; ++bit) network.mask[bit / 8] |= 0x80 >> (bit % 8);
    out->push_back(Value::string(format_network(network)));
    if (last - first == low_mask(size)) return;
    first += low_mask(size) + 1;
  }
}

BuiltinStatus cidr_merge(BuiltinContext& context, std::span<const Value> args, Value& result) {
  const Value& operand = args[0];
  if (!operand.is_array() && !operand.is_set()) {
    return context.type_error("net.cidr_merge", 1, "one of {array, set}", operand);
  }
  std::span<const Value> items = operand.is_array() ? operand.array_items() : operand.set_items();
  struct Range {
    Bits first, last;
    bool v4;
  };
  std::vector<Range> ranges;
  for (const Value& item : items) {
    Network network;
    if (!merge_item(context, item, &network)) return BuiltinStatus::Error;
    auto [first, last] = network_bounds(network);
    ranges.push_back({to_bits(first), to_bits(last), network.number.size() == 4});
  }
  std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) {
    return a.first != b.first ? a.first < b.first : a.last < b.last;
  });

  // Join overlapping and adjacent ranges of the same family.
  std::vector<Range> merged;
  for (const Range& range : ranges) {
    if (!merged.empty() && merged.back().v4 == range.v4 &&
        (merged.back().last == ~Bits{0} || range.first <= merged.back().last + 1)) {
      merged.back().last = std::max(merged.back().last, range.last);
      continue;
    }
    merged.push_back(range);
  }
  std::vector<Value> blocks;
  for (const Range& range : merged) append_range_blocks(range.first, range.last, range.v4, &blocks);
  result = Value::set(std::move(blocks));
  return BuiltinStatus::Ok;
}

// Resolves a host name with getaddrinfo; the result is the set of its addresses.
BuiltinStatus lookup_ip_addr(BuiltinContext& context, std::span<const Value> args, Value& result) {
  constexpr std::string_view kName = "net.lookup_ip_addr";
  if (!args[0].is_string()) return context.type_error(kName, 1, "string", args[0]);
  std::string name(args[0].as_string());
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  int status = getaddrinfo(name.c_str(), nullptr, &hints, &list);
  if (status != 0) {
    std::string reason = status == EAI_NONAME ? "no such host" : gai_strerror(status);
    return builtin_error(context, kName, "lookup " + name + ": " + reason);
  }
  std::vector<Value> addresses;
  for (addrinfo* entry = list; entry != nullptr; entry = entry->ai_next) {
    Address address{};
    if (entry->ai_family == AF_INET) {
      const auto* ipv4 = reinterpret_cast<const sockaddr_in*>(entry->ai_addr);
      std::copy(std::begin(kV4InV6Prefix), std::end(kV4InV6Prefix), address.begin());
      std::memcpy(&address[12], &ipv4->sin_addr, 4);
    } else if (entry->ai_family == AF_INET6) {
      const auto* ipv6 = reinterpret_cast<const sockaddr_in6*>(entry->ai_addr);
      std::memcpy(address.data(), &ipv6->sin6_addr, 16);
    } else {
      continue;
    }
    addresses.push_back(Value::string(format_ip(address)));
  }
  freeaddrinfo(list);
  result = Value::set(std::move(addresses));
  return BuiltinStatus::Ok;
}

}  // namespace

void register_net_cidr_builtins(Registry& registry) {
  registry.add("net.cidr_is_valid", cidr_is_valid);
  registry.add("net.cidr_intersects", cidr_intersects);
  registry.add("net.cidr_expand", cidr_expand);
  registry.add("net.cidr_contains_matches", cidr_contains_matches);
  registry.add("net.cidr_merge", cidr_merge);
  registry.add("net.lookup_ip_addr", lookup_ip_addr);
}

}  // namespace regoc
