// Signature verification builtins: io.jwt.verify_hs256/384/512, verify_rs256/384/512,
// verify_ps256/384/512, verify_es256/384/512 and verify_eddsa. Each returns whether the
// token's signature verifies; only malformed tokens and keys are errors. External interface:
// register_jwt_verify_builtins.
#include <openssl/crypto.h>
#include <openssl/hmac.h>

#include "runtime/builtins/jwt_jws.h"
#include "runtime/builtins/jwt_keys.h"
#include "runtime/builtins/jwt_token.h"
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

// Checks a signature over `digest` (the signing input itself for EdDSA) with one key.
using KeyVerifier = bool (*)(EVP_PKEY* key, const EVP_MD* md, std::string_view digest,
                             std::string_view signature);

bool verify_ecdsa_halves(EVP_PKEY* key, const EVP_MD*, std::string_view digest,
                         std::string_view signature) {
  size_t half = signature.size() / 2;
  return verify_ecdsa(key, digest, signature.substr(0, half), signature.substr(half));
}

bool verify_eddsa(EVP_PKEY* key, const EVP_MD*, std::string_view message,
                  std::string_view signature) {
  return verify_ed25519(key, message, signature);
}

// Verifies as OPA's builtinJWTVerify does. A key whose "kid" matches the header's decides
// alone. Otherwise any key whose "alg" is absent or equal to the header's may verify it.
BuiltinStatus verify_with_keys(BuiltinContext& context, std::string_view name,
                               std::span<const Value> args, const EVP_MD* md,
                               KeyVerifier verifier, Value& result) {
  if (!args[0].is_string()) return context.type_error(name, 1, "string", args[0]);
  JwtToken token;
  std::string error;
  if (!split_jwt(args[0].as_string(), &token, &error)) return builtin_error(context, name, error);
  if (!args[1].is_string()) return context.type_error(name, 2, "string", args[1]);

  std::vector<JsonWebKey> keys;
  std::string signature;
  JwtHeader header;
  if (!load_verification_keys(args[1].as_string(), &keys, &error) ||
      !decode_jwt_signature(token, &signature, &error) || !decode_jwt_header(&token, &error) ||
      !parse_jwt_header(token.decoded_header, &header, &error)) {
    return builtin_error(context, name, error);
  }

  std::string signing_input = token.header + "." + token.payload;
  std::string digest = md == nullptr ? signing_input : message_digest(md, signing_input);
  auto check = [&](const JsonWebKey& key) {
    return verifier(key.key.get(), md, digest, signature);
  };
  bool valid = false;
  const JsonWebKey* by_kid = header.kid.empty() ? nullptr : find_key_by_kid(keys, header.kid);
  if (by_kid != nullptr) {
    valid = check(*by_kid);
  } else {
    for (const JsonWebKey& key : keys) {
      if (!key.alg.empty() && key.alg != header.alg) continue;
      if (check(key)) {
        valid = true;
        break;
      }
    }
  }
  result = Value::boolean(valid);
  return BuiltinStatus::Ok;
}

BuiltinStatus verify_hmac(BuiltinContext& context, std::string_view name,
                          std::span<const Value> args, const EVP_MD* md, Value& result) {
  if (!args[0].is_string()) return context.type_error(name, 1, "string", args[0]);
  if (!args[1].is_string()) return context.type_error(name, 2, "string", args[1]);
  JwtToken token;
  std::string error;
  if (!split_jwt(args[0].as_string(), &token, &error)) return builtin_error(context, name, error);

  std::string_view secret = args[1].as_string();
  std::string signing_input = token.header + "." + token.payload;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(md, secret.data(), static_cast<int>(secret.size()), bytes_of(signing_input),
       signing_input.size(), mac, &size);

  std::string signature;
  if (!decode_jwt_signature(token, &signature, &error)) {
    return builtin_error(context, name, error);
  }
  result = Value::boolean(signature.size() == size &&
                          CRYPTO_memcmp(signature.data(), mac, size) == 0);
  return BuiltinStatus::Ok;
}

