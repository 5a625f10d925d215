// JSON checks for the JWT builtins with the error messages of Go's encoding/json, which OPA
// reports for malformed token headers and payloads.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "runtime/value.h"

namespace regoc {

/// Returns Go's syntax error for `text` ("invalid character 'J' after object key",
/// "unexpected end of JSON input"), or nullopt when `text` is one valid JSON document.
std::optional<std::string> go_json_syntax_error(std::string_view text);

/// Parses `text` as a JSON object, as OPA's extractJSONObject does. On failure returns false
/// with "invalid JSON: <syntax error>" or "decoded JSON type was not an Object" in *error.
bool parse_json_object(std::string_view text, Value* out, std::string* error);

}  // namespace regoc
