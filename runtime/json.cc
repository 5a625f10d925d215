// JSON reading with simdjson's On-Demand API and writing in the form of Go's encoding/json.
//
// Reading accepts what Go's encoding/json accepts, which OPA uses for data files and for
// json.unmarshal and json.is_valid. simdjson finds the structure. Numbers, strings and root
// literals are checked here, because On-Demand leaves parts of their syntax unchecked. Numbers
// are read from their raw token so that big integers and literals such as 1.0 keep their exact
// text. External interface: parse_json and to_json (runtime/json.h).
#include <simdjson.h>

#include <string>

#include "runtime/builtins/utf8.h"
#include "runtime/json.h"
#include "runtime/number.h"

namespace regoc {
namespace {

namespace od = simdjson::ondemand;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// True when `token` is a number by JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
// Rego's number syntax, which Number::parse reads, also allows ".5" and "1.".
bool is_json_number(std::string_view token) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < token.size() && is_digit(token[i])) ++i;
    return i > start;
  };
  if (i < token.size() && token[i] == '-') ++i;
  if (i < token.size() && token[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < token.size() && token[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
    ++i;
    if (i < token.size() && (token[i] == '+' || token[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == token.size();
}

int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads the four hex digits of a \u escape at text[at]. Returns -1 when they are not hex digits.
int32_t read_hex4(std::string_view text, size_t at) {
  if (at + 4 > text.size()) return -1;
  int32_t value = 0;
  for (size_t i = at; i < at + 4; ++i) {
    int digit = hex_value(text[i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

bool is_high_surrogate(int32_t code) { return code >= 0xD800 && code < 0xDC00; }
bool is_low_surrogate(int32_t code) { return code >= 0xDC00 && code < 0xE000; }

// Decodes the string literal whose text starts right after its opening quote, as Go's
// encoding/json does: control characters must be escaped, escapes are only those of JSON, and
// a \u escape of a lone UTF-16 surrogate becomes U+FFFD. Returns the message of the first
// error, or an empty string. *length receives the number of bytes up to the closing quote.
std::string decode_string(const char* start, const char* limit, std::string* out,
                          size_t* length) {
  std::string_view text(start, static_cast<size_t>(limit - start));
  out->clear();
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '"') {
      *length = i;
      return {};
    }
    if (static_cast<unsigned char>(c) < 0x20) return "control character in string";
    if (c != '\\') {
      out->push_back(c);
      ++i;
      continue;
    }
    if (i + 1 >= text.size()) break;
    char escape = text[i + 1];
    i += 2;
    switch (escape) {
      case '"': out->push_back('"'); continue;
      case '\\': out->push_back('\\'); continue;
      case '/': out->push_back('/'); continue;
      case 'b': out->push_back('\b'); continue;
      case 'f': out->push_back('\f'); continue;
      case 'n': out->push_back('\n'); continue;
      case 'r': out->push_back('\r'); continue;
      case 't': out->push_back('\t'); continue;
      case 'u': break;
      default: return "invalid escape \\" + std::string(1, escape) + " in string";
    }
    int32_t code = read_hex4(text, i);
    if (code < 0) return "invalid \\u escape in string";
    i += 4;
    if (is_high_surrogate(code) && i + 1 < text.size() && text[i] == '\\' &&
        text[i + 1] == 'u') {
      int32_t low = read_hex4(text, i + 2);
      if (is_low_surrogate(low)) {
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        i += 6;
      }
    }
    // A surrogate left unpaired here is encoded as U+FFFD by append_utf8.
    append_utf8(out, static_cast<char32_t>(code));
  }
  return "unterminated string";
}

// Go's decoder replaces each byte that is not part of valid UTF-8 with U+FFFD inside strings,
// and rejects it anywhere else. Replacing it everywhere keeps the second case an error.
std::string replace_invalid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  size_t position = 0;
  while (position < text.size()) {
    size_t start = position;
    char32_t code_point = decode_code_point(text, &position);
    bool replaced = code_point == kReplacementCharacter && position == start + 1;
    if (replaced) {
      append_utf8(&out, kReplacementCharacter);
    } else {
      out.append(text.substr(start, position - start));
    }
  }
  return out;
}

// The raw text of the current token; documents and nested values return it differently.
simdjson::error_code raw_token(od::value& value, std::string_view* out) {
  *out = value.raw_json_token();
  return simdjson::SUCCESS;
}

simdjson::error_code raw_token(od::document& document, std::string_view* out) {
  return document.raw_json_token().get(*out);
}

// Converts simdjson's On-Demand values (documents and nested values share one interface) to
// Values, recording the first error with its line and column.
class JsonReader {
 public:
  JsonReader(std::string_view text, std::string* error) : text_(text), error_(error) {}

  // Nesting deeper than this is an error, as in Go's encoding/json, which also keeps the
  // recursive reading (and the values' recursive destruction) within the thread's stack.
  static constexpr int kMaxDepth = 10000;

  template <typename Source>
  bool read(Source& source, Value* out) {
    od::json_type type;
    if (auto code = source.type().get(type)) return fail(code, source);
    switch (type) {
      case od::json_type::array:
        return read_array(source, out);
      case od::json_type::object:
        return read_object(source, out);
      case od::json_type::number:
        return read_number(source, out);
      case od::json_type::string: {
        od::raw_json_string raw;
        if (auto code = source.get_raw_json_string().get(raw)) return fail(code, source);
        if (!read_string(raw.raw(), &buffer_)) return false;
        *out = Value::string(buffer_);
        return true;
      }
      case od::json_type::boolean: {
        bool b;
        if (auto code = source.get_bool().get(b)) return fail(code, source);
        *out = Value::boolean(b);
        return true;
      }
      case od::json_type::null: {
        // simdjson 3.0.1's is_null() rejects a root `null` followed by whitespace, so the
        // token is compared instead.
        std::string_view token;
        if (auto code = raw_token(source, &token)) return fail(code, source);
        if (token.substr(0, token.find_first_of(" \t\r\n")) != "null") {
          return fail(simdjson::INCORRECT_TYPE, source);
        }
        *out = Value::null();
        return true;
      }
    }
    return fail(simdjson::TAPE_ERROR, source);
  }

  // Records `code` at the parser's current position.
  template <typename Source>
  bool fail(simdjson::error_code code, Source& source) {
    const char* where = nullptr;
    if (source.current_location().get(where) != simdjson::SUCCESS) where = nullptr;
    return fail_at(simdjson::error_message(code), where);
  }

  bool fail_at(std::string_view message, const char* where) {
    if (!error_->empty()) return false;
    size_t offset = text_.size();
    if (where >= text_.data() && where <= text_.data() + text_.size()) {
      offset = static_cast<size_t>(where - text_.data());
    }
    int line = 1;
    int column = 1;
    for (size_t i = 0; i < offset; ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    *error_ = "invalid JSON at line " + std::to_string(line) + ", column " +
              std::to_string(column) + ": " + std::string(message);
    return false;
  }

  // The length in bytes of the text of the last string decoded, quotes excluded.
  size_t string_length() const { return string_length_; }

 private:
  // Counts one level of nesting while it lives.
  struct DepthGuard {
    explicit DepthGuard(int* depth) : depth(depth) { ++*depth; }
    ~DepthGuard() { --*depth; }
    int* depth;
  };

  template <typename Source>
  bool read_array(Source& source, Value* out) {
    od::array array;
    if (auto code = source.get_array().get(array)) return fail(code, source);
    DepthGuard guard(&depth_);
    if (depth_ > kMaxDepth) return fail(simdjson::DEPTH_ERROR, source);
    std::vector<Value> items;
    for (auto element : array) {
      od::value item;
      if (auto code = std::move(element).get(item)) return fail(code, source);
      Value converted;
      if (!read(item, &converted)) return false;
      items.push_back(std::move(converted));
    }
    *out = Value::array(std::move(items));
    return true;
  }

  template <typename Source>
  bool read_object(Source& source, Value* out) {
    od::object object;
    if (auto code = source.get_object().get(object)) return fail(code, source);
    DepthGuard guard(&depth_);
    if (depth_ > kMaxDepth) return fail(simdjson::DEPTH_ERROR, source);
    std::vector<Value::Entry> entries;
    for (auto element : object) {
      od::field field;
      if (auto code = std::move(element).get(field)) return fail(code, source);
      if (!read_string(field.key().raw(), &buffer_)) return false;
      Value key_value = Value::string(buffer_);
      Value converted;
      if (!read(field.value(), &converted)) return false;
      entries.emplace_back(std::move(key_value), std::move(converted));
    }
    *out = Value::object(std::move(entries));  // a duplicate key keeps its last value
    return true;
  }

  template <typename Source>
  bool read_number(Source& source, Value* out) {
    std::string_view token;
    if (auto code = raw_token(source, &token)) return fail(code, source);
    size_t end = token.find_first_of(" \t\r\n");
    if (end != std::string_view::npos) token = token.substr(0, end);

    std::optional<Number> number;
    if (is_json_number(token)) number = Number::parse(token);
    if (!number) return fail_at("invalid number " + std::string(token), token.data());
    *out = Value::number(*number);
    return true;
  }

  // Decodes the string whose text starts at `start`, right after its opening quote.
  bool read_string(const char* start, std::string* out) {
    size_t length = 0;
    std::string message = decode_string(start, text_.data() + text_.size(), out, &length);
    if (!message.empty()) return fail_at(message, start);
    string_length_ = length;
    return true;
  }

  std::string_view text_;
  std::string* error_;
  std::string buffer_;  // the last string decoded
  size_t string_length_ = 0;
  int depth_ = 0;
};

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The end of a scalar document's value in its raw token, which runs to the next token.
const char* scalar_end(std::string_view token, od::json_type type, size_t string_length) {
  if (type == od::json_type::string) return token.data() + 1 + string_length + 1;
  size_t end = 0;
  while (end < token.size() && !is_json_space(token[end])) ++end;
  return token.data() + end;
}

}  // namespace

bool parse_json(std::string_view text, Value* out, std::string* error) {
  std::string ignored;
  if (error == nullptr) error = &ignored;
  error->clear();

  std::string replaced;
  if (!simdjson::validate_utf8(text.data(), text.size())) {
    replaced = replace_invalid_utf8(text);
    text = replaced;
  }

  od::parser parser;
  simdjson::padded_string padded(text);
  od::document document;
  JsonReader reader(padded, error);
  if (auto code = parser.iterate(padded).get(document)) {
    return reader.fail_at(simdjson::error_message(code), nullptr);
  }

  od::json_type type;
  if (auto code = document.type().get(type)) return reader.fail(code, document);
  bool composite = type == od::json_type::array || type == od::json_type::object;
  std::string_view token;
  if (!composite) {
    if (auto code = document.raw_json_token().get(token)) return reader.fail(code, document);
  }

  Value result;
  if (!reader.read(document, &result)) return false;

  // After an array or object, a location inside the input means more content. A scalar
  // document's raw token may run past its value ("falsee", "1 2"), so its end is found here.
  const char* rest = nullptr;
  const char* input_end = padded.data() + padded.size();
  if (composite) {
    if (document.current_location().get(rest) != simdjson::SUCCESS) rest = nullptr;
  } else {
    rest = scalar_end(token, type, reader.string_length());
    std::string_view value(token.data(), static_cast<size_t>(rest - token.data()));
    bool literal = type == od::json_type::boolean || type == od::json_type::null;
    if (literal && value != "true" && value != "false" && value != "null") {
      return reader.fail_at("invalid literal " + std::string(value), token.data());
    }
    while (rest < input_end && is_json_space(*rest)) ++rest;
    if (rest == input_end) rest = nullptr;
  }
  if (rest != nullptr) {
    return reader.fail_at(simdjson::error_message(simdjson::TRAILING_CONTENT), rest);
  }
  *out = std::move(result);
  return true;
}

}  // namespace regoc
