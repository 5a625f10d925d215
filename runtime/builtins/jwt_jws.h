// JSON Web Signature algorithms (RFC 7518 section 3 and EdDSA of RFC 8037) on OpenSSL 3:
// signing and verification for the JWT builtins.
#pragma once

#include <openssl/evp.h>

#include <string>
#include <string_view>

#include "runtime/builtins/jwk.h"

namespace regoc {

enum class JwsFamily {
  Hmac,      // HS256, HS384, HS512
  RsaPkcs1,  // RS256, RS384, RS512: RSASSA-PKCS1-v1_5
  RsaPss,    // PS256, PS384, PS512: RSASSA-PSS with MGF1 on the same hash
  Ecdsa,     // ES256, ES384, ES512: the signature is r || s
  EdDsa,     // EdDSA with Ed25519
};

struct JwsAlgorithm {
  std::string_view name;     // "RS256"
  JwsFamily family;
  const EVP_MD* (*digest)();  // null for EdDSA, which signs the message itself
};

/// Looks up one of the thirteen algorithms OPA supports; nullptr for any other name.
const JwsAlgorithm* find_jws_algorithm(std::string_view name);

/// Returns the digest of `data`.
std::string message_digest(const EVP_MD* md, std::string_view data);

/// Verifies RSASSA-PKCS1-v1_5 over a precomputed digest, as Go's rsa.VerifyPKCS1v15 does.
bool verify_rsa_pkcs1(EVP_PKEY* key, const EVP_MD* md, std::string_view digest,
                      std::string_view signature);
/// Verifies RSASSA-PSS over a precomputed digest with the salt length read from the
/// signature, as Go's rsa.VerifyPSS with nil options does.
bool verify_rsa_pss(EVP_PKEY* key, const EVP_MD* md, std::string_view digest,
                    std::string_view signature);
/// Verifies ECDSA over a precomputed digest; r and s are big-endian integers.
bool verify_ecdsa(EVP_PKEY* key, std::string_view digest, std::string_view r,
                  std::string_view s);
/// Verifies an Ed25519 signature of `message`.
bool verify_ed25519(EVP_PKEY* key, std::string_view message, std::string_view signature);

/// Verifies a JWS signature of `signing_input` ("<header>.<payload>") with `key`. Returns
/// false when the key does not suit the algorithm.
bool jws_verify(const JwsAlgorithm& algorithm, const JsonWebKey& key,
                std::string_view signing_input, std::string_view signature);

/// Signs `signing_input` with `key`. On failure returns false with a message in *error.
bool jws_sign(const JwsAlgorithm& algorithm, const JsonWebKey& key,
              std::string_view signing_input, std::string* signature, std::string* error);

}  // namespace regoc
