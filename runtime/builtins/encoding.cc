// Encoding builtins: base64.encode, base64.decode, base64.is_valid, base64url.encode,
// base64url.encode_no_pad, base64url.decode, hex.encode, hex.decode, json.marshal,
// json.unmarshal and json.is_valid, with the error messages of Go's encoding packages.
// The urlquery builtins are in urlquery.cc.
#include <cstdio>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/crypto_encoding.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/utf8.h"
#include "runtime/json.h"

namespace regoc {
namespace {

constexpr std::string_view kStandardAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrlAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64_encode(std::string_view data, std::string_view alphabet, bool pad) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    uint32_t group = (static_cast<uint8_t>(data[i]) << 16) |
                     (static_cast<uint8_t>(data[i + 1]) << 8) | static_cast<uint8_t>(data[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out += alphabet[(group >> shift) & 0x3F];
  }
  size_t rest = data.size() - i;
  if (rest == 0) return out;
  uint32_t group = static_cast<uint8_t>(data[i]) << 16;
  if (rest == 2) group |= static_cast<uint8_t>(data[i + 1]) << 8;
  out += alphabet[(group >> 18) & 0x3F];
  out += alphabet[(group >> 12) & 0x3F];
  if (rest == 2) out += alphabet[(group >> 6) & 0x3F];
  if (pad) out.append(rest == 1 ? "==" : "=");
  return out;
}

BuiltinStatus string_operand(BuiltinContext& context, std::string_view name,
                             std::span<const Value> args) {
  if (args[0].is_string()) return BuiltinStatus::Ok;
  return context.type_error(name, 1, "string", args[0]);
}

BuiltinStatus base64_encode_builtin(BuiltinContext& context, std::span<const Value> args,
                                    Value& result) {
  if (string_operand(context, "base64.encode", args) != BuiltinStatus::Ok) {
    return BuiltinStatus::Error;
  }
  result = Value::string(base64_encode(args[0].as_string(), kStandardAlphabet, true));
  return BuiltinStatus::Ok;
}

BuiltinStatus base64_decode_builtin(BuiltinContext& context, std::span<const Value> args,
                                    Value& result) {
  if (string_operand(context, "base64.decode", args) != BuiltinStatus::Ok) {
    return BuiltinStatus::Error;
  }
  std::string decoded;
  std::string error;
  if (!base64_padded_decode(args[0].as_string(), kStandardAlphabet, &decoded, &error)) {
    return builtin_error(context, "base64.decode", error);
  }
  result = Value::string(decoded);
  return BuiltinStatus::Ok;
}

BuiltinStatus base64_is_valid(BuiltinContext&, std::span<const Value> args, Value& result) {
  std::string decoded;
  std::string error;
  result = Value::boolean(args[0].is_string() &&
                          base64_padded_decode(args[0].as_string(), kStandardAlphabet, &decoded,
                                        &error));
  return BuiltinStatus::Ok;
}

BuiltinStatus base64url_encode(BuiltinContext& context, std::span<const Value> args,
                               Value& result) {
  if (string_operand(context, "base64url.encode", args) != BuiltinStatus::Ok) {
    return BuiltinStatus::Error;
  }
  result = Value::string(base64_encode(args[0].as_string(), kUrlAlphabet, true));
  return BuiltinStatus::Ok;
}

BuiltinStatus base64url_encode_no_pad(BuiltinContext& context, std::span<const Value> args,
                                      Value& result) {
  if (string_operand(context, "base64url.encode_no_pad", args) != BuiltinStatus::Ok) {
    return BuiltinStatus::Error;
  }
  result = Value::string(base64_encode(args[0].as_string(), kUrlAlphabet, false));
  return BuiltinStatus::Ok;
}

// base64url.decode accepts text without its padding (RFC 7515 appendix C), as OPA does.
BuiltinStatus base64url_decode(BuiltinContext& context, std::span<const Value> args,
                               Value& result) {
  constexpr std::string_view kName = "base64url.decode";
  if (string_operand(context, kName, args) != BuiltinStatus::Ok) return BuiltinStatus::Error;
  std::string text(args[0].as_string());
  if (!text.ends_with("=")) {
    switch (text.size() % 4) {
      case 2: text += "=="; break;
      case 3: text += "="; break;
      case 1: return builtin_error(context, kName, "illegal base64url string: " + text);
      default: break;
    }
  }
  std::string decoded;
  std::string error;
  if (!base64_padded_decode(text, kUrlAlphabet, &decoded, &error)) {
    return builtin_error(context, kName, error);
  }
  result = Value::string(decoded);
  return BuiltinStatus::Ok;
}

BuiltinStatus hex_encode(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (string_operand(context, "hex.encode", args) != BuiltinStatus::Ok) {
    return BuiltinStatus::Error;
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (char c : args[0].as_string()) {
    out += kDigits[static_cast<uint8_t>(c) >> 4];
    out += kDigits[static_cast<uint8_t>(c) & 0xF];
  }
  result = Value::string(out);
  return BuiltinStatus::Ok;
}

int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Go's InvalidByteError text: the byte as a code point in %#U form ("U+0067 'g'").
std::string invalid_hex_byte(char c) {
  auto byte = static_cast<uint8_t>(c);
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", byte);
  std::string out = "encoding/hex: invalid byte: ";
  out += code;
  if (byte >= 0x20 && byte != 0x7F && !(byte >= 0x80 && byte < 0xA0)) {
    out += " '";
    append_utf8(&out, byte);
    out += "'";
  }
  return out;
}

BuiltinStatus hex_decode(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (string_operand(context, "hex.decode", args) != BuiltinStatus::Ok) {
    return BuiltinStatus::Error;
  }
  std::string_view text = args[0].as_string();
  std::string out;
  size_t i = 1;
  for (; i < text.size(); i += 2) {
    int high = hex_digit_value(text[i - 1]);
    int low = hex_digit_value(text[i]);
    if (high < 0) return builtin_error(context, "hex.decode", invalid_hex_byte(text[i - 1]));
    if (low < 0) return builtin_error(context, "hex.decode", invalid_hex_byte(text[i]));
    out += static_cast<char>((high << 4) | low);
  }
  if (text.size() % 2 == 1) {
    // Go reports an invalid last byte before the odd length.
    if (hex_digit_value(text[i - 1]) < 0) {
      return builtin_error(context, "hex.decode", invalid_hex_byte(text[i - 1]));
    }
    return builtin_error(context, "hex.decode", "encoding/hex: odd length hex string");
  }
  result = Value::string(out);
  return BuiltinStatus::Ok;
}

BuiltinStatus json_marshal(BuiltinContext&, std::span<const Value> args, Value& result) {
  result = Value::string(to_json(args[0]));
  return BuiltinStatus::Ok;
}

// NOTE: the error text comes from regoc's JSON reader, not from Go's encoding/json.
BuiltinStatus json_unmarshal(BuiltinContext& context, std::span<const Value> args,
                             Value& result) {
  if (string_operand(context, "json.unmarshal", args) != BuiltinStatus::Ok) {
    return BuiltinStatus::Error;
  }
  std::string error;
  if (!parse_json(args[0].as_string(), &result, &error)) {
    return builtin_error(context, "json.unmarshal", error);
  }
  return BuiltinStatus::Ok;
}

BuiltinStatus json_is_valid(BuiltinContext&, std::span<const Value> args, Value& result) {
  Value parsed;
  std::string error;
  result = Value::boolean(args[0].is_string() &&
                          parse_json(args[0].as_string(), &parsed, &error));
  return BuiltinStatus::Ok;
}

}  // namespace

void register_encoding_builtins(Registry& registry) {
  registry.add("base64.encode", base64_encode_builtin);
  registry.add("base64.decode", base64_decode_builtin);
  registry.add("base64.is_valid", base64_is_valid);
  registry.add("base64url.encode", base64url_encode);
  registry.add("base64url.encode_no_pad", base64url_encode_no_pad);
  registry.add("base64url.decode", base64url_decode);
  registry.add("hex.encode", hex_encode);
  registry.add("hex.decode", hex_decode);
  registry.add("json.marshal", json_marshal);
  registry.add("json.unmarshal", json_unmarshal);
  registry.add("json.is_valid", json_is_valid);
}

}  // namespace regoc