// Declares one builtin function per algorithm; `check` is the call that does the work.
#define REGOC_JWT_VERIFIER(function, check)                                             \
  BuiltinStatus function(BuiltinContext& context, std::span<const Value> args,          \
                         Value& result) {                                               \
    return check;                                                                       \
  }

constexpr std::string_view kHs256 = "io.jwt.verify_hs256";
constexpr std::string_view kHs384 = "io.jwt.verify_hs384";
constexpr std::string_view kHs512 = "io.jwt.verify_hs512";
constexpr std::string_view kRs256 = "io.jwt.verify_rs256";
constexpr std::string_view kRs384 = "io.jwt.verify_rs384";
constexpr std::string_view kRs512 = "io.jwt.verify_rs512";
constexpr std::string_view kPs256 = "io.jwt.verify_ps256";
constexpr std::string_view kPs384 = "io.jwt.verify_ps384";
constexpr std::string_view kPs512 = "io.jwt.verify_ps512";
constexpr std::string_view kEs256 = "io.jwt.verify_es256";
constexpr std::string_view kEs384 = "io.jwt.verify_es384";
constexpr std::string_view kEs512 = "io.jwt.verify_es512";
constexpr std::string_view kEdDsa = "io.jwt.verify_eddsa";

REGOC_JWT_VERIFIER(verify_hs256, verify_hmac(context, kHs256, args, EVP_sha256(), result))
REGOC_JWT_VERIFIER(verify_hs384, verify_hmac(context, kHs384, args, EVP_sha384(), result))
REGOC_JWT_VERIFIER(verify_hs512, verify_hmac(context, kHs512, args, EVP_sha512(), result))
REGOC_JWT_VERIFIER(verify_rs256, verify_with_keys(context, kRs256, args, EVP_sha256(),
                                                  verify_rsa_pkcs1, result))
REGOC_JWT_VERIFIER(verify_rs384, verify_with_keys(context, kRs384, args, EVP_sha384(),
                                                  verify_rsa_pkcs1, result))
REGOC_JWT_VERIFIER(verify_rs512, verify_with_keys(context, kRs512, args, EVP_sha512(),
                                                  verify_rsa_pkcs1, result))
REGOC_JWT_VERIFIER(verify_ps256, verify_with_keys(context, kPs256, args, EVP_sha256(),
                                                  verify_rsa_pss, result))
REGOC_JWT_VERIFIER(verify_ps384, verify_with_keys(context, kPs384, args, EVP_sha384(),
                                                  verify_rsa_pss, result))
REGOC_JWT_VERIFIER(verify_ps512, verify_with_keys(context, kPs512, args, EVP_sha512(),
                                                  verify_rsa_pss, result))
REGOC_JWT_VERIFIER(verify_es256, verify_with_keys(context, kEs256, args, EVP_sha256(),
                                                  verify_ecdsa_halves, result))
REGOC_JWT_VERIFIER(verify_es384, verify_with_keys(context, kEs384, args, EVP_sha384(),
                                                  verify_ecdsa_halves, result))
REGOC_JWT_VERIFIER(verify_es512, verify_with_keys(context, kEs512, args, EVP_sha512(),
                                                  verify_ecdsa_halves, result))
REGOC_JWT_VERIFIER(verify_eddsa_builtin, verify_with_keys(context, kEdDsa, args, nullptr,
                                                          verify_eddsa, result))

#undef REGOC_JWT_VERIFIER

}  // namespace

void register_jwt_verify_builtins(Registry& registry) {
  registry.add(kHs256, verify_hs256);
  registry.add(kHs384, verify_hs384);
  registry.add(kHs512, verify_hs512);
  registry.add(kRs256, verify_rs256);
  registry.add(kRs384, verify_rs384);
  registry.add(kRs512, verify_rs512);
  registry.add(kPs256, verify_ps256);
  registry.add(kPs384, verify_ps384);
  registry.add(kPs512, verify_ps512);
  registry.add(kEs256, verify_es256);
  registry.add(kEs384, verify_es384);
  registry.add(kEs512, verify_es512);
  registry.add(kEdDsa, verify_eddsa_builtin);
}

}  // namespace regoc
