// OPA's JSON form of a parsed module (the AST that `rego.parse_module` returns), built from
// regoc's AST as OPA 1.20's encoding/json marshalling writes it with the default options: no
// locations except those of comments.
#pragma once

#include "compiler/ast.h"
#include "runtime/value.h"

namespace regoc {

// Returns the module as OPA's AST JSON: {"package": ..., "imports": [...], "rules": [...],
// "comments": [...]} with each term as {"type": ..., "value": ...}. `module` is the parser's
// output, before any compiler pass.
Value module_to_ast_json(const ast::Module& module);

// Installs the Rego parser into the rego.parse_module builtin. The builtin is part of the
// runtime library, which cannot depend on the compiler library, so the planner installs the
// parser before it plans a call of the builtin. Installing twice is harmless.
void install_module_parser();

}  // namespace regoc
