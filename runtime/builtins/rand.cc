// rand.intn(key, n): a random integer in [0, |n|), the same for the same key and n within
// one query, as OPA caches it per query.
#include <random>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

BuiltinStatus intn(BuiltinContext& context, std::span<const Value> args, Value& result) {
  constexpr std::string_view kName = "rand.intn";
  if (!args[0].is_string()) return context.type_error(kName, 1, "string", args[0]);
  int64_t bound = 0;
  if (!int_operand(context, kName, 2, args[1], &bound)) return BuiltinStatus::Error;
  if (bound == 0) {
    result = Value::integer(0);
    return BuiltinStatus::Ok;
  }
  // The key and the range use |n|, so n and -n share one cached result.
  uint64_t magnitude = bound < 0 ? 0 - static_cast<uint64_t>(bound) : bound;

  if (!context.rand_cache.is_defined()) context.rand_cache = Value::object();
  Value key =
      Value::array({Value::string(kName), args[0],
                    Value::number(Number::from_bigint(mpz_class(std::to_string(magnitude))))});
  if (const Value* cached = context.rand_cache.find(key)) {
    result = *cached;
    return BuiltinStatus::Ok;
  }
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::uniform_int_distribution<uint64_t> distribution(0, magnitude - 1);
  result = Value::integer(static_cast<int64_t>(distribution(generator)));
  context.rand_cache.object_insert(std::move(key), result);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_rand_builtins(Registry& registry) { registry.add("rand.intn", intn); }

}  // namespace regoc
