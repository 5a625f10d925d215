// UTF-8 decoding and encoding with Go's treatment of invalid bytes, and Unicode case mapping.
#include "runtime/builtins/utf8.h"

#include <locale.h>
#include <wctype.h>

#include <cstdint>
#include <cstring>

namespace regoc {
namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// The C.UTF-8 locale has Unicode case and class tables. A locale object leaves the
// process-wide locale untouched and may be shared between threads. Without the locale,
// only ASCII is mapped.
locale_t unicode_locale() {
  static locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return locale;
}

}  // namespace

char32_t decode_code_point(std::string_view text, size_t* position) {
  size_t start = *position;
  auto lead = static_cast<unsigned char>(text[start]);
  *position = start + 1;
  if (lead < 0x80) return lead;

  // The lead byte gives the sequence length, its payload bits and the smallest code point
  // that needs that length (shorter encodings are overlong and invalid).
  int length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    value = lead & 0x1F;
    minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    value = lead & 0x0F;
    minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    value = lead & 0x07;
    minimum = 0x10000;
  } else {
    return kReplacementCharacter;
  }
  if (start + length > text.size()) return kReplacementCharacter;

  for (int i = 1; i < length; ++i) {
    auto byte = static_cast<unsigned char>(text[start + i]);
    if (!is_continuation(byte)) return kReplacementCharacter;
    value = (value << 6) | (byte & 0x3F);
  }
  // Surrogates and values past U+10FFFF are invalid too, as in Go.
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return kReplacementCharacter;
  }
  *position = start + length;
  return value;
}

std::vector<char32_t> decode_utf8(std::string_view text) {
  std::vector<char32_t> out;
  out.reserve(text.size());
  size_t position = 0;
  while (position < text.size()) out.push_back(decode_code_point(text, &position));
  return out;
}

void append_utf8(std::string* out, char32_t code_point) {
  if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    code_point = kReplacementCharacter;
  }
  if (code_point < 0x80) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

std::string encode_utf8(const std::vector<char32_t>& code_points) {
  std::string out;
  out.reserve(code_points.size());
  for (char32_t code_point : code_points) append_utf8(&out, code_point);
  return out;
}

bool is_ascii(std::string_view text) {
  // Tests 8 bytes at a time: one of them is 0x80 or more when the word has a high bit set.
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  size_t position = 0;
  for (; position + 8 <= text.size(); position += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + position, sizeof(word));
    if (word & kHighBits) return false;
  }
  for (; position < text.size(); ++position) {
    if (static_cast<unsigned char>(text[position]) >= 0x80) return false;
  }
  return true;
}

bool is_valid_utf8(std::string_view text) {
  if (is_ascii(text)) return true;
  size_t position = 0;
  while (position < text.size()) {
    size_t start = position;
    // An invalid byte decodes to U+FFFD and advances by one, while U+FFFD itself takes 3.
    if (decode_code_point(text, &position) == kReplacementCharacter && position - start == 1) {
      return false;
    }
  }
  return true;
}

size_t count_code_points(std::string_view text) {
  if (is_ascii(text)) return text.size();
  size_t count = 0;
  size_t position = 0;
  while (position < text.size()) {
    decode_code_point(text, &position);
    ++count;
  }
  return count;
}

bool is_graphic_code_point(char32_t code_point) {
  if (code_point < 0x80) return code_point > 0x20 && code_point < 0x7F;
  locale_t locale = unicode_locale();
  if (locale == static_cast<locale_t>(0)) return false;
  return iswgraph_l(static_cast<wint_t>(code_point), locale) != 0;
}

char32_t to_lower_code_point(char32_t code_point) {
  if (code_point < 0x80) {
    return code_point >= 'A' && code_point <= 'Z' ? code_point + 32 : code_point;
  }
  locale_t locale = unicode_locale();
  if (locale == static_cast<locale_t>(0)) return code_point;
  return static_cast<char32_t>(towlower_l(static_cast<wint_t>(code_point), locale));
}

char32_t to_upper_code_point(char32_t code_point) {
  if (code_point < 0x80) {
    return code_point >= 'a' && code_point <= 'z' ? code_point - 32 : code_point;
  }
  locale_t locale = unicode_locale();
  if (locale == static_cast<locale_t>(0)) return code_point;
  return static_cast<char32_t>(towupper_l(static_cast<wint_t>(code_point), locale));
}

}  // namespace regoc
