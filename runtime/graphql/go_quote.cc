// Go's strconv.Quote for gqlparser's messages. External interface: go_quote.
#include "runtime/graphql/go_quote.h"

#include <cstdint>
#include <cstdio>

namespace regoc::graphql {
namespace {

// Decodes one UTF-8 sequence at text[i]; returns its length, or 0 for an invalid byte.
size_t decode_utf8(std::string_view text, size_t i, uint32_t* code_point) {
  auto byte = static_cast<uint8_t>(text[i]);
  size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3
                  : (byte >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + length > text.size()) return 0;
  uint32_t value = length == 1 ? byte : byte & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    auto next = static_cast<uint8_t>(text[i + k]);
    if ((next & 0xC0) != 0x80) return 0;
    value = (value << 6) | (next & 0x3F);
  }
  static constexpr uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < kMinimum[length] || value > 0x10FFFF) return 0;
  if (value >= 0xD800 && value <= 0xDFFF) return 0;
  *code_point = value;
  return length;
}

// An approximation of Go's unicode.IsPrint: controls, soft hyphen and the line and
// paragraph separators are not printable.
bool is_printable(uint32_t c) {
  if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) return false;
  return c != 0xAD && c != 0x2028 && c != 0x2029 && c != 0xFEFF;
}

void append_escape(std::string* out, const char* format, uint32_t value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, format, value);
  *out += buffer;
}

}  // namespace

std::string go_quote(std::string_view text) {
  std::string out = "\"";
  size_t i = 0;
  while (i < text.size()) {
    uint32_t c = 0;
    size_t length = decode_utf8(text, i, &c);
    if (length == 0) {
      append_escape(&out, "\\x%02x", static_cast<uint8_t>(text[i]));
      ++i;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      default:
        if (is_printable(c)) {
          out.append(text.substr(i, length));
        } else if (c < 0x80) {
          append_escape(&out, "\\x%02x", c);
        } else if (c < 0x10000) {
          append_escape(&out, "\\u%04x", c);
        } else {
          append_escape(&out, "\\U%08x", c);
        }
    }
    i += length;
  }
  return out + "\"";
}

}  // namespace regoc::graphql
