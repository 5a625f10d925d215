// The structure of a JWT in JWS compact serialization (RFC 7519 section 7.2): splitting it,
// decoding its header and signature, and reading the header members OPA checks. The error
// messages are OPA's.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/value.h"

namespace regoc {

/// The three base64url parts of a token, and the header once decoded.
struct JwtToken {
  std::string header;
  std::string payload;
  std::string signature;
  Value decoded_header;  // a JSON object after decode_jwt_header
};

/// Splits a token at its periods. Errors: "encoded JWT had no period separators",
/// "encoded JWT must have 3 sections, found <n>".
bool split_jwt(std::string_view text, JwtToken* token, std::string* error);

/// Decodes and parses the header into token->decoded_header. Errors: "JWT header had invalid
/// encoding: ...", "bad JWT header: ...", "JWT is a JWE object, which is not supported".
bool decode_jwt_header(JwtToken* token, std::string* error);

/// Decodes the signature bytes; the error is the base64url error alone.
bool decode_jwt_signature(const JwtToken& token, std::string* signature, std::string* error);

/// The JOSE header members that verification reads (RFC 7515 section 4.1).
struct JwtHeader {
  std::string alg;
  std::string kid;
  std::string typ;
  std::string cty;
  std::set<std::string> crit;        // names listed in "crit"
  std::vector<std::string> unknown;  // names of the members not listed above

  /// False when "alg" is missing or empty, or "crit" lists a member that regoc does not
  /// understand, which makes the JWS invalid (RFC 7515 section 4.1.11).
  bool valid() const;
};

/// Reads the members of a decoded header. Errors: "<member>: must be a string",
/// "crit: must be a list", "crit: must be a nonempty list".
bool parse_jwt_header(const Value& decoded_header, JwtHeader* header, std::string* error);

}  // namespace regoc
