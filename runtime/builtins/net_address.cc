// Parsing and formatting of IP addresses and CIDR networks as Go's net package does them.
#include "runtime/builtins/net_address.h"

#include <algorithm>
#include <span>

namespace regoc {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses IPv6 text: up to eight groups of 1-4 hex digits, one `::` for a run of zero
// groups, and an optional IPv4 address in place of the last two groups.
std::optional<Address> parse_ipv6(std::string_view text) {
  Address address{};
  int ellipsis = -1;  // index of the group where `::` is
  int group = 0;
  if (text.starts_with("::")) {
    ellipsis = 0;
    text.remove_prefix(2);
  }
  while (!text.empty() && group < 8) {
    size_t digits = 0;
    int value = 0;
    while (digits < text.size() && hex_value(text[digits]) >= 0) {
      value = value * 16 + hex_value(text[digits]);
      if (++digits > 4) return std::nullopt;
    }
    if (digits < text.size() && text[digits] == '.') {
      if (group > 6 || !parse_ipv4(text, &address[static_cast<size_t>(group) * 2])) {
        return std::nullopt;
      }
      group += 2;
      text = {};
      break;
    }
    if (digits == 0) return std::nullopt;
    address[static_cast<size_t>(group) * 2] = static_cast<uint8_t>(value >> 8);
    address[static_cast<size_t>(group) * 2 + 1] = static_cast<uint8_t>(value & 0xff);
    ++group;
    text.remove_prefix(digits);
    if (text.empty()) break;
    if (text[0] != ':' || text.size() == 1) return std::nullopt;
    text.remove_prefix(1);
    if (text[0] == ':') {
      if (ellipsis >= 0) return std::nullopt;
      ellipsis = group;
      text.remove_prefix(1);
    }
  }
  if (!text.empty()) return std::nullopt;
  if (ellipsis < 0) return group == 8 ? std::optional<Address>(address) : std::nullopt;
  if (group == 8) return std::nullopt;  // `::` must stand for at least one group

  // Move the groups after `::` to the end.
  int moved = group - ellipsis;
  for (int i = moved - 1; i >= 0; --i) {
    for (int b = 0; b < 2; ++b) {
      size_t from = static_cast<size_t>(ellipsis + i) * 2 + b;
      size_t to = static_cast<size_t>(8 - moved + i) * 2 + b;
      address[to] = address[from];
      if (from != to) address[from] = 0;
    }
  }
  return address;
}

}  // namespace

bool is_v4_mapped(const Address& address) {
  return std::equal(std::begin(kV4InV6Prefix), std::end(kV4InV6Prefix), address.begin());
}

// Parses dotted decimal into four bytes; rejects leading zeros, as Go 1.17 and later do.
bool parse_ipv4(std::string_view text, uint8_t* out) {
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (text.empty() || text[0] != '.') return false;
      text.remove_prefix(1);
    }
    size_t digits = 0;
    int value = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
      value = value * 10 + (text[digits] - '0');
      if (++digits > 3 || value > 255) return false;
    }
    if (digits == 0 || (digits > 1 && text[0] == '0')) return false;
    out[part] = static_cast<uint8_t>(value);
    text.remove_prefix(digits);
  }
  return text.empty();
}

std::optional<Address> parse_ip(std::string_view text) {
  if (text.find(':') != std::string_view::npos) return parse_ipv6(text);
  Address address{};
  std::copy(std::begin(kV4InV6Prefix), std::end(kV4InV6Prefix), address.begin());
  if (!parse_ipv4(text, &address[12])) return std::nullopt;
  return address;
}

