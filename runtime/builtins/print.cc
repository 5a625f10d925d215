// print(x, ...): writes its operands, separated by spaces, as one line to the context's
// print sink. Strings print raw, other values in Rego syntax, undefined values as
// <undefined>. Without a sink the call does nothing. It always succeeds, with result true.
#include "runtime/builtins/registry.h"
#include "runtime/builtins/term_text.h"

namespace regoc {
namespace {

BuiltinStatus print(BuiltinContext& context, std::span<const Value> args, Value& result) {
  result = Value::boolean(true);
  if (!context.print) return BuiltinStatus::Ok;

  std::string line;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) line += ' ';
    if (args[i].is_string()) {
      line += args[i].as_string();
    } else {
      line += term_string(args[i]);  // writes <undefined> for an undefined value
    }
  }
  (*context.print)(line);
  return BuiltinStatus::Ok;
}

// internal.print([s1, s2, ...]): the planned form of print(a, b, ...). Each operand arrives
// as the set of its values, so an undefined operand is an empty set and prints <undefined>.
BuiltinStatus internal_print(BuiltinContext& context, std::span<const Value> args,
                             Value& result) {
  result = Value::boolean(true);
  if (!context.print || args.empty() || !args[0].is_array()) return BuiltinStatus::Ok;
  std::string line;
  for (const Value& operand : args[0].array_items()) {
    if (!line.empty()) line += ' ';
    if (!operand.is_set() || operand.size() == 0) {
      line += "<undefined>";
      continue;
    }
    bool first = true;
    for (const Value& value : operand.set_items()) {
      if (!first) line += ' ';
      first = false;
      line += value.is_string() ? std::string(value.as_string()) : term_string(value);
    }
  }
  (*context.print)(line);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_print_builtins(Registry& registry) {
  registry.add("print", print);
  registry.add("internal.print", internal_print);
}

}  // namespace regoc
