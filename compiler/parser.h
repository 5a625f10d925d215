// Parsing Rego v1 source into the AST, with OPA's rego_parse_error messages and locations.
#pragma once

#include <string>
#include <string_view>

#include "compiler/ast.h"

namespace regoc {

struct ParseOptions {
  // Parse the METADATA comment blocks into annotations and report invalid ones, as OPA's
  // loader does. OPA's ast.ParseModule, which rego.parse_module calls, does not.
  bool process_annotations = true;
};

// Parses a module. `file_name` appears in locations and errors.
Errors parse_module(const std::string& file_name, std::string_view text, ast::Module* out,
                    const ParseOptions& options = {});

// Parses a query: one or more expressions separated by `;` or newlines.
Errors parse_query(std::string_view text, ast::Body* out);

}  // namespace regoc
