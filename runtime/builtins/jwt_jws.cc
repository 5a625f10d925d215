// JWS signing and verification with OpenSSL 3's EVP interface. RSA and ECDSA work on a
// digest computed first, as Go's crypto/rsa and crypto/ecdsa do, so the verify_* builtins
// and decode_verify share them. External interface: jwt_jws.h.
#include "runtime/builtins/jwt_jws.h"

#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

namespace regoc {
namespace {

constexpr JwsAlgorithm kAlgorithms[] = {
    {"HS256", JwsFamily::Hmac, EVP_sha256},     {"HS384", JwsFamily::Hmac, EVP_sha384},
    {"HS512", JwsFamily::Hmac, EVP_sha512},     {"RS256", JwsFamily::RsaPkcs1, EVP_sha256},
    {"RS384", JwsFamily::RsaPkcs1, EVP_sha384}, {"RS512", JwsFamily::RsaPkcs1, EVP_sha512},
    {"PS256", JwsFamily::RsaPss, EVP_sha256},   {"PS384", JwsFamily::RsaPss, EVP_sha384},
    {"PS512", JwsFamily::RsaPss, EVP_sha512},   {"ES256", JwsFamily::Ecdsa, EVP_sha256},
    {"ES384", JwsFamily::Ecdsa, EVP_sha384},    {"ES512", JwsFamily::Ecdsa, EVP_sha512},
    {"EdDSA", JwsFamily::EdDsa, nullptr},
};

bool has_type(const EVP_PKEY* key, int type) {
  return key != nullptr && EVP_PKEY_get_base_id(key) == type;
}

// Sets up `context` for RSA with PKCS #1 v1.5 or PSS padding on `md`.
bool set_rsa_padding(EVP_PKEY_CTX* context, const EVP_MD* md, bool pss, bool verifying) {
  if (EVP_PKEY_CTX_set_signature_md(context, md) != 1) return false;
  if (!pss) return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1;
  // Signing uses a salt as long as the hash (RFC 7518 section 3.5); verifying accepts any.
  int salt = verifying ? RSA_PSS_SALTLEN_AUTO : RSA_PSS_SALTLEN_DIGEST;
  return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) == 1 &&
         EVP_PKEY_CTX_set_rsa_mgf1_md(context, md) == 1 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(context, salt) == 1;
}

bool verify_rsa(EVP_PKEY* key, const EVP_MD* md, std::string_view digest,
                std::string_view signature, bool pss) {
  if (!has_type(key, EVP_PKEY_RSA)) return false;
  EvpPkeyCtxPtr context(EVP_PKEY_CTX_new(key, nullptr));
  if (!context || EVP_PKEY_verify_init(context.get()) != 1) return false;
  if (!set_rsa_padding(context.get(), md, pss, true)) return false;
  return EVP_PKEY_verify(context.get(), bytes_of(signature), signature.size(), bytes_of(digest),
                         digest.size()) == 1;
}

std::string hmac(const EVP_MD* md, std::string_view key, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()), bytes_of(data), data.size(), mac, &size);
  return std::string(reinterpret_cast<char*>(mac), size);
}

size_t ec_field_size(EVP_PKEY* key) {
  return (static_cast<size_t>(EVP_PKEY_get_bits(key)) + 7) / 8;
}

// Signs a digest with RSA or ECDSA; ECDSA returns OpenSSL's DER signature.
bool sign_digest(EVP_PKEY* key, const JwsAlgorithm& algorithm, std::string_view digest,
                 std::string* out) {
  EvpPkeyCtxPtr context(EVP_PKEY_CTX_new(key, nullptr));
  if (!context || EVP_PKEY_sign_init(context.get()) != 1) return false;
  if (algorithm.family != JwsFamily::Ecdsa &&
      !set_rsa_padding(context.get(), algorithm.digest(),
                       algorithm.family == JwsFamily::RsaPss, false)) {
    return false;
  }
  size_t size = 0;
  if (EVP_PKEY_sign(context.get(), nullptr, &size, bytes_of(digest), digest.size()) != 1) {
    return false;
  }
  out->assign(size, '\0');
  unsigned char* buffer = reinterpret_cast<unsigned char*>(out->data());
  if (EVP_PKEY_sign(context.get(), buffer, &size, bytes_of(digest), digest.size()) != 1) {
    return false;
  }
  out->resize(size);
  return true;
}

// Converts a DER ECDSA signature to JWS form: r and s, each padded to the field size.
bool ecdsa_der_to_jws(std::string_view der, size_t field_size, std::string* out) {
  const unsigned char* cursor = bytes_of(der);
  ECDSA_SIG* signature = d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der.size()));
  if (signature == nullptr) return false;
  out->assign(2 * field_size, '\0');
  unsigned char* buffer = reinterpret_cast<unsigned char*>(out->data());
  BN_bn2binpad(ECDSA_SIG_get0_r(signature), buffer, static_cast<int>(field_size));
  BN_bn2binpad(ECDSA_SIG_get0_s(signature), buffer + field_size, static_cast<int>(field_size));
  ECDSA_SIG_free(signature);
  return true;
}

bool sign_ed25519(EVP_PKEY* key, std::string_view message, std::string* out) {
  EvpMdCtxPtr context(EVP_MD_CTX_new());
  size_t size = 64;
  out->assign(size, '\0');
  unsigned char* buffer = reinterpret_cast<unsigned char*>(out->data());
  return context && EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, key) == 1 &&
         EVP_DigestSign(context.get(), buffer, &size, bytes_of(message), message.size()) == 1;
}

