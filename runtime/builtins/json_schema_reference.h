// JSON references and pointers for the JSON Schema compiler. External interface: below.
#pragma once

#include <string>
#include <string_view>

#include "runtime/value.h"

namespace regoc::json_schema {

/// Checks an "$id" or "$ref" value as gojsonreference parses it (a URL whose fragment, if
/// any, is a JSON pointer) and returns its normalized text: scheme in lower case, an empty
/// fragment dropped. On failure sets *error to Go's message.
bool parse_reference(std::string_view text, std::string* normalized, std::string* error);

/// Resolves `reference` against `base` (RFC 3986 section 5.2); the fragment is the
/// reference's own.
std::string resolve_reference(std::string_view base, std::string_view reference);

/// The reference without its "#..." fragment, and the fragment alone (without "#").
std::string without_fragment(std::string_view reference);
std::string fragment_of(std::string_view reference);

/// True for an absolute URL with a host, or a file URL with an absolute path: the references
/// that gojsonschema would load from elsewhere.
bool is_canonical(std::string_view reference);

/// Follows a JSON pointer (a URL fragment, percent-escapes allowed) from `document`. On
/// failure sets *error to gojsonpointer's message ("Object has no key 'x'").
bool resolve_pointer(const Value& document, std::string_view pointer, Value* out,
                     std::string* error);

}  // namespace regoc::json_schema
