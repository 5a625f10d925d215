// JSON reading with simdjson's On-Demand API straight into Values (see runtime/json_simd.h).
//
// simdjson's first stage validates UTF-8 and finds the structural characters. This reader
// walks the document once. It unescapes strings itself, so a string without escapes is copied
// once into its Value, and lone UTF-16 surrogates become U+FFFD as in Go's encoding/json. It
// reads numbers from their raw token, so big integers and literals such as 1.0 stay exact.
#include "runtime/json_simd.h"

#include <simdjson.h>

#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/number.h"

namespace regoc {
namespace {

namespace od = simdjson::ondemand;

// Documents larger than this get a parser and buffers of their own, so that the state a thread
// keeps stays below about a megabyte. That is an estimate: simdjson's buffers take about five
// bytes per byte of text, the member stacks 16 or 32 bytes per member. For larger documents
// the allocations cost little next to parsing.
constexpr size_t kMaxReusedDocument = size_t{64} << 10;

// Object keys that a thread has read, as Values that share one node. Requests of one service
// repeat the same keys, so most keys of an input cost a lookup here instead of an allocation.
// Bounded: once full, new keys are built as usual. Values are immutable, so sharing their
// nodes is safe, also with the threads that the parsed documents may be handed to.
class KeyCache {
 public:
  static constexpr size_t kMaxKeys = 4096;
  static constexpr size_t kMaxKeyBytes = 64;

  // The key's Value, from the cache or made (and cached while there is room).
  Value get(std::string_view text) {
    if (text.size() > kMaxKeyBytes) return Value::string(text);
    auto found = keys_.find(text);
    if (found != keys_.end()) return found->second;
    Value key = Value::string(text);
    if (keys_.size() < kMaxKeys) keys_.emplace(std::string(text), key);
    return key;
  }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, Value, Hash, std::equal_to<>> keys_;
};

// Buffers that the conversion reuses. Arrays and objects collect their members on a shared
// stack (a nested value pushes above its parent's members and pops them before the parent
// continues), so each array or object allocates its vector once, at its final size.
struct Scratch {
  std::vector<Value> items;
  std::vector<Value::Entry> entries;
  std::string unescaped;  // a string with escapes, while it is decoded
  KeyCache* keys = nullptr;  // the thread's key cache; none for a one-off parse

  void clear() {
    items.clear();
    entries.clear();
  }
};

// The per-thread state: a parser (its buffers grow to the largest document read), the
// padded copy of the text that simdjson needs, the scratch buffers and the key cache.
struct ThreadParser {
  ThreadParser() { scratch.keys = &keys; }
  ThreadParser(const ThreadParser&) = delete;
  ThreadParser& operator=(const ThreadParser&) = delete;

