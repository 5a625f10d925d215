// The runtime ABI of JIT-compiled policies (see jit_abi.h). Each function does what the
// interpreter (runtime/interp/interpreter.cc) does for the same statement, so both executors
// produce the same results and errors.
#include "runtime/jit_abi.h"

#include <cstring>
#include <exception>
#include <array>
#include <memory>
#include <new>
#include <type_traits>

#include "runtime/interp/object_paths.h"
#include "runtime/number.h"

namespace regoc::jit {

static_assert(std::is_standard_layout_v<Value>, "compiled code reads Value::kind_ at offset 0");
static_assert(sizeof(Value) == kValueSize && alignof(Value) == kValueAlign);
static_assert(static_cast<uint8_t>(Kind::Undefined) == kUndefinedKind);

namespace {

// True when two documents are the same for memoization: the same node, or equal inline values.
// The interpreter applies the same test.
bool same_document(const Value& a, const Value& b) {
  if (a.identity() != b.identity()) return false;
  if (a.identity() != nullptr) return true;
  if (!a.is_defined() || !b.is_defined()) return a.is_defined() == b.is_defined();
  return a == b;
}

// Copies the values behind `pointers` into a vector (object paths take a span of Values).
std::vector<Value> gather(const Value* const* pointers, uint32_t count) {
  std::vector<Value> values;
  values.reserve(count);
  for (uint32_t i = 0; i < count; ++i) values.push_back(*pointers[i]);
  return values;
}

// A builtin call's arguments, contiguous as BuiltinFunction expects: the bits of each Value,
// borrowed without counting references. The arguments stay alive in the caller's frame (or
// among the constants) for the whole call, and a builtin only reads them (a copy it keeps
// counts its own reference), so nothing needs releasing afterwards.
class BorrowedArguments {
 public:
  static constexpr uint32_t kMax = 16;

  BorrowedArguments(const Value* const* args, uint32_t count) : count_(count) {
    for (uint32_t i = 0; i < count; ++i) {
      std::memcpy(storage_ + i * sizeof(Value), static_cast<const void*>(args[i]), sizeof(Value));
    }
  }
  BorrowedArguments(const BorrowedArguments&) = delete;
  BorrowedArguments& operator=(const BorrowedArguments&) = delete;

  std::span<const Value> span() const {
    return {std::launder(reinterpret_cast<const Value*>(storage_)), count_};
  }

