// rego.parse_module(filename, text): OPA's AST JSON of a Rego module. The parser lives in the
// compiler library, which depends on this runtime library, so the compiler installs a parser
// function here (compiler/ast_json.h, install_module_parser) before it plans a call of the
// builtin. Until then the builtin fails with an error.
#pragma once

#include <string>
#include <string_view>

#include "runtime/builtins/registry.h"
#include "runtime/value.h"

namespace regoc {

// Parses `text` as a module of file `file_name`. Returns true with OPA's AST JSON in *out, or
// false with the text of OPA's parse errors in *error ("1 error occurred: ...").
using ModuleParser = bool (*)(std::string_view file_name, std::string_view text, Value* out,
                              std::string* error);

// Sets the parser that rego.parse_module calls; safe to call from any thread.
void set_module_parser(ModuleParser parser);

void register_rego_module_builtins(Registry& registry);

}  // namespace regoc
