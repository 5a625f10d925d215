// JSON and YAML text to and from runtime values.
//
// Output follows OPA's encoder (Go's encoding/json): object keys sorted, no spaces in compact
// form, two-space indentation in pretty form, numbers as written or computed, and the HTML
// characters <, > and & escaped as \u003c, \u003e and \u0026.
#pragma once

#include <string>
#include <string_view>

#include "runtime/value.h"

namespace regoc {

// Parses one JSON document. On failure returns false and sets *error to a message with the
// line and column.
bool parse_json(std::string_view text, Value* out, std::string* error);

// Parses one YAML document (the subset that maps to JSON). On failure returns false.
bool parse_yaml(std::string_view text, Value* out, std::string* error);

// Serializes a value. Sets are written as arrays. `indent` is the number of spaces per level
// for pretty output; 0 writes the compact form.
std::string to_json(const Value& value, int indent = 0);

}  // namespace regoc
