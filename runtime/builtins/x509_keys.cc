// Keys as Go's encoding/json writes crypto/rsa, crypto/ecdsa and crypto/ed25519 keys: big
// integers as JSON numbers, byte-string keys as base64, and the curve of an ECDSA key as {}
// because Go's curve types have no exported fields. External interface: the key functions
// of x509_json.h.
#include <openssl/core_names.h>

#include "runtime/builtins/crypto_encoding.h"
#include "runtime/builtins/x509_json.h"
#include "runtime/number.h"

namespace regoc {
namespace {

Value bignum_value(const EVP_PKEY* key, const char* name) {
  BignumPtr number = key_bignum(key, name);
  if (!number) return Value::null();
  return Value::number(*Number::parse(bignum_decimal(number.get())));
}

Value entry_object(std::vector<Value::Entry> entries) { return Value::object(std::move(entries)); }

Value::Entry entry(std::string_view name, Value value) {
  return {Value::string(name), std::move(value)};
}

// Ed25519 keys in Go are byte strings: the 32-byte public key, or the 32-byte seed followed
// by the public key for a private key.
std::string ed25519_bytes(EVP_PKEY* key, bool with_private) {
  std::string public_key(32, '\0');
  size_t size = public_key.size();
  EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(public_key.data()), &size);
  if (!with_private) return public_key;
  std::string seed(32, '\0');
  size = seed.size();
  EVP_PKEY_get_raw_private_key(key, reinterpret_cast<unsigned char*>(seed.data()), &size);
  return seed + public_key;
}

}  // namespace

int public_key_algorithm(EVP_PKEY* key) {
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA: return 1;
    case EVP_PKEY_DSA: return 2;
    case EVP_PKEY_EC: return 3;
    case EVP_PKEY_ED25519: return 4;
    default: return 0;
  }
}

Value public_key_to_value(EVP_PKEY* key) {
  if (key == nullptr) return Value::null();
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
      return entry_object({entry("N", bignum_value(key, OSSL_PKEY_PARAM_RSA_N)),
                           entry("E", bignum_value(key, OSSL_PKEY_PARAM_RSA_E))});
    case EVP_PKEY_EC:
      return entry_object({entry("Curve", Value::object()),
                           entry("X", bignum_value(key, OSSL_PKEY_PARAM_EC_PUB_X)),
                           entry("Y", bignum_value(key, OSSL_PKEY_PARAM_EC_PUB_Y))});
    case EVP_PKEY_ED25519:
      return Value::string(base64_std_encode(ed25519_bytes(key, false)));
    default:
      return Value::null();
  }
}

Value private_key_to_value(EVP_PKEY* key) {
  if (key == nullptr) return Value::null();
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA: {
      Value primes = Value::array({bignum_value(key, OSSL_PKEY_PARAM_RSA_FACTOR1),
                                   bignum_value(key, OSSL_PKEY_PARAM_RSA_FACTOR2)});
      Value precomputed = entry_object({
          entry("Dp", bignum_value(key, OSSL_PKEY_PARAM_RSA_EXPONENT1)),
          entry("Dq", bignum_value(key, OSSL_PKEY_PARAM_RSA_EXPONENT2)),
          entry("Qinv", bignum_value(key, OSSL_PKEY_PARAM_RSA_COEFFICIENT1)),
          entry("CRTValues", Value::array()),
      });
      return entry_object({entry("N", bignum_value(key, OSSL_PKEY_PARAM_RSA_N)),
                           entry("E", bignum_value(key, OSSL_PKEY_PARAM_RSA_E)),
                           entry("D", bignum_value(key, OSSL_PKEY_PARAM_RSA_D)),
                           entry("Primes", primes), entry("Precomputed", precomputed)});
    }
    case EVP_PKEY_EC:
      return entry_object({entry("Curve", Value::object()),
                           entry("X", bignum_value(key, OSSL_PKEY_PARAM_EC_PUB_X)),
                           entry("Y", bignum_value(key, OSSL_PKEY_PARAM_EC_PUB_Y)),
                           entry("D", bignum_value(key, OSSL_PKEY_PARAM_PRIV_KEY))});
    case EVP_PKEY_ED25519:
      return Value::string(base64_std_encode(ed25519_bytes(key, true)));
    default:
      return Value::null();
  }
}

}  // namespace regoc
