// YAML builtins: yaml.marshal, yaml.unmarshal and yaml.is_valid. yaml.marshal writes block
// style as Go's sigs.k8s.io/yaml does, with mapping keys sorted and sequences inside mappings
// not indented. It quotes a string only when a plain scalar would read as something else.
// yaml.is_valid requires every document of a multi-document stream to parse.
#include <yaml-cpp/yaml.h>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/json.h"
#include "runtime/number.h"

namespace regoc {
namespace {

// True when a YAML 1.1 reader would take the plain scalar as a null, boolean or number.
bool reads_as_other_type(std::string_view text) {
  static constexpr std::string_view kWords[] = {
      "~",   "null", "Null", "NULL", "y",    "Y",     "yes",   "Yes",   "YES",  "n",   "N",  "no",
      "No",  "NO",   "true", "True", "TRUE", "false", "False", "FALSE", "on",   "On",  "ON", "off",
      "Off", "OFF",  ".inf", ".Inf", ".INF", "-.inf", "+.inf", ".nan",  ".NaN", ".NAN"};
  for (std::string_view word : kWords) {
    if (text == word) return true;
  }
  size_t at = text[0] == '+' || text[0] == '-' ? 1 : 0;
  if (at < text.size() && text[at] == '.') ++at;
  return at < text.size() && text[at] >= '0' && text[at] <= '9';
}

bool needs_quotes(std::string_view text) {
  if (text.empty() || reads_as_other_type(text)) return true;
  static constexpr std::string_view kIndicators = "-?:,[]{}#&*!|>'\"%@` \t";
  if (kIndicators.find(text[0]) != std::string_view::npos) return true;
  if (text.back() == ' ' || text.back() == ':') return true;
  if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos) {
    return true;
  }
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          static constexpr char kHex[] = "0123456789ABCDEF";
          out += "\\x";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xf]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out + "\"";
}

std::string scalar(const Value& value) {
  switch (value.kind()) {
    case Kind::Null: return "null";
    case Kind::Boolean: return value.as_bool() ? "true" : "false";
    case Kind::Number: return value.as_number().to_string();
    case Kind::String: {
      std::string_view text = value.as_string();
      return needs_quotes(text) ? quoted(text) : std::string(text);
    }
    case Kind::Array:
    case Kind::Set: return "[]";
    case Kind::Object: return "{}";
    default: return "";
  }
}

std::span<const Value> sequence_items(const Value& value) {
  return value.is_set() ? value.set_items() : value.array_items();
}

bool is_block(const Value& value) {
  return (value.is_object() || value.is_array() || value.is_set()) && value.size() > 0;
}

void append_block(const Value& value, size_t indent, std::string* out);

// Appends a block node as a sequence item: "- " then the node, its first line beside the dash.
void append_item(const Value& item, size_t indent, std::string* out) {
  out->append(indent, ' ');
  out->append("- ");
  if (!is_block(item)) {
    *out += scalar(item) + "\n";
    return;
  }
  std::string nested;
  append_block(item, indent + 2, &nested);
  *out += nested.substr(indent + 2);
}

void append_block(const Value& value, size_t indent, std::string* out) {
  if (value.is_object()) {
    for (const Value::Entry& entry : value.object_entries()) {
      out->append(indent, ' ');
      *out += scalar(entry.first) + ":";
      if (entry.second.is_object() && is_block(entry.second)) {
        *out += "\n";
        append_block(entry.second, indent + 2, out);
      } else if (is_block(entry.second)) {
        *out += "\n";
        append_block(entry.second, indent, out);
      } else {
        *out += " " + scalar(entry.second) + "\n";
      }
    }
    return;
  }
  for (const Value& item : sequence_items(value)) append_item(item, indent, out);
}

BuiltinStatus marshal(BuiltinContext&, std::span<const Value> args, Value& result) {
  std::string text;
  if (is_block(args[0])) {
    append_block(args[0], 0, &text);
  } else {
    text = scalar(args[0]) + "\n";
  }
  result = Value::string(text);
  return BuiltinStatus::Ok;
}

BuiltinStatus unmarshal(BuiltinContext& context, std::span<const Value> args, Value& result) {
  constexpr std::string_view kName = "yaml.unmarshal";
  if (!args[0].is_string()) return context.type_error(kName, 1, "string", args[0]);
  std::string error;
  if (!parse_yaml(args[0].as_string(), &result, &error)) {
    return builtin_error(context, kName, error);
  }
  return BuiltinStatus::Ok;
}

// True when a content line of a document is indented less than the document's first content
// line. Go's YAML parser rejects such documents ("  a: 1\nb: 2"); yaml-cpp accepts them.
// NOTE: a dedented continuation line of a multi-line quoted scalar is flagged too.
bool has_dedented_line(std::string_view text) {
  size_t root_indent = std::string_view::npos;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    size_t indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos || line[indent] == '#') continue;
    if (line.starts_with("---") || line.starts_with("...")) {
      root_indent = std::string_view::npos;
      continue;
    }
    if (root_indent == std::string_view::npos) {
      root_indent = indent;
    } else if (indent < root_indent) {
      return true;
    }
  }
  return false;
}

BuiltinStatus is_valid(BuiltinContext&, std::span<const Value> args, Value& result) {
  bool valid = false;
  if (args[0].is_string() && !has_dedented_line(args[0].as_string())) {
    try {
      YAML::LoadAll(std::string(args[0].as_string()));
      valid = true;
    } catch (const YAML::Exception&) {
      valid = false;
    }
  }
  result = Value::boolean(valid);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_yaml_builtins(Registry& registry) {
  registry.add("yaml.marshal", marshal);
  registry.add("yaml.unmarshal", unmarshal);
  registry.add("yaml.is_valid", is_valid);
}

}  // namespace regoc
