// IP addresses and networks with the rules of Go's net package, which OPA's net builtins use:
// IPv4 dotted decimal without leading zeros, IPv6 with `::` and an optional dotted IPv4 tail,
// and IPv4 stored as IPv4-mapped IPv6 (::ffff:a.b.c.d). External interface: below.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace regoc {

/// A 16-byte address; IPv4 is stored as ::ffff:a.b.c.d, as in Go.
using Address = std::array<uint8_t, 16>;

inline constexpr uint8_t kV4InV6Prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

/// A network in Go's net.IPNet form: 4-byte IPv4 or 16-byte IPv6 number and mask.
struct Network {
  std::vector<uint8_t> number;
  std::vector<uint8_t> mask;
};

bool is_v4_mapped(const Address& address);
/// Parses dotted decimal into four bytes.
bool parse_ipv4(std::string_view text, uint8_t* out);
/// Parses an IPv4 or IPv6 address as Go's net.ParseIP does.
std::optional<Address> parse_ip(std::string_view text);
/// Parses "address/prefix" as Go's net.ParseCIDR does; the host bits are cleared.
std::optional<Network> parse_cidr(std::string_view text);
/// Go's IPNet.Contains, including its treatment of IPv4-mapped addresses and networks.
bool network_contains(const Network& network, const Address& address);
/// The network's first and last addresses, as 16-byte addresses.
std::pair<Address, Address> network_bounds(const Network& network);
/// The prefix length of a network's mask.
int prefix_length(const Network& network);

/// Formats an address as Go's IP.String does: IPv4-mapped addresses in dotted decimal, IPv6
/// in lowercase hex with the longest run of two or more zero groups written as "::".
std::string format_ip(const Address& address);
/// Formats a network as Go's IPNet.String does ("10.0.0.0/8", "2001:db8::/32").
std::string format_network(const Network& network);

}  // namespace regoc
