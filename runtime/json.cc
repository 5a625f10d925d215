// JSON reading with simdjson's On-Demand API and writing in the form of Go's encoding/json.
//
// Numbers are read from their raw token so that big integers and literals such as 1.0 keep
// their exact text. External interface: parse_json and to_json (runtime/json.h).
#include <simdjson.h>

#include <string>

#include "runtime/json.h"
#include "runtime/number.h"

namespace regoc {
namespace {

namespace od = simdjson::ondemand;

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
        std::string_view s;
        if (auto code = source.get_string().get(s)) return fail(code, source);
        *out = Value::string(s);
        return true;
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
      std::string_view key;
      if (auto code = field.unescaped_key().get(key)) return fail(code, source);
      Value key_value = Value::string(key);
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

    // Number::parse also accepts Rego's ".5"; JSON requires a digit or '-' first.
    std::optional<Number> number;
    if (!token.empty() && token[0] != '.') number = Number::parse(token);
    if (!number) return fail_at("invalid number " + std::string(token), token.data());
    *out = Value::number(*number);
    return true;
  }

  std::string_view text_;
  std::string* error_;
  int depth_ = 0;
};

}  // namespace

bool parse_json(std::string_view text, Value* out, std::string* error) {
  std::string ignored;
  if (error == nullptr) error = &ignored;
  error->clear();

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

  // A scalar document's raw token runs to the next token, so it must reach the end of the
  // input. After an array or object, a location inside the input means more content.
  const char* rest = nullptr;
  if (!composite) {
    std::string_view token;
    if (auto code = document.raw_json_token().get(token)) return reader.fail(code, document);
    const char* end = token.data() + token.size();
    if (end < padded.data() + padded.size()) rest = end;
  }

  Value result;
  if (!reader.read(document, &result)) return false;
  if (composite && document.current_location().get(rest) != simdjson::SUCCESS) rest = nullptr;
  if (rest != nullptr) {
    return reader.fail_at(simdjson::error_message(simdjson::TRAILING_CONTENT), rest);
  }
  *out = std::move(result);
  return true;
}

}  // namespace regoc
