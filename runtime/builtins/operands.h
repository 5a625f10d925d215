// Helpers that every builtin family shares: OPA's operand and builtin error messages, and
// conversions of operands to C++ types. External interface: the functions below.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/builtins/builtin.h"
#include "runtime/number.h"

namespace regoc {

/// Fails with eval_builtin_error and the message "<name>: <message>".
BuiltinStatus builtin_error(BuiltinContext& context, std::string_view name,
                            std::string_view message);

/// Fails with eval_type_error and the message "<name>: operand <operand> <detail>", the form
/// OPA uses for operand errors that are not plain type mismatches.
BuiltinStatus operand_error(BuiltinContext& context, std::string_view name, int operand,
                            std::string_view detail);

/// Fails with OPA's element error: "<name>: operand <operand> must be array of strings but
/// got array containing number" (`element_type` "string", `composite` the array).
BuiltinStatus element_error(BuiltinContext& context, std::string_view name, int operand,
                            const Value& composite, std::string_view element_type,
                            const Value& element);

/// Returns OPA's type name of a value ("number", "set", ...).
std::string_view type_name(const Value& value);

/// Reads an integral number operand that fits in int64 into *out. Otherwise fails with OPA's
/// messages ("must be number but got ...", "must be integer number but got floating-point
/// number") and returns false.
bool int_operand(BuiltinContext& context, std::string_view name, int operand,
                 const Value& value, int64_t* out);

/// Reads an integer operand of any size into *out. Otherwise fails with OPA's messages
/// ("must be integer but got ...", "must be integer number but got floating-point number")
/// and returns false.
bool bigint_operand(BuiltinContext& context, std::string_view name, int operand,
                    const Value& value, mpz_class* out);

/// Returns `part`, a view into the text of the string value `text`, as a string value. When
/// `part` is all of the text, the result shares `text`'s node instead of copying the bytes.
Value string_part(const Value& text, std::string_view part);

}  // namespace regoc