  od::parser parser;
  std::string padded;
  KeyCache keys;
  Scratch scratch;
};

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads the four hex digits at `p` (the padding makes the bytes readable); -1 if invalid.
int32_t read_hex4(const char* p) {
  int32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    int digit = hex_digit(p[i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

void append_utf8(uint32_t code_point, std::string* out) {
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

bool is_high_surrogate(int32_t unit) { return unit >= 0xD800 && unit <= 0xDBFF; }
bool is_low_surrogate(int32_t unit) { return unit >= 0xDC00 && unit <= 0xDFFF; }

// Converts the On-Demand values of one document to Values and records the first error with
// its line and column.
class SimdReader {
 public:
  SimdReader(std::string_view text, Scratch* scratch, std::string* error)
      : text_(text), scratch_(scratch), error_(error) {}

  // Documents and nested values share this interface, so the readers are templates.
  template <typename Source>
  bool read(Source& source, size_t depth, Value* out);

  template <typename Source>
  bool fail(simdjson::error_code code, Source& source) {
    const char* where = nullptr;
    if (source.current_location().get(where) != simdjson::SUCCESS) where = nullptr;
    return fail_at(simdjson::error_message(code), where);
  }

  // Records `message` at `where` (a pointer into the text; null or out of range means the
  // end of the text).
  bool fail_at(std::string_view message, const char* where);

  // Reads the string whose raw text (after the opening quote) starts at `raw`; stores in
  // *end, when not null, the address of the closing quote. An object key (`key`) may come
  // from the thread's key cache.
  bool read_string(const char* raw, Value* out, const char** end = nullptr, bool key = false);
  // Reads a document that is a single scalar from its token, without trailing whitespace.
  bool read_root_scalar(std::string_view token, Value* out);

 private:
  template <typename Source>
  bool read_array(Source& source, size_t depth, Value* out);
  template <typename Source>
  bool read_object(Source& source, size_t depth, Value* out);
  template <typename Source>
  bool read_number(Source& source, Value* out);
  bool read_number_token(std::string_view token, Value* out);
  bool read_escape(const char** cursor, std::string* out);

  std::string_view text_;
  Scratch* scratch_;
  std::string* error_;
};

bool SimdReader::fail_at(std::string_view message, const char* where) {
  if (!error_->empty()) return false;  // keep the first error
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

template <typename Source>
bool SimdReader::read(Source& source, size_t depth, Value* out) {
  od::json_type type;
  if (auto code = source.type().get(type)) return fail(code, source);
  switch (type) {
    case od::json_type::array:
      return read_array(source, depth + 1, out);
    case od::json_type::object:
      return read_object(source, depth + 1, out);
    case od::json_type::number:
      return read_number(source, out);
    case od::json_type::string: {
      od::raw_json_string raw;
      if (auto code = source.get_raw_json_string().get(raw)) return fail(code, source);
      return read_string(raw.raw(), out);
    }
    case od::json_type::boolean: {
      bool b;
      if (auto code = source.get_bool().get(b)) return fail(code, source);
      *out = Value::boolean(b);
      return true;
    }
    case od::json_type::null: {
      bool is_null;
      if (auto code = source.is_null().get(is_null)) return fail(code, source);
      if (!is_null) return fail(simdjson::INCORRECT_TYPE, source);
      *out = Value::null();
      return true;
    }
  }
  return fail(simdjson::TAPE_ERROR, source);
}

template <typename Source>
bool SimdReader::read_array(Source& source, size_t depth, Value* out) {
  if (depth > kMaxJsonDepth) return fail(simdjson::DEPTH_ERROR, source);
  od::array array;
  if (auto code = source.get_array().get(array)) return fail(code, source);
  std::vector<Value>& stack = scratch_->items;
  const size_t first = stack.size();
  for (auto element : array) {
    od::value item;
    if (auto code = std::move(element).get(item)) return fail(code, source);
    Value converted;
    if (!read(item, depth, &converted)) return false;
    stack.push_back(std::move(converted));
  }
  auto begin = stack.begin() + static_cast<ptrdiff_t>(first);
  std::vector<Value> items(std::make_move_iterator(begin), std::make_move_iterator(stack.end()));
  stack.erase(begin, stack.end());
  *out = Value::array(std::move(items));
  return true;
}

template <typename Source>
bool SimdReader::read_object(Source& source, size_t depth, Value* out) {
  if (depth > kMaxJsonDepth) return fail(simdjson::DEPTH_ERROR, source);
  od::object object;
  if (auto code = source.get_object().get(object)) return fail(code, source);
  std::vector<Value::Entry>& stack = scratch_->entries;
  const size_t first = stack.size();
  for (auto element : object) {
    od::field field;
    if (auto code = std::move(element).get(field)) return fail(code, source);
    Value key;
    if (!read_string(field.key().raw(), &key, nullptr, true)) return false;
    Value converted;
    if (!read(field.value(), depth, &converted)) return false;
    stack.emplace_back(std::move(key), std::move(converted));
  }
  auto begin = stack.begin() + static_cast<ptrdiff_t>(first);
  std::vector<Value::Entry> entries(std::make_move_iterator(begin),
                                    std::make_move_iterator(stack.end()));
  stack.erase(begin, stack.end());
  // Value::object sorts the keys and keeps the last value of a duplicate key, as OPA does.
  *out = Value::object(std::move(entries));
  return true;
}

// The raw token of a document and of a nested value come back in different wrappers.
simdjson::error_code raw_token(od::value& value, std::string_view* out) {
  *out = value.raw_json_token();
  return simdjson::SUCCESS;
}

simdjson::error_code raw_token(od::document& document, std::string_view* out) {
  return document.raw_json_token().get(*out);
}

// A plain integer literal that fits in int64 without a heap node: an optional '-' and up to
// 18 digits, no leading zero and not "-0" (whose literal text must be kept).
std::optional<int64_t> small_integer(std::string_view token) {
  bool negative = !token.empty() && token[0] == '-';
  std::string_view digits = negative ? token.substr(1) : token;
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  if (digits[0] == '0' && (digits.size() > 1 || negative)) return std::nullopt;
  int64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

std::string_view trim_trailing_space(std::string_view token) {
  while (!token.empty() && is_json_space(token.back())) token.remove_suffix(1);
  return token;
}

template <typename Source>
bool SimdReader::read_number(Source& source, Value* out) {
  std::string_view token;
  if (auto code = raw_token(source, &token)) return fail(code, source);
  // The raw token runs to the next structural character, so it may end in whitespace.
  return read_number_token(trim_trailing_space(token), out);
}

bool SimdReader::read_number_token(std::string_view token, Value* out) {
  if (std::optional<int64_t> integer = small_integer(token)) {
    *out = Value::integer(*integer);
    return true;
  }
  // Number::parse also accepts Rego's ".5" and "-.5"; JSON requires a digit after the sign.
  std::optional<Number> number;
  size_t first_digit = !token.empty() && token[0] == '-' ? 1 : 0;
  if (first_digit < token.size() && token[first_digit] >= '0' && token[first_digit] <= '9') {
    number = Number::parse(token);
  }
  if (!number) return fail_at("invalid number " + std::string(token), token.data());
  *out = Value::number(*number);
  return true;
}

bool SimdReader::read_string(const char* raw, Value* out, const char** end, bool key) {
  // Fast path: no escape before the closing quote, so the Value copies the bytes directly.
  // simdjson's first stage has checked that the string is closed and valid UTF-8.
  const char* p = raw;
  while (*p != '"' && *p != '\\') {
    if (static_cast<unsigned char>(*p) < 0x20) {
      return fail_at("control character in string", p);
    }
    ++p;
  }
  if (*p == '"') {
    std::string_view text(raw, static_cast<size_t>(p - raw));
    *out = key && scratch_->keys ? scratch_->keys->get(text) : Value::string(text);
    if (end != nullptr) *end = p;
    return true;
  }

  std::string& unescaped = scratch_->unescaped;
  unescaped.assign(raw, static_cast<size_t>(p - raw));
  while (*p != '"') {
    if (*p == '\\') {
      if (!read_escape(&p, &unescaped)) return false;
      continue;
    }
    if (static_cast<unsigned char>(*p) < 0x20) {
      return fail_at("control character in string", p);
    }
    unescaped.push_back(*p++);
  }
  *out = Value::string(unescaped);
  if (end != nullptr) *end = p;
  return true;
}

// simdjson 3.0.1 checks the byte after a root `null` one position too far (json[5] in
// value_iterator::is_root_null), so it would accept "nulll". Root scalars are small, so this
// reader checks their tokens itself.
bool SimdReader::read_root_scalar(std::string_view token, Value* out) {
  if (token == "null") {
    *out = Value::null();
    return true;
  }
  if (token == "true" || token == "false") {
    *out = Value::boolean(token == "true");
    return true;
  }
  if (token.front() == '"') {
    const char* end = nullptr;
    if (!read_string(token.data() + 1, out, &end)) return false;
    if (end == token.data() + token.size() - 1) return true;
    return fail_at(simdjson::error_message(simdjson::TRAILING_CONTENT), end + 1);
  }
  if (token.front() == '-' || (token.front() >= '0' && token.front() <= '9')) {
    return read_number_token(token, out);
  }
  return fail_at(simdjson::error_message(simdjson::INCORRECT_TYPE), token.data());
}

// Decodes the escape at *cursor (a backslash) and moves the cursor past it. A \u escape of a
// UTF-16 surrogate that is not part of a valid pair becomes U+FFFD, as in Go's encoding/json.
bool SimdReader::read_escape(const char** cursor, std::string* out) {
  const char* p = *cursor;
  static constexpr char kEscapes[] = "\"\\/bfnrt";
  static constexpr char kDecoded[] = "\"\\/\b\f\n\r\t";
  char kind = p[1];
  const char* simple = kind == '\0' ? nullptr : std::strchr(kEscapes, kind);
  if (simple != nullptr) {
    out->push_back(kDecoded[simple - kEscapes]);
    *cursor = p + 2;
    return true;
  }
  if (kind != 'u') return fail_at("invalid escape in string", p);

  int32_t unit = read_hex4(p + 2);
  if (unit < 0) return fail_at("invalid \\u escape in string", p);
  *cursor = p + 6;
  if (is_high_surrogate(unit) && p[6] == '\\' && p[7] == 'u') {
    int32_t low = read_hex4(p + 8);
    if (is_low_surrogate(low)) {
      append_utf8(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), out);
      *cursor = p + 12;
      return true;
    }
  }
  bool surrogate = unit >= 0xD800 && unit <= 0xDFFF;
  append_utf8(surrogate ? 0xFFFD : static_cast<uint32_t>(unit), out);
  return true;
}

// Parses `padded` (the text plus simdjson's padding) with `parser`.
bool parse_padded(od::parser& parser, simdjson::padded_string_view padded, Scratch* scratch,
                  Value* out, std::string* error) {
  std::string_view text(padded.data(), padded.length());
  SimdReader reader(text, scratch, error);
  od::document document;
  if (auto code = parser.iterate(padded).get(document)) {
    return reader.fail_at(simdjson::error_message(code), nullptr);
  }

  // The first stage has rejected empty documents, so the first token is not empty.
  std::string_view token;
  if (auto code = document.raw_json_token().get(token)) return reader.fail(code, document);
  Value result;
  if (token.front() == '[' || token.front() == '{') {
    if (!reader.read(document, 0, &result)) return false;
    // After the array or object, a location inside the text means more content.
    const char* rest = nullptr;
    if (document.current_location().get(rest) == simdjson::SUCCESS) {
      return reader.fail_at(simdjson::error_message(simdjson::TRAILING_CONTENT), rest);
    }
  } else {
    // A scalar's raw token runs to the next structural character, which exists only when
    // more content follows.
    const char* end = token.data() + token.size();
    if (end < text.data() + text.size()) {
      return reader.fail_at(simdjson::error_message(simdjson::TRAILING_CONTENT), end);
    }
    if (!reader.read_root_scalar(trim_trailing_space(token), &result)) return false;
  }
  *out = std::move(result);
  return true;
}

}  // namespace

bool parse_json_simd(std::string_view text, Value* out, std::string* error) {
  std::string ignored;
  if (error == nullptr) error = &ignored;
  error->clear();

  if (text.size() > kMaxReusedDocument) {
    od::parser parser;
    simdjson::padded_string padded(text);
    Scratch scratch;
    return parse_padded(parser, padded, &scratch, out, error);
  }
  thread_local ThreadParser state;
  // Zero padding, as simdjson::padded_string has.
  state.padded.assign(text);
  state.padded.append(simdjson::SIMDJSON_PADDING, '\0');
  simdjson::padded_string_view padded(state.padded.data(), text.size(), state.padded.size());
  bool ok = parse_padded(state.parser, padded, &state.scratch, out, error);
  // After an error the stacks still hold members; drop them now rather than at the next call.
  state.scratch.clear();
  return ok;
}

}  // namespace regoc
