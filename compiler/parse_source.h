// The raw text of one parse, read the way OPA's scanner reads it: UTF-8 decoding with Go's
// rules, and the source details (line and index) that OPA attaches to syntax errors.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "runtime/error.h"

namespace regoc::parsing {

// Returns the length of the UTF-8 sequence at text[offset], or 0 when the bytes there are not
// valid UTF-8 by the rules of Go's utf8.DecodeRune. Those reject a stray continuation byte, an
// overlong form, a surrogate, a code point above U+10FFFF and a sequence cut short.
size_t utf8_sequence_length(std::string_view text, size_t offset);

// Byte positions and error details in a source text. Rows and columns are OPA's: columns count
// characters from 1 (an invalid byte is one character), and column 0 of a row is the newline
// that ends the row before, where OPA's scanner places it.
class SourceText {
 public:
  explicit SourceText(std::string_view text) : text_(text) {}

  /// Returns the byte offset of a 1-based row and column.
  size_t offset_of(int row, int col) const;

  /// Returns OPA's details for an error at `location`, or nothing when it has no row.
  std::optional<ErrorDetails> details_at(const Location& location) const;

  /// Returns OPA's details for an error at the end of the text (an "eof" token).
  std::optional<ErrorDetails> details_at_end() const;

 private:
  std::optional<ErrorDetails> details_at_offset(size_t offset) const;

  std::string_view text_;
};

}  // namespace regoc::parsing
