// The runtime ABI of JIT-compiled policies. It declares the C functions that native code calls
// for the statements it does not inline, and the per-evaluation state they share. The loader
// passes the Host table to the backend library (compiler/jit/) when it creates an executor.
//
// Every ABI function is noexcept and reports failures through its return value, so no C++
// exception ever unwinds through JIT-compiled frames. docs/jit.md has the table.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "compiler/ir.h"
#include "runtime/builtins/builtin.h"
#include "runtime/error.h"
#include "runtime/result_rows.h"
#include "runtime/value.h"

namespace regoc::jit {

// Bumped whenever a signature below changes; the backend rejects a host of another version.
inline constexpr uint32_t kAbiVersion = 4;

// Compiled code reads a Value's kind as its first byte (Value is standard-layout and `kind_`
// is its first member) and treats a Value as 16 bytes aligned to 8.
inline constexpr uint64_t kValueSize = 16;
inline constexpr uint64_t kValueAlign = 8;
inline constexpr uint8_t kUndefinedKind = 255;

// One cached result of a function without arguments (see ir::Function::memo_slot).
struct MemoEntry {
  bool computed = false;
  Value input;
  Value data;
  Value mock_values;
  Value result;
};

// The state of one evaluation. Compiled code passes it as an opaque pointer to the ABI.
struct EvalState {
  const ir::Program* program = nullptr;
  BuiltinContext* context = nullptr;
  bool strict_builtin_errors = false;
  MemoEntry* memo = nullptr;  // one entry per memo slot of the program
  // The first builtin error in strict mode. The call counts as undefined, and the error
  // becomes the outcome once the query completes, as in OPA and the interpreter.
  std::optional<Error> builtin_error;
  ResultRows* rows = nullptr;
  Error error;  // set before compiled code returns kStatusError
};

// Return codes of compiled functions.
inline constexpr int32_t kStatusOk = 0;
inline constexpr int32_t kStatusError = 1;

// Return codes of regoc_jit_call_builtin.
inline constexpr int32_t kBuiltinOk = 0;
inline constexpr int32_t kBuiltinUndefined = 1;
inline constexpr int32_t kBuiltinError = 2;

// Relations of regoc_jit_compare, one per comparison builtin (equal, neq, lt, lte, gt, gte).
enum class Relation : int32_t { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual };

// Return codes of regoc_jit_memo_lookup.
inline constexpr int32_t kMemoMiss = 0;
inline constexpr int32_t kMemoDefined = 1;
inline constexpr int32_t kMemoUndefined = 2;

// A compiled ir::Function: copies `count` arguments (input, data, mock values, then the
// function's own)
// into a new frame, runs the body and moves the result local into *result (left undefined
// when the result is). The query plan has the same shape, gets input and data only and a
// null `result`.
using CompiledFunction = int32_t (*)(EvalState* state, const Value* const* args, uint32_t count,
                                     Value* result);

// A name that compiled code calls and the host address it resolves to.
struct AbiSymbol {
  const char* name;
  void* address;
};

// The host process's table for the backend library: the ABI addresses (so the library needs no
// symbol from the executable) and the function that runs a compiled query.
struct Host {
  uint32_t abi_version = kAbiVersion;
  std::span<const AbiSymbol> symbols;
  bool (*run)(CompiledFunction query, const ir::Program& program, const Value& input,
              const Value& data, BuiltinContext& context, bool strict_builtin_errors,
              ResultRows& rows, Error* error) = nullptr;
};

// The host table of this process, with every function declared below.
const Host& host();

// The ABI. Pointers to Values point into a frame, into program.constants or into a scan's
// copy of its collection. Functions with a `bool` result return false where the statement is
// undefined (or, for the *_once functions, where it raises a conflict).
// The functions have C linkage, so their symbols carry no namespace.
extern "C" {
// Frames: `count` undefined Values, later destroyed.
void regoc_jit_frame_init(Value* frame, uint32_t count) noexcept;
void regoc_jit_frame_release(Value* frame, uint32_t count) noexcept;
// Copies args[0..count) into frame[0..count).
void regoc_jit_copy_args(Value* frame, const Value* const* args, uint32_t count) noexcept;
// Releases frame[slots[i]] for i in [0, count): the slots that own their values.
void regoc_jit_release_slots(Value* frame, const uint32_t* slots, uint32_t count) noexcept;

// Borrowing (compiler/jit/borrowed_locals.h): the *_borrow functions copy a Value's bits into
// a local that does not own its value, without counting a reference and without releasing
// what the local held. The source outlives the call: it is a parameter, a constant, or a
// value inside one.
void regoc_jit_borrow_args(Value* frame, const Value* const* args, uint32_t count) noexcept;
bool regoc_jit_dot_borrow(Value* target, const Value* a, const Value* b) noexcept;
bool regoc_jit_dot_string_borrow(Value* target, const Value* a, const Value* key) noexcept;
bool regoc_jit_dot_base_document_borrow(Value* target, const Value* a,
                                        const Value* b) noexcept;
void regoc_jit_scan_element_borrow(const Value* source, uint64_t i, Value* key,
                                   Value* value) noexcept;

// Locals.
void regoc_jit_assign(Value* target, const Value* source) noexcept;
void regoc_jit_move(Value* target, Value* source) noexcept;
bool regoc_jit_assign_once(Value* target, const Value* source) noexcept;
void regoc_jit_reset(Value* target) noexcept;

// Tests and reads.
bool regoc_jit_equal(const Value* a, const Value* b) noexcept;
bool regoc_jit_not_equal(const Value* a, const Value* b) noexcept;
bool regoc_jit_dot(Value* target, const Value* a, const Value* b) noexcept;
// Dot with a constant string key: object lookups compare the key's text directly.
bool regoc_jit_dot_string(Value* target, const Value* a, const Value* key) noexcept;
// Dot with the kDotBaseDocument flag: a number key also matches an object key of its text.
bool regoc_jit_dot_base_document(Value* target, const Value* a, const Value* b) noexcept;
bool regoc_jit_len(Value* target, const Value* a) noexcept;

// Scan: the number of elements (0 for a value that is not a collection) and element i.
uint64_t regoc_jit_scan_count(const Value* source) noexcept;
void regoc_jit_scan_element(const Value* source, uint64_t i, Value* key, Value* value) noexcept;
// The case number of `value` in a Switch table; -1 when it has none.
int32_t regoc_jit_switch_case(const Value* table, const Value* value) noexcept;

// Calls.
int32_t regoc_jit_call_builtin(EvalState* state, const ir::Stmt* stmt,
                               const Value* const* args, uint32_t count, Value* target) noexcept;
// A comparison builtin called inline: target := (a <relation> b) as a boolean; false (the call
// is undefined) when an operand is undefined.
bool regoc_jit_compare(Value* target, const Value* a, const Value* b, Relation relation) noexcept;
// Memoization keys are the call's implicit arguments args[0..kImplicitParams): input, data and
// the mock values.
int32_t regoc_jit_memo_lookup(EvalState* state, uint32_t slot, const Value* const* args,
                              Value* target) noexcept;
void regoc_jit_memo_store(EvalState* state, uint32_t slot, const Value* const* args,
                          const Value* result) noexcept;
// Moves a defined *result into *target; false when *result is undefined.
bool regoc_jit_take_result(Value* target, Value* result) noexcept;

// Construction.
void regoc_jit_make_array(Value* target) noexcept;
void regoc_jit_make_object(Value* target) noexcept;
void regoc_jit_make_set(Value* target) noexcept;
void regoc_jit_array_append(Value* target, const Value* item) noexcept;
void regoc_jit_set_add(Value* target, const Value* item) noexcept;
void regoc_jit_object_insert(Value* target, const Value* key, const Value* value) noexcept;
bool regoc_jit_object_insert_once(Value* target, const Value* key, const Value* value) noexcept;
bool regoc_jit_object_insert_path_once(Value* target, const Value* const* keys, uint32_t count,
                                       const Value* value) noexcept;
bool regoc_jit_object_set_add_path(Value* target, const Value* const* keys, uint32_t count,
                                   const Value* value) noexcept;
void regoc_jit_object_merge(Value* target, const Value* overlay) noexcept;
void regoc_jit_upsert(Value* target, const Value* document, const Value* const* keys,
                      uint32_t count, const Value* value) noexcept;

// Results and errors.
void regoc_jit_result_add(EvalState* state, const Value* const* values, uint32_t count) noexcept;
// Sets state->error to the statement's eval_conflict_error.
void regoc_jit_raise_conflict(EvalState* state, const ir::Stmt* stmt) noexcept;
}  // extern "C"

}  // namespace regoc::jit
