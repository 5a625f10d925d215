// Helpers shared by the builtin tests, which call builtins by name with values built here.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "runtime/builtins/builtin.h"
#include "runtime/builtins/term_text.h"
#include "runtime/json.h"

namespace regoc::testing_support {

// Calls builtin `name` with a default BuiltinContext and returns its result in Rego syntax.
// Returns "undefined", "<code>: <message>" for an error, or "missing builtin" instead.
inline std::string run(std::string_view name, std::vector<Value> args) {
  const Builtin* builtin = find_builtin(name);
  if (builtin == nullptr || builtin->function == nullptr) return "missing builtin";
  BuiltinContext context;
  Value result;
  switch (builtin->function(context, args, result)) {
    case BuiltinStatus::Ok: return term_string(result);
    case BuiltinStatus::Undefined: return "undefined";
    case BuiltinStatus::Error: return context.error.code + ": " + context.error.message;
  }
  return "invalid status";
}

// Calls builtin `name` with a default BuiltinContext and returns its result, or an undefined
// value when the builtin is missing, fails or has no result.
inline Value call(std::string_view name, std::vector<Value> args) {
  const Builtin* builtin = find_builtin(name);
  if (builtin == nullptr || builtin->function == nullptr) return Value();
  BuiltinContext context;
  Value result;
  if (builtin->function(context, args, result) != BuiltinStatus::Ok) return Value();
  return result;
}

// Parses JSON text into a value. Invalid JSON adds a test failure but does not stop the test.
inline Value j(std::string_view text) {
  Value value;
  std::string error;
  if (!parse_json(text, &value, &error)) {
    ADD_FAILURE() << "invalid JSON " << text << ": " << error;
  }
  return value;
}

// Makes a Rego string value.
inline Value s(std::string_view text) { return Value::string(text); }

}  // namespace regoc::testing_support
