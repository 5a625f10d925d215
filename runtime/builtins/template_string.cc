// internal.template_string(parts): the planned form of a template string $"a {x} b". Literal
// text arrives as strings and each {expr} part as the set of the expression's values, so an
// undefined part is an empty set and prints <undefined>, and a part with several values is a
// conflict.
#include "runtime/builtins/registry.h"
#include "runtime/builtins/term_text.h"

namespace regoc {
namespace {

BuiltinStatus template_string(BuiltinContext& context, std::span<const Value> args,
                              Value& result) {
  if (!args[0].is_array()) return context.type_error("internal.template_string", 1, "array",
                                                     args[0]);
  std::string text;
  for (const Value& part : args[0].array_items()) {
    if (part.is_string()) {
      text += part.as_string();
      continue;
    }
    if (!part.is_set()) {
      text += term_string(part);
      continue;
    }
    if (part.size() == 0) {
      text += "<undefined>";
      continue;
    }
    if (part.size() > 1) {
      return context.fail(codes::kEvalConflict,
                          "template-strings must not produce multiple outputs");
    }
    const Value& value = part.set_items()[0];
    text += value.is_string() ? std::string(value.as_string()) : term_string(value);
  }
  result = Value::string(text);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_template_string_builtins(Registry& registry) {
  registry.add("internal.template_string", template_string);
}

}  // namespace regoc
