// Loading JWT verification keys from PEM or JWK text. External interface: jwt_keys.h.
#include "runtime/builtins/jwt_keys.h"

#include "runtime/builtins/crypto_encoding.h"
#include "runtime/builtins/jwt_jws.h"

namespace regoc {
namespace {

bool load_pem_key(const PemBlock& block, std::vector<JsonWebKey>* keys, std::string* error) {
  const unsigned char* cursor = bytes_of(block.bytes);
  long size = static_cast<long>(block.bytes.size());
  JsonWebKey key;
  if (block.type == "CERTIFICATE") {
    X509Ptr certificate(d2i_X509(nullptr, &cursor, size));
    if (!certificate) {
      *error = "failed to parse a PEM certificate: x509: malformed certificate";
      return false;
    }
    key.key.reset(X509_get_pubkey(certificate.get()));
  } else if (block.type == "PUBLIC KEY") {
    key.key.reset(d2i_PUBKEY(nullptr, &cursor, size));
    if (!key.key) {
      *error = "failed to parse a PEM public key: asn1: structure error";
      return false;
    }
  } else {
    *error = "failed to extract a Key from the PEM certificate";
    return false;
  }
  keys->push_back(std::move(key));
  return true;
}

}  // namespace

bool load_verification_keys(std::string_view text, std::vector<JsonWebKey>* keys,
                            std::string* error) {
  std::string_view rest;
  if (std::optional<PemBlock> block = pem_decode(text, &rest)) {
    if (!rest.empty()) {
      *error = "extra data after a PEM certificate block";
      return false;
    }
    return load_pem_key(*block, keys, error);
  }

  std::vector<JsonWebKey> parsed;
  std::string parse_error;
  if (!parse_jwk_set(text, &parsed, &parse_error)) {
    *error = "failed to parse a JWK key (set): " + parse_error;
    return false;
  }
  for (JsonWebKey& key : parsed) {
    if (!key.alg.empty() && find_jws_algorithm(key.alg) == nullptr) continue;
    keys->push_back(std::move(key));
  }
  return true;
}

const JsonWebKey* find_key_by_kid(const std::vector<JsonWebKey>& keys, std::string_view kid) {
  for (const JsonWebKey& key : keys) {
    if (key.kid == kid) return &key;
  }
  return nullptr;
}

}  // namespace regoc
