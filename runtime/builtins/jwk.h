// JSON Web Keys (RFC 7517) for the JWT and crypto builtins: parsing a key or a key set into
// OpenSSL keys, and writing OpenSSL private keys as JWK objects.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/builtins/crypto_openssl.h"
#include "runtime/value.h"

namespace regoc {

/// One key of a JWK set, or a key taken from a PEM certificate or public key.
struct JsonWebKey {
  std::string kty;     // "RSA", "EC", "OKP" or "oct"; empty for a key read from PEM
  std::string alg;     // the "alg" member; empty when absent
  std::string kid;     // the "kid" member; empty when absent
  EvpPkeyPtr key;      // the asymmetric key; null for "oct"
  std::string secret;  // the decoded "k" member of an "oct" key
};

/// Parses JSON text holding one JWK or a JWK set ({"keys": [...]}) into *keys. On failure
/// returns false with a message in *error.
bool parse_jwk_set(std::string_view text, std::vector<JsonWebKey>* keys, std::string* error);

/// Writes an RSA, EC or Ed25519 key as a JWK object with its private members, as OPA's
/// crypto.x509.parse_rsa_private_key returns it. Returns false for other key types.
bool private_key_to_jwk(EVP_PKEY* key, Value* out);

}  // namespace regoc
