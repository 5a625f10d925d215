// The planned IR: what the planner produces from kernel-form Rego and what the executors run.
//
// A Program is a set of Functions and one query plan. A Function owns a frame of locals and a
// Block of statements. Control flow is structured: a statement that is undefined ends the
// Block it is in, Break{level} ends `level` + 1 enclosing Blocks, Scan runs its body once per
// element of a collection, Not runs its body and is undefined when the body completes. Every
// statement maps onto straight-line code plus branches to the end of an enclosing block, so a
// backend can lower each one directly (docs/ir.md has the table).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/error.h"
#include "runtime/value.h"

namespace regoc {
struct Builtin;
}

namespace regoc::ir {

using LocalIndex = uint32_t;

// Every function's locals 0, 1 and 2 hold `input`, `data` and the array of values that
// `with` replacements of functions by non-constant values supply (undefined when there are
// none); a Rego function's arguments follow.
inline constexpr LocalIndex kInputLocal = 0;
inline constexpr LocalIndex kDataLocal = 1;
inline constexpr LocalIndex kMockValuesLocal = 2;
inline constexpr uint32_t kImplicitParams = 3;

// Dot flag: the lookup reads the base document, where OPA converts number keys to strings.
inline constexpr uint32_t kDotBaseDocument = 1;

// A statement's operand: a local of the current frame or a constant of the program.
struct Operand {
  enum class Kind : uint8_t { Local, Constant };
  Kind kind = Kind::Local;
  uint32_t index = 0;

  static Operand local(LocalIndex i) { return {Kind::Local, i}; }
  static Operand constant(uint32_t i) { return {Kind::Constant, i}; }
  bool is_local() const { return kind == Kind::Local; }
};

enum class Op : uint8_t {
  // Control flow.
  Block,    // run blocks in order; each one ends on its own undefined statement
  Break,    // level: end level + 1 enclosing blocks
  Scan,     // source; for each element: local key, local value, run blocks[0]
  Not,      // run blocks[0]; undefined when it completes
  Switch,   // a: a value; b: a constant object from values to case numbers. Runs blocks[n]
            // for a's case n, if a has one, as a Block does; nothing otherwise
  // Locals.
  AssignVar,      // target := a
  AssignVarOnce,  // target := a; error `message` (eval_conflict_error) if set to another value
  ResetLocal,     // target := undefined
  // Tests: undefined when the test fails.
  Equal,        // a == b
  NotEqual,     // a != b
  IsDefined,    // a is defined
  IsUndefined,  // a is undefined
  IsArray,      // a is an array
  IsObject,     // a is an object
  // Reads.
  Dot,  // target := a[b]; undefined when absent or when a is not a collection. With index
        // kDotBaseDocument, a number b also matches an object key of its decimal text.
  Len,  // target := number of elements of a (array, object, set)
  // Calls.
  CallBuiltin,   // target := builtin(args); undefined when the builtin is or fails (non-strict)
  CallFunction,  // target := functions[function](args); undefined when the result is
  // Construction.
  MakeArray,             // target := []
  MakeObject,            // target := {}
  MakeSet,               // target := set()
  ArrayAppend,           // target.append(a)
  SetAdd,                // target.add(a)
  ObjectInsert,          // target[a] := b
  ObjectInsertOnce,      // target[a] := b; error `message` if a is set to another value
  ObjectInsertPathOnce,  // target[args...] := a, making nested objects; error `message` on
                         // a different leaf value
  ObjectSetAddPath,      // adds a to the set at target[args...], making nested objects and
                         // the set; error `message` when the path contains another value
  ObjectMerge,           // target := deep merge of a into target (a's leaves win)
  Upsert,                // target := a with the path args set to b (for `with`)
  // Results.
  ResultAdd,  // append one result row: the values of args (undefined entries stay undefined)
  // Coverage.
  MarkCovered,  // records that evaluation reached `location`; planned only when coverage is
                // requested, and a no-op for executors that do not record coverage
};

struct Block;

struct Stmt {
  Op op = Op::Block;
  Operand a;
  Operand b;
  LocalIndex target = 0;
  LocalIndex key = 0;    // Scan
  LocalIndex value = 0;  // Scan
  uint32_t index = 0;    // Break: level; CallBuiltin: builtin; CallFunction: function
  std::vector<Operand> args;
  std::vector<std::unique_ptr<Block>> blocks;
  std::string message;  // conflict message for the *Once statements
  Location location;
};

struct Block {
  std::vector<Stmt> stmts;
};

struct Function {
  std::string name;  // e.g. "data.pkg.p" or "data.pkg.f#2" for a variant planned under `with`
  uint32_t params = kImplicitParams;  // input, data, mock values, then the arguments
  uint32_t locals = kImplicitParams;  // frame size
  LocalIndex result = 0;
  // >= 0 when results may be cached per evaluation (functions with no arguments).
  int memo_slot = -1;
  Block body;
};

struct Program {
  std::vector<Value> constants;
  std::vector<const Builtin*> builtins;
  std::vector<Function> functions;
  Function query;  // its ResultAdd rows are the query's results
  uint32_t memo_slots = 0;
  // Result row layout: the first `expressions` entries are the query expressions' values,
  // then one entry per name in `bindings`.
  uint32_t expressions = 0;
  std::vector<std::string> bindings;
};

// The IR in text form, one statement a line, for --dump-ir and tests.
std::string to_string(const Program& program);

}  // namespace regoc::ir
