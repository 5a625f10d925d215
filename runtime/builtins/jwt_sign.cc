// Signing builtins: io.jwt.encode_sign, which serializes header and payload objects as JSON,
// and io.jwt.encode_sign_raw, which takes them as text. Both sign with the first key of a
// JWK or JWK set and return the JWS compact serialization (RFC 7515 section 7.1). External
// interface: register_jwt_sign_builtins.
#include "runtime/builtins/crypto_encoding.h"
#include "runtime/builtins/jwt_json.h"
#include "runtime/builtins/jwt_jws.h"
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/json.h"

namespace regoc {
namespace {

constexpr std::string_view kEncodeSign = "io.jwt.encode_sign";
constexpr std::string_view kEncodeSignRaw = "io.jwt.encode_sign_raw";

// Reads the header's "alg" as OPA does before signing; the messages are OPA's.
bool header_algorithm(std::string_view header_text, const Value& header,
                      const JwsAlgorithm** out, std::string* error) {
  constexpr std::string_view kPrefix = "missing or invalid 'alg' header: ";
  if (header_text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    *error = std::string(kPrefix) + "cannot parse JSON: cannot parse empty string";
    return false;
  }
  if (std::optional<std::string> syntax = go_json_syntax_error(header_text)) {
    *error = std::string(kPrefix) + "cannot parse JSON: " + *syntax;
    return false;
  }
  const Value* alg = header.is_object() ? header.find("alg") : nullptr;
  if (alg == nullptr) {
    // NOTE: OPA v1.20.2 reports a header without "alg" with this text alone.
    *error = "unsupported signature algorithm";
    return false;
  }
  if (!alg->is_string()) {
    *error = std::string(kPrefix) + "value doesn't contain string; it contains " +
             std::string(kind_name(alg->kind()));
    return false;
  }
  *out = find_jws_algorithm(alg->as_string());
  if (*out == nullptr) {
    *error = "unknown JWS algorithm: " + std::string(alg->as_string());
    return false;
  }
  return true;
}

// Signs `payload` under `header` with the first key in `jwk_text`.
bool encode_sign(std::string_view header_text, std::string_view payload,
                 std::string_view jwk_text, std::string* out, std::string* error) {
  std::vector<JsonWebKey> keys;
  if (!parse_jwk_set(jwk_text, &keys, error)) return false;
  if (keys.empty()) {
    *error = "no keys found in JWK set";
    return false;
  }

  Value header;
  std::string ignored;
  parse_json(header_text, &header, &ignored);
  const JwsAlgorithm* algorithm = nullptr;
  if (!header_algorithm(header_text, header, &algorithm, error)) return false;

  // A payload must be JSON unless the header's "typ" is a string other than "JWT".
  const Value* typ = header.find("typ");
  bool json_type = typ == nullptr || !typ->is_string() || typ->as_string() == "JWT";
  if (json_type && go_json_syntax_error(payload)) {
    *error = "type is JWT but payload is not JSON";
    return false;
  }

  std::string signing_input = base64url_raw_encode(header_text) + "." +
                              base64url_raw_encode(payload);
  std::string signature;
  if (!jws_sign(*algorithm, keys.front(), signing_input, &signature, error)) return false;
  *out = signing_input + "." + base64url_raw_encode(signature);
  return true;
}

BuiltinStatus encode_sign_builtin(BuiltinContext& context, std::span<const Value> args,
                                  Value& result) {
  std::string token;
  std::string error;
  if (!encode_sign(to_json(args[0]), to_json(args[1]), to_json(args[2]), &token, &error)) {
    return builtin_error(context, kEncodeSign, error);
  }
  result = Value::string(token);
  return BuiltinStatus::Ok;
}

BuiltinStatus encode_sign_raw(BuiltinContext& context, std::span<const Value> args,
                              Value& result) {
  if (!args[2].is_string()) return context.type_error(kEncodeSignRaw, 3, "string", args[2]);
  if (!args[0].is_string()) return context.type_error(kEncodeSignRaw, 1, "string", args[0]);
  if (!args[1].is_string()) return context.type_error(kEncodeSignRaw, 2, "string", args[1]);
  std::string token;
  std::string error;
  if (!encode_sign(args[0].as_string(), args[1].as_string(), args[2].as_string(), &token,
                   &error)) {
    return builtin_error(context, kEncodeSignRaw, error);
  }
  result = Value::string(token);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_jwt_sign_builtins(Registry& registry) {
  registry.add(kEncodeSign, encode_sign_builtin);
  registry.add(kEncodeSignRaw, encode_sign_raw);
}

}  // namespace regoc
