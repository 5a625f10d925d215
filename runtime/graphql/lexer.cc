// The GraphQL lexer. It follows gqlparser's lexer closely, including its quirks, because OPA
// reports gqlparser's messages and positions: control characters are printed as "\u" and
// their decimal code, a block string token carries the line where it ends, and the column
// after "\r\n" counts the "\n".
#include "runtime/graphql/lexer.h"

#include <climits>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "runtime/graphql/go_quote.h"

namespace regoc::graphql {
namespace {

void append_utf8(std::string* out, uint32_t c) {
  if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;  // as Go's WriteRune does for surrogates
  if (c < 0x80) {
    *out += static_cast<char>(c);
  } else if (c < 0x800) {
    *out += static_cast<char>(0xC0 | (c >> 6));
    *out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    *out += static_cast<char>(0xE0 | (c >> 12));
    *out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (c >> 18));
    *out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Go's string(b) for a byte b: the UTF-8 text of the code point b.
std::string byte_as_text(char byte) {
  std::string out;
  append_utf8(&out, static_cast<uint8_t>(byte));
  return out;
}

// Go's "\u%04d" for a control byte: the decimal code, zero padded.
std::string control_text(char byte) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "\\u%04d", static_cast<int>(byte));
  return buffer;
}

// Returns the byte length of the UTF-8 sequence at text[i] (1 for an invalid byte).
size_t rune_width(std::string_view text, size_t i) {
  auto byte = static_cast<uint8_t>(text[i]);
  size_t width = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3
                 : (byte >> 3) == 0x1E ? 4 : 1;
  if (i + width > text.size()) return 1;
  for (size_t k = 1; k < width; ++k) {
    if ((static_cast<uint8_t>(text[i + k]) & 0xC0) != 0x80) return 1;
  }
  return width;
}

bool is_name_byte(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         c == '_';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

size_t leading_white_space(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != ' ' && line[i] != '\t') return i;
  }
  return SIZE_MAX;  // a blank line has no indentation
}

// The value of a block string: common indentation removed from every line but the first,
// then leading and trailing blank lines dropped (the GraphQL specification's BlockStringValue).
std::string block_string_value(const std::string& raw) {
  std::vector<std::string> lines;
  size_t begin = 0;
  while (true) {
    size_t newline = raw.find('\n', begin);
    lines.push_back(raw.substr(begin, newline - begin));
    if (newline == std::string::npos) break;
    begin = newline + 1;
  }
  size_t common = SIZE_MAX;
  for (size_t i = 1; i < lines.size(); ++i) {
    size_t indent = leading_white_space(lines[i]);
    if (indent < lines[i].size() && indent < common) {
      common = indent;
      if (common == 0) break;
    }
  }
  if (common != SIZE_MAX) {
    for (size_t i = 1; i < lines.size(); ++i) {
      lines[i] = lines[i].size() < common ? "" : lines[i].substr(common);
    }
  }
  size_t first = 0;
  size_t last = lines.size();
  while (first < last && leading_white_space(lines[first]) == SIZE_MAX) ++first;
  while (first < last && leading_white_space(lines[last - 1]) == SIZE_MAX) --last;
  std::string out;
  for (size_t i = first; i < last; ++i) {
    if (i > first) out += '\n';
    out += lines[i];
  }
  return out;
}

}  // namespace

std::string_view token_kind_text(TokenKind kind) {
  switch (kind) {
    case TokenKind::Invalid: return "<Invalid>";
    case TokenKind::Eof: return "<EOF>";
    case TokenKind::Bang: return "!";
    case TokenKind::Dollar: return "$";
    case TokenKind::Amp: return "&";
    case TokenKind::ParenL: return "(";
    case TokenKind::ParenR: return ")";
    case TokenKind::Spread: return "...";
    case TokenKind::Colon: return ":";
    case TokenKind::Equals: return "=";
    case TokenKind::At: return "@";
    case TokenKind::BracketL: return "[";
    case TokenKind::BracketR: return "]";
    case TokenKind::BraceL: return "{";
    case TokenKind::BraceR: return "}";
    case TokenKind::Pipe: return "|";
    case TokenKind::Name: return "Name";
    case TokenKind::Int: return "Int";
    case TokenKind::Float: return "Float";
    case TokenKind::String: return "String";
    case TokenKind::BlockString: return "BlockString";
  }
  return "<Invalid>";
}

std::string Token::to_string() const {
  std::string text(token_kind_text(kind));
  if (!value.empty()) text += " " + go_quote(value);
  return text;
}

