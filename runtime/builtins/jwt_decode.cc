// Decoding builtins: io.jwt.decode, which returns a token's header, payload and signature
// without checking them, and io.jwt.decode_verify, which also checks the signature and the
// registered claims (RFC 7519 section 7.2) against a constraints object. External interface:
// register_jwt_decode_builtins.
#include <cctype>

#include "runtime/builtins/crypto_encoding.h"
#include "runtime/builtins/jwt_json.h"
#include "runtime/builtins/jwt_jws.h"
#include "runtime/builtins/jwt_keys.h"
#include "runtime/builtins/jwt_token.h"
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/json.h"
#include "runtime/number.h"

namespace regoc {
namespace {

constexpr std::string_view kDecode = "io.jwt.decode";
constexpr std::string_view kDecodeVerify = "io.jwt.decode_verify";

std::string_view trim_quotes(std::string_view text) {
  constexpr std::string_view kQuotes = "\"'";
  while (!text.empty() && kQuotes.find(text.front()) != std::string_view::npos) {
    text.remove_prefix(1);
  }
  while (!text.empty() && kQuotes.find(text.back()) != std::string_view::npos) {
    text.remove_suffix(1);
  }
  return text;
}

// Decodes a token into [header, payload, signature in hex]. When the header's "cty" is
// "JWT" the payload is itself a token, possibly quoted, and is decoded in its place.
bool decode_token(std::string_view text, Value* out, std::string* error) {
  JwtToken token;
  if (!split_jwt(text, &token, error) || !decode_jwt_header(&token, error)) return false;
  std::string payload_text;
  std::string decode_error;
  if (!base64url_decode(token.payload, &payload_text, &decode_error)) {
    *error = "JWT payload had invalid encoding: " + decode_error;
    return false;
  }
  const Value* cty = token.decoded_header.find("cty");
  if (cty != nullptr && cty->is_string() && cty->as_string() == "JWT") {
    return decode_token(trim_quotes(payload_text), out, error);
  }
  Value payload;
  if (!parse_json_object(payload_text, &payload, error)) return false;
  std::string signature;
  if (!decode_jwt_signature(token, &signature, &decode_error)) {
    *error = "JWT signature had invalid encoding: " + decode_error;
    return false;
  }
  *out = Value::array({token.decoded_header, payload, Value::string(hex_encode(signature))});
  return true;
}

BuiltinStatus decode(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[0].is_string()) return context.type_error(kDecode, 1, "string", args[0]);
  std::string error;
  if (!decode_token(args[0].as_string(), &result, &error)) {
    return builtin_error(context, kDecode, error);
  }
  return BuiltinStatus::Ok;
}

// The constraints object of io.jwt.decode_verify.
struct Constraints {
  std::string secret;
  std::string alg;
  std::string iss;
  std::string aud;
  bool has_keys = false;
  std::vector<JsonWebKey> keys;
  double time_ns = -1;  // -1 until set; then the evaluation's time when not given
};

bool time_constraint(const Value& value, double* out, std::string* error) {
  if (!value.is_number()) {
    *error = "token time constraint: must be a number";
    return false;
  }
  *out = value.as_number().to_double();
  if (*out < 0) {
    *error = "token time constraint: must not be negative";
    return false;
  }
  return true;
}

bool string_constraint(std::string_view name, const Value& value, std::string* out,
                       std::string* error) {
  if (!value.is_string()) {
    *error = std::string(name) + " constraint: must be a string";
    return false;
  }
  *out = value.as_string();
  return true;
}

bool parse_constraint(std::string_view name, const Value& value, Constraints* constraints,
                      std::string* error) {
  if (name == "cert") {
    if (!value.is_string()) {
      *error = "cert constraint: must be a string";
      return false;
    }
    constraints->has_keys = true;
    return load_verification_keys(value.as_string(), &constraints->keys, error);
  }
  if (name == "secret") return string_constraint(name, value, &constraints->secret, error);
  if (name == "alg") return string_constraint(name, value, &constraints->alg, error);
  if (name == "iss") return string_constraint(name, value, &constraints->iss, error);
  if (name == "aud") return string_constraint(name, value, &constraints->aud, error);
  if (name == "time") return time_constraint(value, &constraints->time_ns, error);
  *error = "unknown token validation constraint: " + std::string(name);
  return false;
}

bool parse_constraints(const Value& object, int64_t now_ns, Constraints* constraints,
                       std::string* error) {
  for (const auto& [key, value] : object.object_entries()) {
    std::string name = key.is_string() ? std::string(key.as_string()) : to_json(key);
    if (!parse_constraint(name, value, constraints, error)) return false;
  }
  if (constraints->time_ns == -1) constraints->time_ns = static_cast<double>(now_ns);
  int key_sources = (constraints->has_keys ? 1 : 0) + (constraints->secret.empty() ? 0 : 1);
  if (key_sources > 1) *error = "duplicate key constraints";
  if (key_sources < 1) *error = "no key constraint";
  return key_sources == 1;
}

// Checks the signature with the "cert" keys or the "secret" as OPA does: a key whose "kid"
// matches the header's decides alone.
bool signature_verifies(const Constraints& constraints, const JwtHeader& header,
                        const JwtToken& token, std::string_view signature) {
  const JwsAlgorithm* algorithm = find_jws_algorithm(header.alg);
  if (algorithm == nullptr) return false;
  std::string signing_input = token.header + "." + token.payload;
  if (!constraints.has_keys) {
    JsonWebKey secret;
    secret.kty = "oct";
    secret.secret = constraints.secret;
    return jws_verify(*algorithm, secret, signing_input, signature);
  }
  if (!header.kid.empty()) {
    if (const JsonWebKey* key = find_key_by_kid(constraints.keys, header.kid)) {
      return jws_verify(*algorithm, *key, signing_input, signature);
    }
  }
  for (const JsonWebKey& key : constraints.keys) {
    if (!key.alg.empty() && key.alg != header.alg) continue;
    if (jws_verify(*algorithm, key, signing_input, signature)) return true;
  }
  return false;
}

bool audience_matches(const Value& aud, std::string_view expected) {
  if (aud.is_string()) return aud.as_string() == expected;
  if (!aud.is_array()) return false;
  for (const Value& item : aud.array_items()) {
    if (item.is_string() && item.as_string() == expected) return true;
  }
  return false;
}

// True for "JWT" in any letter case, the "cty" of a nested token (RFC 7519 section 5.2).
bool is_jwt_media_type(std::string_view cty) {
  if (cty.size() != 3) return false;
  for (size_t i = 0; i < 3; ++i) {
    if (std::toupper(static_cast<unsigned char>(cty[i])) != "JWT"[i]) return false;
  }
  return true;
}

enum class Outcome { Verified, Unverified, Failed };

// Checks "iss", "aud", "exp" and "nbf" (RFC 7519 section 4.1). Times are in seconds; the
// constraint time is in nanoseconds.
Outcome check_claims(const Constraints& constraints, const Value& payload, std::string* error) {
  if (!constraints.iss.empty()) {
    const Value* iss = payload.find("iss");
    if (iss == nullptr || !iss->is_string() || iss->as_string() != constraints.iss) {
      return Outcome::Unverified;
    }
  }
  if (const Value* aud = payload.find("aud")) {
    if (!audience_matches(*aud, constraints.aud)) return Outcome::Unverified;
  } else if (!constraints.aud.empty()) {
    return Outcome::Unverified;
  }
  Number now = Number::from_double(constraints.time_ns / 1e9);
  if (const Value* exp = payload.find("exp")) {
    if (!exp->is_number()) {
      *error = "exp value must be a number";
      return Outcome::Failed;
    }
    if (now.compare(exp->as_number()) != -1) return Outcome::Unverified;
  }
  if (const Value* nbf = payload.find("nbf")) {
    if (!nbf->is_number()) {
      *error = "nbf value must be a number";
      return Outcome::Failed;
    }
    if (now.compare(nbf->as_number()) == -1) return Outcome::Unverified;
  }
  return Outcome::Verified;
}

// Verifies the signature of each level of a nested token; on success stores the innermost
// header and payload.
Outcome verify_token(std::string text, const Constraints& constraints, Value* header_out,
                     Value* payload_out, std::string* error) {
  while (true) {
    JwtToken token;
    JwtHeader header;
    if (!split_jwt(text, &token, error) || !decode_jwt_header(&token, error) ||
        !parse_jwt_header(token.decoded_header, &header, error)) {
      return Outcome::Failed;
    }
    if (!header.valid()) return Outcome::Unverified;
    if (!constraints.alg.empty() && constraints.alg != header.alg) return Outcome::Unverified;
    std::string signature;
    if (!decode_jwt_signature(token, &signature, error)) return Outcome::Failed;
    if (!signature_verifies(constraints, header, token, signature)) return Outcome::Unverified;

    std::string payload_text;
    std::string decode_error;
    if (!base64url_decode(token.payload, &payload_text, &decode_error)) {
      *error = "JWT payload had invalid encoding: " + decode_error;
      return Outcome::Failed;
    }
    if (is_jwt_media_type(header.cty)) {
      text = std::move(payload_text);
      continue;
    }
    if (!parse_json_object(payload_text, payload_out, error)) return Outcome::Failed;
    *header_out = token.decoded_header;
    return Outcome::Verified;
  }
}

BuiltinStatus decode_verify(BuiltinContext& context, std::span<const Value> args,
                            Value& result) {
  if (!args[1].is_object()) return context.type_error(kDecodeVerify, 2, "object", args[1]);
  Constraints constraints;
  std::string error;
  if (!parse_constraints(args[1], context.now(), &constraints, &error)) {
    return builtin_error(context, kDecodeVerify, error);
  }
  if (!args[0].is_string()) return context.type_error(kDecodeVerify, 1, "string", args[0]);

  Value header;
  Value payload;
  Outcome outcome = verify_token(std::string(args[0].as_string()), constraints, &header,
                                 &payload, &error);
  if (outcome == Outcome::Verified) outcome = check_claims(constraints, payload, &error);
  if (outcome == Outcome::Failed) return builtin_error(context, kDecodeVerify, error);
  if (outcome == Outcome::Unverified) {
    result = Value::array({Value::boolean(false), Value::object(), Value::object()});
  } else {
    result = Value::array({Value::boolean(true), header, payload});
  }
  return BuiltinStatus::Ok;
}

}  // namespace

void register_jwt_decode_builtins(Registry& registry) {
  registry.add(kDecode, decode);
  registry.add(kDecodeVerify, decode_verify);
}

}  // namespace regoc
