// URL query builtins: urlquery.encode, urlquery.decode, urlquery.encode_object and
// urlquery.decode_object, with the escaping rules and messages of Go's net/url package.
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/term_text.h"

namespace regoc {
namespace {

// Go's url.QueryEscape: letters, digits and "-_.~" stay, a space becomes "+", and every
// other byte becomes %XX.
std::string query_escape(std::string_view text) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    bool alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    bool unreserved = alphanumeric || c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kDigits[static_cast<uint8_t>(c) >> 4];
      out += kDigits[static_cast<uint8_t>(c) & 0xF];
    }
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Go's url.QueryUnescape: "+" is a space and %XX a byte. A bad escape fails with Go's
// message, which quotes at most three characters from the "%".
bool query_unescape(std::string_view text, std::string* out, std::string* error) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      *out += ' ';
    } else if (c != '%') {
      *out += c;
    } else if (i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      *out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      *error = "invalid URL escape " + go_quoted(text.substr(i, 3));
      return false;
    }
  }
  return true;
}

BuiltinStatus encode(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[0].is_string()) return context.type_error("urlquery.encode", 1, "string", args[0]);
  result = Value::string(query_escape(args[0].as_string()));
  return BuiltinStatus::Ok;
}

BuiltinStatus decode(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[0].is_string()) return context.type_error("urlquery.decode", 1, "string", args[0]);
  std::string out;
  std::string error;
  if (!query_unescape(args[0].as_string(), &out, &error)) {
    return builtin_error(context, "urlquery.decode", error);
  }
  result = Value::string(out);
  return BuiltinStatus::Ok;
}

// urlquery.encode_object: "key=value" pairs sorted by key and joined by "&". A value is a
// string or an array or set of strings, one pair per string.
BuiltinStatus encode_object(BuiltinContext& context, std::span<const Value> args,
                            Value& result) {
  constexpr std::string_view kName = "urlquery.encode_object";
  if (!args[0].is_object()) return context.type_error(kName, 1, "object", args[0]);
  std::string out;
  for (const Value::Entry& entry : args[0].object_entries()) {
    // NOTE: OPA converts keys to JSON strings first; regoc requires string keys.
    if (!entry.first.is_string()) return context.type_error(kName, 1, "object", args[0]);
    std::span<const Value> values;
    if (entry.second.is_string()) {
      values = std::span<const Value>(&entry.second, 1);
    } else if (entry.second.is_array()) {
      values = entry.second.array_items();
    } else if (entry.second.is_set()) {
      values = entry.second.set_items();
    } else {
      return operand_error(context, kName, 1,
                           "values must be string, array[string], or set[string]");
    }
    for (const Value& value : values) {
      if (!value.is_string()) {
        return operand_error(context, kName, 1,
                             "values must be string, array[string], or set[string]");
      }
      if (!out.empty()) out += '&';
      out += query_escape(entry.first.as_string()) + "=" + query_escape(value.as_string());
    }
  }
  result = Value::string(out);
  return BuiltinStatus::Ok;
}

// urlquery.decode_object: an object from each key to the array of its values, as Go's
// url.ParseQuery reads a query. A ";" separator or a bad escape fails.
BuiltinStatus decode_object(BuiltinContext& context, std::span<const Value> args,
                            Value& result) {
  constexpr std::string_view kName = "urlquery.decode_object";
  if (!args[0].is_string()) return context.type_error(kName, 1, "string", args[0]);
  std::string_view query = args[0].as_string();
  Value object = Value::object();
  std::string first_error;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.find(';') != std::string_view::npos) {
      if (first_error.empty()) first_error = "invalid semicolon separator in query";
      continue;
    }
    if (pair.empty()) continue;
    size_t equals = pair.find('=');
    std::string key;
    std::string value;
    std::string error;
    if (!query_unescape(pair.substr(0, equals), &key, &error) ||
        (equals != std::string_view::npos &&
         !query_unescape(pair.substr(equals + 1), &value, &error))) {
      if (first_error.empty()) first_error = error;
      continue;
    }
    const Value* existing = object.find(key);
    Value values = existing != nullptr ? *existing : Value::array();
    values.array_append(Value::string(value));
    object.object_insert(Value::string(key), std::move(values));
  }
  if (!first_error.empty()) return builtin_error(context, kName, first_error);
  result = std::move(object);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_urlquery_builtins(Registry& registry) {
  registry.add("urlquery.encode", encode);
  registry.add("urlquery.decode", decode);
  registry.add("urlquery.encode_object", encode_object);
  registry.add("urlquery.decode_object", decode_object);
}

}  // namespace regoc