// True when `key` is of the type that `family` signs and verifies with.
bool key_suits(const JsonWebKey& key, JwsFamily family) {
  switch (family) {
    case JwsFamily::Hmac: return key.kty == "oct";
    case JwsFamily::RsaPkcs1:
    case JwsFamily::RsaPss: return has_type(key.key.get(), EVP_PKEY_RSA);
    case JwsFamily::Ecdsa: return has_type(key.key.get(), EVP_PKEY_EC);
    case JwsFamily::EdDsa: return has_type(key.key.get(), EVP_PKEY_ED25519);
  }
  return false;
}

}  // namespace

const JwsAlgorithm* find_jws_algorithm(std::string_view name) {
  for (const JwsAlgorithm& algorithm : kAlgorithms) {
    if (algorithm.name == name) return &algorithm;
  }
  return nullptr;
}

std::string message_digest(const EVP_MD* md, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, md, nullptr);
  return std::string(reinterpret_cast<char*>(digest), size);
}

bool verify_rsa_pkcs1(EVP_PKEY* key, const EVP_MD* md, std::string_view digest,
                      std::string_view signature) {
  return verify_rsa(key, md, digest, signature, false);
}

bool verify_rsa_pss(EVP_PKEY* key, const EVP_MD* md, std::string_view digest,
                    std::string_view signature) {
  return verify_rsa(key, md, digest, signature, true);
}

bool verify_ecdsa(EVP_PKEY* key, std::string_view digest, std::string_view r,
                  std::string_view s) {
  if (!has_type(key, EVP_PKEY_EC)) return false;
  ECDSA_SIG* signature = ECDSA_SIG_new();
  ECDSA_SIG_set0(signature, bignum_from_bytes(r).release(), bignum_from_bytes(s).release());
  unsigned char* der = nullptr;
  int der_size = i2d_ECDSA_SIG(signature, &der);
  ECDSA_SIG_free(signature);
  if (der_size <= 0) return false;
  EvpPkeyCtxPtr context(EVP_PKEY_CTX_new(key, nullptr));
  bool valid = context && EVP_PKEY_verify_init(context.get()) == 1 &&
               EVP_PKEY_verify(context.get(), der, static_cast<size_t>(der_size),
                               bytes_of(digest), digest.size()) == 1;
  OPENSSL_free(der);
  return valid;
}

bool verify_ed25519(EVP_PKEY* key, std::string_view message, std::string_view signature) {
  if (!has_type(key, EVP_PKEY_ED25519)) return false;
  EvpMdCtxPtr context(EVP_MD_CTX_new());
  return context && EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key) == 1 &&
         EVP_DigestVerify(context.get(), bytes_of(signature), signature.size(),
                          bytes_of(message), message.size()) == 1;
}

bool jws_verify(const JwsAlgorithm& algorithm, const JsonWebKey& key,
                std::string_view signing_input, std::string_view signature) {
  if (!key_suits(key, algorithm.family)) return false;
  EVP_PKEY* pkey = key.key.get();
  switch (algorithm.family) {
    case JwsFamily::Hmac: {
      std::string mac = hmac(algorithm.digest(), key.secret, signing_input);
      return mac.size() == signature.size() &&
             CRYPTO_memcmp(mac.data(), signature.data(), mac.size()) == 0;
    }
    case JwsFamily::RsaPkcs1:
    case JwsFamily::RsaPss: {
      std::string digest = message_digest(algorithm.digest(), signing_input);
      return verify_rsa(pkey, algorithm.digest(), digest, signature,
                        algorithm.family == JwsFamily::RsaPss);
    }
    case JwsFamily::Ecdsa: {
      size_t size = ec_field_size(pkey);
      if (signature.size() != 2 * size) return false;
      std::string digest = message_digest(algorithm.digest(), signing_input);
      return verify_ecdsa(pkey, digest, signature.substr(0, size), signature.substr(size));
    }
    case JwsFamily::EdDsa:
      return verify_ed25519(pkey, signing_input, signature);
  }
  return false;
}

bool jws_sign(const JwsAlgorithm& algorithm, const JsonWebKey& key,
              std::string_view signing_input, std::string* signature, std::string* error) {
  if (!key_suits(key, algorithm.family)) {
    *error = "failed to sign payload: key type \"" + key.kty + "\" does not suit algorithm " +
             std::string(algorithm.name);
    return false;
  }
  bool signed_ok = false;
  EVP_PKEY* pkey = key.key.get();
  switch (algorithm.family) {
    case JwsFamily::Hmac:
      *signature = hmac(algorithm.digest(), key.secret, signing_input);
      signed_ok = true;
      break;
    case JwsFamily::RsaPkcs1:
    case JwsFamily::RsaPss:
      signed_ok = sign_digest(pkey, algorithm, message_digest(algorithm.digest(), signing_input),
                              signature);
      break;
    case JwsFamily::Ecdsa: {
      std::string der;
      signed_ok =
          sign_digest(pkey, algorithm, message_digest(algorithm.digest(), signing_input), &der) &&
          ecdsa_der_to_jws(der, ec_field_size(pkey), signature);
      break;
    }
    case JwsFamily::EdDsa:
      signed_ok = sign_ed25519(pkey, signing_input, signature);
      break;
  }
  if (!signed_ok) {
    *error = "failed to sign payload: the key is not a private key for " +
             std::string(algorithm.name);
  }
  return signed_ok;
}

}  // namespace regoc
