// Errors with OPA's error codes and source locations, shared by the compiler, the runtime and
// the CLI so that one error prints the same way everywhere.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace regoc {

// A position in a source file; row and col count from 1, 0 when unknown.
struct Location {
  std::shared_ptr<const std::string> file;  // shared by every location in one file
  int row = 0;
  int col = 0;

  const std::string& file_name() const;
};

// OPA's error codes.
namespace codes {
inline constexpr const char* kParse = "rego_parse_error";
inline constexpr const char* kCompile = "rego_compile_error";
inline constexpr const char* kType = "rego_type_error";
inline constexpr const char* kUnsafeVar = "rego_unsafe_var_error";
inline constexpr const char* kRecursion = "rego_recursion_error";
inline constexpr const char* kEvalConflict = "eval_conflict_error";
inline constexpr const char* kEvalType = "eval_type_error";
inline constexpr const char* kEvalBuiltin = "eval_builtin_error";
inline constexpr const char* kEvalWith = "eval_with_merge_error";
inline constexpr const char* kInternal = "eval_internal_error";
}  // namespace codes

// The source line that a syntax error points into, and the byte index of the error in that
// line. OPA's parser attaches these to its errors (ast.ParserErrorDetail, JSON "line" and "idx").
struct ErrorDetails {
  std::string line;
  int idx = 0;
};

struct Error {
  std::string code;
  std::string message;
  Location location;
  std::optional<ErrorDetails> details = std::nullopt;

  // OPA's form: "file:row: code: message", or "row:col: code: message" without a file. With
  // details, two more lines follow, each after "\n\t": the source line without its leading
  // tabs, and a caret under the error.
  std::string to_string() const;
};

using Errors = std::vector<Error>;

}  // namespace regoc
