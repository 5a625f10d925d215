// A JSON validator that reports the first syntax error in the words of Go's encoding/json
// scanner, and OPA's extraction of a JSON object from a JWT part. External interface:
// jwt_json.h.
#include "runtime/builtins/jwt_json.h"

#include <cctype>

#include "runtime/builtins/term_text.h"
#include "runtime/builtins/utf8.h"
#include "runtime/json.h"

namespace regoc {
namespace {

// Go's quoteChar: the byte as a code point between single quotes, escaped as strconv.Quote
// escapes it, with ' and " written plainly.
std::string quote_char(unsigned char c) {
  if (c == '\'') return "'\\''";
  if (c == '"') return "'\"'";
  std::string utf8;
  append_utf8(&utf8, c);
  std::string quoted = go_quoted(utf8);
  return "'" + quoted.substr(1, quoted.size() - 2) + "'";
}

class SyntaxChecker {
 public:
  explicit SyntaxChecker(std::string_view text) : text_(text) {}

  std::optional<std::string> check() {
    if (!value()) return error_;
    skip_space();
    if (at_end()) return std::nullopt;
    invalid("after top-level value");
    return error_;
  }

 private:
  std::string_view text_;
  size_t position_ = 0;
  std::string error_;

  bool at_end() const { return position_ >= text_.size(); }
  unsigned char peek() const { return static_cast<unsigned char>(text_[position_]); }

  void skip_space() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\r' || peek() == '\n')) {
      ++position_;
    }
  }

  // Records the error for the current byte, or the end-of-input error past the end.
  bool invalid(std::string_view context) {
    if (at_end()) {
      error_ = "unexpected end of JSON input";
    } else {
      error_ = "invalid character " + quote_char(peek()) + " " + std::string(context);
    }
    return false;
  }

  bool value() {
    skip_space();
    if (at_end()) return invalid("");
    switch (peek()) {
      case '{': ++position_; return object();
      case '[': ++position_; return array();
      case '"': ++position_; return string();
      case 't': return literal("true");
      case 'f': return literal("false");
      case 'n': return literal("null");
      default: break;
    }
    if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return number();
    return invalid("looking for beginning of value");
  }

  bool object() {
    skip_space();
    if (!at_end() && peek() == '}') {
      ++position_;
      return true;
    }
    while (true) {
      skip_space();
      if (at_end() || peek() != '"') return invalid("looking for beginning of object key string");
      ++position_;
      if (!string()) return false;
      skip_space();
      if (at_end() || peek() != ':') return invalid("after object key");
      ++position_;
      if (!value()) return false;
      skip_space();
      if (at_end()) return invalid("");
      if (peek() == '}') {
        ++position_;
        return true;
      }
      if (peek() != ',') return invalid("after object key:value pair");
      ++position_;
    }
  }

  bool array() {
    skip_space();
    if (!at_end() && peek() == ']') {
      ++position_;
      return true;
    }
    while (true) {
      if (!value()) return false;
      skip_space();
      if (at_end()) return invalid("");
      if (peek() == ']') {
        ++position_;
        return true;
      }
      if (peek() != ',') return invalid("after array element");
      ++position_;
    }
  }

  bool string() {
    while (!at_end()) {
      unsigned char c = peek();
      if (c == '"') {
        ++position_;
        return true;
      }
      if (c < 0x20) return invalid("in string literal");
      ++position_;
      if (c != '\\') continue;
      if (at_end()) break;
      c = peek();
      if (std::string_view("\"\\/bfnrt").find(static_cast<char>(c)) != std::string_view::npos) {
        ++position_;
        continue;
      }
      if (c != 'u') return invalid("in string escape code");
      ++position_;
      for (int i = 0; i < 4; ++i) {
        if (at_end() || !std::isxdigit(peek())) {
          return invalid("in \\u hexadecimal character escape");
        }
        ++position_;
      }
    }
    return invalid("");
  }

  bool digits() {
    bool any = false;
    while (!at_end() && peek() >= '0' && peek() <= '9') {
      ++position_;
      any = true;
    }
    return any;
  }

  bool number() {
    if (peek() == '-') {
      ++position_;
      if (at_end() || peek() < '0' || peek() > '9') return invalid("in numeric literal");
    }
    if (peek() == '0') {
      ++position_;
    } else {
      digits();
    }
    if (!at_end() && peek() == '.') {
      ++position_;
      if (!digits()) return invalid("after decimal point in numeric literal");
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      ++position_;
      if (!at_end() && (peek() == '+' || peek() == '-')) ++position_;
      if (!digits()) return invalid("in exponent of numeric literal");
    }
    return true;
  }

  bool literal(std::string_view word) {
    ++position_;
    for (size_t i = 1; i < word.size(); ++i) {
      if (at_end() || peek() != static_cast<unsigned char>(word[i])) {
        return invalid("in literal " + std::string(word) + " (expecting " +
                       quote_char(static_cast<unsigned char>(word[i])) + ")");
      }
      ++position_;
    }
    return true;
  }
};

}  // namespace

std::optional<std::string> go_json_syntax_error(std::string_view text) {
  return SyntaxChecker(text).check();
}

bool parse_json_object(std::string_view text, Value* out, std::string* error) {
  if (std::optional<std::string> syntax = go_json_syntax_error(text)) {
    *error = "invalid JSON: " + *syntax;
    return false;
  }
  std::string parse_error;
  if (!parse_json(text, out, &parse_error)) {
    *error = "invalid JSON: " + parse_error;
    return false;
  }
  if (!out->is_object()) {
    *error = "decoded JSON type was not an Object";
    return false;
  }
  return true;
}

}  // namespace regoc
