// Arithmetic builtins: plus, minus (also set difference), mul, div, rem, abs, round, ceil,
// floor, numbers.range and numbers.range_step. Integers stay exact at any size; see Number.
#include <cstdint>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

using BinaryOperation = Number (Number::*)(const Number&) const;
using CheckedOperation = std::optional<Number> (Number::*)(const Number&, std::string*) const;
using UnaryOperation = Number (Number::*)() const;

// Reads two number operands; fills the context's error when either is not a number.
bool number_operands(BuiltinContext& context, std::string_view name,
                     std::span<const Value> args) {
  if (!args[0].is_number()) {
    context.type_error(name, 1, "number", args[0]);
    return false;
  }
  if (!args[1].is_number()) {
    context.type_error(name, 2, "number", args[1]);
    return false;
  }
  return true;
}

// The shortcuts below apply an operation to two integers that fit in int64, the common case,
// without building Number objects. Each returns false, leaving *result alone, where Number's
// operation must decide. Their results equal Number's, because Number computes in int64
// too whenever both operands fit.

// Adds two integers when the sum fits in int64.
bool add_small(const Value& a, const Value& b, Value* result) {
  int64_t x = 0;
  int64_t y = 0;
  if (!a.as_int64(&x) || !b.as_int64(&y)) return false;
  int64_t sum = 0;
  if (__builtin_add_overflow(x, y, &sum)) return false;
  *result = Value::integer(sum);
  return true;
}

bool subtract_small(const Value& a, const Value& b, Value* result) {
  int64_t x = 0;
  int64_t y = 0;
  if (!a.as_int64(&x) || !b.as_int64(&y)) return false;
  int64_t difference = 0;
  if (__builtin_sub_overflow(x, y, &difference)) return false;
  *result = Value::integer(difference);
  return true;
}

bool multiply_small(const Value& a, const Value& b, Value* result) {
  int64_t x = 0;
  int64_t y = 0;
  if (!a.as_int64(&x) || !b.as_int64(&y)) return false;
  int64_t product = 0;
  if (__builtin_mul_overflow(x, y, &product)) return false;
  *result = Value::integer(product);
  return true;
}

// Divides when the quotient is an exact integer. Zero divisors (an error), zero dividends
// (0 / -5 is -0 in OPA) and inexact quotients take Number's path.
bool divide_small(const Value& a, const Value& b, Value* result) {
  int64_t x = 0;
  int64_t y = 0;
  if (!a.as_int64(&x) || !b.as_int64(&y)) return false;
  if (x == 0 || y == 0 || (x == INT64_MIN && y == -1) || x % y != 0) return false;
  *result = Value::integer(x / y);
  return true;
}

// Takes the remainder of integers. A zero divisor (an error) takes Number's path.
bool remainder_small(const Value& a, const Value& b, Value* result) {
  int64_t x = 0;
  int64_t y = 0;
  if (!a.as_int64(&x) || !b.as_int64(&y) || y == 0) return false;
  *result = Value::integer(y == -1 ? 0 : x % y);  // INT64_MIN % -1 traps in C++
  return true;
}

BuiltinStatus plus(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!number_operands(context, "plus", args)) return BuiltinStatus::Error;
  if (add_small(args[0], args[1], &result)) return BuiltinStatus::Ok;
  result = Value::number(args[0].as_number().add(args[1].as_number()));
  return BuiltinStatus::Ok;
}

BuiltinStatus set_difference(const Value& a, const Value& b, Value& result) {
  std::vector<Value> items;
  for (const Value& item : a.set_items()) {
    if (b.find(item) == nullptr) items.push_back(item);
  }
  result = Value::set(std::move(items));
  return BuiltinStatus::Ok;
}

BuiltinStatus minus(BuiltinContext& context, std::span<const Value> args, Value& result) {
  const Value& a = args[0];
  const Value& b = args[1];
  if (a.is_number() && b.is_number()) {
    if (subtract_small(a, b, &result)) return BuiltinStatus::Ok;
    result = Value::number(a.as_number().subtract(b.as_number()));
    return BuiltinStatus::Ok;
  }
  if (a.is_set() && b.is_set()) return set_difference(a, b, result);

  // OPA names the type that the first operand calls for in the second operand's error.
  if (!a.is_number() && !a.is_set()) {
    return context.type_error("minus", 1, "one of {number, set}", a);
  }
  return context.type_error("minus", 2, a.is_number() ? "number" : "set", b);
}

