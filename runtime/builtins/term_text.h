// Text forms of values that OPA builtins print: Go's quoted strings (strconv.Quote) and Rego
// term syntax, which sprintf's %v and print use for composite values.
#pragma once

#include <string>
#include <string_view>

#include "runtime/value.h"

namespace regoc {

/// Appends `text` as Go's strconv.Quote writes it: double-quoted, printable Unicode kept,
/// \a \b \f \n \r \t \v \\ \" escaped, other control characters as \x.., \u.... or
/// \U........, and each invalid UTF-8 byte as \x...
void append_go_quoted(std::string* out, std::string_view text);
std::string go_quoted(std::string_view text);

/// Returns a value in Rego syntax, as OPA's term String() writes it: strings quoted,
/// `[1, "a"]`, `{"k": 1}`, `{1, 2}` and `set()` for the empty set. Numbers keep their
/// literal text.
std::string term_string(const Value& value);

}  // namespace regoc
