// net.cidr_contains(cidr, cidr_or_ip) with the address rules of Go's net package (see
// net_address.h): IPv4-mapped IPv6 addresses match IPv4 networks.
#include "runtime/builtins/net_address.h"
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

BuiltinStatus cidr_contains(BuiltinContext& context, std::span<const Value> args,
                            Value& result) {
  constexpr std::string_view kName = "net.cidr_contains";
  if (!args[0].is_string()) return context.type_error(kName, 1, "string", args[0]);
  if (!args[1].is_string()) return context.type_error(kName, 2, "string", args[1]);
  std::optional<Network> network = parse_cidr(args[0].as_string());
  if (!network) {
    return builtin_error(context, kName,
                         "invalid CIDR address: " + std::string(args[0].as_string()));
  }

  if (std::optional<Address> address = parse_ip(args[1].as_string())) {
    result = Value::boolean(network_contains(*network, *address));
    return BuiltinStatus::Ok;
  }
  std::optional<Network> inner = parse_cidr(args[1].as_string());
  if (!inner) {
    return builtin_error(context, kName,
                         "invalid CIDR address: " + std::string(args[1].as_string()));
  }
  auto [first, last] = network_bounds(*inner);
  result = Value::boolean(network_contains(*network, first) &&
                          network_contains(*network, last));
  return BuiltinStatus::Ok;
}

}  // namespace

void register_net_builtins(Registry& registry) {
  registry.add("net.cidr_contains", cidr_contains);
}

}  // namespace regoc