Token Lexer::make_token(TokenKind kind, std::string value) const {
  Token token;
  token.kind = kind;
  token.value = std::move(value);
  token.position = {line_, start_runes_ - line_start_runes_ + 1};
  return token;
}

Token Lexer::make_error(std::optional<GraphqlError>* error, std::string message) const {
  Token token;
  token.position = {line_, end_runes_ - line_start_runes_ + 1};
  *error = GraphqlError{token.position, std::move(message)};
  return token;
}

void Lexer::skip_white_space() {
  while (end_ < input_.size()) {
    char c = input_[end_];
    if (c == '\t' || c == ' ' || c == ',') {
      advance(1, 1);
    } else if (c == '\n') {
      advance(1, 1);
      new_line();
    } else if (c == '\r') {
      advance(1, 1);
      new_line();
      if (end_ < input_.size() && input_[end_] == '\n') advance(1, 1);
    } else if (input_.substr(end_, 3) == "\xEF\xBB\xBF") {
      advance(3, 1);  // byte order mark
    } else {
      return;
    }
  }
}

void Lexer::skip_comment() {
  while (end_ < input_.size()) {
    char c = input_[end_];
    auto byte = static_cast<uint8_t>(c);
    if (byte <= 0x1F && c != '\t') return;
    advance(rune_width(input_, end_), 1);
  }
}

