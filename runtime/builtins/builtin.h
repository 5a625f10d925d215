// The builtin function interface: how executors call a builtin and how a builtin reports a
// result, an undefined result or an error.
//
// A builtin never throws: it returns a status and, on error, fills the context's error so that
// errors cross the interpreter and JIT-compiled code as values.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "runtime/error.h"
#include "runtime/value.h"

namespace regoc {

enum class BuiltinStatus : uint8_t {
  Ok,         // result holds the value
  Undefined,  // no value (e.g. a failed lookup); not an error
  Error,      // context.error holds the error
};

// Per-evaluation state that builtins read or write. One context serves one query evaluation
// and is used by one thread at a time.
struct BuiltinContext {
  // time.now_ns() for the whole evaluation, which OPA fixes once per query. It stays 0 until
  // now() reads the clock, so an evaluation that never uses the time does not read it.
  int64_t now_ns = 0;
  // Receives the line that print() writes (without the trailing newline); none when null.
  // A pointer, so that setting up a context for each decision copies no function object.
  const std::function<void(std::string_view)>* print = nullptr;
  // Seed-independent state for rand.intn: OPA caches results per (string, n) in one query.
  Value rand_cache;

  Error error;

  // Returns the evaluation's time in nanoseconds since the Unix epoch, reading the system
  // clock on the first call when now_ns is 0.
  int64_t now();
  // Fills `error` and returns BuiltinStatus::Error.
  BuiltinStatus fail(std::string code, std::string message);
  // OPA's operand type error: "<name>: operand <index> must be <expected> but got <actual>".
  BuiltinStatus type_error(std::string_view name, int operand, std::string_view expected,
                           const Value& actual);
};

// Calls a builtin. `args` contains exactly `arity` values (any number for a variadic builtin);
// only print accepts undefined values among them.
using BuiltinFunction = BuiltinStatus (*)(BuiltinContext& context, std::span<const Value> args,
                                          Value& result);

struct Builtin {
  std::string name;  // "glob.match", "plus", "internal.member_2"
  // Number of operands; -1 for a variadic builtin (print).
  int arity = 0;
  // Null for a builtin that OPA declares but regoc does not implement yet.
  BuiltinFunction function = nullptr;
  // Builtins whose result may differ between two calls with equal arguments (rand, now,
  // http.send); the planner never folds or memoizes them.
  bool nondeterministic = false;
  // OPA's declaration of the builtin's types, as in a capabilities file ("decl" member),
  // as JSON text; empty when unknown.
  std::string_view declaration;
  // The infix operator that calls the builtin ("+", "==", "in"); empty for none.
  std::string_view infix;
  // True for walk, which OPA evaluates as a relation with many results, not a function.
  bool relation = false;
  // OPA marks the builtin deprecated; v1 policies may not call it.
  bool deprecated = false;
};

// Looks up a builtin by name; nullptr when OPA declares none. A declared builtin that regoc
// does not implement yet is found, with a null `function`.
const Builtin* find_builtin(std::string_view name);

// Every builtin that OPA declares, sorted by name; `function` is null for those that regoc
// does not implement yet.
std::span<const Builtin* const> all_builtins();

}  // namespace regoc
