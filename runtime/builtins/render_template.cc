// strings.render_template(template, vars): renders a Go text/template with the object `vars`
// as its data, as OPA does. OPA hands the template the object decoded from its Rego text as
// JSON, so numbers arrive as json.Number strings, and sets and non-string keys (whose Rego
// text is not JSON) fail. External interface: register_render_template_builtins.
#include "runtime/builtins/render_template.h"

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/term_text.h"
#include "runtime/builtins/utf8.h"
#include "runtime/number.h"

namespace regoc {
namespace {

using go_template::GoValue;

// The first character of a value's Rego text, which Go's JSON decoder reports on.
std::string first_character(const Value& value) {
  if (value.is_set() && value.size() == 0) return "s";
  std::string text = term_string(value);
  return text.substr(0, 1);
}

// Checks a string as Go's strconv.Quote writes it into the Rego text and the JSON decoder
// reads it back: the escapes \a, \v, \x.. and \U........ are not JSON. Returns the JSON
// decoder's error, or "" when the string survives.
std::string string_error(std::string_view text) {
  size_t position = 0;
  while (position < text.size()) {
    size_t start = position;
    char32_t code_point = decode_code_point(text, &position);
    if (code_point == 0x07) return "invalid character 'a' in string escape code";
    if (code_point == 0x0b) return "invalid character 'v' in string escape code";
    bool invalid_byte = code_point == kReplacementCharacter && position - start == 1 &&
                        static_cast<unsigned char>(text[start]) >= 0x80;
    bool other_control = code_point < 0x20 && code_point != '\b' && code_point != '\f' &&
                         code_point != '\n' && code_point != '\r' && code_point != '\t';
    if (invalid_byte || other_control || code_point == 0x7f) {
      return "invalid character 'x' in string escape code";
    }
    if (code_point >= 0x10000 && !is_graphic_code_point(code_point)) {
      return "invalid character 'U' in string escape code";
    }
  }
  return "";
}

// Converts a value inside the data object; fails with the JSON decoder's message on the first
// part (in Rego text order) that the decoder rejects.
bool convert(const Value& value, GoValue* out, std::string* error) {
  switch (value.kind()) {
    case Kind::Null: *out = GoValue::nil(); break;
    case Kind::Boolean: *out = GoValue::of_bool(value.as_bool()); break;
    case Kind::Number: *out = GoValue::of_number(value.as_number().to_string()); break;
    case Kind::String: {
      *error = string_error(value.as_string());
      if (!error->empty()) return false;
      *out = GoValue::of_string(std::string(value.as_string()));
      break;
    }
    case Kind::Array: {
      std::vector<GoValue> items;
      for (const Value& item : value.array_items()) {
        GoValue converted;
        if (!convert(item, &converted, error)) return false;
        items.push_back(std::move(converted));
      }
      *out = GoValue::of_slice(std::move(items));
      break;
    }
    case Kind::Object: {
      std::map<std::string, GoValue> entries;
      for (const Value::Entry& entry : value.object_entries()) {
        if (!entry.first.is_string()) {
          *error = "invalid character '" + first_character(entry.first) +
                   "' looking for beginning of object key string";
          return false;
        }
        *error = string_error(entry.first.as_string());
        if (!error->empty()) return false;
        GoValue converted;
        if (!convert(entry.second, &converted, error)) return false;
        entries[std::string(entry.first.as_string())] = std::move(converted);
      }
      *out = GoValue::of_map(std::move(entries));
      break;
    }
    case Kind::Set: {
      // A set's Rego text, "set()" or "{a, b}", reads as a broken JSON value or object.
      if (value.size() == 0) {
        *error = "invalid character 's' looking for beginning of value";
        return false;
      }
      const Value& first = value.set_items()[0];
      if (!first.is_string()) {
        *error = "invalid character '" + first_character(first) +
                 "' looking for beginning of object key string";
        return false;
      }
      *error = string_error(first.as_string());
      if (error->empty()) {
        *error = std::string("invalid character '") + (value.size() > 1 ? "," : "}") +
                 "' after object key";
      }
      return false;
    }
    case Kind::Undefined: *out = GoValue::nil(); break;
  }
  out->boxed = true;
  return true;
}

BuiltinStatus render_template(BuiltinContext& context, std::span<const Value> args,
                              Value& result) {
  constexpr std::string_view kName = "strings.render_template";
  if (!args[0].is_string()) return context.type_error(kName, 1, "string", args[0]);
  if (!args[1].is_object()) return context.type_error(kName, 2, "object", args[1]);

  GoValue data;
  std::string error;
  if (!convert(args[1], &data, &error)) return builtin_error(context, kName, error);
  data.boxed = false;

  go_template::TemplateSet templates;
  if (!go_template::parse_template(args[0].as_string(), &templates, &error)) {
    return builtin_error(context, kName, error);
  }
  std::string out;
  if (!go_template::execute_template(templates, data, &out, &error)) {
    return builtin_error(context, kName, error);
  }
  result = Value::string(out);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_render_template_builtins(Registry& registry) {
  registry.add("strings.render_template", render_template);
}

}  // namespace regoc
