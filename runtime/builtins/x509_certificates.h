// Reading certificates from the text that the crypto.x509 builtins accept: PEM, or base64
// of DER or of PEM, as OPA's getX509CertsFromString reads it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/builtins/crypto_openssl.h"
#include "runtime/value.h"

namespace regoc {

struct ParsedCertificate {
  X509Ptr certificate;
  std::string der;  // the certificate's encoding
};

/// Parses concatenated DER certificates, as Go's x509.ParseCertificates does. Error:
/// "x509: malformed certificate".
bool parse_der_certificates(std::string_view der, std::vector<ParsedCertificate>* out,
                            std::string* error);

/// Parses PEM text, or base64 of PEM or DER. Errors are Go's base64 and x509 messages and
/// "PEM block type is '<type>', expected CERTIFICATE".
bool load_certificates(std::string_view text, std::vector<ParsedCertificate>* out,
                       std::string* error);

/// Returns the certificates as a list of Go x509.Certificate values.
Value certificates_value(const std::vector<ParsedCertificate>& certificates, bool uri_strings);

}  // namespace regoc
