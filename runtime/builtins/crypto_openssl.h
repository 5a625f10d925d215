// Owning handles for the OpenSSL 3 objects that the crypto, x509 and JWT builtins use, and
// conversions between OpenSSL big numbers and byte strings. Header only.
#pragma once

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace regoc {

template <typename T, void (*Free)(T*)>
struct OpensslDeleter {
  void operator()(T* pointer) const { Free(pointer); }
};

using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpensslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using EvpPkeyCtxPtr =
    std::unique_ptr<EVP_PKEY_CTX, OpensslDeleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpensslDeleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using X509Ptr = std::unique_ptr<X509, OpensslDeleter<X509, X509_free>>;
using X509ReqPtr = std::unique_ptr<X509_REQ, OpensslDeleter<X509_REQ, X509_REQ_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpensslDeleter<BIGNUM, BN_free>>;

/// Returns the big-endian bytes of `number` without leading zeros ("" for zero), as Go's
/// big.Int.Bytes does.
inline std::string bignum_bytes(const BIGNUM* number) {
  std::string out(static_cast<size_t>(BN_num_bytes(number)), '\0');
  BN_bn2bin(number, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

/// Returns `number` in decimal.
inline std::string bignum_decimal(const BIGNUM* number) {
  char* text = BN_bn2dec(number);
  std::string out = text == nullptr ? "0" : text;
  OPENSSL_free(text);
  return out;
}

/// Parses big-endian bytes into a new big number.
inline BignumPtr bignum_from_bytes(std::string_view bytes) {
  return BignumPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                             static_cast<int>(bytes.size()), nullptr));
}

/// Reads the big-number parameter `name` ("n", "e", "priv", ...) of a key; null when absent.
inline BignumPtr key_bignum(const EVP_PKEY* key, const char* name) {
  BIGNUM* number = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &number) != 1) return nullptr;
  return BignumPtr(number);
}

inline const unsigned char* bytes_of(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace regoc
