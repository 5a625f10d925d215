// uuid.rfc4122 (a random version 4 UUID, the same one for the same key within a query) and
// uuid.parse (the fields of a UUID in any of the four text forms that Go's google/uuid
// accepts: plain, braced, "urn:uuid:" and 32 hex digits).
#include <array>
#include <cstdio>
#include <optional>
#include <random>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

using Uuid = std::array<uint8_t, 16>;

// 100-nanosecond intervals from 1582-10-15 (the Gregorian reform, UUID time zero) to 1970.
constexpr int64_t kGregorianToUnix = 122192928000000000;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads 32 hex digits, skipping dashes at the positions of the standard form.
std::optional<Uuid> parse_uuid(std::string_view text) {
  if (text.size() == 45) {
    std::string prefix(text.substr(0, 9));
    for (char& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (prefix != "urn:uuid:") return std::nullopt;
    text.remove_prefix(9);
  } else if (text.size() == 38) {
    if (text.front() != '{' || text.back() != '}') return std::nullopt;
    text = text.substr(1, 36);
  } else if (text.size() != 36 && text.size() != 32) {
    return std::nullopt;
  }
  bool dashed = text.size() == 36;
  if (dashed && (text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')) {
    return std::nullopt;
  }
  Uuid uuid{};
  size_t at = 0;
  for (size_t byte = 0; byte < 16; ++byte) {
    if (dashed && (at == 8 || at == 13 || at == 18 || at == 23)) ++at;
    int high = hex_digit(text[at]);
    int low = hex_digit(text[at + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    uuid[byte] = static_cast<uint8_t>(high << 4 | low);
    at += 2;
  }
  return uuid;
}

std::string_view variant_name(uint8_t byte) {
  if ((byte & 0xc0) == 0x80) return "RFC4122";
  if ((byte & 0xe0) == 0xc0) return "Microsoft";
  if ((byte & 0xe0) == 0xe0) return "Future";
  return "Reserved";
}

uint64_t big_endian(const Uuid& uuid, size_t from, size_t count) {
  uint64_t value = 0;
  for (size_t i = from; i < from + count; ++i) value = value << 8 | uuid[i];
  return value;
}

// The fields that versions 1 (time-based) and 2 (DCE security) add.
void add_time_fields(const Uuid& uuid, int version, std::vector<Value::Entry>* fields) {
  int64_t ticks = static_cast<int64_t>(big_endian(uuid, 0, 4) | big_endian(uuid, 4, 2) << 32 |
                                       (big_endian(uuid, 6, 2) & 0xfff) << 48);
  int64_t since_unix = ticks - kGregorianToUnix;
  int64_t nanoseconds = since_unix / 10000000 * 1000000000 + since_unix % 10000000 * 100;
  fields->emplace_back(Value::string("time"), Value::integer(nanoseconds));
  fields->emplace_back(Value::string("clocksequence"),
                       Value::integer((uuid[8] & 0x3f) << 8 | uuid[9]));

  char node[18];
  std::snprintf(node, sizeof node, "%02x-%02x-%02x-%02x-%02x-%02x", uuid[10], uuid[11], uuid[12],
                uuid[13], uuid[14], uuid[15]);
  fields->emplace_back(Value::string("nodeid"), Value::string(node));
  std::string mac = (uuid[10] & 0x02) != 0 ? "local" : "global";
  mac += (uuid[10] & 0x01) != 0 ? ":multicast" : ":unicast";
  fields->emplace_back(Value::string("macvariables"), Value::string(mac));

  if (version != 2) return;
  fields->emplace_back(Value::string("id"),
                       Value::integer(static_cast<int64_t>(big_endian(uuid, 0, 4))));
  static constexpr std::string_view kDomains[] = {"Person", "Group", "Org"};
  std::string domain =
      uuid[9] < 3 ? std::string(kDomains[uuid[9]]) : "Domain" + std::to_string(uuid[9]);
  fields->emplace_back(Value::string("domain"), Value::string(domain));
}

// uuid.parse is undefined, not an error, for anything that is not a UUID string.
BuiltinStatus parse(BuiltinContext&, std::span<const Value> args, Value& result) {
  if (!args[0].is_string()) return BuiltinStatus::Undefined;
  std::optional<Uuid> uuid = parse_uuid(args[0].as_string());
  if (!uuid) return BuiltinStatus::Undefined;

  int version = (*uuid)[6] >> 4;
  std::vector<Value::Entry> fields;
  fields.emplace_back(Value::string("version"), Value::integer(version));
  fields.emplace_back(Value::string("variant"), Value::string(variant_name((*uuid)[8])));
  if (version == 1 || version == 2) add_time_fields(*uuid, version, &fields);
  result = Value::object(std::move(fields));
  return BuiltinStatus::Ok;
}

std::string random_uuid() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  Uuid uuid;
  for (size_t i = 0; i < 16; i += 8) {
    uint64_t bits = generator();
    for (size_t b = 0; b < 8; ++b) uuid[i + b] = static_cast<uint8_t>(bits >> (8 * b));
  }
  uuid[6] = (uuid[6] & 0x0f) | 0x40;  // version 4
  uuid[8] = (uuid[8] & 0x3f) | 0x80;  // RFC 4122 variant
  char text[37];
  std::snprintf(text, sizeof text,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", uuid[0],
                uuid[1], uuid[2], uuid[3], uuid[4], uuid[5], uuid[6], uuid[7], uuid[8], uuid[9],
                uuid[10], uuid[11], uuid[12], uuid[13], uuid[14], uuid[15]);
  return text;
}

BuiltinStatus rfc4122(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[0].is_string()) return context.type_error("uuid.rfc4122", 1, "string", args[0]);
  if (!context.rand_cache.is_defined()) context.rand_cache = Value::object();
  Value key = Value::array({Value::string("uuid.rfc4122"), args[0]});
  if (const Value* cached = context.rand_cache.find(key)) {
    result = *cached;
    return BuiltinStatus::Ok;
  }
  result = Value::string(random_uuid());
  context.rand_cache.object_insert(std::move(key), result);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_uuid_builtins(Registry& registry) {
  registry.add("uuid.parse", parse);
  registry.add("uuid.rfc4122", rfc4122);
}

}  // namespace regoc
