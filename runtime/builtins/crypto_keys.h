// Private key decoding shared by the key and keypair builtins: the DER formats that Go's
// crypto/x509 reads (PKCS #1 for RSA, PKCS #8, and SEC 1 for EC).
#pragma once

#include <string>
#include <string_view>

#include "runtime/builtins/crypto_openssl.h"

namespace regoc {

enum class PrivateKeyFormat {
  Pkcs1,  // "RSA PRIVATE KEY"
  Pkcs8,  // "PRIVATE KEY"
  Sec1,   // "EC PRIVATE KEY"
};

/// Decodes a private key in `format`; null when `der` is not one.
EvpPkeyPtr decode_private_key(PrivateKeyFormat format, std::string_view der);

}  // namespace regoc