std::optional<Network> parse_cidr(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view address_text = text.substr(0, slash);
  std::string_view prefix_text = text.substr(slash + 1);
  std::optional<Address> address = parse_ip(address_text);
  if (!address) return std::nullopt;

  bool is_v4 = address_text.find(':') == std::string_view::npos;
  size_t length = is_v4 ? 4 : 16;
  int prefix = 0;
  if (prefix_text.empty() || prefix_text.size() > 3 ||
      (prefix_text.size() > 1 && prefix_text[0] == '0')) {
    return std::nullopt;
  }
  for (char c : prefix_text) {
    if (c < '0' || c > '9') return std::nullopt;
    prefix = prefix * 10 + (c - '0');
  }
  if (prefix > static_cast<int>(length * 8)) return std::nullopt;

  Network network;
  network.mask.assign(length, 0);
  for (int bit = 0; bit < prefix; ++bit) network.mask[bit / 8] |= 0x80 >> (bit % 8);
  size_t offset = 16 - length;
  network.number.reserve(length);
  for (size_t i = 0; i < length; ++i) {
    network.number.push_back((*address)[offset + i] & network.mask[i]);
  }
  return network;
}

// Go's IPNet.Contains, including its treatment of IPv4-mapped addresses and networks.
// Views drop the IPv4-mapped prefix where Go's To4 would, without copying the bytes.
bool network_contains(const Network& network, const Address& address) {
  constexpr size_t kPrefixSize = sizeof(kV4InV6Prefix);
  std::span<const uint8_t> number(network.number);
  std::span<const uint8_t> mask(network.mask);
  if (number.size() == 16 &&
      std::equal(std::begin(kV4InV6Prefix), std::end(kV4InV6Prefix), number.begin())) {
    number = number.subspan(kPrefixSize);
  }
  if (mask.size() == 4 && number.size() != 4) return false;
  if (mask.size() == 16 && number.size() == 4) mask = mask.subspan(kPrefixSize);

  std::span<const uint8_t> ip(address);
  if (is_v4_mapped(address)) ip = ip.subspan(kPrefixSize);
  if (ip.size() != number.size()) return false;
  for (size_t i = 0; i < ip.size(); ++i) {
    if ((ip[i] & mask[i]) != number[i]) return false;
  }
  return true;
}

// The network's first and last addresses, as 16-byte addresses.
std::pair<Address, Address> network_bounds(const Network& network) {
  Address first{};
  size_t offset = 16 - network.number.size();
  if (offset == 12) std::copy(std::begin(kV4InV6Prefix), std::end(kV4InV6Prefix), first.begin());
  Address last = first;
  for (size_t i = 0; i < network.number.size(); ++i) {
    first[offset + i] = network.number[i];
    last[offset + i] = network.number[i] | static_cast<uint8_t>(~network.mask[i]);
  }
  return {first, last};
}

int prefix_length(const Network& network) {
  int length = 0;
  for (uint8_t byte : network.mask) {
    for (int bit = 7; bit >= 0 && (byte >> bit & 1) != 0; --bit) ++length;
  }
  return length;
}

std::string format_ip(const Address& address) {
  if (is_v4_mapped(address)) {
    std::string text;
    for (size_t i = 12; i < 16; ++i) {
      if (i > 12) text.push_back('.');
      text += std::to_string(address[i]);
    }
    return text;
  }
  // Find the longest run of zero groups (the first one on a tie); Go shortens runs of two or
  // more groups only.
  int best_start = -1, best_length = 0;
  for (int group = 0; group < 8;) {
    int end = group;
    while (end < 8 && address[end * 2] == 0 && address[end * 2 + 1] == 0) ++end;
    if (end - group > best_length) best_start = group, best_length = end - group;
    group = end == group ? group + 1 : end;
  }
  if (best_length < 2) best_start = -1;

  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  for (int group = 0; group < 8; ++group) {
    if (group == best_start) {
      text += "::";
      group += best_length - 1;
      continue;
    }
    if (!text.empty() && text.back() != ':') text.push_back(':');
    unsigned value = address[group * 2] << 8 | address[group * 2 + 1];
    std::string digits;
    do {
      digits.insert(digits.begin(), kHex[value & 0xf]);
      value >>= 4;
    } while (value != 0);
    text += digits;
  }
  return text;
}

std::string format_network(const Network& network) {
  Address address{};
  if (network.number.size() == 4) {
    std::copy(std::begin(kV4InV6Prefix), std::end(kV4InV6Prefix), address.begin());
  }
  std::copy(network.number.begin(), network.number.end(),
            address.begin() + (16 - network.number.size()));
  return format_ip(address) + "/" + std::to_string(prefix_length(network));
}

}  // namespace regoc