template <BinaryOperation Operation>
BuiltinStatus binary_number_builtin(BuiltinContext& context, std::string_view name,
                                    std::span<const Value> args, Value& result) {
  if (!number_operands(context, name, args)) return BuiltinStatus::Error;
  result = Value::number((args[0].as_number().*Operation)(args[1].as_number()));
  return BuiltinStatus::Ok;
}

BuiltinStatus mul(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (multiply_small(args[0], args[1], &result)) return BuiltinStatus::Ok;
  return binary_number_builtin<&Number::multiply>(context, "mul", args, result);
}

template <CheckedOperation Operation>
BuiltinStatus checked_number_builtin(BuiltinContext& context, std::string_view name,
                                     std::span<const Value> args, Value& result) {
  if (!number_operands(context, name, args)) return BuiltinStatus::Error;
  std::string message;
  std::optional<Number> value = (args[0].as_number().*Operation)(args[1].as_number(), &message);
  if (!value) return builtin_error(context, name, message);
  result = Value::number(*value);
  return BuiltinStatus::Ok;
}

BuiltinStatus div(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (divide_small(args[0], args[1], &result)) return BuiltinStatus::Ok;
  return checked_number_builtin<&Number::divide>(context, "div", args, result);
}

BuiltinStatus rem(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (remainder_small(args[0], args[1], &result)) return BuiltinStatus::Ok;
  return checked_number_builtin<&Number::remainder>(context, "rem", args, result);
}

template <UnaryOperation Operation>
BuiltinStatus unary_number_builtin(BuiltinContext& context, std::string_view name,
                                   std::span<const Value> args, Value& result) {
  if (!args[0].is_number()) return context.type_error(name, 1, "number", args[0]);
  result = Value::number((args[0].as_number().*Operation)());
  return BuiltinStatus::Ok;
}

BuiltinStatus abs(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return unary_number_builtin<&Number::abs>(context, "abs", args, result);
}

BuiltinStatus round(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return unary_number_builtin<&Number::round>(context, "round", args, result);
}

BuiltinStatus ceil(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return unary_number_builtin<&Number::ceil>(context, "ceil", args, result);
}

BuiltinStatus floor(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return unary_number_builtin<&Number::floor>(context, "floor", args, result);
}

// Returns the integers from `first` to `last` inclusive, `step` apart, counting down when
// first > last.
// NOTE: OPA stops a huge range when the query is cancelled; regoc has no cancellation here,
// so a huge range runs until memory runs out.
Value integer_range(const mpz_class& first, const mpz_class& last, const mpz_class& step) {
  std::vector<Value> items;
  bool descending = first > last;
  for (mpz_class i = first; descending ? i >= last : i <= last;) {
    if (i.fits_slong_p()) {
      items.push_back(Value::integer(i.get_si()));
    } else {
      items.push_back(Value::number(Number::from_bigint(i)));
    }
    if (descending) {
      i -= step;
    } else {
      i += step;
    }
  }
  return Value::array(std::move(items));
}

BuiltinStatus numbers_range(BuiltinContext& context, std::span<const Value> args,
                            Value& result) {
  mpz_class first;
  mpz_class last;
  if (!bigint_operand(context, "numbers.range", 1, args[0], &first) ||
      !bigint_operand(context, "numbers.range", 2, args[1], &last)) {
    return BuiltinStatus::Error;
  }
  result = integer_range(first, last, 1);
  return BuiltinStatus::Ok;
}

BuiltinStatus numbers_range_step(BuiltinContext& context, std::span<const Value> args,
                                 Value& result) {
  constexpr std::string_view kName = "numbers.range_step";
  mpz_class first;
  mpz_class last;
  mpz_class step;
  if (!bigint_operand(context, kName, 1, args[0], &first) ||
      !bigint_operand(context, kName, 2, args[1], &last) ||
      !bigint_operand(context, kName, 3, args[2], &step)) {
    return BuiltinStatus::Error;
  }
  // OPA repeats the builtin's name inside this message.
  if (step <= 0) {
    return builtin_error(context, kName, "numbers.range_step: step must be a positive integer");
  }
  result = integer_range(first, last, step);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_number_builtins(Registry& registry) {
  registry.add("plus", plus);
  registry.add("minus", minus);
  registry.add("mul", mul);
  registry.add("div", div);
  registry.add("rem", rem);
  registry.add("abs", abs);
  registry.add("round", round);
  registry.add("ceil", ceil);
  registry.add("floor", floor);
  registry.add("numbers.range", numbers_range);
  registry.add("numbers.range_step", numbers_range_step);
}

}  // namespace regoc
