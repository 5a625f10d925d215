// Byte positions and error details in Rego source text (see compiler/parse_source.h).
#include "compiler/parse_source.h"

#include <algorithm>
#include <string>

namespace regoc::parsing {

namespace {

// The bytes at which a character ends in OPA's scanner: an invalid byte counts as one.
size_t char_width(std::string_view text, size_t offset) {
  const size_t length = utf8_sequence_length(text, offset);
  return length == 0 ? 1 : length;
}

bool is_newline(char c) { return c == '\n' || c == '\r'; }

// Go's unicode.IsSpace applied to one byte taken as a code point, as OPA's
// newParserErrorDetail does: ASCII white space, and 0x85 and 0xA0 (NEL and NBSP), which are
// also continuation bytes of multi-byte characters.
bool is_space_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte >= 0x09 && byte <= 0x0d) || byte == 0x20 || byte == 0x85 || byte == 0xa0;
}

}  // namespace

size_t utf8_sequence_length(std::string_view text, size_t offset) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[offset + i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;

  // The valid range of the second byte narrows for some lead bytes, which excludes overlong
  // forms (E0, F0), surrogates (ED) and code points above U+10FFFF (F4), as in RFC 3629.
  size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead == 0xe0) low = 0xa0;
    if (lead == 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead == 0xf0) low = 0x90;
    if (lead == 0xf4) high = 0x8f;
  } else {
    return 0;
  }

  if (offset + length > text.size()) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (size_t i = 2; i < length; ++i) {
    if ((byte(i) & 0xc0) != 0x80) return 0;
  }
  return length;
}

size_t SourceText::offset_of(int row, int col) const {
  size_t offset = 0;
  for (int line = 1; line < row; ++line) {
    const size_t newline = text_.find('\n', offset);
    if (newline == std::string_view::npos) return text_.size();
    offset = newline + 1;
  }
  if (col <= 0) return offset == 0 ? 0 : offset - 1;
  for (int column = 1; column < col && offset < text_.size(); ++column) {
    offset += char_width(text_, offset);
  }
  return std::min(offset, text_.size());
}

std::optional<ErrorDetails> SourceText::details_at(const Location& location) const {
  if (location.row <= 0) return std::nullopt;
  return details_at_offset(offset_of(location.row, location.col));
}

std::optional<ErrorDetails> SourceText::details_at_end() const {
  if (text_.empty()) return std::nullopt;
  // OPA's scanner puts the eof token at the text's length plus one, minus the width of the
  // last character it decoded. After a multi-byte character that is inside the character.
  size_t start = text_.size() - 1;
  while (start > 0 && text_.size() - start < 4 &&
         (static_cast<unsigned char>(text_[start]) & 0xc0) == 0x80) {
    --start;
  }
  size_t width = utf8_sequence_length(text_, start);
  if (width != text_.size() - start) width = 1;
  return details_at_offset(text_.size() + 1 - width);
}

// OPA's newParserErrorDetail (v1/ast/parser_ext.go): steps back from the offset over white
// space, then takes the line around it and the offset's index in that line.
std::optional<ErrorDetails> SourceText::details_at_offset(size_t offset) const {
  if (text_.empty()) return std::nullopt;
  if (offset >= text_.size()) offset = text_.size() - 1;
  while (offset > 0 && is_space_byte(text_[offset])) --offset;

  size_t begin = offset;
  while (begin > 0 && !is_newline(text_[begin])) --begin;
  if (is_newline(text_[begin])) ++begin;
  size_t end = offset;
  while (end < text_.size() && !is_newline(text_[end])) ++end;
  if (begin > end) begin = end;

  ErrorDetails details;
  details.line = std::string(text_.substr(begin, end - begin));
  details.idx = static_cast<int>(offset - begin);
  return details;
}

}  // namespace regoc::parsing
