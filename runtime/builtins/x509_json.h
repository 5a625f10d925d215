// Certificates, certificate requests and keys as OPA returns them: the values that Go's
// encoding/json writes for crypto/x509's Certificate and CertificateRequest and for
// crypto/rsa, crypto/ecdsa and crypto/ed25519 keys (field names, enum numbers, base64 for
// byte strings, null for empty lists).
#pragma once

#include <string_view>

#include "runtime/builtins/crypto_openssl.h"
#include "runtime/value.h"

namespace regoc {

/// Returns an x509.Certificate. `der` is the certificate's encoding (the "Raw" field).
/// With `uri_strings`, adds OPA's "URIStrings" field: the subject alternative name URIs as
/// text, or null when there are none.
Value certificate_to_value(X509* certificate, std::string_view der, bool uri_strings);

/// Returns an x509.CertificateRequest. `der` is the request's encoding.
Value certificate_request_to_value(X509_REQ* request, std::string_view der);

/// Returns a public key as Go writes *rsa.PublicKey ({"N", "E"}), *ecdsa.PublicKey
/// ({"Curve", "X", "Y"}) or ed25519.PublicKey (base64 text); null for other types.
Value public_key_to_value(EVP_PKEY* key);

/// Returns a private key as Go writes *rsa.PrivateKey, *ecdsa.PrivateKey or
/// ed25519.PrivateKey; null for other types.
Value private_key_to_value(EVP_PKEY* key);

/// Returns Go's x509.PublicKeyAlgorithm number: 1 RSA, 2 DSA, 3 ECDSA, 4 Ed25519, 0 other.
int public_key_algorithm(EVP_PKEY* key);

}  // namespace regoc
