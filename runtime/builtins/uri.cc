// uri.parse and uri.is_valid: URLs read as Go's url.Parse reads them (aws_sign_url.h).
// uri.parse returns the non-empty components among scheme, hostname, port, path (with
// raw_path, the path as written when its escaping is not the default one, else the path),
// raw_query and fragment.
#include "runtime/builtins/aws_sign_url.h"
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

constexpr std::string_view kParse = "uri.parse";

// Splits URL.Host as Go's Hostname and Port do. The port follows the last ':' when it is all
// digits, and brackets around an IPv6 address are dropped.
void split_host(std::string_view host, std::string_view* name, std::string_view* port) {
  *port = {};
  size_t colon = host.rfind(':');
  size_t bracket = host.rfind(']');
  bool after_brackets = bracket == std::string_view::npos || colon > bracket;
  if (colon != std::string_view::npos && after_brackets &&
      host.substr(colon + 1).find_first_not_of("0123456789") == std::string_view::npos) {
    *port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  if (host.starts_with("[") && host.ends_with("]")) host = host.substr(1, host.size() - 2);
  *name = host;
}

BuiltinStatus parse(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[0].is_string()) return context.type_error(kParse, 1, "string", args[0]);
  ParsedUrl url;
  std::string error;
  if (!parse_go_url(args[0].as_string(), &url, &error)) {
    return builtin_error(context, kParse, error);
  }
  std::string_view hostname;
  std::string_view port;
  split_host(url.host, &hostname, &port);
  result = Value::object();
  auto put = [&](std::string_view key, std::string_view value) {
    if (!value.empty()) result.object_insert(Value::string(key), Value::string(value));
  };
  put("scheme", url.scheme);
  put("hostname", hostname);
  put("port", port);
  put("path", url.path);
  if (!url.path.empty()) put("raw_path", url.raw_path.empty() ? url.path : url.raw_path);
  put("raw_query", url.raw_query);
  put("fragment", url.fragment);
  return BuiltinStatus::Ok;
}

// False for a value that is not a string, for the empty string and for text that url.Parse
// rejects.
BuiltinStatus is_valid(BuiltinContext&, std::span<const Value> args, Value& result) {
  ParsedUrl url;
  std::string error;
  bool valid = args[0].is_string() && !args[0].as_string().empty() &&
               parse_go_url(args[0].as_string(), &url, &error);
  result = Value::boolean(valid);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_uri_builtins(Registry& registry) {
  registry.add("uri.parse", parse);
  registry.add("uri.is_valid", is_valid);
}

}  // namespace regoc
