// json.marshal_with_options(value, options): JSON text with Go's json.MarshalIndent layout when
// the options ask for it. Options: "pretty" (boolean; true alone indents with a tab),
// "indent" (string per level) and "prefix" (string at the start of every line but the first).
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/json.h"

namespace regoc {
namespace {

void new_line(std::string* out, std::string_view prefix, std::string_view indent, int depth) {
  out->push_back('\n');
  *out += prefix;
  for (int i = 0; i < depth; ++i) *out += indent;
}

// Re-lays compact JSON out as Go's json.Indent does: one member or item per line, a space
// after each colon, and empty objects and arrays kept as {} and [].
std::string indent_json(std::string_view compact, std::string_view prefix,
                        std::string_view indent) {
  std::string out;
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < compact.size(); ++i) {
    char c = compact[i];
    out.push_back(c);
    if (in_string) {
      if (c == '\\') {
        out.push_back(compact[++i]);
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"': in_string = true; break;
      case ':': out.push_back(' '); break;
      case ',': new_line(&out, prefix, indent, depth); break;
      case '{':
      case '[':
        if (i + 1 < compact.size() && (compact[i + 1] == '}' || compact[i + 1] == ']')) {
          out.push_back(compact[++i]);
          break;
        }
        new_line(&out, prefix, indent, ++depth);
        break;
      case '}':
      case ']':
        out.pop_back();
        new_line(&out, prefix, indent, --depth);
        out.push_back(c);
        break;
      default: break;
    }
  }
  return out;
}

BuiltinStatus marshal_with_options(BuiltinContext& context, std::span<const Value> args,
                                   Value& result) {
  constexpr std::string_view kName = "json.marshal_with_options";
  const Value& options = args[1];
  if (!options.is_object()) return context.type_error(kName, 2, "object", options);
  std::string prefix, indent = "\t";
  bool pretty = false, pretty_given = false, layout_given = false;
  for (const auto& [key, value] : options.object_entries()) {
    std::string_view name = key.is_string() ? key.as_string() : "";
    if (name == "pretty" && value.is_boolean()) {
      pretty = value.as_bool();
      pretty_given = true;
    } else if ((name == "indent" || name == "prefix") && value.is_string()) {
      (name == "indent" ? indent : prefix) = std::string(value.as_string());
      layout_given = true;
    } else if (name == "pretty" || name == "indent" || name == "prefix") {
      return operand_error(context, kName, 2,
                           "must have a " + std::string(name == "pretty" ? "boolean" : "string") +
                               " value for key \"" + std::string(name) + "\"");
    } else {
      return operand_error(context, kName, 2, "has unknown key \"" + std::string(name) + "\"");
    }
  }
  std::string compact = to_json(args[0]);
  bool indented = pretty_given ? pretty : layout_given;
  result = Value::string(indented ? indent_json(compact, prefix, indent) : compact);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_json_marshal_options_builtins(Registry& registry) {
  registry.add("json.marshal_with_options", marshal_with_options);
}

}  // namespace regoc
