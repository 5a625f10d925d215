// The verification keys of the JWT builtins: a PEM certificate, a PEM public key, a JWK or a
// JWK set, read as OPA reads the key operand of io.jwt.verify_* and the "cert" constraint of
// io.jwt.decode_verify.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/builtins/jwk.h"

namespace regoc {

/// Reads the keys in `text` into *keys. JWKs whose "alg" names an algorithm OPA does not
/// support are left out. On failure returns false with OPA's message in *error ("extra data
/// after a PEM certificate block", "failed to parse a JWK key (set): ...").
bool load_verification_keys(std::string_view text, std::vector<JsonWebKey>* keys,
                            std::string* error);

/// Returns the first key whose "kid" is `kid`, or nullptr.
const JsonWebKey* find_key_by_kid(const std::vector<JsonWebKey>& keys, std::string_view kid);

}  // namespace regoc
