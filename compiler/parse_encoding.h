// Characters that OPA's scanner rejects wherever they appear in Rego source, comments and
// strings included: bytes that are not valid UTF-8, NUL, and a byte-order mark after the
// start. External interface: find_encoding_error(), replace_invalid_utf8() and
// encoding_error_location().
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "antlr4-runtime.h"
#include "runtime/error.h"

namespace regoc::parsing {

// The first rejected character of a source text.
struct EncodingError {
  size_t offset = 0;      // in bytes
  size_t char_index = 0;  // in characters, each invalid byte counting as one
  std::string message;    // OPA's words, such as "illegal utf-8 character"
};

// Returns the first character that OPA's scanner rejects, if any. A byte-order mark at the
// very start is not rejected, but the parser strips it before calling this.
std::optional<EncodingError> find_encoding_error(std::string_view text);

// Returns `text` with every byte that is not valid UTF-8 replaced by U+FFFD, which is what
// Go's decoder reads there, so that ANTLR can read the text and count columns as OPA does.
std::string replace_invalid_utf8(std::string_view text);

// Returns the location at which OPA reports `error`. OPA's scanner rejects a character when it
// steps onto it, which happens while it scans the token that contains the character before.
// So the error sits at the start of that token: the string or comment around the character,
// the identifier or operator right before it, or the single white space character before it.
// `tokens` are the tokens of the text after replace_invalid_utf8.
Location encoding_error_location(const std::shared_ptr<const std::string>& file,
                                 antlr4::CommonTokenStream& tokens, const EncodingError& error);

}  // namespace regoc::parsing
