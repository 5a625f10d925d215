// JSON output in the form of Go's encoding/json, which OPA uses for results and json.marshal.
//
// Strings escape '"', '\\', control characters (\b \f \n \r \t, else \u00XX), the HTML
// characters <, > and &, and U+2028 and U+2029; invalid UTF-8 becomes U+FFFD. Pretty output
// matches json.MarshalIndent(v, "", indent): empty arrays and objects stay `[]` and `{}`.
#include <string>

#include "runtime/json.h"
#include "runtime/number.h"

namespace regoc {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not one
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
size_t utf8_sequence_length(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t length;
  uint32_t code_point;
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) {
    length = 2;
    code_point = c & 0x1f;
  } else if (c >= 0xe0 && c <= 0xef) {
    length = 3;
    code_point = c & 0x0f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    length = 4;
    code_point = c & 0x07;
  } else {
    return 0;
  }
  if (i + length > s.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    unsigned char next = static_cast<unsigned char>(s[i + k]);
    if ((next & 0xc0) != 0x80) return 0;
    code_point = (code_point << 6) | (next & 0x3f);
  }
  if (length == 3 && (code_point < 0x800 || (code_point >= 0xd800 && code_point <= 0xdfff))) {
    return 0;
  }
  if (length == 4 && (code_point < 0x10000 || code_point > 0x10ffff)) return 0;
  return length;
}

void write_string(std::string_view s, std::string* out) {
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t length = utf8_sequence_length(s, i);
      if (length == 0) {
        *out += "\\ufffd";
        ++i;
      } else if (length == 3 && c == 0xe2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                 (static_cast<unsigned char>(s[i + 2]) & 0xfe) == 0xa8) {
        // U+2028 and U+2029 end lines in JavaScript, so Go escapes them.
        *out += (static_cast<unsigned char>(s[i + 2]) == 0xa8) ? "\\u2028" : "\\u2029";
        i += 3;
      } else {
        out->append(s.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\b':
        *out += "\\b";
        break;
      case '\f':
        *out += "\\f";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (c < 0x20 || c == '<' || c == '>' || c == '&') {
          *out += "\\u00";
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xf]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out->push_back('"');
}

class JsonWriter {
 public:
  JsonWriter(int indent, std::string* out) : indent_(indent), out_(out) {}

  void write(const Value& v, int depth) {
    switch (v.kind()) {
      case Kind::Null:
      case Kind::Undefined:
        *out_ += "null";
        break;
      case Kind::Boolean:
        *out_ += v.as_bool() ? "true" : "false";
        break;
      case Kind::Number: {
        int64_t i;
        bool plain = v.as_int64(&i) && v.identity() == nullptr;
        *out_ += plain ? std::to_string(i) : v.as_number().to_string();
        break;
      }
      case Kind::String:
        write_string(v.as_string(), out_);
        break;
      case Kind::Array:
        write_items(v.array_items(), depth);
        break;
      case Kind::Set:
        write_items(v.set_items(), depth);
        break;
      case Kind::Object:
        write_entries(v.object_entries(), depth);
        break;
    }
  }

 private:
  void newline(int depth) {
    if (indent_ <= 0) return;
    out_->push_back('\n');
    out_->append(static_cast<size_t>(depth * indent_), ' ');
  }

  void write_items(std::span<const Value> items, int depth) {
    out_->push_back('[');
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out_->push_back(',');
      newline(depth + 1);
      write(items[i], depth + 1);
    }
    if (!items.empty()) newline(depth);
    out_->push_back(']');
  }

  void write_entries(std::span<const Value::Entry> entries, int depth) {
    out_->push_back('{');
    for (size_t i = 0; i < entries.size(); ++i) {
      if (i > 0) out_->push_back(',');
      newline(depth + 1);
      write_key(entries[i].first);
      out_->append(indent_ > 0 ? ": " : ":");
      write(entries[i].second, depth + 1);
    }
    if (!entries.empty()) newline(depth);
    out_->push_back('}');
  }

  // JSON keys are strings. OPA writes other keys as their JSON text inside a string.
  void write_key(const Value& key) {
    if (key.is_string()) {
      write_string(key.as_string(), out_);
      return;
    }
    write_string(to_json(key), out_);
  }

  int indent_;
  std::string* out_;
};

}  // namespace

std::string to_json(const Value& value, int indent) {
  std::string out;
  JsonWriter(indent, &out).write(value, 0);
  return out;
}

}  // namespace regoc