Token Lexer::read_token(std::optional<GraphqlError>* error) {
  while (true) {
    skip_white_space();
    start_ = end_;
    start_runes_ = end_runes_;
    if (end_ >= input_.size()) return make_token(TokenKind::Eof, "");

    char c = input_[start_];
    advance(1, 1);
    switch (c) {
      case '!': return make_token(TokenKind::Bang, "");
      case '$': return make_token(TokenKind::Dollar, "");
      case '&': return make_token(TokenKind::Amp, "");
      case '(': return make_token(TokenKind::ParenL, "");
      case ')': return make_token(TokenKind::ParenR, "");
      case ':': return make_token(TokenKind::Colon, "");
      case '=': return make_token(TokenKind::Equals, "");
      case '@': return make_token(TokenKind::At, "");
      case '[': return make_token(TokenKind::BracketL, "");
      case ']': return make_token(TokenKind::BracketR, "");
      case '{': return make_token(TokenKind::BraceL, "");
      case '}': return make_token(TokenKind::BraceR, "");
      case '|': return make_token(TokenKind::Pipe, "");
      case '#':
        skip_comment();
        continue;
      case '"':
        if (input_.substr(start_, 3) == "\"\"\"") return read_block_string(error);
        return read_string(error);
      case '.':
        if (input_.substr(start_, 3) == "...") {
          advance(2, 2);
          return make_token(TokenKind::Spread, "");
        }
        break;
      default:
        if (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return read_name();
        if (c == '-' || (c >= '0' && c <= '9')) return read_number(error);
    }

    end_ -= 1;
    end_runes_ -= 1;
    if (static_cast<uint8_t>(c) < 0x20) {
      return make_error(error, "Cannot contain the invalid character \"" + control_text(c) +
                                   "\"");
    }
    if (c == '\'') {
      return make_error(error, "Unexpected single quote character ('), did you mean to use a "
                               "double quote (\")?");
    }
    return make_error(error, "Cannot parse the unexpected character \"" + byte_as_text(c) +
                                 "\".");
  }
}

Token Lexer::read_name() {
  while (end_ < input_.size() && is_name_byte(input_[end_])) advance(1, 1);
  return make_token(TokenKind::Name, std::string(input_.substr(start_, end_ - start_)));
}

bool Lexer::accept_byte(char a, char b) {
  if (end_ >= input_.size()) return false;
  char c = input_[end_];
  if (c != a && (b == '\0' || c != b)) return false;
  advance(1, 1);
  return true;
}

int Lexer::accept_digits() {
  int consumed = 0;
  while (end_ < input_.size() && input_[end_] >= '0' && input_[end_] <= '9') {
    advance(1, 1);
    ++consumed;
  }
  return consumed;
}

std::string Lexer::describe_next() const {
  if (end_ < input_.size()) return "\"" + byte_as_text(input_[end_]) + "\"";
  return "<EOF>";
}

Token Lexer::read_number(std::optional<GraphqlError>* error) {
  bool is_float = false;
  end_ -= 1;  // back to the first character
  end_runes_ -= 1;
  accept_byte('-');

  if (accept_byte('0')) {
    if (int consumed = accept_digits(); consumed != 0) {
      end_ -= consumed;
      end_runes_ -= consumed;
      return make_error(error, "Invalid number, unexpected digit after 0: " + describe_next() +
                                   ".");
    }
  } else if (accept_digits() == 0) {
    return make_error(error, "Invalid number, expected digit but got: " + describe_next() + ".");
  }

  if (accept_byte('.')) {
    is_float = true;
    if (accept_digits() == 0) {
      return make_error(error,
                        "Invalid number, expected digit but got: " + describe_next() + ".");
    }
  }
  if (accept_byte('e', 'E')) {
    is_float = true;
    accept_byte('-', '+');
    if (accept_digits() == 0) {
      return make_error(error,
                        "Invalid number, expected digit but got: " + describe_next() + ".");
    }
  }
  std::string text(input_.substr(start_, end_ - start_));
  return make_token(is_float ? TokenKind::Float : TokenKind::Int, std::move(text));
}

Token Lexer::read_string(std::optional<GraphqlError>* error) {
  // `value` is only built once an escape appears; until then the token is a slice of input.
  std::optional<std::string> value;
  start_ += 1;  // the token starts after the opening quote
  start_runes_ += 1;

  while (end_ < input_.size()) {
    char c = input_[end_];
    if (c == '\n' || c == '\r') break;
    if (static_cast<uint8_t>(c) < 0x20 && c != '\t') {
      return make_error(error, "Invalid character within String: \"" + control_text(c) + "\".");
    }
    if (c == '"') {
      Token token = make_token(TokenKind::String,
                               value ? *value : std::string(input_.substr(start_, end_ - start_)));
      advance(1, 1);
      return token;
    }
    if (c != '\\') {
      size_t width = rune_width(input_, end_);
      if (value) value->append(input_.substr(end_, width));
      advance(width, 1);
      continue;
    }

    if (end_ + 1 >= input_.size()) {
      advance(1, 1);
      return make_error(error, "Invalid character escape sequence.");
    }
    if (!value) value = std::string(input_.substr(start_, end_ - start_));
    char escape = input_[end_ + 1];
    if (escape == 'u') {
      if (end_ + 6 >= input_.size()) {
        advance(1, 1);
        return make_error(error, "Invalid character escape sequence: \\" +
                                     std::string(input_.substr(end_)) + ".");
      }
      uint32_t code = 0;
      for (size_t k = 2; k < 6; ++k) {
        int digit = hex_value(input_[end_ + k]);
        if (digit < 0) {
          advance(1, 1);
          return make_error(error, "Invalid character escape sequence: \\" +
                                       std::string(input_.substr(end_, 5)) + ".");
        }
        code = (code << 4) | static_cast<uint32_t>(digit);
      }
      append_utf8(&*value, code);
      advance(6, 6);
      continue;
    }
    switch (escape) {
      case '"': case '/': case '\\': *value += escape; break;
      case 'b': *value += '\b'; break;
      case 'f': *value += '\f'; break;
      case 'n': *value += '\n'; break;
      case 'r': *value += '\r'; break;
      case 't': *value += '\t'; break;
      default:
        advance(1, 1);
        return make_error(error, "Invalid character escape sequence: \\" + byte_as_text(escape) +
                                     ".");
    }
    advance(2, 2);
  }
  return make_error(error, "Unterminated string.");
}

Token Lexer::read_block_string(std::optional<GraphqlError>* error) {
  std::string raw;
  start_ += 3;  // the token starts after the opening quotes
  start_runes_ += 3;
  advance(2, 2);

  while (end_ < input_.size()) {
    char c = input_[end_];
    if (input_.substr(end_, 3) == "\"\"\"") {
      Token token = make_token(TokenKind::BlockString, block_string_value(raw));
      advance(3, 3);
      return token;
    }
    if (static_cast<uint8_t>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      return make_error(error, "Invalid character within String: \"" + control_text(c) + "\".");
    }
    if (input_.substr(end_, 4) == "\\\"\"\"") {
      raw += "\"\"\"";
      advance(4, 4);
    } else if (c == '\r') {
      if (end_ + 1 < input_.size() && input_[end_ + 1] == '\n') advance(1, 1);
      raw += '\n';
      advance(1, 1);
      new_line();
    } else {
      size_t width = rune_width(input_, end_);
      raw.append(input_.substr(end_, width));
      advance(width, 1);
      if (c == '\n') new_line();
    }
  }
  return make_error(error, "Unterminated string.");
}

}  // namespace regoc::graphql
