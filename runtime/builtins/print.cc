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
  context.print(line);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_print_builtins(Registry& registry) { registry.add("print", print); }

}  // namespace regoc
