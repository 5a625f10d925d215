// Go-quoted strings and Rego term syntax for values (see term_text.h).
#include "runtime/builtins/term_text.h"

#include "runtime/builtins/utf8.h"
#include "runtime/number.h"

namespace regoc {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

void append_hex(std::string* out, uint32_t value, int digits) {
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
    out->push_back(kHexDigits[(value >> shift) & 0xF]);
  }
}

// Go's strconv.IsPrint: a graphic code point or the ASCII space; other spaces are escaped.
// NOTE: the graphic test uses glibc's Unicode tables, whose version may differ from Go's.
bool is_printable(char32_t c) { return c == ' ' || is_graphic_code_point(c); }

void append_escaped_code_point(std::string* out, char32_t c) {
  switch (c) {
    case '\a': *out += "\\a"; return;
    case '\b': *out += "\\b"; return;
    case '\f': *out += "\\f"; return;
    case '\n': *out += "\\n"; return;
    case '\r': *out += "\\r"; return;
    case '\t': *out += "\\t"; return;
    case '\v': *out += "\\v"; return;
    default: break;
  }
  if (c < 0x20 || c == 0x7F) {
    *out += "\\x";
    append_hex(out, c, 2);
  } else if (c < 0x10000) {
    *out += "\\u";
    append_hex(out, c, 4);
  } else {
    *out += "\\U";
    append_hex(out, c, 8);
  }
}

void append_term(std::string* out, const Value& value);

void append_items(std::string* out, std::span<const Value> items) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) *out += ", ";
    append_term(out, items[i]);
  }
}

void append_term(std::string* out, const Value& value) {
  switch (value.kind()) {
    case Kind::Null:
      *out += "null";
      return;
    case Kind::Boolean:
      *out += value.as_bool() ? "true" : "false";
      return;
    case Kind::Number:
      *out += value.as_number().to_string();
      return;
    case Kind::String:
      append_go_quoted(out, value.as_string());
      return;
    case Kind::Array:
      *out += "[";
      append_items(out, value.array_items());
      *out += "]";
      return;
    case Kind::Object: {
      *out += "{";
      bool first = true;
      for (const Value::Entry& entry : value.object_entries()) {
        if (!first) *out += ", ";
        first = false;
        append_term(out, entry.first);
        *out += ": ";
        append_term(out, entry.second);
      }
      *out += "}";
      return;
    }
    case Kind::Set:
      if (value.size() == 0) {
        *out += "set()";
        return;
      }
      *out += "{";
      append_items(out, value.set_items());
      *out += "}";
      return;
    case Kind::Undefined:
      *out += "<undefined>";
      return;
  }
}

}  // namespace

void append_go_quoted(std::string* out, std::string_view text) {
  out->push_back('"');
  size_t position = 0;
  while (position < text.size()) {
    size_t start = position;
    char32_t c = decode_code_point(text, &position);
    bool invalid_byte = c == kReplacementCharacter && position - start == 1;
    if (invalid_byte) {
      *out += "\\x";
      append_hex(out, static_cast<unsigned char>(text[start]), 2);
    } else if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(static_cast<char>(c));
    } else if (is_printable(c)) {
      out->append(text.substr(start, position - start));
    } else {
      append_escaped_code_point(out, c);
    }
  }
  out->push_back('"');
}

std::string go_quoted(std::string_view text) {
  std::string out;
  append_go_quoted(&out, text);
  return out;
}

std::string term_string(const Value& value) {
  std::string out;
  append_term(&out, value);
  return out;
}

}  // namespace regoc
