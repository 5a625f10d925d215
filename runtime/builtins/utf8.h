// UTF-8 decoding and encoding for the string builtins, which count and index in Unicode code
// points as Go's rune conversions do. External interface: the functions below.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace regoc {

/// U+FFFD, which stands for each byte that is not part of a valid UTF-8 sequence (as in Go).
inline constexpr char32_t kReplacementCharacter = 0xFFFD;

/// Decodes one code point at text[*position] and advances *position past it. An invalid
/// byte decodes to U+FFFD and advances by one.
char32_t decode_code_point(std::string_view text, size_t* position);

/// Decodes UTF-8 text into code points.
std::vector<char32_t> decode_utf8(std::string_view text);

/// Appends the UTF-8 encoding of a code point (U+FFFD for surrogates and values past U+10FFFF).
void append_utf8(std::string* out, char32_t code_point);

/// Encodes code points as UTF-8.
std::string encode_utf8(const std::vector<char32_t>& code_points);

/// True when every byte of the text is below 0x80, so that bytes and code points coincide.
bool is_ascii(std::string_view text);

/// True when the text is valid UTF-8: decoding it yields U+FFFD only where the text encodes
/// U+FFFD.
bool is_valid_utf8(std::string_view text);

/// Counts the code points of UTF-8 text; each invalid byte counts as one.
size_t count_code_points(std::string_view text);

/// True for a graphic code point (a letter, mark, number, punctuation or symbol) by the
/// C.UTF-8 locale's Unicode tables; false for spaces and control characters.
bool is_graphic_code_point(char32_t code_point);

/// Converts a code point to lower or upper case with the C.UTF-8 locale's Unicode tables.
char32_t to_lower_code_point(char32_t code_point);
char32_t to_upper_code_point(char32_t code_point);

}  // namespace regoc
