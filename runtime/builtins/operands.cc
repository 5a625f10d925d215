// OPA's builtin error messages and the operand conversions that builtin families share.
#include "runtime/builtins/operands.h"

#include <chrono>
#include <string>

namespace regoc {

int64_t BuiltinContext::now() {
  if (now_ns == 0) {
    now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  }
  return now_ns;
}

BuiltinStatus BuiltinContext::fail(std::string code, std::string message) {
  error = Error{};
  error.code = std::move(code);
  error.message = std::move(message);
  return BuiltinStatus::Error;
}

BuiltinStatus BuiltinContext::type_error(std::string_view name, int operand,
                                         std::string_view expected, const Value& actual) {
  std::string detail = "must be ";
  detail += expected;
  detail += " but got ";
  detail += type_name(actual);
  return operand_error(*this, name, operand, detail);
}

BuiltinStatus builtin_error(BuiltinContext& context, std::string_view name,
                            std::string_view message) {
  std::string text(name);
  text += ": ";
  text += message;
  return context.fail(codes::kEvalBuiltin, std::move(text));
}

BuiltinStatus operand_error(BuiltinContext& context, std::string_view name, int operand,
                            std::string_view detail) {
  std::string text(name);
  text += ": operand " + std::to_string(operand) + " ";
  text += detail;
  return context.fail(codes::kEvalType, std::move(text));
}

BuiltinStatus element_error(BuiltinContext& context, std::string_view name, int operand,
                            const Value& composite, std::string_view element_type,
                            const Value& element) {
  std::string composite_type(type_name(composite));
  std::string detail = "must be " + composite_type + " of " + std::string(element_type) +
                       "s but got " + composite_type + " containing " +
                       std::string(type_name(element));
  return operand_error(context, name, operand, detail);
}

std::string_view type_name(const Value& value) { return kind_name(value.kind()); }

bool int_operand(BuiltinContext& context, std::string_view name, int operand,
                 const Value& value, int64_t* out) {
  if (!value.is_number()) {
    context.type_error(name, operand, "number", value);
    return false;
  }
  if (value.as_int64(out)) return true;

  Number number = value.as_number();
  if (number.fits_int64()) {
    *out = number.to_int64();
    return true;
  }
  operand_error(context, name, operand, "must be integer number but got floating-point number");
  return false;
}

bool bigint_operand(BuiltinContext& context, std::string_view name, int operand,
                    const Value& value, mpz_class* out) {
  if (!value.is_number()) {
    context.type_error(name, operand, "integer", value);
    return false;
  }
  std::optional<mpz_class> integer = value.as_number().to_bigint();
  if (!integer) {
    operand_error(context, name, operand, "must be integer number but got floating-point number");
    return false;
  }
  *out = *integer;
  return true;
}

Value string_part(const Value& text, std::string_view part) {
  std::string_view whole = text.as_string();
  if (part.data() == whole.data() && part.size() == whole.size()) return text;
  return Value::string(part);
}

}  // namespace regoc