 private:
  alignas(Value) unsigned char storage_[kMax * sizeof(Value)];
  uint32_t count_;
};

bool run_query(CompiledFunction query, const ir::Program& program, const Value& input,
               const Value& data, BuiltinContext& context, bool strict_builtin_errors,
               ResultRows& rows, Error* error) {
  EvalState state;
  state.program = &program;
  state.context = &context;
  state.strict_builtin_errors = strict_builtin_errors;
  // Most policies have few memoized rules: their entries live on the stack, so that a
  // decision allocates nothing for them. Only the program's slots are constructed.
  constexpr uint32_t kStackMemoSlots = 16;
  alignas(MemoEntry) unsigned char stack_memo[kStackMemoSlots * sizeof(MemoEntry)];
  std::vector<MemoEntry> heap_memo;
  const uint32_t slots = program.memo_slots;
  if (slots > kStackMemoSlots) {
    heap_memo.resize(slots);
    state.memo = heap_memo.data();
  } else {
    state.memo = std::launder(reinterpret_cast<MemoEntry*>(stack_memo));
    std::uninitialized_default_construct_n(state.memo, slots);
  }
  struct StackMemoRelease {
    MemoEntry* entries;
    uint32_t count;
    ~StackMemoRelease() { std::destroy_n(entries, count); }
  } release{state.memo, heap_memo.empty() ? slots : 0};
  state.rows = &rows;
  const Value* args[2] = {&input, &data};
  if (query(&state, args, 2, nullptr) != kStatusOk) {
    rows.clear();  // an error that ends evaluation leaves no results
    *error = std::move(state.error);
    return false;
  }
  if (state.builtin_error) {
    *error = std::move(*state.builtin_error);
    return false;
  }
  return true;
}

#define REGOC_JIT_SYMBOL(name) AbiSymbol{#name, reinterpret_cast<void*>(&name)}

const AbiSymbol kSymbols[] = {
    REGOC_JIT_SYMBOL(regoc_jit_frame_init),
    REGOC_JIT_SYMBOL(regoc_jit_frame_release),
    REGOC_JIT_SYMBOL(regoc_jit_copy_args),
    REGOC_JIT_SYMBOL(regoc_jit_release_slots),
    REGOC_JIT_SYMBOL(regoc_jit_borrow_args),
    REGOC_JIT_SYMBOL(regoc_jit_dot_borrow),
    REGOC_JIT_SYMBOL(regoc_jit_dot_string_borrow),
    REGOC_JIT_SYMBOL(regoc_jit_dot_base_document_borrow),
    REGOC_JIT_SYMBOL(regoc_jit_scan_element_borrow),
    REGOC_JIT_SYMBOL(regoc_jit_assign),
    REGOC_JIT_SYMBOL(regoc_jit_move),
    REGOC_JIT_SYMBOL(regoc_jit_assign_once),
    REGOC_JIT_SYMBOL(regoc_jit_reset),
    REGOC_JIT_SYMBOL(regoc_jit_equal),
    REGOC_JIT_SYMBOL(regoc_jit_not_equal),
    REGOC_JIT_SYMBOL(regoc_jit_dot),
    REGOC_JIT_SYMBOL(regoc_jit_dot_string),
    REGOC_JIT_SYMBOL(regoc_jit_dot_base_document),
    REGOC_JIT_SYMBOL(regoc_jit_len),
    REGOC_JIT_SYMBOL(regoc_jit_scan_count),
    REGOC_JIT_SYMBOL(regoc_jit_switch_case),
    REGOC_JIT_SYMBOL(regoc_jit_scan_element),
    REGOC_JIT_SYMBOL(regoc_jit_call_builtin),
    REGOC_JIT_SYMBOL(regoc_jit_compare),
    REGOC_JIT_SYMBOL(regoc_jit_memo_lookup),
    REGOC_JIT_SYMBOL(regoc_jit_memo_store),
    REGOC_JIT_SYMBOL(regoc_jit_take_result),
    REGOC_JIT_SYMBOL(regoc_jit_make_array),
    REGOC_JIT_SYMBOL(regoc_jit_make_object),
    REGOC_JIT_SYMBOL(regoc_jit_make_set),
    REGOC_JIT_SYMBOL(regoc_jit_array_append),
    REGOC_JIT_SYMBOL(regoc_jit_set_add),
    REGOC_JIT_SYMBOL(regoc_jit_object_insert),
    REGOC_JIT_SYMBOL(regoc_jit_object_insert_once),
    REGOC_JIT_SYMBOL(regoc_jit_object_insert_path_once),
    REGOC_JIT_SYMBOL(regoc_jit_object_set_add_path),
    REGOC_JIT_SYMBOL(regoc_jit_object_merge),
    REGOC_JIT_SYMBOL(regoc_jit_upsert),
    REGOC_JIT_SYMBOL(regoc_jit_result_add),
    REGOC_JIT_SYMBOL(regoc_jit_raise_conflict),
};

#undef REGOC_JIT_SYMBOL

}  // namespace

const Host& host() {
  static const Host table{kAbiVersion, kSymbols, &run_query};
  return table;
}

// NOTE: the functions below may allocate; an allocation failure inside one of them ends the
// process (they are noexcept), where the interpreter would throw std::bad_alloc.

// --- frames and locals --------------------------------------------------------------------------

void regoc_jit_frame_init(Value* frame, uint32_t count) noexcept {
  std::uninitialized_default_construct_n(frame, count);
}

void regoc_jit_frame_release(Value* frame, uint32_t count) noexcept {
  std::destroy_n(frame, count);
}

void regoc_jit_copy_args(Value* frame, const Value* const* args, uint32_t count) noexcept {
  for (uint32_t i = 0; i < count; ++i) frame[i] = *args[i];
}

void regoc_jit_release_slots(Value* frame, const uint32_t* slots, uint32_t count) noexcept {
  for (uint32_t i = 0; i < count; ++i) std::destroy_at(&frame[slots[i]]);
}

void regoc_jit_assign(Value* target, const Value* source) noexcept { *target = *source; }

void regoc_jit_move(Value* target, Value* source) noexcept { *target = std::move(*source); }

bool regoc_jit_assign_once(Value* target, const Value* source) noexcept {
  if (target->is_defined() && *target != *source) return false;
  *target = *source;
  return true;
}

void regoc_jit_reset(Value* target) noexcept { *target = Value(); }

// --- tests and reads -----------------------------------------------------------------------------

bool regoc_jit_equal(const Value* a, const Value* b) noexcept {
  return a->is_defined() && b->is_defined() && *a == *b;
}

bool regoc_jit_not_equal(const Value* a, const Value* b) noexcept {
  return a->is_defined() && b->is_defined() && *a != *b;
}

namespace {

// Sets *target to a copy of *found, which may live inside *target.
bool assign_found(Value* target, const Value* found) {
  if (!found) return false;
  Value copy = *found;
  *target = std::move(copy);
  return true;
}

// Copies the bits of `source` into a local that does not own its value (see jit_abi.h).
void borrow(Value* target, const Value& source) {
  std::memcpy(static_cast<void*>(target), &source, sizeof(Value));
}

bool borrow_found(Value* target, const Value* found) {
  if (!found) return false;
  borrow(target, *found);
  return true;
}

// A constant string key: Value::find compares it through the prefix its node caches.
const Value* find_string(const Value* a, const Value* key) { return a->find(*key); }

const Value* find_base_document(const Value* a, const Value* b) {
  const Value* found = a->find(*b);
  if (!found && a->is_object() && b->is_number()) found = a->find(b->as_number().to_string());
  return found;
}

}  // namespace

bool regoc_jit_dot(Value* target, const Value* a, const Value* b) noexcept {
  return assign_found(target, a->find(*b));
}

bool regoc_jit_dot_string(Value* target, const Value* a, const Value* key) noexcept {
  return assign_found(target, find_string(a, key));
}

bool regoc_jit_dot_base_document(Value* target, const Value* a, const Value* b) noexcept {
  return assign_found(target, find_base_document(a, b));
}

void regoc_jit_borrow_args(Value* frame, const Value* const* args, uint32_t count) noexcept {
  for (uint32_t i = 0; i < count; ++i) borrow(&frame[i], *args[i]);
}

bool regoc_jit_dot_borrow(Value* target, const Value* a, const Value* b) noexcept {
  return borrow_found(target, a->find(*b));
}

bool regoc_jit_dot_string_borrow(Value* target, const Value* a, const Value* key) noexcept {
  return borrow_found(target, find_string(a, key));
}

bool regoc_jit_dot_base_document_borrow(Value* target, const Value* a,
                                        const Value* b) noexcept {
  return borrow_found(target, find_base_document(a, b));
}

bool regoc_jit_len(Value* target, const Value* a) noexcept {
  if (!a->is_array() && !a->is_object() && !a->is_set()) return false;
  *target = Value::integer(static_cast<int64_t>(a->size()));
  return true;
}

int32_t regoc_jit_switch_case(const Value* table, const Value* value) noexcept {
  const Value* found = table->find(*value);
  int64_t case_number = -1;
  if (found == nullptr || !found->as_int64(&case_number)) return -1;
  return static_cast<int32_t>(case_number);
}

uint64_t regoc_jit_scan_count(const Value* source) noexcept {
  if (source->is_array() || source->is_object() || source->is_set()) return source->size();
  return 0;
}

void regoc_jit_scan_element(const Value* source, uint64_t i, Value* key, Value* value) noexcept {
  if (source->is_array()) {
    *key = Value::integer(static_cast<int64_t>(i));
    *value = source->array_items()[i];
  } else if (source->is_object()) {
    const Value::Entry& entry = source->object_entries()[i];
    *key = entry.first;
    *value = entry.second;
  } else {
    const Value& item = source->set_items()[i];
    *key = item;
    *value = item;
  }
}

void regoc_jit_scan_element_borrow(const Value* source, uint64_t i, Value* key,
                                   Value* value) noexcept {
  if (source->is_array()) {
    borrow(key, Value::integer(static_cast<int64_t>(i)));  // inline: nothing to own
    borrow(value, source->array_items()[i]);
  } else if (source->is_object()) {
    const Value::Entry& entry = source->object_entries()[i];
    borrow(key, entry.first);
    borrow(value, entry.second);
  } else {
    const Value& item = source->set_items()[i];
    borrow(key, item);
    borrow(value, item);
  }
}

// --- calls ---------------------------------------------------------------------------------------

int32_t regoc_jit_call_builtin(EvalState* state, const ir::Stmt* stmt, const Value* const* args,
                               uint32_t count, Value* target) noexcept {
  const Builtin* builtin = state->program->builtins[stmt->index];
  try {
    if (!builtin->function) {
      state->error = Error{codes::kInternal, builtin->name + ": not implemented", stmt->location};
      return kBuiltinError;
    }
    if (count > BorrowedArguments::kMax) {
      state->error = Error{codes::kInternal, builtin->name + ": too many arguments",
                           stmt->location};
      return kBuiltinError;
    }
    for (uint32_t i = 0; i < count; ++i) {
      if (!args[i]->is_defined()) return kBuiltinUndefined;
    }
    BorrowedArguments values(args, count);
    Value result;
    BuiltinStatus status = builtin->function(*state->context, values.span(), result);
    if (status == BuiltinStatus::Ok) {
      *target = std::move(result);
      return kBuiltinOk;
    }
    if (status == BuiltinStatus::Undefined) return kBuiltinUndefined;
    // Non-strict mode hides builtin errors, but not a conflict, which is the policy's error.
    bool conflict = state->context->error.code == codes::kEvalConflict;
    if (!state->strict_builtin_errors && !conflict) return kBuiltinUndefined;
    Error error = state->context->error;
    if (error.location.row == 0) error.location = stmt->location;
    if (conflict) {
      state->error = std::move(error);
      return kBuiltinError;
    }
    if (!state->builtin_error) state->builtin_error = std::move(error);
    return kBuiltinUndefined;
  } catch (const std::exception& e) {
    // Builtins report errors as statuses; this catches only what escapes that contract.
    state->error = Error{codes::kInternal, builtin->name + ": " + e.what(), stmt->location};
    return kBuiltinError;
  }
}

// Matches compare_builtin in runtime/builtins/comparison.cc.
bool regoc_jit_compare(Value* target, const Value* a, const Value* b, Relation relation) noexcept {
  if (!a->is_defined() || !b->is_defined()) return false;
  // Equality of two strings, the common case of policies, needs no order: texts of different
  // lengths differ without a byte compared.
  bool equality = relation == Relation::Equal || relation == Relation::NotEqual;
  if (equality && a->is_string() && b->is_string()) {
    *target = Value::boolean((a->as_string() == b->as_string()) == (relation == Relation::Equal));
    return true;
  }
  int order = a->compare(*b);
  bool holds = false;
  switch (relation) {
    case Relation::Equal:
      holds = order == 0;
      break;
    case Relation::NotEqual:
      holds = order != 0;
      break;
    case Relation::Less:
      holds = order < 0;
      break;
    case Relation::LessOrEqual:
      holds = order <= 0;
      break;
    case Relation::Greater:
      holds = order > 0;
      break;
    case Relation::GreaterOrEqual:
      holds = order >= 0;
      break;
  }
  *target = Value::boolean(holds);
  return true;
}

int32_t regoc_jit_memo_lookup(EvalState* state, uint32_t slot, const Value* const* args,
                              Value* target) noexcept {
  const MemoEntry& memo = state->memo[slot];
  if (!memo.computed || !same_document(memo.input, *args[ir::kInputLocal]) ||
      !same_document(memo.data, *args[ir::kDataLocal]) ||
      !same_document(memo.mock_values, *args[ir::kMockValuesLocal])) {
    return kMemoMiss;
  }
  if (!memo.result.is_defined()) return kMemoUndefined;
  *target = memo.result;
  return kMemoDefined;
}

void regoc_jit_memo_store(EvalState* state, uint32_t slot, const Value* const* args,
                          const Value* result) noexcept {
  MemoEntry& memo = state->memo[slot];
  memo.computed = true;
  memo.input = *args[ir::kInputLocal];
  memo.data = *args[ir::kDataLocal];
  memo.mock_values = *args[ir::kMockValuesLocal];
  memo.result = *result;
}

bool regoc_jit_take_result(Value* target, Value* result) noexcept {
  if (!result->is_defined()) return false;
  *target = std::move(*result);
  return true;
}

// --- construction --------------------------------------------------------------------------------

void regoc_jit_make_array(Value* target) noexcept { *target = Value::array(); }

void regoc_jit_make_object(Value* target) noexcept { *target = Value::object(); }

void regoc_jit_make_set(Value* target) noexcept { *target = Value::set(); }

void regoc_jit_array_append(Value* target, const Value* item) noexcept {
  target->array_append(*item);
}

void regoc_jit_set_add(Value* target, const Value* item) noexcept { target->set_insert(*item); }

void regoc_jit_object_insert(Value* target, const Value* key, const Value* value) noexcept {
  target->object_insert(*key, *value);
}

bool regoc_jit_object_insert_once(Value* target, const Value* key, const Value* value) noexcept {
  const Value* existing = target->find(*key);
  if (existing) return *existing == *value;
  target->object_insert(*key, *value);
  return true;
}

bool regoc_jit_object_insert_path_once(Value* target, const Value* const* keys, uint32_t count,
                                       const Value* value) noexcept {
  std::vector<Value> path = gather(keys, count);
  return insert_path_once(*target, path, *value);
}

bool regoc_jit_object_set_add_path(Value* target, const Value* const* keys, uint32_t count,
                                   const Value* value) noexcept {
  std::vector<Value> path = gather(keys, count);
  return set_add_path(*target, path, *value);
}

void regoc_jit_object_merge(Value* target, const Value* overlay) noexcept {
  *target = merge_objects(*target, *overlay);
}

void regoc_jit_upsert(Value* target, const Value* document, const Value* const* keys,
                      uint32_t count, const Value* value) noexcept {
  std::vector<Value> path = gather(keys, count);
  *target = upsert_path(*document, path, *value);
}

// --- results and errors --------------------------------------------------------------------------

void regoc_jit_result_add(EvalState* state, const Value* const* values, uint32_t count) noexcept {
  state->rows->add(values, count);
}

void regoc_jit_raise_conflict(EvalState* state, const ir::Stmt* stmt) noexcept {
  state->error = Error{codes::kEvalConflict, stmt->message, stmt->location};
}

}  // namespace regoc::jit
