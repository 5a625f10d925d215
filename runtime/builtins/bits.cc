// Bitwise builtins on integers of any size, in two's complement as Go's big.Int computes
// them: bits.and, bits.or, bits.xor, bits.negate, bits.lsh and bits.rsh (arithmetic shift).
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

enum class BitOperation : uint8_t { And, Or, Xor };

BuiltinStatus bitwise(BuiltinContext& context, std::string_view name,
                      std::span<const Value> args, BitOperation operation, Value& result) {
  mpz_class a;
  mpz_class b;
  if (!bigint_operand(context, name, 1, args[0], &a) ||
      !bigint_operand(context, name, 2, args[1], &b)) {
    return BuiltinStatus::Error;
  }
  mpz_class out;
  switch (operation) {
    case BitOperation::And: out = a & b; break;
    case BitOperation::Or: out = a | b; break;
    case BitOperation::Xor: out = a ^ b; break;
  }
  result = Value::number(Number::from_bigint(out));
  return BuiltinStatus::Ok;
}

BuiltinStatus bits_and(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return bitwise(context, "bits.and", args, BitOperation::And, result);
}

BuiltinStatus bits_or(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return bitwise(context, "bits.or", args, BitOperation::Or, result);
}

BuiltinStatus bits_xor(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return bitwise(context, "bits.xor", args, BitOperation::Xor, result);
}

BuiltinStatus bits_negate(BuiltinContext& context, std::span<const Value> args,
                          Value& result) {
  mpz_class a;
  if (!bigint_operand(context, "bits.negate", 1, args[0], &a)) return BuiltinStatus::Error;
  mpz_class out = ~a;
  result = Value::number(Number::from_bigint(out));
  return BuiltinStatus::Ok;
}

// Shifts left (or right when `left` is false) by a non-negative int64 amount.
BuiltinStatus shift(BuiltinContext& context, std::string_view name,
                    std::span<const Value> args, bool left, Value& result) {
  mpz_class a;
  int64_t amount = 0;
  if (!bigint_operand(context, name, 1, args[0], &a) ||
      !int_operand(context, name, 2, args[1], &amount)) {
    return BuiltinStatus::Error;
  }
  if (amount < 0) {
    return operand_error(context, name, 2,
                         "must be an unsigned integer number but got a negative integer");
  }
  mpz_class out;
  auto bits = static_cast<mp_bitcnt_t>(amount);
  if (left) {
    mpz_mul_2exp(out.get_mpz_t(), a.get_mpz_t(), bits);
  } else {
    mpz_fdiv_q_2exp(out.get_mpz_t(), a.get_mpz_t(), bits);
  }
  result = Value::number(Number::from_bigint(out));
  return BuiltinStatus::Ok;
}

BuiltinStatus bits_lsh(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return shift(context, "bits.lsh", args, true, result);
}

BuiltinStatus bits_rsh(BuiltinContext& context, std::span<const Value> args, Value& result) {
  return shift(context, "bits.rsh", args, false, result);
}

}  // namespace

void register_bits_builtins(Registry& registry) {
  registry.add("bits.and", bits_and);
  registry.add("bits.or", bits_or);
  registry.add("bits.xor", bits_xor);
  registry.add("bits.negate", bits_negate);
  registry.add("bits.lsh", bits_lsh);
  registry.add("bits.rsh", bits_rsh);
}

}  // namespace regoc
